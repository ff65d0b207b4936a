import type { Aligned } from '../aligned.js';

/** One normalisation stage: returns its input unchanged, or the new text after calling `fired` with its step name(s). */
export type Step = (a: Aligned, fired: (name: string) => void) => Aligned;

/** Wraps a single-purpose transform so that it reports `name` whenever it changed the text. */
export function named(name: string, run: (a: Aligned) => Aligned): Step {
  return (a, fired) => {
    const out = run(a);
    if (out !== a) fired(name);
    return out;
  };
}
