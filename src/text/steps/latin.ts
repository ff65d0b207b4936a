/**
 * Case and the obfuscations of Latin-script words: accents, look-alike letters from other scripts
 * (Cyrillic а in "jihаd"), leetspeak (j1had) and letters drawn out by repetition (jooooin).
 */
import { rewrite, withText, type Aligned, type Editor } from '../aligned.js';
import { named } from './step.js';
import { hasTriple } from './triple.js';

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
        : rewrite(a, CHANGES_WHEN_LOWERCASED, (m, ed) => ed.replace(m.index, m.index + m[0].length, m[0].toLowerCase()));
  }
  return rewrite(out, FOLD_MORE, (m, ed) => ed.replace(m.index, m.index + 1, m[0] === 'ß' ? 'ss' : 'σ'));
});

/** A word for look-alikes: letters with the digits and symbols that may stand in for them. */
const W = '[\\p{L}\\p{M}\\p{N}@$]';
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
const GREEK_OR_CYRILLIC = /[\u0370-\u052F]/;
// Whole words holding a look-alike; the lookbehind keeps the search linear (one try per word).
const HOMOGLYPH_WORD = new RegExp(`(?<!${W})${W}*[${Object.keys(HOMOGLYPHS).join('')}]${W}*`, 'gu');

/**
 * Cyrillic/Greek look-alikes inside a word that also has Latin letters become Latin ("jihаd" with a
 * Cyrillic а). Words with no Latin letter are left alone: they are Russian or Greek (Муррр, the ω of
 * a kaomoji), and telling a disguised word made only of look-alikes from a real one needs a dictionary.
 */
export const homoglyphs = named('homoglyphs', (a) => {
  if (!GREEK_OR_CYRILLIC.test(a.text)) return a;
  return rewrite(a, HOMOGLYPH_WORD, (m, ed) => {
    let latin = false;
    for (const c of m[0]) {
      if (!LETTER.test(c)) continue;
      if (LATIN_LETTER.test(c)) latin = true;
      else if (HOMOGLYPHS[c] === undefined) return;
    }
    if (latin) replaceEach(ed, m[0], m.index, HOMOGLYPHS);
  });
});

/** Replaces every character of `word` (found at `offset`) that `table` lists. */
function replaceEach(ed: Editor, word: string, offset: number, table: Record<string, string>): void {
  let u = offset;
  for (const c of word) {
    const out = table[c];
    if (out !== undefined) ed.replace(u, u + c.length, out);
    u += c.length;
  }
}

// A Latin letter (Latin-1, Extended-A/B, Extended Additional) with its combining diacritics, or an
// ASCII letter with some. Marks on other scripts (Arabic harakat above all) are never touched here.
// Plain character ranges rather than \p{Script=Latin}: much faster on non-Latin text.
const LATIN_ACCENTED = /[\u00C0-\u024F\u1E00-\u1EFF][\u0300-\u036F]*|[A-Za-z][\u0300-\u036F]+/g;
const MARKS = /[\u0300-\u036F]+/g;
// Letters that NFD does not split but readers treat as accented variants.
const LATIN_EXTRA: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', æ: 'ae', œ: 'oe', ı: 'i', ħ: 'h' };

export const accentFold = named('accent_fold', (a) =>
  rewrite(a, LATIN_ACCENTED, (m, ed) => {
    const base = m[0].normalize('NFD').replace(MARKS, '');
    const out = LATIN_EXTRA[base] ?? base;
    if (out !== m[0]) ed.replace(m.index, m.index + m[0].length, out);
  }),
);

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', $: 's', '@': 'a' };
// Runs of ASCII letters, digits, @ and $ holding a leet character (case_fold and accent_fold have
// run, so Latin words are ASCII here). The lookbehind keeps the search linear.
const LEET_WORD = /(?<![a-z0-9@$])[a-z0-9@$]*[013457$@][a-z0-9@$]*/g;
// A run glued to other letters, digits or marks ("aб1c", "a1ب") is not a Latin word.
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const DOMAIN_AFTER = /^\.\p{L}/u;

/**
 * Digits and symbols standing for letters inside a word: j1had → jihad, 1s1s → isis, j@had → jihad.
 * A word qualifies only if at least half of it is letters, every digit in it is one that leetspeak
 * uses, and one of them sits between letters. So numbers (2015, 18,000), ordinals and units (1st,
 * 5km), model names (mp3, covid19, ak47), emails and Arabizi (3ala, 7arb) stay as they are.
 */
export const leetspeak = named('leetspeak', (a) =>
  rewrite(a, LEET_WORD, (m, ed) => {
    const word = m[0];
    const end = m.index + word.length;
    const glued = WORD_CHAR.test(a.text.charAt(m.index - 1)) || WORD_CHAR.test(a.text.charAt(end));
    const email = word.includes('@') && DOMAIN_AFTER.test(a.text.slice(end, end + 2));
    if (!glued && !email && isLeetWord(word)) replaceEach(ed, word, m.index, LEET);
  }),
);

function isLeetWord(word: string): boolean {
  let letters = 0;
  let first = -1;
  let last = -1;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) {
      letters++;
      if (first < 0) first = i;
      last = i;
    } else if (LEET[word[i]!] === undefined) {
      return false; // a digit that leetspeak does not use (2, 6, 8, 9)
    }
  }
  if (letters < 2 || letters * 2 < word.length) return false;
  for (let i = first + 1; i < last; i++) if (LEET[word[i]!] !== undefined) return true;
  return false;
}

const NON_ARABIC_RUN = /((?!\p{Script=Arabic})\p{L})\1{2,}/gu;

/**
 * Three or more of the same letter keep two: "jooooin" → "jooin", "killlll" → "kill", "soooo" → "soo".
 * Two, not one, because real doubles are everywhere (good, kill, allah) and a run can't tell them apart.
 * Arabic has its own rule (elongation).
 */
export const repeatedLetters = named('repeated_letters', (a) => {
  if (!hasTriple(a.text)) return a;
  return rewrite(a, NON_ARABIC_RUN, (m, ed) => ed.remove(m.index + 2 * m[1]!.length, m.index + m[0].length, true));
});
