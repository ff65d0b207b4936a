import { describe, expect, it } from 'vitest';
import { getPath, JsonlRecords } from '../../src/io/read-jsonl.js';
import { readPosts } from '../../src/io/read.js';
import { chunked, collect, FIXTURES } from './helpers.js';

describe('readPosts jsonl', () => {
  it('takes ids from a key with a common id name on the first object, else numbers rows', async () => {
    const withId = await collect(readPosts('-', { format: 'jsonl' }, chunked(Buffer.from('{"id_str":"9","text":"a"}\n{"text":"b"}\n'), [5])));
    expect(withId.map((p) => p.id)).toEqual(['9', '2']);
    const without = await collect(readPosts('-', { format: 'jsonl' }, chunked(Buffer.from('{"text":"a"}\n{"text":"b"}\n'), [5])));
    expect(without.map((p) => p.id)).toEqual(['1', '2']);
  });

  it('reads dotted keys and turns every bad line into one error row with its line number', async () => {
    const posts = await collect(readPosts(FIXTURES + 'posts.jsonl', { textCol: 'data.text', idCol: 'id', keep: ['meta.lang'], labelCols: ['label'] }));
    expect(posts.map((p) => [p.row, p.line, p.id, p.text, p.error])).toEqual([
      [1, 1, '1', 'nested text', undefined],
      [2, 2, '2', 'second', undefined],
      [3, 3, '', '', 'line 3: empty line'],
      [4, 4, '', '', expect.stringMatching(/^line 4: invalid JSON: /)],
      [5, 5, '', '', 'line 5: expected a JSON object, found an array'],
      [6, 6, '5', '', 'line 6: empty text'],
      [7, 7, '', '', 'line 7: invalid UTF-8'],
      [8, 8, '7', '', 'line 8: no key "data.text"'],
      [9, 9, '8', '', 'line 9: "data.text" is a number, not a string'],
      [10, 10, '9', 'literal dotted key', undefined],
    ]);
    expect(posts[0]).toMatchObject({ keep: { 'meta.lang': 'en' }, gold: { label: 'news' } });
    // An absent key is left out, not invented.
    expect(posts[1]?.keep).toEqual({});
  });

  it('detects the text key on the first object and fails with E_INPUT when there is none', async () => {
    const posts = await collect(readPosts('-', { format: 'jsonl' }, chunked(Buffer.from('{"message":"hi"}\n{"message":"yo","text":"not this"}\n'))));
    expect(posts.map((p) => p.text)).toEqual(['hi', 'yo']);
    await expect(collect(readPosts(FIXTURES + 'posts.jsonl', {}))).rejects.toMatchObject({
      code: 'E_INPUT',
      message: `${FIXTURES}posts.jsonl: line 1: no text key (looked for text, content, message, body, tweet, post, full_text); keys are: id, data, meta, label`,
      hint: 'use --text-col',
    });
    await expect(collect(readPosts(FIXTURES + 'posts.jsonl', { textCol: 'body' }))).rejects.toMatchObject({ code: 'E_INPUT' });
  });

  it('splits lines correctly when chunks cut through multi-byte characters', async () => {
    const bytes = Buffer.from('{"text":"عاجل"}\n{"text":"🏴 x"}\n');
    for (let size = 1; size < 6; size++) {
      const posts = await collect(readPosts('-', { format: 'jsonl' }, chunked(bytes, Array(40).fill(size))));
      expect(posts.map((p) => p.text)).toEqual(['عاجل', '🏴 x']);
    }
  });
});

describe('getPath', () => {
  it('walks nested objects and arrays, prefers a literal dotted key, ignores inherited properties', () => {
    expect(getPath({ a: { b: [{ c: 1 }] } }, 'a.b.0.c')).toBe(1);
    expect(getPath({ 'a.b': 2, a: { b: 3 } }, 'a.b')).toBe(2);
    expect(getPath({}, 'constructor')).toBeUndefined();
    expect(getPath({ a: 'x' }, 'a.length')).toBeUndefined();
  });
});

describe('JsonlRecords', () => {
  it('writes non-string ids and kept values as text', () => {
    const records = new JsonlRecords({ idCol: 'id', keep: ['n', 'o', 'z'] }, 'x.jsonl');
    const post = records.toPost(Buffer.from('{"id":12,"text":"t","n":null,"o":{"k":[1]},"z":false}'), 1);
    expect(post).toEqual({ row: 1, line: 1, id: '12', text: 't', keep: { n: '', o: '{"k":[1]}', z: 'false' } });
  });
});
