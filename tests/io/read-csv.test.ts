import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BasiraError } from '../../src/errors.js';
import { csvRecordToPost, resolveCsvColumns } from '../../src/io/read-csv.js';
import { readPosts } from '../../src/io/read.js';
import { chunked, collect, FIXTURES } from './helpers.js';

const read = (file: string, opts = {}) => collect(readPosts(FIXTURES + file, opts));

describe('readPosts csv', () => {
  it('reads a BOM + CRLF file, detecting the text column and keeping line numbers', async () => {
    const posts = await read('posts.csv', { idCol: 'post_id', labelCols: ['label'], keep: ['date'] });
    expect(posts).toEqual([
      { row: 1, line: 2, id: '101', text: 'Join us, brothers', keep: { date: '2024-01-01' }, gold: { label: 'propaganda' } },
      // CRLF inside a quoted field reads as LF; "" is an escaped quote.
      { row: 2, line: 3, id: '102', text: 'Line one\nline two "quoted"', keep: { date: '2024-01-02' }, gold: { label: 'news' } },
      // The blank line 5 is not a record; the next record starts on line 6.
      { row: 3, line: 6, id: '103', text: 'عاجل: بحسب الشرطة', keep: { date: '2024-01-03' }, gold: { label: 'news' } },
    ]);
  });

  it('takes ids from a column with a common id name, case-insensitively', async () => {
    const posts = await read('posts.csv');
    expect(posts.map((p) => p.id)).toEqual(['101', '102', '103']);
  });

  it('numbers rows as ids when there is no id column', async () => {
    const posts = await collect(readPosts('-', { format: 'csv' }, Readable.from([Buffer.from('Message,date\nfirst,1\nsecond,2\n')])));
    expect(posts.map((p) => p.id)).toEqual(['1', '2']);
  });

  it('takes the delimiter from the options (";") and from .tsv (tab), and accepts the word "tab"', async () => {
    expect((await read('semicolon.csv', { delimiter: ';' })).map((p) => p.text)).toEqual(['a; b', 'plain, with comma']);
    expect((await read('posts.tsv')).map((p) => p.text)).toEqual(['first post', 'quoted\ttab']);
    expect((await read('posts.tsv', { delimiter: 'tab', format: 'csv' })).map((p) => p.text)).toEqual(['first post', 'quoted\ttab']);
  });

  it('turns each bad record into exactly one error row at the line where the record starts', async () => {
    const posts = await read('broken.csv', { idCol: 'id', keep: ['date'] });
    expect(posts.map((p) => [p.row, p.line, p.id, p.text, p.error])).toEqual([
      [1, 2, '1', 'fine', undefined],
      [2, 3, '2', '', 'line 3: expected 3 fields, found 2'],
      [3, 4, '3', '', 'line 4: empty text'],
      [4, 5, '4', '', 'line 5: invalid UTF-8 in column "text"'],
      // A stray quote is kept as text rather than wrecking the records after it.
      [5, 6, '5', '"bad"quote', undefined],
      [6, 7, '6', 'ok again', undefined],
      [7, 8, '7', '', 'line 8: expected 3 fields, found 4'],
      [8, 9, '8', 'multi\nline', undefined],
      [
        9,
        11,
        '',
        '',
        'line 11: broken quoting: a quote opened here is never closed (the rest of the input, to line 12, was read as this record)',
      ],
    ]);
    expect(posts[2]?.keep).toEqual({ date: 'd3' });
  });

  it('reads UTF-16 (Excel "Unicode text") by its byte-order mark', async () => {
    expect(await read('utf16.csv')).toEqual([{ row: 1, line: 2, id: '1', text: 'عاجل news' }]);
  });

  it('gives the same posts whatever the chunking of the input', async () => {
    const bytes = Buffer.from('id,text\r\n1,"a\r\nb"\r\n2,"x ""y"""\r\n');
    for (const sizes of [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [9], [10], [11, 2]]) {
      const posts = await collect(readPosts('-', { format: 'csv' }, chunked(bytes, sizes)));
      expect(posts.map((p) => [p.line, p.text])).toEqual([
        [2, 'a\nb'],
        [4, 'x "y"'],
      ]);
    }
  });

  it('fails with E_INPUT naming the file and the columns when a column is missing', async () => {
    const err = await read('posts.csv', { textCol: 'msg' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BasiraError);
    expect(err).toMatchObject({
      code: 'E_INPUT',
      message: `${FIXTURES}posts.csv: no column "msg"; columns are: post_id, Message, date, label`,
      hint: 'use --text-col',
    });
    await expect(read('posts.csv', { keep: ['nope'] })).rejects.toMatchObject({ code: 'E_INPUT', hint: 'use --keep' });
    await expect(read('semicolon.csv')).rejects.toMatchObject({ code: 'E_INPUT', hint: 'use --text-col' });
  });

  it('fails with E_INPUT on input without a header', async () => {
    await expect(collect(readPosts('-', { format: 'csv' }, chunked(Buffer.from(''))))).rejects.toMatchObject({ code: 'E_INPUT' });
  });
});

describe('resolveCsvColumns', () => {
  it('detects the first known text column in header order, case-insensitively', () => {
    expect(resolveCsvColumns(['id', ' Tweet ', 'text'], {}, 'f.csv').text).toBe(1);
  });
  it('prefers an exact match, then a case-insensitive one', () => {
    expect(resolveCsvColumns(['Body', 'body'], { textCol: 'body' }, 'f.csv').text).toBe(1);
    expect(resolveCsvColumns(['Body', 'x'], { textCol: 'BODY' }, 'f.csv').text).toBe(0);
  });
});

describe('csvRecordToPost', () => {
  const cols = resolveCsvColumns(['id', 'text'], { idCol: 'id' }, 'f.csv');
  it('flags whitespace- and format-character-only text as empty', () => {
    expect(csvRecordToPost(['9', ' \u200b\t'], cols, 4, 5)).toEqual({ row: 4, line: 5, id: '9', text: '', error: 'line 5: empty text' });
  });
});
