import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES, LABELS } from '../../src/types.js';
import { loadTransformer, type TransformerScorer } from '../../src/model/transformer.js';
import { DEFAULTS } from '../../src/paths.js';

const GOLDEN = fileURLToPath(new URL('../fixtures/transformer-parity/golden.json', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const PYTHON = '/usr/bin/python3';

interface GoldenSample {
  kind: string;
  text: string;
  norm: string;
  input_ids: number[];
  truncated: boolean;
  logits: number[];
}
interface Golden {
  model: string;
  labels: string[];
  max_length: number;
  samples: GoldenSample[];
}
const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Golden;
const norms = golden.samples.map((s) => s.norm);

/** The ids of each row of a packed batch, padding dropped. */
function rowsOf(scorer: TransformerScorer, texts: string[]): number[][] {
  const batch = scorer.tokenize(texts);
  return texts.map((_, row) => {
    const ids = Array.from(batch.inputIds.subarray(row * batch.seqLength, (row + 1) * batch.seqLength), Number);
    const mask = Array.from(batch.attentionMask.subarray(row * batch.seqLength, (row + 1) * batch.seqLength), Number);
    return ids.slice(0, mask.indexOf(0) === -1 ? ids.length : mask.indexOf(0));
  });
}

function maxAbsDiff(actual: number[][], expected: number[][]): number {
  expect(actual.map((r) => r.length)).toEqual(expected.map((r) => r.length));
  return Math.max(...actual.flatMap((row, i) => row.map((v, j) => Math.abs(v - expected[i]![j]!))));
}

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const file = path.join(dir, name);
    return sum + (statSync(file).isDirectory() ? folderBytes(file) : statSync(file).size);
  }, 0);
}

let scorer: TransformerScorer;

beforeAll(async () => {
  scorer = await loadTransformer(DEFAULTS.transformer, { batchSize: 8, threads: 1 });
}, 30_000);

afterAll(async () => {
  await scorer.dispose();
});

describe('the shipped transformer (models/transformer)', () => {
  it('is a multi-label model over the five labels and the four categories, the golden file its own', () => {
    expect(scorer.info.labels).toEqual([...LABELS, ...CATEGORIES]);
    expect(scorer.info.problemType).toBe('multi_label_classification');
    expect(scorer.info.id).toBe(golden.model);
    expect(scorer.info.labels).toEqual(golden.labels);
    expect(scorer.info.maxLength).toBe(golden.max_length);
  });

  it('stays small enough to ship and to load fast (≤ 10 MB)', () => {
    expect(folderBytes(DEFAULTS.transformer)).toBeLessThanOrEqual(10 * 1024 * 1024);
  });

  it('tokenizes the golden samples exactly as the Python WordPiece, cutting long ones but keeping [SEP]', () => {
    expect(rowsOf(scorer, norms)).toEqual(golden.samples.map((s) => s.input_ids));
    expect(scorer.tokenize(norms).truncated).toEqual(golden.samples.map((s) => s.truncated));
    expect(golden.samples.some((s) => s.truncated)).toBe(true);
  });

  it('gives the committed PyTorch logits within 1e-4, alone and batched with padding', async () => {
    const expected = golden.samples.map((s) => s.logits);
    // The golden logits differ between posts, so agreement cannot come from a constant output.
    expect(Math.max(...expected.map((r) => r[0]!)) - Math.min(...expected.map((r) => r[0]!))).toBeGreaterThan(1);
    const batched = await scorer.score(norms);
    expect(maxAbsDiff(batched.logits, expected)).toBeLessThan(1e-4);
    const alone = await Promise.all(norms.map(async (t) => (await scorer.score([t])).logits[0]!));
    expect(maxAbsDiff(alone, expected)).toBeLessThan(1e-4);
  });

  it('reads news and counter-speech about the groups as less propaganda-like than supporter posts', async () => {
    const { probs } = await scorer.score(norms);
    const propaganda = (kinds: string[]) =>
      golden.samples.flatMap((s, i) => (kinds.includes(s.kind) ? [probs[i]![0]!] : []));
    const about = propaganda(['news', 'counter_speech']);
    const supporter = propaganda(['supporter']);
    expect(about.length).toBeGreaterThan(0);
    expect(supporter.length).toBeGreaterThan(0);
    expect(Math.max(...about)).toBeLessThan(Math.min(...supporter));
  });
});

// CI installs Debian's python3-torch and python3-onnx; elsewhere this part is skipped, and says why in its name.
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch, onnx'], { stdio: 'ignore' }).status === 0;
const why = hasTorch ? '' : ` (SKIPPED: ${PYTHON} cannot import torch and onnx; apt-get install python3-torch python3-onnx)`;

describe.skipIf(!hasTorch)(`live PyTorch parity on the shipped weights${why}`, () => {
  it('re-runs training/transformer/golden.py --live and matches its ids and logits within 1e-4', async () => {
    const run = spawnSync(PYTHON, ['training/transformer/golden.py', '--live'], {
      cwd: REPO,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(run.status, run.stderr).toBe(0);
    const live = JSON.parse(run.stdout) as { input_ids: number[]; truncated: boolean; logits: number[] }[];
    expect(rowsOf(scorer, norms)).toEqual(live.map((r) => r.input_ids));
    const { logits } = await scorer.score(norms);
    expect(maxAbsDiff(logits, live.map((r) => r.logits))).toBeLessThan(1e-4);
  }, 120_000);
});
