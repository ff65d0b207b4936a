import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/eval/registry.js';
import { openLabelled } from '../../src/eval/source.js';
import type { Post } from '../../src/types.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/eval/', import.meta.url));
const registry = loadRegistry(join(FIXTURES, 'registry.json'), FIXTURES);
const stdin = Readable.from([]);
const dataDir = join(FIXTURES, 'data');

async function all(posts: AsyncIterable<Post>): Promise<Post[]> {
  const out: Post[] = [];
  for await (const p of posts) out.push(p);
  return out;
}

describe('openLabelled', () => {
  it('reads a file with the columns and label reading the user gives', async () => {
    const input = join(FIXTURES, 'gold.csv');
    const source = openLabelled({ input, labelCol: 'label', langCol: 'lang', positive: 'propaganda' }, stdin, {}, registry);
    expect(source).toMatchObject({ name: input, columns: { label: 'label', lang: 'lang' }, reading: { positive: 'propaganda' } });
    const posts = await all(source.posts);
    expect(posts).toHaveLength(10);
    expect(posts[0]?.gold).toEqual({ label: 'propaganda', lang: 'en' });
    expect(source.where(posts[1] as Post)).toBe(`${input}:3`);
    expect(await source.sha256()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('resolves a registry name in the data folder, with the registry columns and label map', async () => {
    const source = openLabelled({ input: 'neg', dataDir }, stdin, {}, registry);
    expect(source).toMatchObject({ name: 'neg', columns: { label: 'label', lang: 'lang' }, reading: { map: { not_propaganda: 'other' } } });
    expect((await all(source.posts)).map((p) => p.id)).toEqual(['n001', 'n002', 'n003']);
  });

  it('takes the data folder from $BASIRA_DATA', async () => {
    const source = openLabelled({ input: 'split:mini' }, stdin, { BASIRA_DATA: dataDir }, registry);
    expect((await all(source.posts)).length).toBe(6);
    expect(await source.sha256()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('carries the --by column: a file column as named, a split column role under the split key', async () => {
    const file = openLabelled({ input: join(FIXTURES, 'gold.csv'), labelCol: 'label', by: 'categories' }, stdin, {}, registry);
    expect(file.columns).toEqual({ label: 'label', by: 'categories' });
    expect((await all(file.posts))[0]?.gold).toEqual({ label: 'propaganda', categories: 'recruitment|glorification' });
    const split = openLabelled({ input: 'split:mini', dataDir, by: 'confidence' }, stdin, {}, registry);
    expect(split.columns.by).toBe('confidence');
    // The negatives file has no confidence column: its rows carry an empty cell.
    expect((await all(split.posts)).map((p) => p.gold?.confidence)).toEqual(['high', 'high', 'high', 'low', '', '']);
    expect(() => openLabelled({ input: 'neg', dataDir, by: 'confidence' }, stdin, {}, registry)).toThrow('--by confidence: dataset neg has no confidence column');
    expect(() => openLabelled({ input: 'split:mini', dataDir, by: 'account' }, stdin, {}, registry)).toThrow(/is sliced by categories, lang, source, confidence/);
  });

  it('says what is missing when a named dataset is not in the data folder', () => {
    expect(() => openLabelled({ input: 'absent', dataDir }, stdin, {}, registry)).toThrow(expect.objectContaining({ code: 'E_INPUT' }));
  });

  it('refuses column options with a registry name, a file without --label-col, and --positive with --map', () => {
    expect(() => openLabelled({ input: 'mini', dataDir, labelCol: 'label' }, stdin, {}, registry)).toThrow(/--label-col do not apply to dataset mini/);
    expect(() => openLabelled({ input: join(FIXTURES, 'gold.csv') }, stdin, {}, registry)).toThrow(/which column holds the gold label/);
    expect(() => openLabelled({ input: 'nothing-here' }, stdin, {}, registry)).toThrow(/no such file or dataset/);
    expect(() => openLabelled({ input: join(FIXTURES, 'gold.csv'), labelCol: 'label', positive: '1', map: { a: 'news' } }, stdin, {}, registry)).toThrow(
      /--positive and --map/,
    );
    expect(() => openLabelled({ input: join(FIXTURES, 'gold.csv'), labelCol: 'label', dataDir }, stdin, {}, registry)).toThrow(/--data-dir applies to datasets/);
  });
});
