/**
 * The canonical text every stage sees (rules, lexical model, transformer, near-duplicate keys), with a
 * map back to the original so evidence can point at what the user wrote.
 *
 * Order matters and is fixed: invisible characters go first so nothing downstream sees a word broken
 * by them; NFKC before anything that looks at letters; Arabic marks and tatweel go before the steps
 * that look at what precedes a '#' or '@'; hashtags before case folding (CamelCase tags are split on
 * case) and before spaced letters (tags give "a_b_c" spaces); spaced letters are joined before
 * leetspeak and look-alikes are undone inside the joined word; repeated letters after every step
 * that can bring letters together; URLs are recognised after every step that can turn text into a
 * host name (ß → ss, j.i.h.a.d.com, j1had.com) or change one (www → ww), and removing a scheme or a
 * path joins no letters; NFKC once more at the end, because deleting a mark or a '#' can put two
 * characters side by side that compose (Hangul jamo). The result is a fixed point:
 * normalize(normalize(x).text).text === normalize(x).text.
 */
import type { Normalized } from '../types.js';
import { runSteps } from './pipeline.js';
import { arabicLetters, elongation } from './steps/arabic.js';
import { bidiControls, zeroWidth } from './steps/invisible.js';
import { accentFold, caseFold, homoglyphs, leetspeak, repeatedLetters } from './steps/latin.js';
import { nfkc } from './steps/nfkc.js';
import { spacedLetters } from './steps/spaced.js';
import type { Step } from './steps/step.js';
import { hashtag, htmlEntities, mention, url } from './steps/web.js';
import { whitespace } from './steps/whitespace.js';

export { toOriginalSpan } from './offsets.js';
export { arabiziView } from './arabizi.js';

/** Bump whenever the output of normalize() or arabiziView() can change: models and rule packs depend on it. */
export const NORMALIZER_VERSION = '1.0.0';

const STEPS: readonly Step[] = [
  zeroWidth,
  bidiControls,
  htmlEntities,
  nfkc,
  arabicLetters,
  hashtag,
  mention,
  caseFold,
  spacedLetters,
  homoglyphs,
  leetspeak,
  accentFold,
  elongation,
  repeatedLetters,
  url,
  nfkc,
  whitespace,
];

export function normalize(text: string): Normalized {
  return runSteps(text, STEPS);
}
