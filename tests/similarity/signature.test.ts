import { describe, expect, it } from 'vitest';
import { prng } from '../../bench/synthetic.js';
import {
  decodeSignatureInto,
  encodeSignature,
  MATCH_THRESHOLD,
  MIN_WORDS,
  PARAMS,
  signCanonical,
  signText,
  similarity,
} from '../../src/similarity/signature.js';

const AR = 'أعلن النادي اليوم عن بدء التسجيل في دورة كرة القدم الصيفية للأطفال في الحي الشمالي';
const EN = 'The city library will stay open late on Thursdays this summer so students can study for their exams';

const sig = (text: string): Uint16Array => {
  const s = signText(text).signature;
  if (s === null) throw new Error(`no signature for ${text}`);
  return s;
};
const sim = (a: string, b: string): number => similarity(sig(a), sig(b));

// Each edit kind of the issue, written out by hand for one Arabic and one Latin post.
const NOISE: Record<string, [string, string]> = {
  'zero-width characters': [
    'أعل\u200bن النادي اليوم عن ب\u200cدء التسجيل في دورة كرة القدم الصيفية للأطفال في الحي الشمالي',
    'The ci\u200bty library will stay op\u200den late on Thursdays this summer so students can study for their exams',
  ],
  'tatweel, diacritics, accents': [
    'أعلـــن النّادي اليومَ عن بدءِ التسجيل في دورةٍ كرة القدم الصيفية للأطفال في الحيّ الشمالي',
    'The city líbrary will stày open late on Thürsdays this summer so stúdents can study for their exams',
  ],
  'presentation forms': [
    'أعلن النادي اليوم عن بدء التسجيل في دورة كرة القدم الصيفية ﻟﻸطفال في الحي الشمالي'.replace('النادي', '\ufe8d\ufedf\ufee8\ufe8e\ufea9\ufef1'),
    'The ｃｉｔｙ library will stay open late on Thursdays this summer so students can study for their exams',
  ],
  'links and handles changed or removed': [
    `@club_news ${AR} https://t.co/aaa`,
    `RT @someone: ${EN} https://t.co/bbb`,
  ],
  'hashtags and emoji added': [`#عاجل ${AR} 🔥⚽`, `${EN} 📚 #summer #library`],
  'case and punctuation': [`${AR}!!! ؟`, EN.toUpperCase().replace('LIBRARY', 'LIBRARY,').replace('EXAMS', 'EXAMS!!!')],
};

const WORD_EDITS: Record<string, [string, string]> = {
  'three words inserted': [
    'أعلن النادي الرياضي اليوم عن بدء التسجيل في دورة كرة القدم الصيفية المجانية للأطفال في الحي الشمالي للمدينة',
    'The old city library will stay open very late on Thursdays this summer so students can study for their exams',
  ],
  'two words deleted': [
    'أعلن النادي عن بدء التسجيل في دورة كرة القدم الصيفية للأطفال في الشمالي',
    'The city library will stay open on Thursdays this summer so students can study for exams',
  ],
  'two pairs of words swapped': [
    'النادي أعلن اليوم عن بدء التسجيل في دورة كرة القدم الصيفية للأطفال الحي في الشمالي',
    'The city library will stay late open on Thursdays this summer so students can for study their exams',
  ],
  'truncated': ['أعلن النادي اليوم عن بدء التسجيل في دورة كرة القدم الصيفية للأط…', 'The city library will stay open late on Thursdays this summer so students can stu…'],
};

const UNRELATED = [
  'Heavy rain is expected across the coast tomorrow, and drivers are asked to take care on the roads',
  'ارتفعت أسعار الخضار في الأسواق المحلية هذا الأسبوع بسبب موجة الحر الشديدة',
  'The city council will vote on the new budget for schools and roads next Thursday evening',
  'افتتحت البلدية حديقة جديدة للأطفال في الحي الجنوبي بعد عامين من العمل',
];

describe('signText', () => {
  it.each(Object.entries(NOISE))('gives the same signature through %s (Arabic and Latin)', (_, [ar, en]) => {
    expect(sim(AR, ar)).toBe(1);
    expect(sim(EN, en)).toBe(1);
  });

  it.each(Object.entries(WORD_EDITS))('stays above the match threshold with %s (Arabic and Latin)', (_, [ar, en]) => {
    expect(sim(AR, ar)).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(sim(EN, en)).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });

  it('keeps unrelated posts far apart, even on shared topics and words', () => {
    const posts = [AR, EN, ...UNRELATED];
    for (const a of posts) for (const b of posts) if (a !== b) expect(sim(a, b)).toBeLessThan(0.25);
  });

  it(`signs only posts of at least ${MIN_WORDS} canonical words`, () => {
    expect(signText('thank you all #friends https://t.co/x @bob')).toEqual({ signature: null, words: 3 });
    expect(signText('one two three four five').signature).toHaveLength(PARAMS.k);
  });

  it('is pinned: changing these bytes breaks every shared list, so bump CANONICAL_VERSION or PARAMS instead', () => {
    expect(encodeSignature(sig(EN))).toBe(
      'TBixY+6aDChcwyakm0brMpQAVyrPWuUmzwKFK41stJoChLSaT7EChPEXAoSxY3uXd03tABFSB1BYZxFS5SZYZ09v71HQDe0AtdY/B3t2n6FwMY5dIlnQDaukShcmpHdNB5bb18sgJ6ooAJt+sWPPAt4osxUtOiakVypRHQdQ/wc=',
    );
  });
});

describe('signCanonical', () => {
  it('estimates the Jaccard similarity of the 3-shingle sets without bias', () => {
    // Random "words" from large, disjoint alphabets (CJK shared; Hangul only in a, Yi only in b), so the
    // shingle sets overlap by a known share and no shingle recurs across trials (a small alphabet would
    // test one hash function's luck on a few hundred shingles, not the estimator).
    const rand = prng(42);
    const word = (from: number, size: number): string => Array.from({ length: 6 }, () => String.fromCharCode(from + Math.floor(rand() * size))).join('');
    const words = (from: number, size: number): string => Array.from({ length: 12 }, () => word(from, size)).join(' ');
    const shingles = (t: string): Set<string> => new Set(Array.from({ length: t.length - 2 }, (_, i) => t.slice(i, i + 3)));
    const errors: number[] = [];
    for (let trial = 0; trial < 300; trial++) {
      const shared = words(0x4e00, 20000);
      const [a, b] = [`${shared} ${words(0xac00, 11000)}`, `${shared} ${words(0xa000, 1100)}`];
      const [sa, sb] = [shingles(a), shingles(b)];
      const inter = [...sa].filter((s) => sb.has(s)).length;
      errors.push(similarity(signCanonical(a)!, signCanonical(b)!) - inter / (sa.size + sb.size - inter));
    }
    const mean = errors.reduce((x, y) => x + y, 0) / errors.length;
    const sd = Math.sqrt(errors.reduce((x, y) => x + (y - mean) ** 2, 0) / errors.length);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    // A binomial estimate over 64 slots at J ≈ 0.33 has sd 0.059.
    expect(sd).toBeLessThan(0.07);
  });

  it('signs texts shorter than one shingle, and nothing for empty text', () => {
    expect(signCanonical('a')).toHaveLength(PARAMS.k);
    expect(signCanonical('')).toBeNull();
  });
});

describe('encodeSignature / decodeSignatureInto', () => {
  const s = sig(EN);
  const encoded = encodeSignature(s);

  it('round-trips at any offset', () => {
    const into = new Uint16Array(3 * PARAMS.k);
    expect(decodeSignatureInto(encoded, into, PARAMS.k)).toBe(true);
    expect(Array.from(into.subarray(PARAMS.k, 2 * PARAMS.k))).toEqual(Array.from(s));
  });

  it.each([
    ['too short', encoded.slice(4)],
    ['too long', `${encoded.slice(0, -1)}AAAA`],
    ['a character outside base64', `!${encoded.slice(1)}`],
    ['padding in the middle', `${encoded.slice(0, 8)}=${encoded.slice(9)}`],
    ['non-zero bits in the padding', `${encoded.slice(0, -2)}x=`],
  ])('rejects %s', (_, text) => {
    expect(decodeSignatureInto(text, new Uint16Array(PARAMS.k), 0)).toBe(false);
  });
});
