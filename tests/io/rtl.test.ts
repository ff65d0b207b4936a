import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutParagraph, rtlEnabled, type Glyph, type Marked } from '../../src/io/rtl.js';

const plain = (text: string, mark: string | null = null): Marked[] => Array.from(text, (ch) => ({ ch, mark }));
const show = (line: Glyph[]) => line.map((g) => g.text).join('');

describe('rtlEnabled', () => {
  it('follows on/off, and for auto is on for a TTY unless the terminal shapes by itself', () => {
    expect(rtlEnabled('on', false, {})).toBe(true);
    expect(rtlEnabled('off', true, {})).toBe(false);
    expect(rtlEnabled('auto', false, {})).toBe(false);
    expect(rtlEnabled('auto', true, { TERM_PROGRAM: 'vscode' })).toBe(true);
    expect(rtlEnabled('auto', true, { TERM_PROGRAM: 'iTerm.app' })).toBe(true);
    expect(rtlEnabled('auto', true, { TERM_PROGRAM: 'Apple_Terminal' })).toBe(false);
    expect(rtlEnabled('auto', true, { VTE_VERSION: '7600' })).toBe(false);
    expect(rtlEnabled('auto', true, { VTE_VERSION: '5200' })).toBe(true);
    expect(rtlEnabled('auto', true, { KONSOLE_VERSION: '230800' })).toBe(false);
  });
});

describe('layoutParagraph', () => {
  it('leaves text in logical order when rtl is off', () => {
    const { lines, rightToLeft } = layoutParagraph(plain('سلام world'), 80, false);
    expect(lines.map(show)).toEqual(['سلام world']);
    expect(rightToLeft).toBe(false);
  });

  it('shapes Arabic and reverses it for display, carrying marks onto a lam-alef ligature', () => {
    // "لا" + highlighted "بد": ل and ا become the single ligature ﻻ.
    const chars = [...plain('لا'), ...plain(' بد', 'recruitment')];
    const { lines, rightToLeft } = layoutParagraph(chars, 80, true);
    expect(rightToLeft).toBe(true);
    expect(show(lines[0] ?? [])).toBe('ﺪﺑ ﻻ');
    expect(lines[0]?.map((g) => g.mark)).toEqual(['recruitment', 'recruitment', 'recruitment', null]);
  });

  it('makes lam-alef one ligature across harakat, keeping them and dropping no letter', () => {
    // "وَلَا": the fatha between lam and alef stays on the ligature (isolated: waw never joins
    // forward); the alef is not drawn twice. "بلا" gives the final form.
    expect(layoutParagraph(plain('وَلَا'), 80, true).lines[0]?.map((g) => g.text)).toEqual(['ﻻَ', 'ﻭَ']);
    expect(show(layoutParagraph(plain('بلا'), 80, true).lines[0] ?? [])).toBe('ﻼﺑ');
  });

  it('marks a ligature when only its alef is highlighted, and uses the Arabic final alef maksura', () => {
    const chars = [...plain('ل'), ...plain('ا على', 'religious')];
    const { lines } = layoutParagraph(chars, 80, true);
    expect(show(lines[0] ?? [])).toBe('ﻰﻠﻋ ﻻ');
    expect(lines[0]?.every((g) => g.mark === 'religious')).toBe(true);
  });

  it('draws the same letters as the logical text, whatever the joining context (property)', () => {
    // Presentation forms decompose (NFKC) to the letters they stand for, so shaping must round-trip.
    const unit = fc.constantFrom('ل', 'ا', 'أ', 'ى', 'ء', 'ب', 'ة', 'ـ', 'َ', 'ّ', 'ﷲ', '\u200d', '\u200c', 'a', ' ');
    const letters = (s: string) => Array.from(s.normalize('NFKC')).filter((c) => c !== ' ').sort();
    fc.assert(
      fc.property(fc.string({ unit, minLength: 1, maxLength: 20 }), (text) => {
        const { lines } = layoutParagraph(plain(text), 80, true);
        expect(letters(lines.flat().map((g) => g.text).join(''))).toEqual(letters(text));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps left-to-right runs (numbers, Latin) readable inside right-to-left text and mirrors brackets', () => {
    const { lines } = layoutParagraph(plain('قال (نعم) 2024 ok'), 80, true);
    expect(show(lines[0] ?? [])).toBe('ok 2024 (ﻢﻌﻧ) ﻝﺎﻗ');
  });

  it('keeps a letter and its diacritics together when reversing', () => {
    const { lines } = layoutParagraph(plain('بَ ت'), 80, true);
    expect(lines[0]?.map((g) => g.text)).toEqual(['ﺕ', ' ', 'ﺏَ']);
  });

  it('wraps within the width and loses or invents no character, in either mode (property)', () => {
    // Hebrew is right-to-left but has no contextual forms, so every character must come out unchanged.
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'ש', 'ל', '1', '🏴', '.'), minLength: 1, maxLength: 12 });
    const sorted = (texts: string[]) => texts.filter((t) => t !== ' ').sort();
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 15 }), fc.boolean(), (words, width, rtl) => {
        const text = words.join(' ');
        const { lines } = layoutParagraph(plain(text), width, rtl);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
        expect(sorted(lines.flat().map((g) => g.text))).toEqual(sorted(Array.from(text)));
        if (!rtl) expect(lines.map(show).join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
      }),
      { numRuns: 100 },
    );
  });

  it('wraps shaped Arabic within the width too', () => {
    const { lines } = layoutParagraph(plain('عاجل: بحسب الشرطة، دعا التنظيم إلى الانضمام'), 12, true);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(12);
  });
});
