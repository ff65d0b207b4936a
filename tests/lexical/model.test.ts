import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLexical } from '../../src/lexical/model.js';
import { hashedFeatures, type FeatureSpec } from '../../src/lexical/features.js';
import { BasiraError } from '../../src/errors.js';

const SPEC: FeatureSpec = {
  type: 'hashed_ngrams', hash: 'fnv1a32_utf8', buckets_log2: 4, whitespace: [0x20], pad: ' ',
  char_min: 2, char_max: 3, value: 'sqrt_count_l2',
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'basira-lexical-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A tiny model: rows of weights per output (16 buckets each), written as model.json + weights.bin. */
function writeModel(rows: number[][], over: Record<string, unknown> = {}): void {
  const bytes = Buffer.from(Float32Array.from(rows.flat()).buffer);
  writeFileSync(join(dir, 'weights.bin'), bytes);
  const model = {
    id: 'tiny', version: '0', buckets: 16, features: SPEC, outputs: rows.map((_, i) => `out${i}`),
    bias: rows.map(() => 0), normalizer_version: '1.0.0', windows: { words: 3, combine: 'mean_logit' },
    weights: { file: 'weights.bin', dtype: 'float32le', sha256: createHash('sha256').update(bytes).digest('hex') },
    ...over,
  };
  writeFileSync(join(dir, 'model.json'), JSON.stringify(model));
}

function loadError(): BasiraError {
  try {
    loadLexical(dir);
  } catch (e) {
    return e as BasiraError;
  }
  throw new Error('loadLexical did not throw');
}

describe('loadLexical', () => {
  it('scores sigmoid(bias + w · x) per output, weights laid out outputs × buckets', () => {
    const ramp = Array.from({ length: 16 }, (_, b) => b / 8 - 1);
    writeModel([ramp, new Array<number>(16).fill(0)], { bias: [0.25, 2] });
    const model = loadLexical(dir);
    expect(model.id).toBe('tiny');
    expect(model.outputs).toEqual(['out0', 'out1']);
    const { index, value } = hashedFeatures('abc de', SPEC);
    let z = 0.25;
    index.forEach((b, k) => (z += (ramp[b] as number) * (value[k] as number)));
    const p = model.predict('abc de', 'ABC DE');
    expect(p['out0']).toBeCloseTo(1 / (1 + Math.exp(-z)), 12);
    expect(p['out1']).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
    expect(model.predict('', '')).toEqual({ out0: 1 / (1 + Math.exp(-0.25)), out1: 1 / (1 + Math.exp(-2)) });
  });

  it('averages the logits of near-equal word windows when a text is longer than the window', () => {
    const ramp = Array.from({ length: 16 }, (_, b) => b / 8 - 1);
    writeModel([ramp], { bias: [0.5] });
    const dot = (text: string): number => {
      const { index, value } = hashedFeatures(text, SPEC);
      let z = 0;
      index.forEach((b, k) => (z += (ramp[b] as number) * (value[k] as number)));
      return z;
    };
    const model = loadLexical(dir);
    // 5 words, windows of at most 3: two windows, words [0, 2) and [2, 5).
    const z = 0.5 + (dot('ab cd') + dot('ef gh ij')) / 2;
    expect(model.predict('ab cd  ef gh ij ', 'ignored without raw_features')['out0']).toBeCloseTo(1 / (1 + Math.exp(-z)), 12);
    // 3 words fit one window: the text is scored whole.
    expect(model.predict('ab cd ef', 'AB CD EF')['out0']).toBeCloseTo(1 / (1 + Math.exp(-(0.5 + dot('ab cd ef')))), 12);
  });

  it('adds the raw block: n-grams of the post as written, lowercased', () => {
    const ramp = Array.from({ length: 16 }, (_, b) => b / 8 - 1);
    const raw = { case: 'lower', char_min: 1, char_max: 2 };
    writeModel([ramp], { bias: [0.5], raw_features: raw });
    const rawSpec: FeatureSpec = { ...SPEC, char_min: 1, char_max: 2 };
    const dot = (text: string, spec: FeatureSpec): number => {
      const { index, value } = hashedFeatures(text, spec);
      let z = 0;
      index.forEach((b, k) => (z += (ramp[b] as number) * (value[k] as number)));
      return z;
    };
    const model = loadLexical(dir);
    const one = 0.5 + dot('ab cd', SPEC) + dot('xy ÉZ'.toLowerCase(), rawSpec);
    expect(model.predict('ab cd', 'XY ÉZ')['out0']).toBeCloseTo(1 / (1 + Math.exp(-one)), 12);
    // Lowercasing is part of the definition: case does not change the score, other characters do.
    expect(model.predict('ab cd', 'xy éz')['out0']).toBe(model.predict('ab cd', 'XY ÉZ')['out0']);
    expect(model.predict('ab cd', 'xy ez')['out0']).not.toBe(model.predict('ab cd', 'XY ÉZ')['out0']);
    // Each block is cut into windows of its own words (at most 3 here), and each block's window logits averaged.
    const long = 0.5 + (dot('ab cd', SPEC) + dot('ef gh ij', SPEC)) / 2 + (dot('p q', rawSpec) + dot('r s t', rawSpec)) / 2;
    expect(model.predict('ab cd ef gh ij', 'P Q R S T')['out0']).toBeCloseTo(1 / (1 + Math.exp(-long)), 12);
  });

  it('refuses a raw block it does not implement', () => {
    writeModel([new Array<number>(16).fill(0)], { raw_features: { case: 'upper', char_min: 1, char_max: 2 } });
    expect(loadError().message).toMatch(/\/raw_features\/case/);
    writeModel([new Array<number>(16).fill(0)], { raw_features: { case: 'lower', char_min: 3, char_max: 2 } });
    expect(loadError().message).toMatch(/raw_features char_min 3 > char_max 2/);
  });

  it('reports the sha256 of weights.bin', () => {
    writeModel([new Array<number>(16).fill(0.5)]);
    const expected = createHash('sha256').update(Buffer.from(Float32Array.from(new Array(16).fill(0.5)).buffer)).digest('hex');
    expect(loadLexical(dir).sha256).toBe(expected);
  });

  it('fails with E_MODEL when the folder has no model', () => {
    const e = loadError();
    expect(e).toBeInstanceOf(BasiraError);
    expect(e.code).toBe('E_MODEL');
    expect(e.message).toContain('model.json');
  });

  it('fails with E_MODEL on invalid JSON', () => {
    writeFileSync(join(dir, 'model.json'), '{"id": ');
    expect(loadError().message).toMatch(/invalid JSON/);
  });

  it('refuses a feature spec the scorer does not implement', () => {
    writeModel([new Array<number>(16).fill(0)], { features: { ...SPEC, value: 'log_count' } });
    expect(loadError().message).toMatch(/\/features\/value/);
  });

  it('refuses buckets that do not match the spec', () => {
    writeModel([new Array<number>(16).fill(0)], { buckets: 32 });
    expect(loadError().message).toMatch(/buckets 32 is not 2\^4/);
  });

  it('refuses a bias per output mismatch', () => {
    writeModel([new Array<number>(16).fill(0)], { bias: [0, 1] });
    expect(loadError().message).toMatch(/2 biases for 1 outputs/);
  });

  it('refuses weights of the wrong size or content', () => {
    writeModel([new Array<number>(16).fill(0)]);
    writeFileSync(join(dir, 'weights.bin'), Buffer.alloc(60));
    expect(loadError().message).toMatch(/60 bytes, expected 64/);
    writeFileSync(join(dir, 'weights.bin'), Buffer.alloc(64, 1));
    expect(loadError().message).toMatch(/does not match model.json/);
  });

  it('fails with E_MODEL when weights.bin is missing', () => {
    writeModel([new Array<number>(16).fill(0)]);
    rmSync(join(dir, 'weights.bin'));
    expect(loadError().code).toBe('E_MODEL');
  });
});
