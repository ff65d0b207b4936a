import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { STEM_LANGUAGES, stemmerFor } from '../../src/rules/stem.js';

// Stems of a table of words per language, as natural's stemmers gave them when all were imported up front; each is
// now required on its first word.
const TABLE = JSON.parse(readFileSync(new URL('../fixtures/rules/stems.json', import.meta.url), 'utf8')) as Record<string, Record<string, string>>;

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

  it.each(Object.entries(TABLE))('%s gives the stems it gave when its stemmer was loaded up front', (lang, stems) => {
    const stem = stemmerFor(lang);
    expect(Object.fromEntries(Object.keys(stems).map((word) => [word, stem(word)]))).toEqual(stems);
  });

  it('has a table row for every language', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...STEM_LANGUAGES].sort());
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
