import { describe, expect, it } from 'vitest';
import { textToPost } from '../../src/io/read-text.js';
import { readPosts } from '../../src/io/read.js';
import { chunked, collect } from './helpers.js';

describe('readPosts text (stdin default)', () => {
  it('reads the whole of stdin as one post, without the newline echo adds', async () => {
    const posts = await collect(readPosts('-', {}, chunked(Buffer.from('line one\nline two\n'), [3, 4])));
    expect(posts).toEqual([{ row: 1, line: 1, id: '1', text: 'line one\nline two' }]);
  });

  it('reports empty input and the line of the first invalid byte', () => {
    expect(textToPost(Buffer.from(' \n')).error).toBe('line 1: empty text');
    expect(textToPost(Buffer.concat([Buffer.from('ok\nfine\nbad '), Buffer.from([0xc3, 0x28])])).error).toBe('line 3: invalid UTF-8');
  });
});
