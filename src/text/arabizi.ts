/**
 * Arabizi: Arabic written in Latin letters, with digits for the sounds Latin lacks (3 ع, 7 ح, 5 خ,
 * 2 ء, 6 ط, 8 غ, 9 ص). arabiziView() gives such a post an Arabic-script reading, normalised like
 * Arabic, so the Arabic rule pack can read "el dawla el islamiya" as "الدوله الاسلاميه".
 *
 * 9 is read as ص (its Gulf and Levantine use; Iraqi writers sometimes mean ق) and 8 as غ.
 */
import type { Normalized } from '../types.js';
import { fromString, toNormalized } from './aligned.js';
import { countArabicWords, isArabizi, plainlyNotArabizi } from './arabizi/detect.js';
import { transliterate } from './arabizi/transliterate.js';
import { WORD } from './arabizi/words.js';
import { arabicLetters, elongation } from './steps/arabic.js';
import { bidiControls, zeroWidth } from './steps/invisible.js';
import { accentFold, caseFold } from './steps/latin.js';
import { nfkc } from './steps/nfkc.js';
import type { Step } from './steps/step.js';
import { hashtag, htmlEntities, mention, url } from './steps/web.js';
import { whitespace } from './steps/whitespace.js';

/** The cleaning normalize() also does, minus the Latin obfuscation steps (leetspeak would eat the digit letters). */
const BEFORE: readonly Step[] = [zeroWidth, bidiControls, htmlEntities, nfkc, arabicLetters, hashtag, mention, caseFold, accentFold, url];
/** Arabic normalisation of the transliterated text (the lexicon writes أ and ة). */
const AFTER: readonly Step[] = [arabicLetters, elongation, whitespace];
const HAS_LATIN = /[a-z]/i;

/** The Arabic-script reading of an Arabizi post, mapped to the original; null when the post is not Arabizi. */
export function arabiziView(text: string): Normalized | null {
  if (!HAS_LATIN.test(text) || plainlyNotArabizi(text)) return null;
  const fired: string[] = [];
  const record = (name: string): void => {
    if (!fired.includes(name)) fired.push(name);
  };
  let a = fromString(text);
  for (const step of BEFORE) a = step(a, record);
  const words = [...a.text.matchAll(WORD)];
  if (!isArabizi(words.map((w) => w[0]), countArabicWords(a.text))) return null;
  a = transliterate(a, words);
  record('arabizi');
  for (const step of AFTER) a = step(a, record);
  return toNormalized(a, fired);
}
