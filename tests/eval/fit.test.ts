import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cappedThresholds, chooseThreshold, fitHeads, fitLogistic, scorerSubsets, solveSpd, MIN_POSITIVES, thresholdsByLang } from '../../src/eval/fit.js';
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
    expect(noisy.skipped).toEqual([{ lang: 'en', n: 3, positives: 1, reason: 'unreachable', why: 'no threshold reaches precision 0.99' }]);
  });
});

/**
 * The best F1 of any en, ar and shared threshold (each a score or 1) that flags at most `budget` context posts: a
 * brute force to hold cappedThresholds against.
 */
function bruteBestF1(scores: number[], gold: boolean[], context: boolean[], langs: string[], budget: number): number {
  const cands = [...new Set([...scores, 1])];
  const positives = gold.filter(Boolean).length;
  let best = 0;
  for (const te of cands) for (const ta of cands) for (const to of cands) {
    const t = (l: string): number => (l === 'en' ? te : l === 'ar' ? ta : to);
    const flagged = scores.map((s, i) => s >= t(langs[i] as string));
    const tp = flagged.filter((f, i) => f && gold[i]).length;
    const fp = flagged.filter((f, i) => f && !gold[i]).length;
    if (flagged.filter((f, i) => f && context[i]).length > budget || tp === 0) continue;
    best = Math.max(best, (2 * tp) / (tp + fp + positives));
  }
  return best;
}

describe('cappedThresholds', () => {
  // en: 4 propaganda (0.9, 0.8, 0.5, 0.45) and 4 news (0.7, 0.6, 0.4, 0.1); ar: 2 propaganda (0.95, 0.3) and
  // 2 news (0.25, 0.2); one fr propaganda post (0.6) and one fr news post (0.65), on the shared threshold.
  const rows = [
    ...[0.9, 0.8, 0.5, 0.45].map((s) => ({ lang: 'en', s, g: 'propaganda' })),
    ...[0.7, 0.6, 0.4, 0.1].map((s) => ({ lang: 'en', s, g: 'news' })),
    ...[0.95, 0.3].map((s) => ({ lang: 'ar', s, g: 'propaganda' })),
    ...[0.25, 0.2].map((s) => ({ lang: 'ar', s, g: 'news' })),
    { lang: 'fr', s: 0.6, g: 'propaganda' },
    { lang: 'fr', s: 0.65, g: 'news' },
  ];
  const scores = rows.map((r) => r.s);
  const gold = rows.map((r) => r.g === 'propaganda');
  const context = rows.map((r) => r.g === 'news');
  const langs = rows.map((r) => r.lang);

  const brute = (maxRate: number): number => bruteBestF1(scores, gold, context, langs, Math.floor(maxRate * 7 + 1e-9));

  it.each([0, 1 / 7, 2 / 7, 0.5, 1])('finds the best F1 a brute-force search finds within a cap of %d', (maxRate) => {
    const c = cappedThresholds(scores, gold, context, langs, ['en', 'ar'], maxRate);
    expect(c).not.toBeNull();
    const { tp, fp, fn } = c!.counts;
    expect((2 * tp) / (2 * tp + fp + fn)).toBeCloseTo(brute(maxRate), 12);
    expect(c!.contextFlagged).toBeLessThanOrEqual(Math.floor(maxRate * 7 + 1e-9));
    expect(c!.contextRows).toBe(7);
    // The thresholds it reports give the counts it reports.
    const t = (l: string): number => c!.byLang[l] ?? c!.threshold;
    const flagged = rows.map((r) => r.s >= t(r.lang));
    expect(flagged.filter((f, i) => f && gold[i]).length).toBe(tp);
    expect(flagged.filter((f, i) => f && context[i]).length).toBe(c!.contextFlagged);
  });

  it('spends the cap where it buys the most: the one news post allowed goes to the shared threshold', () => {
    // English would need two news posts for its next propaganda post; Arabic needs none for both of its own.
    const c = cappedThresholds(scores, gold, context, langs, ['en', 'ar'], 1 / 7);
    expect(c).toMatchObject({ byLang: { en: 0.8, ar: 0.3 }, threshold: 0.6, contextFlagged: 1 });
    const free = cappedThresholds(scores, gold, context, langs, ['en', 'ar'], 1);
    expect(free!.contextFlagged).toBeGreaterThan(1);
  });

  it('matches a brute-force search on random data (property)', () => {
    const row = fc.record({
      lang: fc.constantFrom('en', 'ar', 'fr'),
      score: fc.integer({ min: 0, max: 20 }).map((k) => k / 20),
      gold: fc.constantFrom('propaganda', 'news', 'other'),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 14 }), fc.constantFrom(0, 0.2, 0.5, 1), (rs, maxRate) => {
        const sc = rs.map((r) => r.score);
        const g = rs.map((r) => r.gold === 'propaganda');
        const cx = rs.map((r) => r.gold === 'news');
        const budget = Math.floor(maxRate * cx.filter(Boolean).length + 1e-9);
        const best = bruteBestF1(sc, g, cx, rs.map((r) => r.lang), budget);
        const c = cappedThresholds(sc, g, cx, rs.map((r) => r.lang), ['en', 'ar'], maxRate);
        if (best === 0) return c === null;
        const { tp, fp, fn } = c!.counts;
        return Math.abs((2 * tp) / (2 * tp + fp + fn) - best) < 1e-12 && c!.contextFlagged <= budget;
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('is null when nothing can be flagged within the cap', () => {
    expect(cappedThresholds([0.9, 0.9], [true, false], [false, true], ['en', 'en'], ['en'], 0)).toBeNull();
  });
});
