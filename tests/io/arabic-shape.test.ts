import { describe, expect, it } from 'vitest';
import { shapeArabic } from '../../src/io/arabic-shape.js';
import type { Marked } from '../../src/io/rtl.js';

const marked = (text: string, mark: string | null = null): Marked[] => Array.from(text, (ch) => ({ ch, mark }));
const shaped = (text: string): string => shapeArabic(marked(text)).map((c) => c.ch).join('');

describe('shapeArabic', () => {
  it('gives a letter its isolated, initial, medial and final form by its neighbours', () => {
    expect(shaped('ب')).toBe('\ufe8f');
    expect(shaped('ببب')).toBe('\ufe91\ufe92\ufe90');
    // Dal joins only to the letter before it: the beh after it starts afresh.
    expect(shaped('بدب')).toBe('\ufe91\ufeaa\ufe8f');
    // A haraka between two letters does not break the join.
    expect(shaped('بَب')).toBe('\ufe91\u064e\ufe90');
  });

  it('writes lam-alef as one ligature, final after a joining letter, and keeps the mark of either letter', () => {
    expect(shaped('لا')).toBe('\ufefb');
    expect(shaped('بلا')).toBe('\ufe91\ufefc');
    const out = shapeArabic([{ ch: 'ل', mark: null }, { ch: 'ا', mark: 'hit' }]);
    expect(out).toEqual([{ ch: '\ufefb', mark: 'hit' }]);
  });

  it('leaves text without Arabic letters as it is, mark for mark', () => {
    const input = marked('abc 123', 'm');
    expect(shapeArabic(input)).toEqual(input);
  });
});
