import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clusterSignatures } from '../../src/similarity/cluster.js';
import { clusterPosts } from '../../src/similarity/dedup.js';
import { SignatureTable } from '../../src/similarity/lsh.js';
import { PARAMS } from '../../src/similarity/signature.js';
import { readPosts } from '../../src/io/read.js';
import type { Post } from '../../src/types.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/similarity/', import.meta.url));

/** A signature whose slots are `base` except the first `changed`, so any two share (64 − changes)/64 when the changes differ. */
function variant(base: number, changed: number, tag: number): Uint16Array {
  const s = new Uint16Array(PARAMS.k).fill(base);
  for (let i = 0; i < changed; i++) s[i] = 1000 + tag * 100 + i;
  return s;
}

function table(...sigs: Uint16Array[]): SignatureTable {
  const t = new SignatureTable(PARAMS.k);
  for (const s of sigs) t.add(s);
  return t;
}

async function* posts(...texts: string[]): AsyncGenerator<Post> {
  for (const [i, text] of texts.entries()) yield { row: i + 1, line: i + 2, id: `p${i + 1}`, text };
}

describe('clusterSignatures', () => {
  it('joins pairs at or above the threshold; each cluster is named by its first member', () => {
    // 0 ~ 2 (share 48 of 64 slots), 1 alone, 3 ~ 4 identical.
    const { first, size } = clusterSignatures(table(variant(7, 16, 0), variant(9, 64, 1), variant(7, 16, 2), variant(5, 0, 0), variant(5, 0, 0)), 0.5);
    expect(Array.from(first)).toEqual([0, 1, 0, 3, 3]);
    expect([size[0], size[1], size[3]]).toEqual([2, 1, 2]);
  });

  it('chains copies of copies into one cluster (single linkage)', () => {
    // a ~ b and b ~ c at 40/64, but a and c share only 16 slots.
    const a = new Uint16Array(PARAMS.k).fill(1);
    const b = a.slice();
    b.fill(2, 0, 24);
    const c = b.slice();
    c.fill(3, 24, 48);
    const { first, size } = clusterSignatures(table(c, a, b), 0.6);
    expect(Array.from(first)).toEqual([0, 0, 0]);
    expect(size[0]).toBe(3);
  });

  it('keeps pairs below the threshold apart', () => {
    const { first } = clusterSignatures(table(variant(7, 40, 0), variant(7, 40, 1)), 0.5);
    expect(Array.from(first)).toEqual([0, 1]);
  });
});

describe('clusterPosts', () => {
  it('clusters edited copies of a post, Arabic and Latin, in input order; short posts stand alone', async () => {
    const out = await clusterPosts(readPosts(path.join(FIXTURES, 'posts.csv'), { idCol: 'id' }));
    expect(out.map((c) => [c.id, c.cluster, c.size])).toEqual([
      ['a1', 'a1', 2],
      ['e1', 'e1', 3],
      ['a2', 'a1', 2],
      ['u1', 'u1', 1],
      ['e2', 'e1', 3],
      ['s1', 's1', 1],
      ['u2', 'u2', 1],
      ['e3', 'e1', 3],
    ]);
  });

  it('gives an unreadable row no cluster and keeps its error', async () => {
    const out = await clusterPosts(readPosts(path.join(FIXTURES, 'posts.jsonl'), { idCol: 'id' }));
    expect(out.map((c) => [c.row, c.cluster, c.size, c.error !== null])).toEqual([
      [1, 'j1', 1, false],
      [2, null, null, true],
      [3, 'j3', 1, false],
    ]);
  });

  it('names a retweet storm by its first post, however many identical copies follow', async () => {
    const text = 'Join us at the community garden on Saturday morning to plant trees';
    const out = await clusterPosts(posts('an unrelated opening post about the weather today', ...Array.from({ length: 2000 }, (_, i) => `RT @u${i}: ${text}`)));
    expect(out[0]).toMatchObject({ cluster: 'p1', size: 1 });
    expect(new Set(out.slice(1).map((c) => c.cluster))).toEqual(new Set(['p2']));
    expect(out[2000]!.size).toBe(2000);
  });
});
