/**
 * The obfuscations of the functional suite, applied to a positive case to test that basira still sees it:
 * pure and deterministic (the randomness is a PRNG seeded by the case id), so the suite is the same on every run.
 * Every one but repeated_letters is undone exactly by normalize(); the tests hold them to that.
 */
import { mulberry32 } from '../bootstrap.js';

export const OBFUSCATIONS = [
  'zero_width',
  'tatweel',
  'diacritics',
  'presentation_forms',
  'leetspeak',
  'homoglyphs',
  'spaced_letters',
  'repeated_letters',
] as const;
export type Obfuscation = (typeof OBFUSCATIONS)[number];

/** normalize(obfuscate(x)).text === normalize(x).text for these; repeated letters keep two of a run, so not that one. */
export const LOSSLESS: readonly Obfuscation[] = OBFUSCATIONS.filter((o) => o !== 'repeated_letters');

type Rand = () => number;

/** FNV-1a of the seed string, so each case gets its own stream of draws. */
function seeded(seed: string): Rand {
  let h = 0x811c9dc5;
  for (const c of seed) {
    h ^= c.codePointAt(0) as number;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return mulberry32(h);
}

const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;
const WORD_CHAR = /[\p{L}\p{M}\p{N}@$]/u;
const LATIN_LETTER = /(?=\p{L})\p{Script=Latin}/u;
const ARABIC_LETTER = /(?=\p{L})\p{Script=Arabic}/u;

/** A run of letters (with their marks) from one script, as code-point offsets [start, end). */
interface Word {
  start: number;
  end: number;
}

/**
 * Words whose letters all pass `isLetter` and that touch no other letter, digit or @/$ (a word glued to a
 * digit is a token like "mp3", not a word to obfuscate).
 */
function words(cps: readonly string[], isLetter: (c: string) => boolean): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < cps.length) {
    if (!WORD_CHAR.test(cps[i] as string)) {
      i++;
      continue;
    }
    const start = i;
    let clean = true;
    while (i < cps.length && WORD_CHAR.test(cps[i] as string)) {
      const c = cps[i] as string;
      if (!(MARK.test(c) ? i > start : isLetter(c))) clean = false;
      i++;
    }
    if (clean) out.push({ start, end: i });
  }
  return out;
}

/** Indexes of the letters of a word (its marks skipped). */
const lettersOf = (cps: readonly string[], w: Word): number[] => {
  const idx: number[] = [];
  for (let i = w.start; i < w.end; i++) if (LETTER.test(cps[i] as string)) idx.push(i);
  return idx;
};

/** Inserts `what(i)` before code point i, for every i in `at`. */
function insertBefore(cps: readonly string[], at: ReadonlyMap<number, string>): string {
  return cps.map((c, i) => (at.get(i) ?? '') + c).join('');
}

const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060'];

/** One zero-width character between two letters of every word of three letters or more. */
function zeroWidth(cps: readonly string[], rand: Rand): string {
  const at = new Map<number, string>();
  for (const w of words(cps, (c) => LETTER.test(c))) {
    const letters = lettersOf(cps, w);
    if (letters.length < 3) continue;
    // Before a letter that directly follows another letter: never between a letter and its marks.
    const slots = letters.filter((i, k) => k > 0 && letters[k - 1] === i - 1);
    if (slots.length > 0) at.set(pick(rand, slots), pick(rand, ZERO_WIDTH));
  }
  return insertBefore(cps, at);
}

/**
 * Arabic presentation forms (U+FE80–U+FEFC), read off Unicode itself: consecutive code points that NFKC maps to
 * the same letter are its isolated, final, initial and medial forms, in that order.
 */
interface Forms {
  isolated: string;
  final?: string;
  initial?: string;
  medial?: string;
}
const FORMS: ReadonlyMap<string, Forms> = (() => {
  const forms = new Map<string, Forms>();
  let run: string[] = [];
  let base = '';
  const flush = (): void => {
    if (run.length === 0) return;
    const [isolated, final, initial, medial] = run as [string, string?, string?, string?];
    forms.set(base, { isolated, ...(final ? { final } : {}), ...(initial ? { initial } : {}), ...(medial ? { medial } : {}) });
  };
  for (let cp = 0xfe80; cp <= 0xfefc; cp++) {
    const c = String.fromCodePoint(cp);
    const b = c.normalize('NFKC');
    if (b !== base) {
      flush();
      run = [];
      base = b;
    }
    run.push(c);
  }
  flush();
  return forms;
})();

/** A letter that joins the letter after it has an initial form. */
const joinsNext = (c: string | undefined): boolean => c !== undefined && FORMS.get(c)?.initial !== undefined;
const joinsPrev = (c: string | undefined): boolean => c !== undefined && FORMS.get(c)?.final !== undefined;
const ALEFS = new Set(['ا', 'أ', 'إ', 'آ']);

/** Arabic letters as a shaping engine would draw them: contextual forms, lam-alef as one ligature (لا → ﻻ). */
function presentationForms(cps: readonly string[]): string {
  const out: string[] = [];
  const letterAt = (i: number, step: 1 | -1): string | undefined => {
    for (let j = i + step; j >= 0 && j < cps.length; j += step) {
      const c = cps[j] as string;
      if (!MARK.test(c)) return ARABIC_LETTER.test(c) ? c : undefined;
    }
    return undefined;
  };
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i] as string;
    const forms = FORMS.get(c);
    if (forms === undefined) {
      out.push(c);
      continue;
    }
    const prev = letterAt(i, -1);
    const joinedBefore = joinsNext(prev) && joinsPrev(c);
    const next = cps[i + 1];
    if (c === 'ل' && next !== undefined && ALEFS.has(next)) {
      const ligature = FORMS.get(c + next) as Forms;
      out.push(joinedBefore ? (ligature.final as string) : ligature.isolated);
      i++;
      continue;
    }
    const joinedAfter = joinsNext(c) && joinsPrev(letterAt(i, 1));
    const form = joinedBefore ? (joinedAfter ? forms.medial : forms.final) : joinedAfter ? forms.initial : forms.isolated;
    out.push(form ?? forms.isolated);
  }
  return out.join('');
}

const TATWEEL = '\u0640';

/** One to three tatweels after a connecting letter inside every Arabic word of three letters or more. */
function tatweel(cps: readonly string[], rand: Rand): string {
  const at = new Map<number, string>();
  for (const w of words(cps, (c) => ARABIC_LETTER.test(c))) {
    const letters = lettersOf(cps, w);
    if (letters.length < 3) continue;
    // Before letter k, when letter k-1 connects to it; after the marks of letter k-1.
    const slots = letters.filter((i, k) => k > 0 && joinsNext(cps[letters[k - 1] as number]) && joinsPrev(cps[i]));
    if (slots.length > 0) at.set(pick(rand, slots), TATWEEL.repeat(1 + Math.floor(rand() * 3)));
  }
  return insertBefore(cps, at);
}

// Fatha, damma, kasra, shadda, sukun: never U+0653–0655, which compose with alef, waw and yeh under NFC.
const HARAKAT = ['\u064E', '\u064F', '\u0650', '\u0651', '\u0652'];

/** A random haraka on about half the Arabic letters that carry none. */
function diacritics(cps: readonly string[], rand: Rand): string {
  const out: string[] = [];
  cps.forEach((c, i) => {
    out.push(c);
    const bare = !MARK.test(cps[i + 1] ?? '');
    if (ARABIC_LETTER.test(c) && FORMS.has(c) && bare && rand() < 0.5) out.push(pick(rand, HARAKAT));
  });
  return out.join('');
}

const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5' };
const HOMOGLYPH: Record<string, string> = { a: '\u0430', e: '\u0435', o: '\u043E', p: '\u0440', c: '\u0441', x: '\u0445' };

/**
 * Swaps letters inside every Latin word long enough, never the first or last letter (so the word stays a word
 * with Latin letters at its edges), at most a third of the word, at least one letter where any qualifies.
 */
function swapInside(cps: readonly string[], rand: Rand, table: Record<string, string>, minLetters: number, lowerOnly: boolean): string {
  const out = [...cps];
  for (const w of words(cps, (c) => LATIN_LETTER.test(c))) {
    const len = w.end - w.start;
    if (len < minLetters || lettersOf(cps, w).length !== len) continue;
    const inner: number[] = [];
    for (let i = w.start + 1; i < w.end - 1; i++) {
      const c = cps[i] as string;
      const key = lowerOnly ? c : c.toLowerCase();
      if (table[key] !== undefined) inner.push(i);
    }
    if (inner.length === 0) continue;
    const max = Math.max(1, Math.floor(len / 3));
    const chosen = inner.filter(() => rand() < 0.5).slice(0, max);
    for (const i of chosen.length > 0 ? chosen : [pick(rand, inner)]) {
      const c = cps[i] as string;
      out[i] = table[lowerOnly ? c : c.toLowerCase()] as string;
    }
  }
  return out.join('');
}

/**
 * The word to spell out or stretch: the longest plain Latin word of four letters or more that the
 * normaliser can see as a whole (not glued to a host-name dot), the first of equals.
 */
function keyWord(cps: readonly string[]): Word | null {
  let best: Word | null = null;
  for (const w of words(cps, (c) => LATIN_LETTER.test(c))) {
    const len = w.end - w.start;
    if (len < 4 || lettersOf(cps, w).length !== len) continue;
    // A letter that case folding turns into two (ß → ss) would no longer be a single spelt-out item.
    if (cps.slice(w.start, w.end).some((c) => c.toLowerCase().length !== c.length || c === 'ß')) continue;
    const dotBefore = cps[w.start - 1] === '.' && WORD_CHAR.test(cps[w.start - 2] ?? ' ');
    const dotAfter = cps[w.end] === '.' && WORD_CHAR.test(cps[w.end + 1] ?? ' ');
    if (dotBefore || dotAfter) continue;
    if (best === null || len > best.end - best.start) best = w;
  }
  return best;
}

/** The key word spelt out with dots: "join" → "j.o.i.n". */
function spacedLetters(cps: readonly string[]): string {
  const w = keyWord(cps);
  if (w === null) return cps.join('');
  return [...cps.slice(0, w.start), cps.slice(w.start, w.end).join('.'), ...cps.slice(w.end)].join('');
}

const VOWEL = /[aeiouy]/i;

/** One inner letter of the key word (a vowel where there is one) drawn out to four: "join" → "joooin". */
function repeatedLetters(cps: readonly string[], rand: Rand): string {
  const w = keyWord(cps);
  if (w === null) return cps.join('');
  const inner = Array.from({ length: w.end - w.start - 2 }, (_, k) => w.start + 1 + k);
  const vowels = inner.filter((i) => VOWEL.test(cps[i] as string));
  const i = pick(rand, vowels.length > 0 ? vowels : inner);
  const out = [...cps];
  out[i] = (cps[i] as string).repeat(4);
  return out.join('');
}

/** The text with one obfuscation applied; unchanged when the text has nothing it applies to. */
export function obfuscate(text: string, kind: Obfuscation, seed: string): string {
  const cps = Array.from(text);
  const rand = seeded(`${kind}:${seed}`);
  switch (kind) {
    case 'zero_width':
      return zeroWidth(cps, rand);
    case 'tatweel':
      return tatweel(cps, rand);
    case 'diacritics':
      return diacritics(cps, rand);
    case 'presentation_forms':
      return presentationForms(cps);
    case 'leetspeak':
      return swapInside(cps, rand, LEET, 4, false);
    case 'homoglyphs':
      return swapInside(cps, rand, HOMOGLYPH, 3, true);
    case 'spaced_letters':
      return spacedLetters(cps);
    case 'repeated_letters':
      return repeatedLetters(cps, rand);
  }
}
