import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { hash, hashExitCode } from '../../src/commands/hash.js';
import { loadSignatureList } from '../../src/similarity/list.js';
import { memoryStreams } from '../helpers/streams.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/similarity/', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const lines = (text: string): Record<string, unknown>[] => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('hash', () => {
  it('writes one record per post, with no text, and counts signed, short and failed posts', async () => {
    const { streams, out } = memoryStreams();
    const summary = await hash({ input: path.join(FIXTURES, 'posts.csv'), idCol: 'id', force: false }, streams);
    expect(summary).toEqual({ read: 8, signed: 7, short: 1, failed: 0 });
    expect(hashExitCode(summary)).toBe(0);
    const records = lines(out());
    expect(records.map((r) => r['id'])).toEqual(['a1', 'e1', 'a2', 'u1', 'e2', 's1', 'u2', 'e3']);
    expect(records[1]).toEqual({
      id: 'e1',
      algorithm: 'minhash-oph',
      params: { k: 64, shingle: 3, bits: 16, seed: 1 },
      normalizer: 'sig-1',
      signature: expect.stringMatching(/^[A-Za-z0-9+/]{171}=$/),
    });
    expect(records[5]).toMatchObject({ id: 's1', signature: null, error: 'too short to sign: 3 words after normalisation, at least 5 needed' });
    expect(out()).not.toMatch(/library|النادي/);
  });

  it('keeps an unreadable row as a record with its error, and exits 1', async () => {
    const { streams, out } = memoryStreams();
    const summary = await hash({ input: path.join(FIXTURES, 'posts.jsonl'), idCol: 'id', force: false }, streams);
    expect(summary).toEqual({ read: 3, signed: 2, short: 0, failed: 1 });
    expect(hashExitCode(summary)).toBe(1);
    expect(lines(out())[1]).toMatchObject({ id: '', signature: null, error: expect.stringMatching(/^line 2: invalid JSON/) });
  });

  it('writes a list that loads even with unreadable rows in it', async () => {
    const { streams, out } = memoryStreams();
    await hash({ input: path.join(FIXTURES, 'posts.jsonl'), idCol: 'id', force: false }, streams);
    const list = await loadSignatureList('-', Readable.from([Buffer.from(out())]));
    expect({ size: list.size, unsigned: list.unsigned }).toEqual({ size: 2, unsigned: 1 });
  });

  it('signs one post from stdin', async () => {
    const { streams, out } = memoryStreams('The city library will stay open late on Thursdays\n');
    await hash({ input: '-', force: false }, streams);
    expect(lines(out())).toHaveLength(1);
  });

  it('writes a list file that match can load as it is', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'basira-hash-'));
    dirs.push(dir);
    const file = path.join(dir, 'known.jsonl');
    const { streams, out } = memoryStreams();
    await hash({ input: path.join(FIXTURES, 'posts.csv'), idCol: 'id', output: file, force: false }, streams);
    expect(out()).toBe('');
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(9);
    const list = await loadSignatureList(file);
    expect({ size: list.size, unsigned: list.unsigned }).toEqual({ size: 7, unsigned: 1 });
    await expect(hash({ input: path.join(FIXTURES, 'posts.csv'), output: file, force: false }, streams)).rejects.toMatchObject({ code: 'E_OUTPUT_EXISTS' });
  });
});
