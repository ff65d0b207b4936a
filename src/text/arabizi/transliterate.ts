/**
 * Latin letters to Arabic ones: known words from the lexicon, the article and clitics joined to their
 * word as Arabic writes them (el dawla → الدولة), and letter rules for the rest.
 */
import { Editor, type Aligned } from '../aligned.js';
import type { LexiconEntry } from './lexicon.js';
import { HAS_LETTER, lookup } from './words.js';

// Article glued to a known word: "al-dawla" is two words, "aldawla" one.
const GLUED_ARTICLE = /^([wbfk]?)(?:el|al|il)(.{3,})$/;
const GLUED_LAM_ARTICLE = /^l(?:el|al|il)(.{3,})$/;
const PROCLITIC: Record<string, string> = { w: 'و', b: 'ب', f: 'ف', k: 'ك', '': '' };
// Between a clitic word and its host: whitespace or a hyphen only ("el dawla", "al-dawla").
const CLITIC_GAP = /^(?:\s+|\s*-\s*)$/;

export function transliterate(a: Aligned, words: RegExpMatchArray[]): Aligned {
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
 * can't tell them from long ones, so: a vowel (or 2) at the start is alef; inside a word only i
 * (mostly long) is written, as ي; at the end a → ه in longer words (ة, the common noun ending) and ا
 * in short ones, e → ه/ي likewise, i → ي, o/u → و. Doubled consonants are written once (shadda).
 */
function spell(word: string): Piece[] {
  const pieces: Piece[] = [];
  const n = word.length;
  let prevConsonant = '';
  let afterHamza = false;
  for (let i = 0; i < n; ) {
    const pair = word.slice(i, i + 2);
    const c = word[i]!;
    const final = i === n - 1;
    let out: string;
    let len = 1;
    if (c === '2' && i === 0) {
      out = 'ا'; // hamza on a word-initial alef, which normalisation folds into plain alef anyway
    } else if (VOWELS.includes(c) && (i === 0 || afterHamza)) {
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
    // A lone apostrophe marks a hamza (insha'allah): the vowel after it starts a syllable, like a first vowel.
    afterHamza = len === 1 && c === "'";
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
