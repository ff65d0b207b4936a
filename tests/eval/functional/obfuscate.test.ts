import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOSSLESS, obfuscate, OBFUSCATIONS } from '../../../src/eval/functional/obfuscate.js';
import { normalize } from '../../../src/text/normalize.js';

const norm = (s: string): string => normalize(s).text;

const LATIN = [
  'Brothers, join the caliphate now and leave the land of the unbelievers.',
  'Rejoignez les soldats du califat, la hijra est un devoir pour chacun.',
  'Schließt euch den Brüdern an und unterstützt die Kämpfer mit eurem Geld.',
  'Unitevi ai fratelli del califfato e lasciate questa terra oggi stesso.',
  'Únete a los hermanos del califato y deja atrás esta tierra de infieles.',
  'Sluit je aan bij de broeders van het kalifaat en verlaat dit land vandaag.',
];
const ARABIC = ['انضموا إلى دولة الخلافة الآن يا إخوة', 'بارك الله في جنود الخلافة الذين هاجموا الكفار', 'لا تتأخروا عن الهجرة إلى أرض الإسلام'];

describe('obfuscate', () => {
  it('is undone exactly by normalize() for every lossless obfuscation, and changes the text', () => {
    for (const kind of LOSSLESS) {
      const texts = ['tatweel', 'diacritics', 'presentation_forms'].includes(kind) ? ARABIC : kind === 'zero_width' ? [...LATIN, ...ARABIC] : LATIN;
      for (const text of texts) {
        const out = obfuscate(text, kind, 'seed-1');
        expect(out, `${kind}: ${text}`).not.toBe(text);
        expect(norm(out), `${kind}: ${out}`).toBe(norm(text));
      }
    }
  });

  it('holds for any sentence of plain words (property)', () => {
    const latinWord = fc.stringMatching(/^[a-zA-Z]{1,12}$/);
    const arabicWord = fc.array(fc.constantFrom(...'ابتثجحخدذرزسشصضطظعغفقكلمنهوي'), { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));
    const sentence = (word: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.array(word, { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(sentence(latinWord), fc.string(), (text, seed) => {
        for (const kind of ['zero_width', 'leetspeak', 'homoglyphs', 'spaced_letters'] as const) expect(norm(obfuscate(text, kind, seed))).toBe(norm(text));
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(sentence(arabicWord), fc.string(), (text, seed) => {
        for (const kind of ['zero_width', 'tatweel', 'diacritics', 'presentation_forms'] as const) expect(norm(obfuscate(text, kind, seed))).toBe(norm(text));
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic for a seed, and the seed changes the draws', () => {
    for (const kind of OBFUSCATIONS) expect(obfuscate(LATIN[0] as string, kind, 'a')).toBe(obfuscate(LATIN[0] as string, kind, 'a'));
    const draws = new Set(['a', 'b', 'c', 'd'].map((seed) => obfuscate(LATIN[0] as string, 'zero_width', seed)));
    expect(draws.size).toBeGreaterThan(1);
  });

  it('does what each obfuscation says', () => {
    const count = (s: string, re: RegExp): number => [...s.matchAll(re)].length;
    expect(obfuscate('لا إله', 'presentation_forms', 's')).toBe('\uFEFB \uFE87\uFEDF\uFEEA');
    expect(obfuscate('please join them', 'spaced_letters', 's')).toBe('p.l.e.a.s.e join them');
    expect(obfuscate('join', 'repeated_letters', 's')).toMatch(/^(joooin|joiiiin)$/);
    // Lossy: the normaliser keeps two of a run.
    expect(norm(obfuscate('join them', 'repeated_letters', 's'))).toMatch(/^(jooin|joiin) them$/);
    const leet = obfuscate('caliphate', 'leetspeak', 's');
    expect(leet).not.toBe('caliphate');
    expect(leet.replace(/4/g, 'a').replace(/1/g, 'i')).toBe('caliphate');
    const homo = obfuscate('caliphate', 'homoglyphs', 's');
    expect(homo).not.toBe('caliphate');
    expect(homo.replace(/\u0430/g, 'a').replace(/\u0440/g, 'p')).toBe('caliphate');
    const stretched = obfuscate('الخلافة', 'tatweel', 's');
    expect(stretched.replace(/\u0640/g, '')).toBe('الخلافة');
    expect(count(stretched, /\u0640/g)).toBeGreaterThanOrEqual(1);
    expect(count(stretched, /\u0640/g)).toBeLessThanOrEqual(3);
    const marked = obfuscate('الخلافة', 'diacritics', 's');
    expect(marked.replace(/[\u064E-\u0652]/g, '')).toBe('الخلافة');
    expect(count(marked, /[\u064E-\u0652]/g)).toBeGreaterThan(0);
    const hidden = obfuscate('join them', 'zero_width', 's');
    expect(hidden.replace(/[\u200B-\u200D\u2060]/g, '')).toBe('join them');
    expect(count(hidden, /[\u200B-\u200D\u2060]/g)).toBe(2);
  });

  it('leaves what it does not apply to alone', () => {
    expect(obfuscate('hello', 'tatweel', 's')).toBe('hello');
    expect(obfuscate('انضموا', 'leetspeak', 's')).toBe('انضموا');
    expect(obfuscate('a b c 2015 mp3', 'spaced_letters', 's')).toBe('a b c 2015 mp3');
    // A word with ß would no longer be letters one by one once folded to ss.
    expect(obfuscate('anschließen', 'spaced_letters', 's')).toBe('anschließen');
  });
});
