import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findDataset, loadRegistry, type SplitDataset } from '../../src/eval/registry.js';
import { readSplit, sha256Text } from '../../src/eval/split.js';
import type { Post } from '../../src/types.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/eval/', import.meta.url));
const registry = loadRegistry(join(FIXTURES, 'registry.json'), FIXTURES);
const data = { dir: join(FIXTURES, 'data'), from: 'from --data-dir' };
const split = (name: string): SplitDataset => findDataset(registry, name) as SplitDataset;

async function all(posts: AsyncIterable<Post>): Promise<Post[]> {
  const out: Post[] = [];
  for await (const p of posts) out.push(p);
  return out;
}

describe('sha256Text', () => {
  it('hashes the UTF-8 bytes, as training/split.py does', () => {
    expect(sha256Text('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // hashlib.sha256('داعش'.encode('utf-8')).hexdigest()
    expect(sha256Text('داعش')).toBe('d39663647dd7fe8707601b558450f5d05884c814c5b94d3521cec3f27e5a45f0');
  });
});

describe('readSplit', () => {
  it('reads the manifest rows from their files, in manifest order, with manifest ids and mapped labels', async () => {
    const { posts, where } = readSplit(registry, split('split:mini'), data);
    const rows = await all(posts);
    expect(rows.map((p) => [p.row, p.id, p.gold?.label, p.gold?.lang])).toEqual([
      [1, 't005', 'propaganda', 'en'],
      [2, 't050', 'news', 'en'],
      [3, 't100', 'news', 'en'],
      [4, 't110', 'propaganda', 'ar'],
      [5, 'n001', 'other', 'de'],
      [6, 'n002', 'other', 'de'],
    ]);
    expect(rows[0]?.gold?.categories).toBe('recruitment');
    expect(rows[4]?.gold?.categories).toBe('');
    // source and confidence ride along where the file has them; the negatives have no confidence column.
    expect(rows.map((p) => [p.gold?.source, p.gold?.confidence])).toEqual([
      ['fixture', 'high'],
      ['fixture', 'high'],
      ['fixture', 'high'],
      ['fixture', 'low'],
      ['fixture', ''],
      ['fixture', ''],
    ]);
    expect(where(rows[4] as Post)).toBe(`${join(data.dir, 'negatives/germeval2018_train.csv')}:2`);
  });

  it('refuses a text that does not hash to the manifest, naming the file and line', async () => {
    const { posts } = readSplit(registry, split('split:changed'), data);
    await expect(all(posts)).rejects.toMatchObject({ code: 'E_DATA', message: expect.stringMatching(/fifthtribe\.csv:\d+: the text of t005 is not the one split:changed was built from/) });
  });

  it('refuses a manifest row its file does not have', async () => {
    const { posts } = readSplit(registry, split('split:missing'), data);
    await expect(all(posts)).rejects.toMatchObject({ code: 'E_DATA', message: expect.stringContaining('has no row with id t999') });
  });

  it('checks that every source file is in the data folder before reading any row', () => {
    expect(() => readSplit(registry, split('split:mini'), { dir: join(FIXTURES, 'nowhere'), from: 'from --data-dir' })).toThrow(/is missing/);
  });
});
