import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { tokenize, type Token } from '../../src/text/tokenize.js';

const texts = (s: string): string[] => tokenize(s).map((t) => t.text);

describe('tokenize', () => {
  it('splits on whitespace and punctuation', () => {
    expect(texts('join the caliphate, now!')).toEqual(['join', 'the', 'caliphate', 'now']);
    expect(texts('الدوله الاسلاميه، باقيه')).toEqual(['الدوله', 'الاسلاميه', 'باقيه']);
  });

  it('splits hyphenated and apostrophe words', () => {
    expect(texts("al-dawla l'etat don't")).toEqual(['al', 'dawla', 'l', 'etat', 'don', 't']);
  });

  it('keeps letters, digits and marks together', () => {
    expect(texts('covid19 2015 18,000 e\u0301')).toEqual(['covid19', '2015', '18', '000', 'e\u0301']);
  });

  it('makes each emoji one token, sequences and flags included', () => {
    expect(texts('ok😂😂 👨‍👩‍👧 🇫🇷 1️⃣')).toEqual(['ok', '😂', '😂', '👨‍👩‍👧', '🇫🇷', '1️⃣']);
  });

  it('reports code-point offsets, end exclusive', () => {
    expect(tokenize('😀 ab, جهاد')).toEqual([
      { text: '😀', start: 0, end: 1 },
      { text: 'ab', start: 2, end: 4 },
      { text: 'جهاد', start: 6, end: 10 },
    ]);
  });

  it('returns nothing for text without words', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' ... !? ')).toEqual([]);
  });
});

/** What tokenize gave when it always matched with the emoji pattern: the reference for the pattern it picks now. */
const FULL = new RegExp('\\p{RGI_Emoji}|[\\p{L}\\p{N}\\p{M}]+', 'gv');
function reference(text: string): Token[] {
  return [...text.matchAll(FULL)].map((m) => {
    const start = Array.from(text.slice(0, m.index)).length;
    return { text: m[0], start, end: start + Array.from(m[0]).length };
  });
}

/** A tokenize that has not yet met a text that could hold an emoji (it builds that pattern once, for the first). */
async function freshTokenize(): Promise<typeof tokenize> {
  vi.resetModules();
  return (await import('../../src/text/tokenize.js')).tokenize;
}

// Near misses of emoji (digits, # and * without U+FE0F, a lone U+20E3 or ZWJ, symbols that are not emoji) and the
// emoji they could be mistaken for, among letters, marks and separators.
const NEAR_MISSES = ['1', '7', '#', '*', '\u20E3', '\u200D', '\u0301', '€', '→', '·', '\uD800', 'a', 'é', 'ج', 'ه', ' ', ',', '-'];
const EMOJI = ['\uFE0F', '😀', '🏽', '👨‍👩‍👧', '🇫', '🇷', '❤', '©', '™', '↔', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'];
const plain = fc.string({ unit: fc.constantFrom(...NEAR_MISSES), maxLength: 30 });
const mixed = fc.string({ unit: fc.constantFrom(...NEAR_MISSES, ...EMOJI), maxLength: 30 });

describe('tokenize before and after the first text that could hold an emoji', () => {
  it('tokenises texts without emoji as the emoji pattern does, then texts with emoji', async () => {
    const fresh = await freshTokenize();
    const same = (text: string): void => {
      expect(fresh(text)).toEqual(reference(text));
    };
    fc.assert(fc.property(plain, same), { numRuns: 2000 });
    fc.assert(fc.property(mixed, same), { numRuns: 2000 });
    fc.assert(fc.property(plain, same), { numRuns: 500 });
  });

  // One of each way an RGI emoji can begin: keycaps, flags, emoji presentation, U+FE0F, skin tones, tags, ZWJ.
  it.each([['#️⃣ x'], ['*️⃣'], ['1️⃣'], ['🇫🇷'], ['ok😀'], ['©️'], ['ok👍🏽'], ['🏴󠁧󠁢󠁳󠁣󠁴󠁿'], ['👨‍👩‍👧']])('finds the emoji in %s when it is the first such text', async (text) => {
    const fresh = await freshTokenize();
    expect(fresh('2015 #1 *x 1\u20E3 covid19')).toEqual(reference('2015 #1 *x 1\u20E3 covid19'));
    expect(fresh(text)).toEqual(reference(text));
    expect(fresh(text).some((t) => /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u.test(t.text))).toBe(true);
  });
});
