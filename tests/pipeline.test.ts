import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasiraError } from '../src/errors.js';
import { loadTransformer, type TransformerScorer } from '../src/model/transformer.js';
import { normalize } from '../src/text/normalize.js';
import { createPipeline, type Pipeline } from '../src/pipeline.js';
import { DEFAULTS } from '../src/paths.js';
import type { Post, ScoredRow } from '../src/types.js';
import { syntheticPosts } from '../bench/synthetic.js';

// Loading onnxruntime in a worker that compiles TypeScript takes seconds on a busy two-core machine.
const LOAD_TIMEOUT = 60_000;
const HAS_MODEL = existsSync(path.join(DEFAULTS.transformer, 'config.json'));

/** Posts of every length, from two words to past the model's maximum, with unreadable rows in between. */
function samplePosts(): Post[] {
  const texts = [
    ...syntheticPosts(70, 3),
    'الدولة الإسلامية تعلن',
    'Daesh',
    'a',
    Array.from({ length: 60 }, () => 'the Islamic State police said according to reports').join(' '),
  ];
  return texts.map((text, i) => ({
    row: i + 1,
    line: i + 2,
    id: `p${i + 1}`,
    text,
    ...(i % 17 === 5 ? { error: 'unreadable row' } : {}),
  }));
}

async function* stream(posts: readonly Post[]): AsyncIterable<Post> {
  for (const post of posts) yield post;
}

async function scoreAll(pipeline: Pipeline, posts: readonly Post[]): Promise<ScoredRow[]> {
  const rows: ScoredRow[] = [];
  for await (const row of pipeline.score(stream(posts))) rows.push(row);
  return rows;
}

/** Equal, numbers within 1e-6: a different batch pads differently, and float sums may round differently. */
function expectSameRows(actual: ScoredRow[], expected: ScoredRow[]): void {
  expect(actual).toHaveLength(expected.length);
  const close = (a: unknown, b: unknown, where: string): void => {
    if (typeof a === 'number' && typeof b === 'number') {
      expect(Math.abs(a - b), where).toBeLessThanOrEqual(1e-6);
    } else if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
      expect(Object.keys(a).sort(), where).toEqual(Object.keys(b).sort());
      for (const key of Object.keys(a)) close((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${where}.${key}`);
    } else expect(a, where).toEqual(b);
  };
  actual.forEach((row, i) => close(row, expected[i], `row ${i + 1}`));
}

describe.skipIf(!HAS_MODEL)('createPipeline with the transformer in a worker', () => {
  const posts = samplePosts();
  let rows: ScoredRow[];
  let reference: TransformerScorer;

  beforeAll(async () => {
    const pipeline = await createPipeline({ batchSize: 4 });
    try {
      rows = await scoreAll(pipeline, posts);
    } finally {
      await pipeline.close();
    }
    reference = await loadTransformer(DEFAULTS.transformer, { threads: 1 });
  }, LOAD_TIMEOUT);

  afterAll(async () => {
    await reference?.dispose();
  });

  it('writes one row per post, in input order, unreadable rows included', () => {
    expect(rows.map((r) => r.row)).toEqual(posts.map((p) => p.row));
    expect(rows.map((r) => r.error)).toEqual(posts.map((p) => p.error ?? null));
    expect(rows.filter((r) => r.error === null).every((r) => r.models.transformer !== undefined)).toBe(true);
  });

  it('gives each post the probabilities the model gives it alone, in the main thread and unbatched', async () => {
    const live = posts.filter((p) => !p.error);
    const input = reference.info.input === 'normalized' ? (t: string) => normalize(t).text : (t: string) => t;
    for (const post of live) {
      const { probs } = await reference.score([input(post.text)]);
      const row = rows.find((r) => r.row === post.row)!;
      reference.info.labels.forEach((label, j) => {
        expect(Math.abs(row.models.transformer![label]! - probs[0]![j]!), `${post.id} ${label}`).toBeLessThanOrEqual(1e-6);
      });
    }
  });

  it('does not change any row with the batch size (chunking, length sorting and padding)', async () => {
    for (const batchSize of [1, 3, 32]) {
      const pipeline = await createPipeline({ batchSize });
      try {
        expectSameRows(await scoreAll(pipeline, posts), rows);
      } finally {
        await pipeline.close();
      }
    }
  }, LOAD_TIMEOUT);

  it('keeps input order across many chunks, each scored while the next is prepared', async () => {
    const many = Array.from({ length: 9 }, (_, k) => posts.map((p) => ({ ...p, row: p.row + k * posts.length }))).flat();
    const pipeline = await createPipeline({ batchSize: 2 });
    try {
      const out = await scoreAll(pipeline, many);
      expect(out.map((r) => r.row)).toEqual(many.map((p) => p.row));
      expectSameRows(out.slice(posts.length * 4, posts.length * 5).map((r) => ({ ...r, row: r.row - posts.length * 4 })), rows);
    } finally {
      await pipeline.close();
    }
  }, LOAD_TIMEOUT);
});

describe('createPipeline errors', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'basira-pipeline-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a model folder the worker cannot load as E_MODEL, with its hint', async () => {
    const err = await createPipeline({ modelDir: path.join(dir, 'no-such-model') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BasiraError);
    expect(err).toMatchObject({ code: 'E_MODEL', hint: expect.stringContaining('--no-model') });
  }, LOAD_TIMEOUT);

  it('reports broken rule packs while the model is still loading, and stops the worker', async () => {
    writeFileSync(path.join(dir, 'en.json'), '{ not json');
    const err = await createPipeline({ rulesDir: dir }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_RULES' });
  }, LOAD_TIMEOUT);
});
