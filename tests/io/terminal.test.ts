import { describe, expect, it } from 'vitest';
import { printableCells, printableLine } from '../../src/io/terminal.js';

describe('printableCells', () => {
  it('removes escape sequences whole, controls, and bidi formatting; keeps LF; tab becomes a space', () => {
    const text = 'a\u001b[31mred\u001b[0m\u001b]0;title\u0007b\u009b2Jc\u202edir\u2066x\u2069\u200f\r\n\t🏴\u0000';
    expect(printableCells(text).map((c) => c.ch).join('')).toBe('aredbcdirx\n 🏴');
  });

  it('keeps code-point offsets into the original text', () => {
    const cells = printableCells('🏴\u001b[1mأ\u202eب');
    expect(cells).toEqual([
      { ch: '🏴', at: 0 },
      { ch: 'أ', at: 5 },
      { ch: 'ب', at: 7 },
    ]);
  });
});

describe('printableLine', () => {
  it('puts a value on one line', () => {
    expect(printableLine('id\n42\u001b[2K')).toBe('id 42');
  });
});
