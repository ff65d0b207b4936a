import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLexical } from '../../src/lexical/model.js';
import { hashedFeatures, type FeatureSpec } from '../../src/lexical/features.js';
import { NORMALIZER_VERSION, normalize } from '../../src/text/normalize.js';

// Written by training/lexical/make_parity.py from the Python trainer and the shipped model.
interface Sample {
  text: string;
  norm: string;
  features: { index: number[]; value: number[] };
  raw_features: { index: number[]; value: number[] };
  probs: Record<string, number>;
}
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/lexical/parity.json'), 'utf8')) as {
  model: { id: string; sha256: string };
  samples: Sample[];
};
const MODEL_DIR = join(import.meta.dirname, '../../models/lexical');
const modelFile = JSON.parse(readFileSync(join(MODEL_DIR, 'model.json'), 'utf8')) as {
  features: FeatureSpec;
  raw_features: { case: 'lower'; char_min: number; char_max: number };
  normalizer_version: string;
  thresholds: { propaganda: number };
};
const model = loadLexical(MODEL_DIR);

describe('lexical model parity with the Python trainer', () => {
  it('the fixture was made from the shipped model', () => {
    expect(model.id).toBe(fixture.model.id);
    expect(model.sha256).toBe(fixture.model.sha256);
    expect(fixture.samples.length).toBeGreaterThanOrEqual(20);
  });

  it('the shipped model was trained on text from the current normaliser', () => {
    expect(modelFile.normalizer_version).toBe(NORMALIZER_VERSION);
  });

  it.each(fixture.samples.map((s, i) => [i, s] as const))('sample %i: features of both blocks are identical', (_, s) => {
    const f = hashedFeatures(s.norm, modelFile.features);
    expect(Array.from(f.index)).toEqual(s.features.index);
    expect(Array.from(f.value)).toEqual(s.features.value);
    const { char_min, char_max } = modelFile.raw_features;
    const r = hashedFeatures(s.text.toLowerCase(), { ...modelFile.features, char_min, char_max });
    expect(Array.from(r.index)).toEqual(s.raw_features.index);
    expect(Array.from(r.value)).toEqual(s.raw_features.value);
  });

  it.each(fixture.samples.map((s, i) => [i, s] as const))('sample %i: probabilities within 1e-5', (_, s) => {
    const p = model.predict(s.norm, s.text);
    expect(Object.keys(p)).toEqual(Object.keys(s.probs));
    for (const [k, v] of Object.entries(s.probs)) expect(Math.abs((p[k] as number) - v)).toBeLessThan(1e-5);
  });

  it('the current normaliser still produces the text the model and the fixture saw', () => {
    for (const s of fixture.samples) expect(normalize(s.text).text).toBe(s.norm);
  });

  it('reads the Arabic news report this project started from as not propaganda (below the dev threshold)', () => {
    const seed = readFileSync(join(import.meta.dirname, '../fixtures/lexical/seed_news_ar.txt'), 'utf8');
    const p = model.predict(normalize(seed).text, seed);
    expect(p['propaganda']).toBeLessThan(modelFile.thresholds.propaganda);
  });
});
