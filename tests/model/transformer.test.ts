import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BasiraError } from '../../src/errors.js';
import { LABELS } from '../../src/types.js';
import { loadTransformer, scoreBatched, type TransformerScorer } from '../../src/model/transformer.js';

const TINY = fileURLToPath(new URL('../fixtures/model/tiny', import.meta.url));

interface GoldenSample {
  text: string;
  input_ids: number[];
  untruncated_length: number;
  truncated: boolean;
  logits: number[];
}
const golden = JSON.parse(readFileSync(`${TINY}/golden.json`, 'utf8')) as { max_length: number; samples: GoldenSample[] };
const texts = golden.samples.map((s) => s.text);

function expectClose(actual: number[][], expected: number[][], tolerance: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((row, i) => {
    expect(row).toHaveLength(expected[i]!.length);
    row.forEach((v, j) => expect(Math.abs(v - expected[i]![j]!)).toBeLessThan(tolerance));
  });
}

// Any attempt to reach the network, through fetch or a raw socket, is recorded and refused.
const fetchSpy = vi.fn(async () => {
  throw new Error('network access in a test');
});
const connectSpy = vi.spyOn(Socket.prototype, 'connect');

let scorer: TransformerScorer;
// Loading onnxruntime takes seconds on a busy two-core machine.
const LOAD_TIMEOUT = 30_000;

beforeAll(async () => {
  vi.stubGlobal('fetch', fetchSpy);
  scorer = await loadTransformer(TINY, { batchSize: 4, threads: 1 });
}, LOAD_TIMEOUT);

afterAll(async () => {
  await scorer.dispose();
  vi.unstubAllGlobals();
  connectSpy.mockRestore();
});

describe('loadTransformer on the tiny fixture', () => {
  it('reads labels, problem type, length limit, id and the ONNX file hash', () => {
    expect(scorer.info).toEqual({
      id: 'basira-tiny-random',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      labels: [...LABELS],
      problemType: 'single_label_classification',
      maxLength: golden.max_length,
      input: 'original',
    });
  });

  it('tokenizes exactly as the Python WordPiece that wrote the golden ids, cutting long texts but keeping [SEP]', () => {
    const batch = scorer.tokenize(texts);
    const rows = golden.samples.map((_, row) => {
      const ids = Array.from(batch.inputIds.subarray(row * batch.seqLength, (row + 1) * batch.seqLength), Number);
      const mask = Array.from(batch.attentionMask.subarray(row * batch.seqLength, (row + 1) * batch.seqLength), Number);
      return ids.slice(0, mask.indexOf(0) === -1 ? ids.length : mask.indexOf(0));
    });
    expect(rows).toEqual(golden.samples.map((s) => s.input_ids));
    expect(batch.truncated).toEqual(golden.samples.map((s) => s.truncated));
    expect(batch.seqLength).toBe(golden.max_length);
  });

  it('matches the PyTorch logits within 1e-4', async () => {
    const expected = golden.samples.map((s) => s.logits);
    // The golden logits differ between texts, so agreement is not an accident of a constant output.
    expect(Math.abs(expected[0]![0]! - expected[4]![0]!)).toBeGreaterThan(0.1);
    const { logits, probs } = await scorer.score(texts);
    expectClose(logits, expected, 1e-4);
    for (const row of probs) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('returns the same results in the same order for batch sizes 1, 2 and 5', async () => {
    const reference = await scorer.score(texts);
    for (const batchSize of [1, 2, 5]) {
      const other = await loadTransformer(TINY, { batchSize, threads: 1 });
      try {
        const scores = await other.score(texts);
        expectClose(scores.logits, reference.logits, 1e-5);
        expectClose(scores.probs, reference.probs, 1e-6);
        expect(scores.truncatedRows).toEqual(reference.truncatedRows);
      } finally {
        await other.dispose();
      }
    }
  }, LOAD_TIMEOUT);

  it('counts truncated texts', async () => {
    const long = golden.samples.find((s) => s.truncated)!.text;
    const scores = await scorer.score([long, 'short', long]);
    expect(scores.truncated).toBe(2);
    expect(scores.truncatedRows).toEqual([true, false, true]);
  });

  it('scores nothing for no texts', async () => {
    expect(await scorer.score([])).toEqual({ probs: [], logits: [], truncated: 0, truncatedRows: [] });
  });

  it('scoreBatched keeps input order and items across uneven batches', async () => {
    async function* stream() {
      for (const [i, text] of texts.entries()) yield { i, text };
    }
    const reference = await scorer.score(texts);
    const out = [];
    for await (const r of scoreBatched(stream(), (x) => x.text, scorer, 4)) out.push(r);
    expect(out.map((r) => r.item.i)).toEqual(texts.map((_, i) => i));
    expectClose(
      out.map((r) => r.probs),
      reference.probs,
      1e-6,
    );
    expect(out.map((r) => r.truncated)).toEqual(golden.samples.map((s) => s.truncated));
  });

  it('applies a sigmoid per label when the config says multi-label', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'basira-multi-'));
    try {
      cpSync(TINY, dir, { recursive: true });
      const config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ ...config, problem_type: 'multi_label_classification' }));
      const multi = await loadTransformer(dir, { threads: 1 });
      try {
        expect(multi.info.problemType).toBe('multi_label_classification');
        const { probs, logits } = await multi.score(texts.slice(0, 2));
        expectClose(
          probs,
          logits.map((row) => row.map((x) => 1 / (1 + Math.exp(-x)))),
          1e-9,
        );
      } finally {
        await multi.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, LOAD_TIMEOUT);

  it('never touched the network', () => {
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(connectSpy).not.toHaveBeenCalled();
  });
});

describe('loadTransformer errors', () => {
  it('reports a missing folder as E_MODEL with what to do', async () => {
    const missing = fileURLToPath(new URL('../fixtures/model/does-not-exist', import.meta.url));
    const err = await loadTransformer(missing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BasiraError);
    expect(err).toMatchObject({
      code: 'E_MODEL',
      message: `${missing}: no onnx/model.onnx`,
      hint: 'export a Hugging Face-layout model or use --no-model',
    });
  });

  it('rejects a batch size that is not a positive integer', async () => {
    await expect(loadTransformer(TINY, { batchSize: 0 })).rejects.toMatchObject({ code: 'E_USAGE' });
  });
});
