/**
 * Case and the obfuscations of Latin-script words: accents, leetspeak (j1had), look-alike letters from
 * other scripts (Cyrillic а in "jihаd") and letters drawn out by repetition (jooooin).
 */
import { rewrite, withText, type Aligned } from '../aligned.js';
import { named } from './step.js';

const CHANGES_WHEN_LOWERCASED = /\p{CWL}/gu;
// Full case folding where toLowerCase stops short: ß → ss, final sigma → σ (so "ΣΑΣ" and "σασ" agree).
const FOLD_MORE = /[ßς]/g;

export const caseFold = named('case_fold', (a) => {
  const lower = a.text.toLowerCase();
  let out: Aligned = a;
  if (lower !== a.text) {
    // No character shrinks when lower-cased, so equal length means the units still line up one to one.
    out =
      lower.length === a.text.length
        ? withText(a, lower)
        : rewrite(a, CHANGES_WHEN_LOWERCASED, (m, b) =>
            b.emit(m[0].toLowerCase(), m.index, m.index + m[0].length),
          );
  }
  return rewrite(out, FOLD_MORE, (m, b) => b.emit(m[0] === 'ß' ? 'ss' : 'σ', m.index, m.index + 1));
});

// A Latin letter with combining marks, or a precomposed non-ASCII Latin letter. Marks on other scripts
// (Arabic harakat above all) are never touched here.
const LATIN_ACCENTED = /\p{Script=Latin}\p{M}+|[^\P{Script=Latin}\x00-\x7F]/gu;
const MARKS = /\p{M}+/gu;
// Letters that NFD does not split but readers treat as accented variants.
const LATIN_EXTRA: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  ħ: 'h',
};

export const accentFold = named('accent_fold', (a) =>
  rewrite(a, LATIN_ACCENTED, (m, b) => {
    const base = m[0].normalize('NFD').replace(MARKS, '');
    const out = LATIN_EXTRA[base] ?? base;
    if (out === m[0]) b.copy(m.index, m.index + m[0].length);
    else b.emit(out, m.index, m.index + m[0].length);
  }),
);

/** A word for the purpose of leetspeak and look-alikes: letters with the digits and symbols that stand in for them. */
const WORD = /[\p{L}\p{M}\p{N}@$]+/gu;
const LATIN_LETTER = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;

// Lower-case forms only: case_fold runs first. Upper-case look-alikes (Н, В, Μ, Ν) are listed by their
// lower-case form, which is what they become.
const HOMOGLYPHS: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ѕ: 's', ј: 'j', ԁ: 'd', һ: 'h', ӏ: 'l', ԛ: 'q', ԝ: 'w', ү: 'y',
  // Greek
  α: 'a', β: 'b', ε: 'e', ζ: 'z', η: 'h', ι: 'i', κ: 'k', μ: 'm', ν: 'n', ο: 'o', ρ: 'p', τ: 't',
  υ: 'y', χ: 'x', ω: 'w', ϲ: 'c', ϳ: 'j',
};
const HOMOGLYPH_CHARS = new RegExp(`[${Object.keys(HOMOGLYPHS).join('')}]`, 'u');

/**
 * Cyrillic/Greek look-alikes inside a word that also has Latin letters become Latin ("jihаd" with a
 * Cyrillic а). Words with no Latin letter are left alone: they are Russian or Greek.
 */
export const homoglyphs = named('homoglyphs', (a) => {
  if (!HOMOGLYPH_CHARS.test(a.text)) return a;
  return rewrite(a, WORD, (m, b) => {
    const word = m[0];
    let latin = false;
    let foreign = false;
    for (const c of word) {
      if (!LETTER.test(c)) continue;
      if (LATIN_LETTER.test(c)) latin = true;
      else if (HOMOGLYPHS[c] !== undefined) foreign = true;
      else {
        b.copy(m.index, m.index + word.length);
        return;
      }
    }
    if (!latin || !foreign) {
      b.copy(m.index, m.index + word.length);
      return;
    }
    let u = m.index;
    for (const c of word) {
      const out = HOMOGLYPHS[c];
      if (out === undefined) b.copy(u, u + c.length);
      else b.emit(out, u, u + c.length);
      u += c.length;
    }
  });
});

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', $: 's', '@': 'a' };
const HAS_LEET = /[013457$@]/;
const NUMBER = /\p{N}/u;
const MARK = /\p{M}/u;
const DOMAIN_AFTER = /^\.\p{L}/u;

/**
 * Digits and symbols standing for letters inside a word: j1had → jihad, 1s1s → isis, j@had → jihad.
 * A word qualifies only if its letters are Latin and at least half of it, every digit in it is one
 * that leetspeak uses, and one of them sits between letters. So numbers (2015, 18,000), ordinals and
 * units (1st, 5km), model names (mp3, covid19, ak47) and Arabizi digits (3ala, 7arb) stay as they are.
 */
export const leetspeak = named('leetspeak', (a) => {
  if (!HAS_LEET.test(a.text)) return a;
  return rewrite(a, WORD, (m, b) => {
    const word = m[0];
    const end = m.index + word.length;
    if (!isLeetWord(word) || (word.includes('@') && DOMAIN_AFTER.test(a.text.slice(end, end + 2)))) {
      b.copy(m.index, end);
      return;
    }
    let u = m.index;
    for (const c of word) {
      const out = LEET[c];
      if (out === undefined) b.copy(u, u + c.length);
      else b.emit(out, u, u + 1);
      u += c.length;
    }
  });
});

function isLeetWord(word: string): boolean {
  const chars = [...word].filter((c) => !MARK.test(c));
  let letters = 0;
  let firstLetter = -1;
  let lastLetter = -1;
  chars.forEach((c, i) => {
    if (!LETTER.test(c)) return;
    letters++;
    if (firstLetter < 0) firstLetter = i;
    lastLetter = i;
  });
  if (letters < 2 || letters * 2 < chars.length) return false;
  let inner = false;
  for (const [i, c] of chars.entries()) {
    if (LETTER.test(c)) {
      if (!LATIN_LETTER.test(c)) return false;
    } else if (LEET[c] === undefined) {
      if (NUMBER.test(c)) return false;
    } else if (i > firstLetter && i < lastLetter) {
      inner = true;
    }
  }
  return inner;
}

const NON_ARABIC_RUN = /((?!\p{Script=Arabic})\p{L})\1{2,}/gu;

/**
 * Three or more of the same letter keep two: "jooooin" → "jooin", "killlll" → "kill", "soooo" → "soo".
 * Two, not one, because real doubles are everywhere (good, kill, allah) and a run can't tell them apart.
 * Arabic has its own rule (elongation).
 */
export const repeatedLetters = named('repeated_letters', (a) =>
  rewrite(a, NON_ARABIC_RUN, (m, b) => {
    const keep = m.index + 2 * m[1]!.length;
    b.copy(m.index, keep);
    b.drop(keep, m.index + m[0].length, true);
  }),
);
