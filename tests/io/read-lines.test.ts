import { describe, expect, it } from 'vitest';
import { lineToPost } from '../../src/io/read-lines.js';
import { readPosts } from '../../src/io/read.js';
import { chunked, collect, FIXTURES } from './helpers.js';

describe('readPosts lines', () => {
  it('gives one row per line: empty and undecodable lines are error rows, the final newline is not a row', async () => {
    const posts = await collect(readPosts(FIXTURES + 'posts.txt', {}));
    expect(posts).toEqual([
      { row: 1, line: 1, id: '1', text: 'first line' },
      { row: 2, line: 2, id: '2', text: '', error: 'line 2: empty text' },
      { row: 3, line: 3, id: '3', text: 'third — with dash' },
      { row: 4, line: 4, id: '4', text: '', error: 'line 4: empty text' },
      { row: 5, line: 5, id: '5', text: '', error: 'line 5: invalid UTF-8' },
      { row: 6, line: 6, id: '6', text: 'last line without newline' },
    ]);
    const withFinalNewline = await collect(readPosts('-', { format: 'lines' }, chunked(Buffer.from('a\n\nb\n'))));
    expect(withFinalNewline.map((p) => p.error ?? p.text)).toEqual(['a', 'line 2: empty text', 'b']);
  });

  it('strips a UTF-8 byte-order mark from the first line', async () => {
    const posts = await collect(readPosts('-', { format: 'lines' }, chunked(Buffer.from('\ufeffhello\n'), [1, 1])));
    expect(posts.map((p) => p.text)).toEqual(['hello']);
  });

  it('lineToPost keeps text exactly (no trimming, so offsets stay true)', () => {
    expect(lineToPost(Buffer.from('  padded  '), 3).text).toBe('  padded  ');
  });
});
