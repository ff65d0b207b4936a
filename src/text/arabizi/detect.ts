/**
 * Is a post Arabizi? Latin-script Arabic shares its letters with six European languages and borrows
 * their vocabulary, so the verdict weighs digit letters and Arabizi-only words against European
 * function words, and never rests on loanwords (jihad, shaheed) alone.
 */
import { WEAK_SPELLINGS } from './lexicon.js';
import { HAS_LETTER, lookup, WORD } from './words.js';

/** European function words: their presence says the Latin text is a European language, not Arabizi. */
const EUROPEAN = new Set(
  (
    'the and of to is are was were in on for with this that these those they you we it be not will have has from by our ' +
    'their his her at as but or if what who all my your i a an he she them there been would can just so do no me us ' +
    'le la les des est et une un du dans pour que qui pas sur il ils nous vous au aux ce cette son sa ses avec par mais ou je tu elle sont ont de ' +
    'der die das und ist nicht ein eine ich mit zu den von sie wir auf dem im es auch sich wie wird sind aus bei ' +
    'che di e non per sono gli del della lo con da si ha ma anche come questo nel alla ' +
    'el los las y por para se al su como pero sus ya este esta ' +
    'het een en van niet dat op te ik wij zijn voor met aan er maar om ook als nog wordt hij zij naar'
  ).split(' '),
);
/** European function words that are also Arabizi particles (el, la, da, ya). */
const AMBIGUOUS = new Set([...EUROPEAN].filter((w) => WEAK_SPELLINGS.has(w)));
const UNIT_OR_ORDINAL = /^\d+(?:st|nd|rd|th|am|pm|k|m|km|kg|mb|gb|g|x|d|s|h|hr|hrs|min|yo|cm|mm|ml|mg|ft|lbs?|mph|day|days)$/;
const ARABIZI_DIGIT = /[2356789]/;
const DIGIT_PAIR = /\d\d/;
const VOWEL = /[aeiouy]/;

/** A word that uses digits as letters: 3ala, 7arb, ba3d, sa7. Not 2015, 3rd, 5km, mp3 or leetspeak h3ll0 (no vowel left). */
function isDigitWord(w: string): boolean {
  const letters = w.replace(/[^a-z]/g, '');
  return (
    letters.length >= 2 &&
    ARABIZI_DIGIT.test(w) &&
    !DIGIT_PAIR.test(w) &&
    VOWEL.test(letters) &&
    !UNIT_OR_ORDINAL.test(w)
  );
}

// Arabic words: runs of Arabic letters with their marks and tatweel, holding at least one letter; not
// digits or punctuation, which normalisation changes.
const ARABIC_WORD =
  /[\u0610-\u061A\u0640\u064B-\u065F\u0670\u06D6-\u06ED]*[\u0620-\u063F\u0641-\u064A\u066E\u066F\u0671-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FF\u0750-\u077F\u08A0-\u08C9][\u0610-\u061A\u0620-\u065F\u066E-\u06D3\u06D5-\u06EF\u06FA-\u06FF\u0750-\u077F\u08A0-\u08FF]*/g;
// What the cleaning steps change in ways that can add Latin or European words: tags (split on case),
// entities, invisible characters, accented letters. Without these (and with NFKC a no-op), cleaning
// only lower-cases and removes URLs and mentions, which never makes a post look more Arabizi.
const CLEANING_ADDS_WORDS = /[#&\u00AD\u00C0-\u024F\u0300-\u036F\u034F\u061C\u180E\u1E00-\u1EFF\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;

export function countArabicWords(text: string): number {
  return text.match(ARABIC_WORD)?.length ?? 0;
}

/**
 * A cheap verdict on the raw text for the common case (an English or Arabic post): true only when the
 * full check on the cleaned text would say "not Arabizi" too.
 */
export function plainlyNotArabizi(text: string): boolean {
  if (CLEANING_ADDS_WORDS.test(text) || text.normalize('NFKC') !== text) return false;
  const words = text.toLowerCase().match(WORD) ?? [];
  return ruledOut(words.filter((w) => HAS_LETTER.test(w)), countArabicWords(text));
}

/**
 * Arabizi when Latin-script words are at least as many as Arabic-script ones, at least 40% of them
 * are Arabizi signals, European function words are few, and there is more than borrowed vocabulary:
 * a digit word, an Arabizi-only word, or an article or particle (el, wa) next to Arabic vocabulary.
 * "May Allah accept the shaheed" is English; an Arabic post that names "MI5" is Arabic.
 */
export function isArabizi(words: string[], arabicWords: number): boolean {
  const latinWords = words.filter((w) => HAS_LETTER.test(w));
  if (ruledOut(latinWords, arabicWords)) return false;
  const european = latinWords.filter((w) => EUROPEAN.has(w));
  // "el", "la", "da" are European words too: they count for whichever side the other words take.
  const ambiguous = european.filter((w) => AMBIGUOUS.has(w)).length;
  const plainEuropean = european.length - ambiguous;
  let digit = 0;
  let strong = 0;
  let weak = plainEuropean > 0 ? 0 : ambiguous;
  let content = 0;
  for (const w of latinWords) {
    if (EUROPEAN.has(w)) continue;
    const entry = lookup(w);
    if (entry?.kind === 'strong') strong++;
    else if (entry?.kind === 'content') content++;
    else if (entry?.kind === 'weak') weak++;
    else if (isDigitWord(w)) digit++;
  }
  const against = plainEuropean > 0 ? european.length : 0;
  const signal = digit + strong + weak + content;
  return (
    signal * 10 >= latinWords.length * 4 &&
    against * 2 <= signal &&
    (digit + strong > 0 || (weak > 0 && content > 0))
  );
}

/**
 * The part of the verdict that needs no lexicon: Arabic script dominates, or there are so many
 * European function words that even if every other word were an Arabizi signal it would not be enough.
 * Most posts stop here.
 */
function ruledOut(latinWords: string[], arabicWords: number): boolean {
  if (latinWords.length === 0 || latinWords.length < arabicWords) return true;
  const european = latinWords.filter((w) => EUROPEAN.has(w));
  if (european.every((w) => AMBIGUOUS.has(w))) return false;
  const rest = latinWords.length - european.length;
  return rest * 10 < latinWords.length * 4 || rest < european.length * 2;
}

