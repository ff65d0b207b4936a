import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { hashedFeatures, splitWords, type FeatureSpec } from '../../src/lexical/features.js';

const WHITESPACE = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
  0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000];

function spec(over: Partial<FeatureSpec> = {}): FeatureSpec {
  return {
    type: 'hashed_ngrams', hash: 'fnv1a32_utf8', buckets_log2: 18, whitespace: WHITESPACE, pad: ' ',
    char_min: 2, char_max: 5, value: 'sqrt_count_l2', ...over,
  };
}

/** One n-gram covering the whole text: its bucket is the 30-bit FNV-1a hash of the text's UTF-8 bytes. */
function wholeTextBucket(text: string): number {
  const n = Array.from(text).length;
  const f = hashedFeatures(text, spec({ buckets_log2: 30, pad: '', char_min: n, char_max: n }));
  expect(f.index).toHaveLength(1);
  expect(Array.from(f.value)).toEqual([1]);
  return f.index[0] as number;
}

describe('hashedFeatures', () => {
  it('hashes with 32-bit FNV-1a over UTF-8 bytes (published test vectors)', () => {
    expect(wholeTextBucket('a')).toBe(0xe40c292c & (2 ** 30 - 1));
    expect(wholeTextBucket('foobar')).toBe(0xbf9cf968 & (2 ** 30 - 1));
  });

  it('encodes 2- and 4-byte code points as UTF-8 (values from the Python trainer)', () => {
    expect(wholeTextBucket('é')).toBe(0x1e9de8c1 & (2 ** 30 - 1));
    expect(wholeTextBucket('😀')).toBe(0x33a29608 & (2 ** 30 - 1));
  });

  it('counts n-grams in code points, not UTF-16 units', () => {
    // '😀😀😀' padded is 5 code points: 4 bigrams, 2 of them the same (😀😀) -> 3 buckets, counts 1, 2, 1.
    const f = hashedFeatures('😀😀😀', spec({ char_min: 2, char_max: 2 }));
    expect(f.index).toHaveLength(3);
    expect(Array.from(f.value).sort()).toEqual(
      [1, 1, Math.SQRT2].map((c) => Math.fround(c / 2)).sort(),
    );
  });

  it('has no features for text without words', () => {
    for (const text of ['', ' ', '\t\u00a0\u3000\n']) {
      const f = hashedFeatures(text, spec());
      expect(f.index).toHaveLength(0);
      expect(f.value).toHaveLength(0);
    }
  });

  it('treats any run of the listed whitespace as one space and ignores it at the ends', () => {
    const base = hashedFeatures('join the ranks', spec());
    for (const variant of ['  join\t\tthe\u00a0ranks \n', 'join\u3000the\u2009 ranks']) {
      const f = hashedFeatures(variant, spec());
      expect(Array.from(f.index)).toEqual(Array.from(base.index));
      expect(Array.from(f.value)).toEqual(Array.from(base.value));
    }
  });

  it('splits words on the listed whitespace only, by code point', () => {
    expect(splitWords(' a\u00a0b\u200bc\t\t d ', spec())).toEqual(['a', 'b\u200bc', 'd']);
    expect(splitWords('😀 x\ud800\u3000y', spec())).toEqual(['😀', 'x\ud800', 'y']);
    expect(splitWords(' \n ', spec())).toEqual([]);
  });

  it('keeps characters outside the whitespace list, such as zero-width space, inside words', () => {
    const plain = hashedFeatures('ab', spec());
    const zw = hashedFeatures('a\u200bb', spec());
    expect(Array.from(zw.index)).not.toEqual(Array.from(plain.index));
  });

  it('uses the square root of bucket counts, L2-normalised', () => {
    const f = hashedFeatures('aaa', spec({ char_min: 2, char_max: 2 }));
    // ' aaa ': ' a', 'aa', 'aa', 'a ' -> counts 1, 2, 1 over 4 n-grams.
    expect(Array.from(f.value).sort()).toEqual([0.5, 0.5, Math.fround(Math.SQRT2 / 2)].sort());
  });

  it('returns sorted unique indices within range and a unit vector, for any string', () => {
    const s = spec({ buckets_log2: 12 });
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const { index, value } = hashedFeatures(text, s);
        expect(index.length).toBe(value.length);
        for (let k = 0; k < index.length; k++) {
          expect(index[k]).toBeGreaterThanOrEqual(0);
          expect(index[k]).toBeLessThan(2 ** 12);
          if (k > 0) expect(index[k]).toBeGreaterThan(index[k - 1] as number);
        }
        const norm = Math.sqrt(value.reduce((a, v) => a + v * v, 0));
        if (index.length > 0) expect(norm).toBeCloseTo(1, 5);
      }),
      { numRuns: 300 },
    );
  });
});
