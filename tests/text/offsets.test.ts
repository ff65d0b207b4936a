import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/text/normalize.js';
import { toOriginalSpan } from '../../src/text/offsets.js';
import { tokenize } from '../../src/text/tokenize.js';
import type { Normalized } from '../../src/types.js';

/** The original text under each token, sliced by code points. */
function originals(original: string): string[] {
  const n = normalize(original);
  const cps = Array.from(original);
  return tokenize(n.text).map((t) => {
    const s = toOriginalSpan(n, t.start, t.end);
    return cps.slice(s.start, s.end).join('');
  });
}

describe('toOriginalSpan', () => {
  it('covers a zero-width character deleted inside a word', () => {
    expect(originals('x ج\u200Bهاد y')).toEqual(['x', 'ج\u200Bهاد', 'y']);
  });

  it('leaves out a zero-width character dropped next to a word', () => {
    expect(originals('\u200Bjihad\u200B now')).toEqual(['jihad', 'now']);
  });

  it('gives each letter of an expanded ligature the whole ligature', () => {
    // ﻻ is one original code point that became two: ل and ا.
    const n = normalize('ﻻ');
    expect(n.text).toBe('لا');
    expect(n.map).toEqual([0, 0, 1]);
    expect(toOriginalSpan(n, 0, 1)).toEqual({ start: 0, end: 1 });
    expect(toOriginalSpan(n, 1, 2)).toEqual({ start: 0, end: 1 });
    expect(originals('ﻻ إله إﻻ ﷲ ﷺ')).toEqual(['ﻻ', 'إله', 'إﻻ', 'ﷲ', 'ﷺ', 'ﷺ', 'ﷺ', 'ﷺ']);
  });

  it('includes the diacritics and tatweel of a word', () => {
    expect(originals('الـدولَةُ اليوم')).toEqual(['الـدولَةُ', 'اليوم']);
  });

  it('maps folded and unfolded Latin text back to what was written', () => {
    expect(originals('J1HAD j.i.h.a.d Straße jihаd jooooin')).toEqual([
      'J1HAD',
      'j.i.h.a.d',
      'Straße',
      'jihаd',
      'jooooin',
    ]);
  });

  it('maps a mention, a hashtag and a URL host back into the original', () => {
    // Dropped input before a word (the '#', the scheme) goes with it; dropped input after a word (the
    // URL path) goes with its last character.
    expect(originals('RT @Some_One1: #دولة_الخلافة https://t.co/xyz')).toEqual([
      'RT',
      '@Some_One1',
      '#دولة',
      'الخلافة',
      'https://t',
      'co/xyz',
    ]);
  });

  it('counts code points, not UTF-16 units', () => {
    const original = '😀😀 jihad 👨‍👩‍👧 الدولة';
    const n = normalize(original);
    const tokens = tokenize(n.text);
    expect(tokens.map((t) => toOriginalSpan(n, t.start, t.end))).toEqual([
      { start: 0, end: 1 },
      { start: 1, end: 2 },
      { start: 3, end: 8 },
      { start: 9, end: 14 },
      { start: 15, end: 21 },
    ]);
  });

  it('gives an empty span for an empty range and clamps out-of-range offsets', () => {
    const n = normalize('abc');
    expect(toOriginalSpan(n, 1, 1)).toEqual({ start: 1, end: 1 });
    expect(toOriginalSpan(n, -5, 99)).toEqual({ start: 0, end: 3 });
  });

  it('works on a Normalized built by hand', () => {
    const n: Normalized = { text: 'ab', map: [2, 4, 6], steps: [] };
    expect(toOriginalSpan(n, 0, 1)).toEqual({ start: 2, end: 4 });
    expect(toOriginalSpan(n, 0, 2)).toEqual({ start: 2, end: 6 });
  });
});
