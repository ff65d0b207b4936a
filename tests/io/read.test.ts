import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { isBlank } from '../../src/io/lines.js';
import { readPosts } from '../../src/io/read.js';
import { chunked, collect, FIXTURES } from './helpers.js';

describe('readPosts', () => {
  it('fails with E_INPUT for a missing file or a directory, naming it', async () => {
    await expect(collect(readPosts(FIXTURES + 'missing.csv', {}))).rejects.toMatchObject({
      code: 'E_INPUT',
      message: `${FIXTURES}missing.csv: no such file`,
    });
    await expect(collect(readPosts(FIXTURES + 'golden', { format: 'csv' }))).rejects.toMatchObject({
      code: 'E_INPUT',
      message: `${FIXTURES}golden: is a directory`,
    });
  });

  it('asks for --format when the file name does not tell', async () => {
    await expect(collect(readPosts(FIXTURES + 'scored-rows.json', {}))).rejects.toMatchObject({ code: 'E_INPUT', hint: 'use --format csv|jsonl|lines|text' });
  });

  it('refuses options that the format has no use for', async () => {
    await expect(collect(readPosts(FIXTURES + 'posts.txt', { textCol: 'text' }))).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(collect(readPosts(FIXTURES + 'posts.jsonl', { delimiter: ';' }))).rejects.toMatchObject({ code: 'E_USAGE' });
  });
});

// Arbitrary Unicode text (no lone surrogates, which UTF-8 cannot carry; no U+FFFD, which the CSV reader
// takes as the mark of an undecodable byte), salted with the characters that make CSV and JSON hard.
const special = fc.constantFrom('"', ',', ';', '\t', '\n', '\r', '\r\n', ' ', '\u200b', '\ufeff', 'ع', 'لا', '🏴', '\\', '\u2028');
const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '\uFFFD');
const postText = fc.string({ unit: fc.oneof(special, anyChar), maxLength: 30 });
const chunkSizes = fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 30 });

/** What reading a post back should give: its text, or an empty-text error for a blank one. */
function expected(texts: string[], normalise: (s: string) => string) {
  return texts.map((t, i) => (isBlank(t) ? { id: String(i + 1), text: '', empty: true } : { id: String(i + 1), text: normalise(t), empty: false }));
}

describe('round trips (property)', () => {
  it('CSV written by csv-stringify reads back to the same texts, one post per record, in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(postText, { maxLength: 20 }), chunkSizes, fc.constantFrom(',', ';', '\t'), async (texts, sizes, delimiter) => {
        const csv = stringify([['id', 'text'], ...texts.map((t, i) => [String(i + 1), t])], { delimiter });
        const posts = await collect(readPosts('-', { format: 'csv', delimiter, idCol: 'id' }, chunked(Buffer.from(csv), sizes)));
        // CRLF inside a field reads as LF (see crlfToLf).
        expect(posts.map((p) => ({ id: p.id, text: p.text, empty: p.error !== undefined }))).toEqual(expected(texts, (s) => s.replaceAll('\r\n', '\n')));
        expect(posts.map((p) => p.row)).toEqual(texts.map((_, i) => i + 1));
      }),
      { numRuns: 150 },
    );
  });

  it('JSONL reads back to the same texts, one post per line, in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(postText, { maxLength: 20 }), chunkSizes, async (texts, sizes) => {
        const jsonl = texts.map((t, i) => JSON.stringify({ id: i + 1, text: t })).join('\n');
        const posts = await collect(readPosts('-', { format: 'jsonl', idCol: 'id' }, chunked(Buffer.from(jsonl), sizes)));
        expect(posts.map((p) => ({ id: p.id, text: p.text, empty: p.error !== undefined }))).toEqual(expected(texts, (s) => s));
        expect(posts.map((p) => p.line)).toEqual(texts.map((_, i) => i + 1));
      }),
      { numRuns: 150 },
    );
  });
});
