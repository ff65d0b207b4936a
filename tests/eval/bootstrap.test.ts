import { describe, expect, it } from 'vitest';
import { bootstrap, mulberry32, quantileSorted } from '../../src/eval/bootstrap.js';
import { f1, fromPairs } from '../../src/eval/counts.js';
import { averagePrecision, groupScores } from '../../src/eval/ranking.js';

describe('mulberry32', () => {
  it('matches the reference sequence and is deterministic', () => {
    const r = mulberry32(1);
    expect(r()).toBe(0.6270739405881613);
    expect(r()).toBe(0.002735721180215478);
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('quantileSorted', () => {
  it('interpolates linearly between order statistics, as numpy does', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([1, 2, 3, 4], 0.025)).toBeCloseTo(1.075, 12);
    expect(quantileSorted([7], 0.975)).toBe(7);
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
  });
});

describe('bootstrap', () => {
  const scores = [0.95, 0.9, 0.85, 0.8, 0.7, 0.7, 0.6, 0.55, 0.5, 0.4, 0.3, 0.3, 0.2, 0.1, 0.05];
  const gold = [true, true, false, true, true, false, false, true, false, false, true, false, false, false, false];

  it('equals resampling the rows themselves with the same random draws', () => {
    const resamples = 60;
    const seed = 7;
    const result = bootstrap(groupScores(scores, gold), gold, 0.5, { resamples, seed, level: 0.9 });
    const rand = mulberry32(seed);
    const f1s: number[] = [];
    const aps: number[] = [];
    for (let r = 0; r < resamples; r++) {
      const idx = scores.map(() => Math.floor(rand() * scores.length));
      const s = idx.map((i) => scores[i] as number);
      const g = idx.map((i) => gold[i] as boolean);
      if (!g.some(Boolean)) continue;
      f1s.push(f1(fromPairs(s.map((x, i) => [g[i] as boolean, x >= 0.5] as const))));
      aps.push(averagePrecision(groupScores(s, g)) as number);
    }
    const interval = (v: number[]) => {
      const sorted = [...v].sort((a, b) => a - b);
      return { lo: quantileSorted(sorted, 0.05), hi: quantileSorted(sorted, 0.95), resamples: v.length };
    };
    expect(result.f1?.lo).toBeCloseTo(interval(f1s).lo, 12);
    expect(result.f1?.hi).toBeCloseTo(interval(f1s).hi, 12);
    expect(result.prAuc?.lo).toBeCloseTo(interval(aps).lo, 12);
    expect(result.prAuc?.hi).toBeCloseTo(interval(aps).hi, 12);
    expect(result.f1?.resamples).toBe(f1s.length);
  });

  it('is reproducible for a seed and brackets the point estimate', () => {
    const g = groupScores(scores, gold);
    const a = bootstrap(g, gold, 0.5, { seed: 3 });
    expect(bootstrap(g, gold, 0.5, { seed: 3 })).toEqual(a);
    expect(bootstrap(g, gold, 0.5, { seed: 4 })).not.toEqual(a);
    const pointF1 = f1(fromPairs(scores.map((s, i) => [gold[i] as boolean, s >= 0.5] as const)));
    expect(a.f1?.lo).toBeLessThanOrEqual(pointF1);
    expect(a.f1?.hi).toBeGreaterThanOrEqual(pointF1);
    expect(a.f1?.resamples).toBe(1000);
  });

  it('gives a zero-width interval for a perfect system', () => {
    const s = [0.9, 0.8, 0.2, 0.1];
    const y = [true, true, false, false];
    const r = bootstrap(groupScores(s, y), y, 0.5, { resamples: 200 });
    expect(r.f1).toMatchObject({ lo: 1, hi: 1 });
    expect(r.prAuc).toMatchObject({ lo: 1, hi: 1 });
  });

  it('skips resamples without a positive, and is null without positives or rows', () => {
    const s = Array.from({ length: 100 }, (_, i) => i / 100);
    const y = s.map((_, i) => i === 99);
    const r = bootstrap(groupScores(s, y), y, 0.5, { resamples: 1000 });
    // P(no positive among 100 draws) = 0.99^100 ≈ 0.366
    expect(r.f1?.resamples).toBeGreaterThan(550);
    expect(r.f1?.resamples).toBeLessThan(720);
    const none = s.map(() => false);
    expect(bootstrap(groupScores(s, none), none, 0.5)).toEqual({ f1: null, prAuc: null });
    expect(bootstrap(groupScores([], []), [], 0.5)).toEqual({ f1: null, prAuc: null });
  });

  it('rejects a bad level and mismatched gold', () => {
    const g = groupScores(scores, gold);
    expect(() => bootstrap(g, gold, 0.5, { level: 1 })).toThrow(RangeError);
    expect(() => bootstrap(g, [true], 0.5)).toThrow(RangeError);
    expect(() => bootstrap(g, gold, [true])).toThrow(RangeError);
  });

  it('takes per-item decisions: the same draws, F1 of the drawn flags', () => {
    const g = groupScores(scores, gold);
    const atHalf = scores.map((s) => s >= 0.5);
    expect(bootstrap(g, gold, atHalf, { seed: 5, resamples: 300 })).toEqual(bootstrap(g, gold, 0.5, { seed: 5, resamples: 300 }));
    // Items 0-7 flagged at 0.75, the rest at 0.25, as two languages with their own thresholds would be.
    const flags = scores.map((s, i) => s >= (i < 8 ? 0.75 : 0.25));
    const resamples = 80;
    const result = bootstrap(g, gold, flags, { seed: 9, resamples, level: 0.8 });
    const rand = mulberry32(9);
    const f1s: number[] = [];
    for (let r = 0; r < resamples; r++) {
      const idx = scores.map(() => Math.floor(rand() * scores.length));
      if (!idx.some((i) => gold[i])) continue;
      f1s.push(f1(fromPairs(idx.map((i) => [gold[i] as boolean, flags[i] as boolean] as const))));
    }
    const sorted = [...f1s].sort((a, b) => a - b);
    expect(result.f1?.lo).toBeCloseTo(quantileSorted(sorted, 0.1), 12);
    expect(result.f1?.hi).toBeCloseTo(quantileSorted(sorted, 0.9), 12);
    expect(result.prAuc).toEqual(bootstrap(g, gold, 0.5, { seed: 9, resamples, level: 0.8 }).prAuc);
  });
});
