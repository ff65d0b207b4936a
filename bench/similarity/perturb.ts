/**
 * The edits re-posters make to dodge exact matching, applied to raw post text with a seeded random source.
 * Each edit is one of the kinds the issue lists; the benchmark applies one to three of them per copy.
 */
import type { Script } from './corpus.js';

export const EDITS = [
  'invisible',
  'marks',
  'presentation',
  'urls',
  'mentions',
  'hashtags',
  'emoji',
  'insert',
  'delete',
  'swap',
  'truncate',
  'case_punct',
] as const;
export type Edit = (typeof EDITS)[number];

export interface EditContext {
  rand: () => number;
  script: Script;
  /** Words of other posts in the same script, for insertions. */
  vocabulary: readonly string[];
  /** Hashtags seen in the corpus, for additions. */
  hashtags: readonly string[];
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const between = (rand: () => number, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\ufeff', '\u2060'];
const HARAKAT = ['\u064e', '\u064f', '\u0650', '\u0651', '\u0652', '\u064b', '\u064c', '\u064d'];
const EMOJI = ['😀', '🔥', '💪', '👍', '❤️', '🙏', '⚔️', '🏴', '👊🏻', '😂', '✅', '🇸🇾'];
const PUNCT = ['!', '!!!', '?', '...', '.', ',', ' -', ':', '؟', '،'];
const URL_RE = /(?:https?:\/\/|www\.)\S+/g;
const MENTION_RE = /@\w+/g;
const HASHTAG_RE = /#[\p{L}\p{N}_]+/gu;
const EMOJI_RE = /\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F\u200D\p{Extended_Pictographic}]*|[\u{1F1E6}-\u{1F1FF}]{2}/gu;
const PUNCT_RE = /[!?.,;:؟،"'«»()-]/g;

// Isolated presentation forms (U+FE70–U+FEFF) of the basic Arabic letters; NFKC maps each back.
const ARABIC_PRESENTATION: Record<string, string> = {
  ا: '\ufe8d', ب: '\ufe8f', ت: '\ufe95', ث: '\ufe99', ج: '\ufe9d', ح: '\ufea1', خ: '\ufea5', د: '\ufea9', ذ: '\ufeab',
  ر: '\ufead', ز: '\ufeaf', س: '\ufeb1', ش: '\ufeb5', ص: '\ufeb9', ض: '\ufebd', ط: '\ufec1', ظ: '\ufec5', ع: '\ufec9',
  غ: '\ufecd', ف: '\ufed1', ق: '\ufed5', ك: '\ufed9', ل: '\ufedd', م: '\ufee1', ن: '\ufee5', ه: '\ufee9', و: '\ufeed', ي: '\ufef1',
};
const LATIN_ACCENTS: Record<string, string[]> = { a: ['á', 'à', 'â', 'ä'], e: ['é', 'è', 'ê', 'ë'], i: ['í', 'î', 'ï'], o: ['ó', 'ô', 'ö'], u: ['ú', 'ù', 'ü'], c: ['ç'], n: ['ñ'] };

// search(), unlike test(), ignores and keeps the lastIndex of a global regex.
const has = (re: RegExp, text: string): boolean => text.search(re) >= 0;

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/**
 * Changes characters at a given rate with `f` (which may return the character unchanged). Links are left
 * alone: an edit that breaks the link is not one a propagandist would make.
 */
function perChar(text: string, rand: () => number, rate: number, f: (c: string) => string): string {
  return outsideLinks(text, (part) => {
    let out = '';
    for (const c of part) out += rand() < rate ? f(c) : c;
    return out;
  });
}

function outsideLinks(text: string, f: (part: string) => string): string {
  return text
    .split(/(\s+)/)
    .map((part) => (has(URL_RE, part) ? part : f(part)))
    .join('');
}

type Editor = (text: string, ctx: EditContext) => string;

const EDITORS: Record<Edit, Editor> = {
  // Zero-width characters inside words.
  invisible: (text, { rand }) => perChar(text, rand, 0.12, (c) => (/\p{L}/u.test(c) ? c + pick(rand, ZERO_WIDTH) : c)),
  // Arabic: tatweel and harakat sprinkled over letters; Latin: accents added to vowels and removed from others.
  marks: (text, { rand, script }) =>
    script === 'ar'
      ? perChar(text, rand, 0.3, (c) => (/\p{Script=Arabic}/u.test(c) && /\p{L}/u.test(c) ? c + (rand() < 0.5 ? '\u0640' : pick(rand, HARAKAT)) : c))
      : perChar(outsideLinks(text, (part) => part.normalize('NFD').replace(/\p{M}/gu, '')), rand, 0.3, (c) => {
          const options = LATIN_ACCENTS[c];
          return options ? pick(rand, options) : c;
        }),
  // Arabic presentation forms (ﻻ for لا, isolated letter forms); Latin fullwidth letters.
  presentation: (text, { rand, script }) =>
    script === 'ar'
      ? perChar(outsideLinks(text, (part) => part.replaceAll('لا', '\ufefb')), rand, 0.5, (c) => ARABIC_PRESENTATION[c] ?? c)
      : perChar(text, rand, 0.4, (c) => (/[A-Za-z]/.test(c) ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c)),
  // Links removed, replaced by new short links, or added.
  urls: (text, { rand }) => {
    const shortLink = (): string => `https://t.co/${Math.floor(rand() * 2 ** 40).toString(36)}`;
    if (has(URL_RE, text) && rand() < 0.5) return rand() < 0.5 ? text.replace(URL_RE, '') : text.replace(URL_RE, shortLink);
    return `${text} ${shortLink()}`;
  },
  // Handles removed, replaced, or an "RT @handle:" prefix added.
  mentions: (text, { rand }) => {
    const handle = (): string => `@user${Math.floor(rand() * 1e6)}`;
    if (has(MENTION_RE, text) && rand() < 0.5) return rand() < 0.5 ? text.replace(MENTION_RE, '') : text.replace(MENTION_RE, handle);
    return `RT ${handle()}: ${text}`;
  },
  // Existing hashtags removed, or one to three corpus hashtags added at either end.
  hashtags: (text, { rand, hashtags }) => {
    if (has(HASHTAG_RE, text) && rand() < 0.5) return text.replace(HASHTAG_RE, '');
    const tags = Array.from({ length: between(rand, 1, 3) }, () => pick(rand, hashtags)).join(' ');
    return rand() < 0.5 ? `${tags} ${text}` : `${text} ${tags}`;
  },
  // Existing emoji removed, or one to three added between words.
  emoji: (text, { rand }) => {
    if (has(EMOJI_RE, text) && rand() < 0.5) return text.replace(EMOJI_RE, '');
    const w = words(text);
    for (let k = between(rand, 1, 3); k > 0; k--) w.splice(between(rand, 0, w.length), 0, pick(rand, EMOJI));
    return w.join(' ');
  },
  // One to three words from other posts inserted anywhere.
  insert: (text, { rand, vocabulary }) => {
    const w = words(text);
    for (let k = between(rand, 1, 3); k > 0; k--) w.splice(between(rand, 0, w.length), 0, pick(rand, vocabulary));
    return w.join(' ');
  },
  // One to three words deleted.
  delete: (text, { rand }) => {
    const w = words(text);
    for (let k = between(rand, 1, 3); k > 0 && w.length > 1; k--) w.splice(between(rand, 0, w.length - 1), 1);
    return w.join(' ');
  },
  // One or two pairs of neighbouring words swapped.
  swap: (text, { rand }) => {
    const w = words(text);
    for (let k = between(rand, 1, 2); k > 0 && w.length > 1; k--) {
      const i = between(rand, 0, w.length - 2);
      [w[i], w[i + 1]] = [w[i + 1]!, w[i]!];
    }
    return w.join(' ');
  },
  // The last 10–30% of the words cut off, the last kept word possibly halved, and an ellipsis added, as
  // re-posts are truncated. By words, not characters, so a long link at the end does not decide how much text goes.
  truncate: (text, { rand }) => {
    const w = words(text);
    const keep = w.slice(0, Math.max(1, Math.round(w.length * (0.7 + rand() * 0.2))));
    const last = Array.from(keep.pop()!);
    keep.push(last.slice(0, rand() < 0.5 ? last.length : Math.max(1, Math.ceil(last.length / 2))).join(''));
    return `${keep.join(' ')}…`;
  },
  // Case changed (upper, lower or title) and punctuation removed or added.
  case_punct: (text, { rand }) => {
    const cased = outsideLinks(
      text,
      pick(rand, [
        (s: string) => s.toUpperCase(),
        (s: string) => s.toLowerCase(),
        (s: string) => s.replace(/\p{L}+/gu, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()),
      ]),
    );
    if (rand() < 0.5) return outsideLinks(cased, (part) => part.replace(PUNCT_RE, ''));
    return outsideLinks(cased, (part) => (part.trim() !== '' && rand() < 0.3 ? part + pick(rand, PUNCT) : part));
  },
};

/** Applies the edits in the order given. */
export function perturb(text: string, edits: readonly Edit[], ctx: EditContext): string {
  return edits.reduce((t, edit) => EDITORS[edit](t, ctx), text);
}

/** One to three distinct edit kinds, chosen at random. */
export function randomEdits(rand: () => number): Edit[] {
  const pool = [...EDITS];
  const chosen: Edit[] = [];
  for (let k = between(rand, 1, 3); k > 0; k--) chosen.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]!);
  return chosen;
}

export function hashtagsOf(text: string): string[] {
  return text.match(HASHTAG_RE) ?? [];
}
