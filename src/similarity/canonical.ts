/**
 * The text a near-duplicate signature is computed from: the words of a post with everything that
 * re-posters change for free taken out (links, handles, hashtags, emoji, punctuation, case, accents,
 * Arabic marks and letter variants, invisible and presentation-form characters). Hashtags go whole:
 * measured on the shared data, keeping their words made hashtag-stuffed posts look alike (spam that
 * shares a tag list reached 0.5–0.8 similarity) while adding or removing tags is one of the commonest edits.
 *
 * Not src/text/normalize.ts, on purpose and by measurement: normalize keeps an offset map and runs
 * sixteen aligned steps (≈300 µs a post on the reference machine), which alone caps `basira match` at a
 * sixth of its 20,000 posts/s goal; this fold needs no offsets and runs in 5–10 µs. It also has its
 * own version, so shared signature lists stay valid when the rule normaliser changes for other reasons.
 */

/** Part of every signature record: bump whenever canonicalText() can return something different. */
export const CANONICAL_VERSION = 'sig-1';

// Zero-width and bidi controls, soft hyphen, BOM, the combining grapheme joiner, and tatweel.
// Explicit ranges rather than \p{Cf}: as fast to read, and several times faster to run.
const INVISIBLE = /[\u00AD\u034F\u061C\u0640\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// HTML entities left by scrapers ("&amp;"): punctuation as far as a signature is concerned.
const ENTITY = /&(?:[a-z]+|#\d+|#x[0-9a-f]+);/gi;
// scheme://…, a link cut short by truncation ("https…", which NFKC has made "https..."), www.…, or
// host/path (t.co/x): the link goes whole; a shortener changes it on every re-post.
const URL = /\b(?:https?|ftp)(?=[:.])\S*|\bwww\.\S*|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\/\S*/gi;
const MENTION = /@[\p{L}\p{N}\p{M}_]+/gu;
const HASHTAG = /#[\p{L}\p{N}\p{M}_]+/gu;
const MARKS = /\p{M}+/gu;

// Letter variants that writers use interchangeably (after NFD has split off hamza and madda as marks).
const FOLD: Record<string, string> = {
  'ٱ': 'ا',
  'ى': 'ي',
  'ة': 'ه',
  'ک': 'ك',
  'ڪ': 'ك',
  'ی': 'ي',
  'ې': 'ي',
  'ے': 'ي',
  'ہ': 'ه',
  'ھ': 'ه',
  'ە': 'ه',
  'ß': 'ss',
  'ı': 'i',
  'ø': 'o',
  'đ': 'd',
  'ł': 'l',
};
for (let d = 0; d <= 9; d++) {
  FOLD[String.fromCodePoint(0x0660 + d)] = String(d);
  FOLD[String.fromCodePoint(0x06f0 + d)] = String(d);
}
const FOLDABLE = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'gu');

const NOT_WORD = /[^\p{L}\p{N}]+/gu;
/** "RT" marks a re-post, not content. */
const RT = /(?:^| )rt(?= |$)/g;

export interface Canonical {
  /** The words, joined by single spaces. */
  text: string;
  words: number;
}

/** What a signature is computed from. Deterministic; depends only on CANONICAL_VERSION. */
export function canonicalText(text: string): Canonical {
  const s = text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(ENTITY, ' ')
    .replace(URL, ' ')
    .replace(MENTION, ' ')
    .replace(HASHTAG, ' ')
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(FOLDABLE, (c) => FOLD[c]!)
    .replace(NOT_WORD, ' ')
    .replace(RT, '')
    .trim();
  let words = s === '' ? 0 : 1;
  for (let i = s.indexOf(' '); i !== -1; i = s.indexOf(' ', i + 1)) words++;
  return { text: s, words };
}

export function canonicalWords(text: string): string[] {
  const { text: s } = canonicalText(text);
  return s === '' ? [] : s.split(' ');
}
