import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arabiziView, normalize, toOriginalSpan } from '../../src/text/normalize.js';
import { tokenize } from '../../src/text/tokenize.js';
import type { Normalized } from '../../src/types.js';

// Pieces that exercise every step and, above all, their interactions: obfuscation characters next to
// letters of several scripts, separators, markup and emoji.
const PIECES = [
  'a', 'b', 'd', 'h', 'i', 'j', 'o', 's', 'A', 'J', 'S', 'x', 'é', 'e\u0301', 'ß', 'İ', 'Σ', 'ς', 'а', 'ο', 'Η',
  '0', '1', '3', '4', '5', '7', '2', '9', '$', '@', '#', '_', '.', '-', '/', ':', "'", ' ', '  ', '\n', '\t',
  '\u200B', '\u200C', '\u200D', '\u00AD', '\u202E', '\u2066', '\uFEFF', '\u0085', '\u00A0',
  'ا', 'ل', 'ه', 'ة', 'أ', 'إ', 'آ', 'ى', 'ي', 'و', 'ؤ', 'ئ', 'د', 'ـ', '\u064E', '\u0651', '\u0654', '\u0653',
  'ﻻ', 'ﷲ', 'ﷺ', 'ک', 'ی', 'ہ', '٣', '۱', '٫',
  '😀', '👨‍👩‍👧', '\uFE0F', '🇫🇷', '1️⃣', 'Ｊ', 'ﬁ', '…', '&amp;', '&#x200b;', '&', 'amp;',
  'http://', 'https://', 'www.', 't.co/', '.com', '\uD800', '\uDC00', 'ᄀ', 'ᅡ', 'ﾡ', 'ￂ', '＆', 'ｈｔｔｐ',
  '\u0301', '\u0338', '=', 'c', 'm', 'p', 'w', 'l', 't', 'g', 'ww.', 'amp', ';', 'ﬀ', 'И', '\u0306',
];
const adversarial = fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 40 });
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  adversarial,
);

const RUNS = { numRuns: 3000 };

function expectValidMap(n: Normalized, original: string): void {
  const origLen = Array.from(original).length;
  expect(n.map.length).toBe(Array.from(n.text).length + 1);
  expect(n.map[n.map.length - 1]).toBe(origLen);
  for (let i = 0; i < n.map.length; i++) {
    expect(n.map[i]).toBeGreaterThanOrEqual(i === 0 ? 0 : n.map[i - 1]!);
    expect(n.map[i]).toBeLessThanOrEqual(origLen);
  }
}

describe('normalize properties', () => {
  it('never throws and always returns a valid map', () => {
    fc.assert(
      fc.property(anyText, (x) => {
        expectValidMap(normalize(x), x);
      }),
      RUNS,
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyText, (x) => {
        const once = normalize(x).text;
        expect(normalize(once).text).toBe(once);
      }),
      RUNS,
    );
  });

  it('maps every token to a non-empty span inside the original', () => {
    fc.assert(
      fc.property(anyText, (x) => {
        const n = normalize(x);
        const origLen = Array.from(x).length;
        for (const t of tokenize(n.text)) {
          const s = toOriginalSpan(n, t.start, t.end);
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeLessThanOrEqual(origLen);
          expect(s.end).toBeGreaterThan(s.start);
        }
      }),
      RUNS,
    );
  });

  it('lists only steps that changed something: unchanged text means no steps', () => {
    fc.assert(
      fc.property(anyText, (x) => {
        const n = normalize(x);
        if (n.text === x) expect(n.steps).toEqual([]);
        expect(new Set(n.steps).size).toBe(n.steps.length);
      }),
      RUNS,
    );
  });

  it('arabiziView never throws and maps back validly when it applies', () => {
    const arabiziLike = fc.string({
      unit: fc.constantFrom('el ', 'al-', 'dawla', '3ala', '7arb', 'ana ', 'mesh', ' ', 'wa ', "3'", 'x', 'the ', '2', '#', '@', 'https://t.co/a '),
      maxLength: 12,
    });
    fc.assert(
      fc.property(fc.oneof(anyText, arabiziLike), (x) => {
        const v = arabiziView(x);
        if (v !== null) expectValidMap(v, x);
      }),
      RUNS,
    );
  });
});
