/**
 * Arabizi: Arabic written in Latin letters, with digits for the sounds Latin lacks (3 ع, 7 ح, 5 خ,
 * 2 ء, 6 ط, 8 غ, 9 ص). arabiziView() gives such a post an Arabic-script reading, normalised like
 * Arabic, so the Arabic rule pack can read "el dawla el islamiya" as "الدوله الاسلاميه".
 *
 * 9 is read as ص (its Gulf and Levantine use; Iraqi writers sometimes mean ق) and 8 as غ.
 */
import type { Normalized } from '../types.js';
import { Editor, fromString, toNormalized, type Aligned } from './aligned.js';
import { arabiziKey, LEXICON, WEAK_SPELLINGS, type LexiconEntry } from './arabizi_lexicon.js';
import { arabicLetters, elongation } from './steps/arabic.js';
import { bidiControls, zeroWidth } from './steps/invisible.js';
import { accentFold, caseFold } from './steps/latin.js';
import { nfkc } from './steps/nfkc.js';
import type { Step } from './steps/step.js';
import { hashtag, htmlEntities, mention, url } from './steps/web.js';
import { whitespace } from './steps/whitespace.js';

/** The cleaning normalize() also does, minus the Latin obfuscation steps (leetspeak would eat the digit letters). */
const BEFORE: readonly Step[] = [zeroWidth, bidiControls, htmlEntities, nfkc, arabicLetters, hashtag, mention, caseFold, accentFold, url];
const AFTER: readonly Step[] = [arabicLetters, elongation, whitespace];

// A Latin word (apostrophes allowed inside, for 3' and insha'allah); never part of a mention or a domain.
const WORD = /(?<![\p{L}\p{N}\p{M}@.'_])[a-z0-9][a-z0-9']*(?![\p{L}\p{N}\p{M}]|\.\p{L})/gu;
const HAS_LATIN = /[a-z]/i;
const HAS_LETTER = /[a-z]/;

export function arabiziView(text: string): Normalized | null {
  if (!HAS_LATIN.test(text)) return null;
  const fired: string[] = [];
  const record = (name: string): void => {
    fired.push(name);
  };
  let a = fromString(text);
  for (const step of BEFORE) a = step(a, record);
  const words = [...a.text.matchAll(WORD)];
  if (!isArabizi(words.map((w) => w[0]))) return null;
  a = transliterate(a, words);
  record('arabizi');
  for (const step of AFTER) a = step(a, record);
  return toNormalized(a, fired);
}

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

/**
 * Arabizi when at least 40% of the Latin words are Arabizi signals, European function words are few,
 * and there is more than borrowed vocabulary: a digit word, an Arabizi-only word, or an article or
 * particle (el, wa) next to Arabic vocabulary. "May Allah accept the shaheed" is English.
 */
function isArabizi(words: string[]): boolean {
  const latinWords = words.filter((w) => HAS_LETTER.test(w));
  const european = latinWords.filter((w) => EUROPEAN.has(w));
  // "el", "la", "da" are European words too: they count for whichever side the other words take.
  const ambiguous = european.filter((w) => AMBIGUOUS.has(w)).length;
  const plainEuropean = european.length - ambiguous;
  if (plainEuropean > 0) {
    // Every European word counts against; even if all the rest were signals, is it enough? Most
    // European-language posts stop here, before any lexicon look-up.
    const rest = latinWords.length - european.length;
    if (rest * 10 < latinWords.length * 4 || rest < european.length * 2) return false;
  }
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

// Article glued to a known word: aldawla, wal-khilafa is handled as two words, but eldawla is one.
const GLUED_ARTICLE = /^([wbfk]?)(?:el|al|il)(.{3,})$/;
const GLUED_LAM_ARTICLE = /^l(?:el|al|il)(.{3,})$/;
const PROCLITIC: Record<string, string> = { w: 'و', b: 'ب', f: 'ف', k: 'ك', '': '' };
// Between a clitic word and its host: whitespace or a hyphen only ("el dawla", "al-dawla").
const CLITIC_GAP = /^(?:\s+|\s*-\s*)$/;

function transliterate(a: Aligned, words: RegExpMatchArray[]): Aligned {
  const ed = new Editor(a);
  words.forEach((m, k) => {
    const start = m.index!;
    const word = m[0];
    const end = start + word.length;
    if (!HAS_LETTER.test(word)) return;
    const entry = lookup(word);
    if (entry !== undefined) {
      ed.replace(start, end, entry.arabic);
      const next = words[k + 1];
      if (entry.prefix && next !== undefined && CLITIC_GAP.test(a.text.slice(end, next.index))) {
        ed.remove(end, next.index!, false);
      }
      return;
    }
    const glued = gluedArticle(word);
    if (glued !== null) {
      ed.replace(start, start + glued.split, glued.prefix);
      ed.replace(start + glued.split, end, glued.entry.arabic);
      return;
    }
    for (const p of spell(word)) {
      if (p.out === '') ed.remove(start + p.from, start + p.to, true);
      else ed.replace(start + p.from, start + p.to, p.out);
    }
  });
  return ed.finish();
}

function gluedArticle(word: string): { prefix: string; split: number; entry: LexiconEntry } | null {
  const lam = GLUED_LAM_ARTICLE.exec(word);
  if (lam !== null) {
    const entry = lookup(lam[1]!);
    if (entry !== undefined && !entry.prefix) return { prefix: 'لل', split: word.length - lam[1]!.length, entry };
  }
  const m = GLUED_ARTICLE.exec(word);
  if (m === null) return null;
  const entry = lookup(m[2]!);
  if (entry === undefined || entry.prefix) return null;
  return { prefix: `${PROCLITIC[m[1]!]!}ال`, split: word.length - m[2]!.length, entry };
}

// Lexicon keys of the words seen so far: posts repeat the same words, and arabiziKey() is many regex passes.
const keys = new Map<string, string>();
const MAX_CACHED_KEYS = 100_000;

function lookup(word: string): LexiconEntry | undefined {
  let key = keys.get(word);
  if (key === undefined) {
    if (keys.size >= MAX_CACHED_KEYS) keys.clear();
    key = arabiziKey(word);
    keys.set(word, key);
  }
  return LEXICON.get(key);
}

interface Piece {
  out: string;
  from: number;
  to: number;
}

const DIGRAPHS: Record<string, string> = {
  "3'": 'غ', "7'": 'خ', "9'": 'ض', "6'": 'ظ',
  sh: 'ش', ch: 'ش', kh: 'خ', gh: 'غ', th: 'ث', dh: 'ذ', dj: 'ج',
  aa: 'ا', ee: 'ي', ii: 'ي', iy: 'ي', yy: 'ي', oo: 'و', ou: 'و', uu: 'و',
};
const LETTERS: Record<string, string> = {
  '2': 'ء', '3': 'ع', '5': 'خ', '6': 'ط', '7': 'ح', '8': 'غ', '9': 'ص',
  b: 'ب', c: 'ك', d: 'د', f: 'ف', g: 'ج', h: 'ه', j: 'ج', k: 'ك', l: 'ل', m: 'م', n: 'ن', p: 'ب',
  q: 'ق', r: 'ر', s: 'س', t: 'ت', v: 'ف', w: 'و', x: 'كس', y: 'ي', z: 'ز',
};
const VOWELS = 'aeiou';

/**
 * Letter by letter, for words the lexicon lacks. Short vowels are not written in Arabic and Arabizi
 * can't tell them from long ones, so: a vowel at the start is alef; inside a word only i (mostly long)
 * is written, as ي; 2 at the start is alef; at the end a → ه in longer words (ة, the common noun ending) and ا in short ones,
 * e → ه/ي likewise, i → ي, o/u → و. Doubled consonants are written once (Arabic uses shadda).
 */
function spell(word: string): Piece[] {
  const pieces: Piece[] = [];
  const n = word.length;
  let prevConsonant = '';
  for (let i = 0; i < n; ) {
    const pair = word.slice(i, i + 2);
    const c = word[i]!;
    const final = i === n - 1;
    let out: string;
    let len = 1;
    if (c === '2' && i === 0) {
      out = 'ا'; // hamza on a word-initial alef, which normalisation folds into plain alef anyway
    } else if (VOWELS.includes(c) && (i === 0 || word[i - 1] === "'")) {
      out = 'ا';
      len = DIGRAPHS[pair] !== undefined && VOWELS.includes(pair[1]!) ? 2 : 1;
    } else if (DIGRAPHS[pair] !== undefined) {
      out = DIGRAPHS[pair];
      len = 2;
    } else if (VOWELS.includes(c)) {
      out = final ? finalVowel(c, n) : c === 'i' ? 'ي' : '';
    } else if (c === "'") {
      out = '';
    } else if (c === prevConsonant) {
      out = '';
    } else {
      out = LETTERS[c] ?? c;
    }
    prevConsonant = len === 1 && !VOWELS.includes(c) && c !== "'" ? c : '';
    pieces.push({ out, from: i, to: i + len });
    i += len;
  }
  return pieces;
}

function finalVowel(c: string, wordLength: number): string {
  if (c === 'a') return wordLength >= 5 ? 'ه' : 'ا';
  if (c === 'e') return wordLength >= 4 ? 'ه' : 'ي';
  if (c === 'i') return 'ي';
  return 'و';
}
