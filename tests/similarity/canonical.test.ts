import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalText, canonicalWords } from '../../src/similarity/canonical.js';

const words = (text: string): string => canonicalText(text).text;

describe('canonicalText', () => {
  it('keeps the words, lower-cased, one space apart, and counts them', () => {
    expect(canonicalText('  The  City,   LIBRARY!  ')).toEqual({ text: 'the city library', words: 3 });
    expect(canonicalText('')).toEqual({ text: '', words: 0 });
  });

  it('drops what re-posters change for free: links, handles, hashtags, emoji, RT, entities', () => {
    expect(words('RT @reader: open late &amp; early 📚🔥 #Library_News https://t.co/AbC12 www.example.org/x t.co/y')).toBe('open late early');
    expect(words('a link cut short https… and http://x')).toBe('a link cut short and');
    expect(words('art is not rt or RT')).toBe('art is not or');
  });

  it('folds case, accents and Latin look-alike letters', () => {
    expect(words('Élève ÉCOLE straße Øre')).toBe(words('eleve ecole strasse ore'));
    expect(words('Ｆｕｌｌｗｉｄｔｈ ﬁne')).toBe('fullwidth fine');
  });

  it('removes zero-width and bidi characters inside words', () => {
    expect(words('li\u200bbr\u200cary\u2060 o\ufeffpen \u202eread')).toBe('library open read');
  });

  it('removes tatweel and diacritics and unifies Arabic letter variants', () => {
    expect(words('أعلـــن النّادي إلى مدرسةٍ')).toBe(words('اعلن النادي الي مدرسه'));
    expect(words('آمنة یوم کتاب')).toBe(words('امنه يوم كتاب'));
  });

  it('undoes presentation forms (NFKC) and reads Arabic-Indic digits as digits', () => {
    expect(words('\ufefb \ufe8d\ufedf\ufee0\ufeea')).toBe('لا الله');
    expect(words('٢٠٢٤ ۱۲')).toBe('2024 12');
  });

  it('is its own fixed point and leaves only letters, digits and single spaces', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 })), (text) => {
        const once = canonicalText(text);
        expect(canonicalText(once.text)).toEqual(once);
        expect(once.text).toMatch(/^(?:[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*)?$/u);
        expect(once.words).toBe(canonicalWords(text).length);
      }),
      { numRuns: 2000 },
    );
  });
});
