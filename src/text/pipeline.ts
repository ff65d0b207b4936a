import { fromString, toNormalized } from './aligned.js';
import type { Step } from './steps/step.js';
import type { Normalized } from '../types.js';

export interface Pipeline {
  steps: readonly Step[];
  /**
   * Whether a round that changed the text may have exposed work for a step that already ran (removing
   * "www." can leave a dotted run of single letters, deleting a mark can join "&" and "amp;"). False
   * must be safe; true only costs another round.
   */
  mayChangeAgain(text: string, fired: ReadonlySet<string>): boolean;
}

// Pathological input could keep exposing work; real text needs at most a second round.
const MAX_ROUNDS = 4;

/**
 * Runs the steps in order over `text`, again while a round may have left work for an earlier step, so
 * that the result is a fixed point. Records (once) the name of every step that changed something.
 */
export function runPipeline(text: string, p: Pipeline): Normalized {
  const all = new Set<string>();
  let a = fromString(text);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const fired = new Set<string>();
    const record = (name: string): void => {
      fired.add(name);
      all.add(name);
    };
    for (const step of p.steps) a = step(a, record);
    if (fired.size === 0 || !p.mayChangeAgain(a.text, fired)) break;
  }
  return toNormalized(a, [...all]);
}
