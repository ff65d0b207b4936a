import { describe, expect, it } from 'vitest';
import { applyHead, features, type Fusion } from '../../src/fuse.js';
import { planSystems } from '../../src/eval/systems.js';
import type { ScoredRow } from '../../src/types.js';

const head = (bias: number, w: Record<string, number> = {}) => ({ bias, weights: w });
const fusion: Fusion = {
  version: 'test',
  threshold: 0.4,
  review: [0.3, 0.5],
  heads: {
    rules: head(-1, { 'rules.recruitment': 1 }),
    'rules+lexical': head(-2, { 'lexical.propaganda': 1 }),
    'rules+transformer': head(-3, { 'transformer.propaganda': 1 }),
    'lexical+transformer': head(-4, { 'lexical.propaganda': 1, 'transformer.propaganda': 1 }),
    'rules+lexical+transformer': head(0, { 'lexical.propaganda': 1 }),
  },
};

const row: ScoredRow = {
  row: 1,
  id: '1',
  lang: 'en',
  label: 'propaganda',
  score: 0.77,
  review: false,
  categories: { recruitment: 0, incitement: 0, glorification: 0, dissemination: 0 },
  context: { news: 0, counter_speech: 0, religious: 0 },
  evidence: [{ rule: 'r', kind: 'category', category: 'recruitment', weight: 1, text: 'join', start: 0, end: 4 }],
  models: { lexical: { propaganda: 0.9 }, transformer: { propaganda: 0.2 } },
  provenance: { model: null, lexical: null, rules: 'r', normalizer: 'n', fusion: 'f' },
  error: null,
  text: 'join us',
};

describe('planSystems', () => {
  it('with three scorers: each alone, fused, and fused without each part', () => {
    const plan = planSystems(['rules', 'lexical', 'transformer'], fusion);
    expect(plan.systems.map((s) => [s.name, s.threshold])).toEqual([
      ['rules', 0.4],
      ['lexical', 0.5],
      ['transformer', 0.5],
      ['fused', 0.4],
      ['fused-no-rules', 0.4],
      ['fused-no-lexical', 0.4],
      ['fused-no-transformer', 0.4],
    ]);
    expect(plan.skipped).toEqual([]);
    const score = Object.fromEntries(plan.systems.map((s) => [s.name, s.score(row)]));
    const input = { lang: row.lang, evidence: row.evidence, models: row.models };
    expect(score.fused).toBe(0.77);
    expect(score.lexical).toBe(0.9);
    expect(score.transformer).toBe(0.2);
    expect(score.rules).toBeCloseTo(applyHead(head(-1, { 'rules.recruitment': 1 }), features(input, ['rules'])), 12);
    expect(score['fused-no-lexical']).toBeCloseTo(applyHead(fusion.heads['rules+transformer']!, features(input, ['rules', 'transformer'])), 12);
    expect(score['fused-no-rules']).toBeCloseTo(applyHead(fusion.heads['lexical+transformer']!, features(input, ['lexical', 'transformer'])), 12);
  });

  it('lists no ablation that repeats a single scorer, and nothing extra for rules alone', () => {
    expect(planSystems(['rules', 'lexical'], fusion).systems.map((s) => s.name)).toEqual(['rules', 'lexical', 'fused']);
    expect(planSystems(['rules'], fusion).systems.map((s) => s.name)).toEqual(['fused']);
  });

  it('skips, and says why, a system whose fusion head is missing', () => {
    const { 'lexical+transformer': _, ...heads } = fusion.heads;
    const plan = planSystems(['rules', 'lexical', 'transformer'], { ...fusion, heads });
    expect(plan.systems.map((s) => s.name)).not.toContain('fused-no-rules');
    expect(plan.skipped).toEqual(['fused-no-rules: fusion test has no "lexical+transformer" head']);
  });

  it("flags fusion systems at the fusion's threshold for the row's language, models at 0.5", () => {
    const plan = planSystems(['rules', 'lexical', 'transformer'], { ...fusion, thresholdByLang: { ar: 0.3 } });
    const ar = { ...row, lang: 'ar' };
    expect(plan.systems.map((s) => [s.name, s.rowThreshold(ar), s.rowThreshold(row)])).toEqual([
      ['rules', 0.3, 0.4],
      ['lexical', 0.5, 0.5],
      ['transformer', 0.5, 0.5],
      ['fused', 0.3, 0.4],
      ['fused-no-rules', 0.3, 0.4],
      ['fused-no-lexical', 0.3, 0.4],
      ['fused-no-transformer', 0.3, 0.4],
    ]);
  });

  it('gives no score for a row that failed', () => {
    const failed: ScoredRow = { ...row, score: null, label: null, models: {}, evidence: [], error: 'bad row' };
    const plan = planSystems(['rules', 'lexical', 'transformer'], fusion);
    expect(plan.systems.map((s) => s.score(failed))).toEqual([null, null, null, null, null, null, null]);
  });
});
