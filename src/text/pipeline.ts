import { fromString, toNormalized } from './aligned.js';
import type { Step } from './steps/step.js';
import type { Normalized } from '../types.js';

// One step can expose work for an earlier one: removing "www." leaves a dotted run of single letters,
// deleting a mark joins "&" and "amp;". The steps are therefore repeated until a round changes
// nothing, which makes normalisation idempotent by construction. For almost every text the second
// round is only that check; the cap stops pathological input.
const MAX_ROUNDS = 4;

/** Runs the steps in order over `text` until the text stops changing, recording (once) every step that changed something. */
export function runSteps(text: string, steps: readonly Step[]): Normalized {
  const fired = new Set<string>();
  const record = (name: string): void => {
    fired.add(name);
  };
  let a = fromString(text);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const before = a.text;
    for (const step of steps) a = step(a, record);
    if (a.text === before) break;
  }
  return toNormalized(a, [...fired]);
}
