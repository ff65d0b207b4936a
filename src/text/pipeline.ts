import { fromString, toNormalized } from './aligned.js';
import type { Step } from './steps/step.js';
import { hasEntity } from './steps/web.js';
import type { Normalized } from '../types.js';

// Deleting a mark or a look-alike letter can join "&" and "amp;" into an entity that the first round
// had no chance to decode; another round decodes it. Each round consumes at least one entity, and
// real text never needs more than one extra round.
const MAX_ROUNDS = 4;

/** Runs the steps in order over `text`, recording (once) the name of every step that changed something. */
export function runSteps(text: string, steps: readonly Step[]): Normalized {
  const fired = new Set<string>();
  const record = (name: string): void => {
    fired.add(name);
  };
  let a = fromString(text);
  for (let round = 0; round < MAX_ROUNDS && (round === 0 || hasEntity(a.text)); round++) {
    for (const step of steps) a = step(a, record);
  }
  return toNormalized(a, [...fired]);
}
