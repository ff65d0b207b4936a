import { describe, expect, it } from 'vitest';
import { openSource, toUtf8 } from '../../src/io/source.js';
import { chunked, collect, FIXTURES } from './helpers.js';

const utf8Of = async (bytes: Buffer, sizes: number[] = []) => Buffer.concat(await collect(toUtf8(chunked(bytes, sizes)))).toString('utf8');

describe('toUtf8', () => {
  it('drops a UTF-8 BOM even when it is split across chunks', async () => {
    expect(await utf8Of(Buffer.from('\ufeffhi'), [1, 1])).toBe('hi');
    expect(await utf8Of(Buffer.from('hi'))).toBe('hi');
  });
  it('transcodes UTF-16 LE and BE by their BOM, whatever the chunking', async () => {
    const le = Buffer.from('\ufeffعاجل 🏴', 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(await utf8Of(le, [1, 2, 3])).toBe('عاجل 🏴');
    expect(await utf8Of(be, [3, 1, 1])).toBe('عاجل 🏴');
  });
  it('passes inputs shorter than a BOM through', async () => {
    expect(await utf8Of(Buffer.from('a'))).toBe('a');
    expect(await utf8Of(Buffer.alloc(0))).toBe('');
  });
});

describe('openSource', () => {
  it('names stdin "stdin" and a file by its path', async () => {
    expect((await openSource('-', chunked(Buffer.from('x')))).name).toBe('stdin');
    const file = await openSource(FIXTURES + 'posts.tsv');
    expect(file.name).toBe(FIXTURES + 'posts.tsv');
    expect(Buffer.concat(await collect(file.chunks)).toString()).toContain('first post');
  });
  it('throws E_INPUT for a missing file and a directory', async () => {
    await expect(openSource(FIXTURES + 'nope.csv')).rejects.toMatchObject({ code: 'E_INPUT', message: `${FIXTURES}nope.csv: no such file` });
    await expect(openSource(FIXTURES + 'golden')).rejects.toMatchObject({ code: 'E_INPUT', message: `${FIXTURES}golden: is a directory` });
  });
});
