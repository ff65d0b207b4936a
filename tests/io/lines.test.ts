import { describe, expect, it } from 'vitest';
import { crlfToLf, decodeUtf8, isBlank, splitLines } from '../../src/io/lines.js';
import { chunked, collect } from './helpers.js';

const bytesOf = (chunks: Buffer[]) => Buffer.concat(chunks).toString('latin1');

describe('splitLines', () => {
  it('splits on LF, drops CR before LF even across chunks, and counts lines', async () => {
    const input = Buffer.from('a\r\nbb\n\nc\r');
    for (const sizes of [[], [1, 1, 1, 1, 1, 1, 1, 1, 1], [2, 3]]) {
      const lines = await collect(splitLines(chunked(input, sizes)));
      expect(lines.map((l) => [l.line, l.bytes.toString()])).toEqual([
        [1, 'a'],
        [2, 'bb'],
        [3, ''],
        [4, 'c'],
      ]);
    }
  });
  it('yields nothing for empty input', async () => {
    expect(await collect(splitLines(chunked(Buffer.alloc(0))))).toEqual([]);
  });
});

describe('crlfToLf', () => {
  it('rewrites CRLF as LF wherever the chunks are cut, and keeps lone CRs', async () => {
    const input = Buffer.from('a\r\nb\rc\r\n\r\r\nd\r');
    for (const sizes of [[], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [2, 2, 2], [3, 5]]) {
      expect(bytesOf(await collect(crlfToLf(chunked(input, sizes))))).toBe('a\nb\rc\n\r\nd\r');
    }
  });
});

describe('decodeUtf8 / isBlank', () => {
  it('rejects invalid UTF-8 (overlong, lone continuation, truncated) and accepts valid text', () => {
    expect(decodeUtf8(Buffer.from([0xc0, 0xaf]))).toBeNull();
    expect(decodeUtf8(Buffer.from([0x80]))).toBeNull();
    expect(decodeUtf8(Buffer.from([0xe2, 0x82]))).toBeNull();
    expect(decodeUtf8(Buffer.from('عاجل 🏴'))).toBe('عاجل 🏴');
  });
  it('treats whitespace and invisible format characters as blank', () => {
    expect(isBlank(' \t\u00a0\u200b\u200f\ufeff')).toBe(true);
    expect(isBlank(' . ')).toBe(false);
  });
});
