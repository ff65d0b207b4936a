import { describe, expect, it } from 'vitest';
import { chooseThreshold, fitHeads, fitLogistic, scorerSubsets, solveSpd, MIN_POSITIVES, thresholdsByLang } from '../../src/eval/fit.js';
import type { FuseInput } from '../../src/fuse.js';

describe('solveSpd', () => {
  it('solves a symmetric positive-definite system', () => {
    const x = solveSpd(
      [
        [4, 2, 0],
        [2, 5, 1],
        [0, 1, 3],
      ],
      [2, 3, 4],
    );
    // A x = b, checked by multiplying back
    expect(4 * x[0]! + 2 * x[1]!).toBeCloseTo(2, 12);
    expect(2 * x[0]! + 5 * x[1]! + x[2]!).toBeCloseTo(3, 12);
    expect(x[1]! + 3 * x[2]!).toBeCloseTo(4, 12);
    expect(() => solveSpd([[0]], [1])).toThrow(RangeError);
  });
});

describe('fitLogistic', () => {
  it('with no features, the bias is the log-odds of the positives', () => {
    const head = fitLogistic([[], [], [], []], [true, false, false, false], []);
    expect(head.bias).toBeCloseTo(Math.log(1 / 3), 5);
    expect(head.weights).toEqual({});
  });

  it('reaches the optimum: the penalised gradient vanishes', () => {
    const xs = [[0.1, 1], [0.4, 0], [0.35, 1], [0.8, 0], [0.9, 1], [0.2, 0], [0.7, 1], [0.6, 0]];
    const ys = [false, false, true, true, true, false, false, true];
    const l2 = 0.5;
    const h = fitLogistic(xs, ys, ['a', 'b'], { l2 });
    const w = [h.weights.a!, h.weights.b!];
    const p = xs.map((x) => 1 / (1 + Math.exp(-(h.bias + w[0]! * x[0]! + w[1]! * x[1]!))));
    const err = p.map((pi, i) => pi - (ys[i] ? 1 : 0));
    expect(err.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 4);
    for (const j of [0, 1]) expect(err.reduce((a, e, i) => a + e * xs[i]![j]!, 0) + l2 * w[j]!).toBeCloseTo(0, 4);
    expect(w[0]).toBeGreaterThan(0);
  });

  it('stays finite on separable data and refuses a single class', () => {
    const h = fitLogistic([[0], [1]], [false, true], ['x']);
    expect(Number.isFinite(h.weights.x)).toBe(true);
    expect(() => fitLogistic([[0], [1]], [true, true], ['x'])).toThrow(RangeError);
  });
});

describe('fitHeads and chooseThreshold', () => {
  it('fits one head per combination of scorers, keyed as fusion expects', () => {
    expect(scorerSubsets(['transformer', 'rules', 'lexical']).map((s) => s.join('+'))).toEqual([
      'rules',
      'lexical',
      'rules+lexical',
      'transformer',
      'rules+transformer',
      'lexical+transformer',
      'rules+lexical+transformer',
    ]);
    const inputs: FuseInput[] = [0.9, 0.8, 0.3, 0.2, 0.6, 0.1].map((p, i) => ({
      lang: i % 2 ? 'ar' : 'en',
      evidence: i < 2 ? [{ rule: 'r', kind: 'category', category: 'recruitment', weight: 1, text: 'x', start: 0, end: 1 }] : [],
      models: { lexical: { propaganda: p } },
    }));
    const gold = [true, true, false, false, true, false];
    const heads = fitHeads(inputs, gold, ['rules', 'lexical']);
    expect(heads.map((h) => h.key)).toEqual(['rules', 'lexical', 'rules+lexical']);
    const full = heads[2]!;
    expect(Object.keys(full.head.weights)).toContain('lexical.propaganda');
    expect(full.head.weights['lexical.propaganda']).toBeGreaterThan(0);
    expect(full.scores).toHaveLength(6);
    const choice = chooseThreshold(full.scores, gold);
    expect(choice?.criterion).toBe('best-f1');
    expect(choice?.point.f1).toBe(1);
    expect(chooseThreshold(full.scores, gold, 0.99)?.criterion).toBe('target-precision');
    expect(chooseThreshold([0.1, 0.2], [false, false])).toBeNull();
  });
});

describe('thresholdsByLang', () => {
  // 40 en rows (20 propaganda), 12 ar rows (6 propaganda): en is separable at 0.6, ar at 0.3.
  const en = Array.from({ length: 40 }, (_, i) => ({ lang: 'en', gold: i < 20, score: i < 20 ? 0.6 + i / 100 : 0.1 + i / 100 }));
  const ar = Array.from({ length: 12 }, (_, i) => ({ lang: 'ar', gold: i < 6, score: i < 6 ? 0.3 + i / 100 : 0.1 + i / 100 }));
  const rows = [...en, ...ar];
  const scores = rows.map((r) => r.score);
  const gold = rows.map((r) => r.gold);
  const langs = rows.map((r) => r.lang);

  it('fits a threshold for each language with enough propaganda, and leaves the others on the overall one', () => {
    const t = thresholdsByLang(scores, gold, langs, undefined, 20);
    expect(Object.keys(t.byLang)).toEqual(['en']);
    expect(t.byLang.en).toMatchObject({ n: 40, positives: 20, criterion: 'best-f1', point: { threshold: 0.6, f1: 1 } });
    expect(t.skipped).toEqual([{ lang: 'ar', n: 12, positives: 6, reason: 'few', why: '6 propaganda posts, fewer than 20' }]);
    expect(Object.keys(thresholdsByLang(scores, gold, langs, undefined, 6).byLang)).toEqual(['en', 'ar']);
    expect(thresholdsByLang(scores, gold, langs, undefined, 6).byLang.ar?.point.threshold).toBe(0.3);
  });

  it('needs 30 propaganda posts by default, and says when a target precision is out of reach', () => {
    expect(MIN_POSITIVES).toBe(30);
    expect(Object.keys(thresholdsByLang(scores, gold, langs).byLang)).toEqual([]);
    const noisy = thresholdsByLang([0.9, 0.9, 0.1], [true, false, false], ['en', 'en', 'en'], 0.99, 1);
    expect(noisy.skipped).toEqual([{ lang: 'en', n: 3, positives: 1, reason: 'precision', why: 'no threshold reaches precision 0.99' }]);
  });
});
