import { describe, it, expect } from 'vitest';
import { STEM_LANGUAGES, stemmerFor } from '../../src/rules/stem.js';

describe('stemmerFor', () => {
  it('has a stemmer for every pack language', () => {
    expect([...STEM_LANGUAGES].sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'it', 'nl']);
  });

  it.each([
    ['en', ['join', 'joins', 'joined', 'joining']],
    ['fr', ['martyr', 'martyrs']],
    ['de', ['anschlag', 'anschlagen']],
    ['it', ['fratello', 'fratelli']],
    ['es', ['hermano', 'hermanos']],
    ['nl', ['broeder', 'broeders']],
    ['ar', ['الدوله', 'والدوله']],
  ])('%s conflates inflections', (lang, words) => {
    const stem = stemmerFor(lang);
    expect(new Set(words.map(stem)).size).toBe(1);
  });

  it('never returns an empty stem', () => {
    for (const lang of STEM_LANGUAGES) {
      for (const word of ['a', '1', '😀', 'الدوله', 'x']) expect(stemmerFor(lang)(word)).not.toBe('');
    }
  });

  it('rejects a language without a stemmer', () => {
    expect(() => stemmerFor('tr')).toThrow(/no stemmer for language "tr"/);
  });
});
