import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/text/tokenize.js';

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
