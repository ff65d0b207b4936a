import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clusterFile, KNOWN_MATCH_RULE, KNOWN_MATCH_WEIGHT, loadKnownList, matchEvidence } from '../../src/similarity/enrich.js';
import { MATCH_THRESHOLD } from '../../src/similarity/signature.js';
import { fuse, type Fusion } from '../../src/fuse.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/similarity/', import.meta.url));
const LIBRARY = 'The city library will stay open late on Thursdays this summer so students can study for their exams';

describe('loadKnownList', () => {
  it('matches a post by its original text, and nothing for a post too short to sign', async () => {
    const list = await loadKnownList(path.join(FIXTURES, 'known.jsonl'));
    expect(list.size).toBe(1);
    expect(list.best(`${LIBRARY} https://t.co/new #reading`)).toEqual({ id: 'library', similarity: 1 });
    expect(list.best('city library open')).toBeNull();
  });
});

describe('matchEvidence', () => {
  it('is dissemination evidence over the whole post, weighted by similarity', () => {
    const post = 'نص قصير 📚 للتجربة';
    expect(matchEvidence(post, { id: 'k1', similarity: 0.75 })).toEqual({
      rule: KNOWN_MATCH_RULE,
      kind: 'category',
      category: 'dissemination',
      weight: KNOWN_MATCH_WEIGHT * 0.75,
      text: post,
      start: 0,
      end: Array.from(post).length,
    });
  });

  it('quotes only the opening of a long post, with offsets still over the whole post in code points', () => {
    const post = `${'😀'.repeat(100)} end`;
    const e = matchEvidence(post, { id: 'k1', similarity: 1 })!;
    expect(e.text).toBe(`${'😀'.repeat(80)}…`);
    expect(e.end).toBe(104);
  });

  it('gives nothing below the match threshold', () => {
    expect(matchEvidence(LIBRARY, { id: 'k1', similarity: MATCH_THRESHOLD - 1 / 64 })).toBeNull();
  });

  it('raises the score as documented under the hand-set prior fusion: review band at 0.5, propaganda from 0.8', () => {
    const prior: Fusion = {
      version: 'prior-1',
      heads: { rules: { bias: -2.5, weights: { 'rules.dissemination': 1.6 } } },
      threshold: 0.5,
      review: [0.35, 0.65],
    };
    const scoreAt = (similarity: number): number => fuse({ lang: 'en', evidence: [matchEvidence(LIBRARY, { id: 'k', similarity })!], models: {} }, prior).score;
    expect(scoreAt(0.5)).toBeCloseTo(0.38, 2);
    expect(scoreAt(0.8)).toBeCloseTo(0.52, 2);
    expect(scoreAt(1)).toBeCloseTo(0.59, 2);
  });
});

describe('clusterFile', () => {
  it('maps each row number to its cluster', async () => {
    const clusters = await clusterFile(path.join(FIXTURES, 'posts.csv'), { idCol: 'id' });
    expect(clusters.get(5)).toMatchObject({ id: 'e2', cluster: 'e1', size: 3 });
    expect(clusters.size).toBe(8);
  });

  it('refuses stdin, which cannot be read a second time', async () => {
    await expect(clusterFile('-', {})).rejects.toMatchObject({ code: 'E_USAGE' });
  });
});
