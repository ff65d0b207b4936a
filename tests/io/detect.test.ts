import { describe, expect, it } from 'vitest';
import { detectTextColumn, inputFormatFor, resolveDelimiter } from '../../src/io/detect.js';

describe('inputFormatFor', () => {
  it('prefers the explicit format, then the extension (any case), and reads stdin as one text', () => {
    expect(inputFormatFor('a.csv', 'jsonl')).toBe('jsonl');
    expect(inputFormatFor('a.TSV', undefined)).toBe('csv');
    expect(inputFormatFor('a.ndjson', undefined)).toBe('jsonl');
    expect(inputFormatFor('notes.txt', undefined)).toBe('lines');
    expect(inputFormatFor('-', undefined)).toBe('text');
    expect(() => inputFormatFor('export', undefined)).toThrow(/cannot tell the input format/);
  });
});

describe('resolveDelimiter', () => {
  it('defaults to comma, tab for .tsv, and understands "tab" and a typed \\t', () => {
    expect(resolveDelimiter('a.csv', undefined)).toBe(',');
    expect(resolveDelimiter('a.tsv', undefined)).toBe('\t');
    expect(resolveDelimiter('a.csv', 'TAB')).toBe('\t');
    expect(resolveDelimiter('a.csv', '\\t')).toBe('\t');
    expect(resolveDelimiter('a.csv', ';')).toBe(';');
    expect(() => resolveDelimiter('a.csv', '"')).toThrow(/invalid delimiter/);
  });
});

describe('detectTextColumn', () => {
  it('finds the first known name in column order, trimmed and case-insensitive', () => {
    expect(detectTextColumn(['id', 'FULL_TEXT', 'text'])).toBe(1);
    expect(detectTextColumn(['id', 'texts'])).toBe(-1);
  });
});
