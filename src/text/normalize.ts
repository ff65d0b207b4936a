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
 * j1had.com, www → ww). A few steps can still expose work for earlier ones (removing "www." can leave
 * a dotted run of single letters), so the sequence runs again when that may have happened: the
 * result is a fixed point, normalize(normalize(x).text).text === normalize(x).text.
 */
import type { Normalized } from '../types.js';
import { runPipeline, type Pipeline } from './pipeline.js';
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
export const NORMALIZER_VERSION = '1.1.0';

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

const PIPELINE: Pipeline = {
  steps: STEPS,
  // What a round can leave for an earlier step: removing a URL's scheme or "www." can free single
  // letters for spaced_letters; any deletion or substitution can complete an HTML entity (only with
  // an "&" in the text) or a sequence that NFKC composes (Hangul jamo, a letter and a mark).
  mayChangeAgain: (text, fired) => fired.has('url') || text.includes('&') || text.normalize('NFKC') !== text,
};

export function normalize(text: string): Normalized {
  return runPipeline(text, PIPELINE);
}
