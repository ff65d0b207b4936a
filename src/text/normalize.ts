/**
 * The canonical text every stage sees (rules, lexical model, transformer, near-duplicate keys), with a
 * map back to the original so evidence can point at what the user wrote.
 *
 * Order matters: invisible characters go first so nothing downstream sees a word broken by them;
 * NFKC before anything that looks at letters; Arabic marks and tatweel before the steps that look at
 * what precedes a '#' or '@'; hashtags before case folding (CamelCase tags are split on case) and
 * before spaced letters (tags give "a_b_c" spaces); spaced letters are joined before look-alikes,
 * accents and leetspeak are undone inside the joined word; repeated letters after every step that
 * can bring letters together; URLs after every step that can make or change a host name (ß → ss,
 * j1had.com, www → ww). Some steps still expose work for earlier ones (removing "www." can leave a
 * dotted run of single letters), so the whole sequence repeats until nothing changes: the result is
 * a fixed point, normalize(normalize(x).text).text === normalize(x).text.
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
  accentFold,
  leetspeak,
  elongation,
  repeatedLetters,
  url,
  whitespace,
];

export function normalize(text: string): Normalized {
  return runSteps(text, STEPS);
}
