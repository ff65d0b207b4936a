import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averagePrecision, downsample, groupScores, prCurve, rocAuc, rocCurve } from '../../src/eval/ranking.js';

const T = true;
const F = false;

/** Pairwise definition: P(positive outscores negative), ties one half. */
function bruteAuc(scores: number[], gold: boolean[]): number | null {
  let wins = 0;
  let pairs = 0;
  scores.forEach((p, i) => {
    if (!gold[i]) return;
    scores.forEach((n, j) => {
      if (gold[j]) return;
      pairs++;
      wins += p > n ? 1 : p === n ? 0.5 : 0;
    });
  });
  return pairs === 0 ? null : wins / pairs;
}

/** Mean over positives of the precision when flagging everything scored at least as high as that positive. */
function bruteAp(scores: number[], gold: boolean[]): number | null {
  const positives = scores.filter((_, i) => gold[i]);
  if (positives.length === 0) return null;
  const precisionAt = (t: number): number => {
    const flagged = scores.map((s, i) => [s, gold[i]] as const).filter(([s]) => s >= t);
    return flagged.filter(([, g]) => g).length / flagged.length;
  };
  return positives.reduce((a, t) => a + precisionAt(t), 0) / positives.length;
}

describe('groupScores', () => {
  it('groups tied scores, highest first, and maps each item to its group', () => {
    const g = groupScores([0.2, 0.8, 0.2, 0.5], [T, F, F, T]);
    expect(Array.from(g.thresholds)).toEqual([0.8, 0.5, 0.2]);
    expect(Array.from(g.pos)).toEqual([0, 1, 1]);
    expect(Array.from(g.neg)).toEqual([1, 0, 1]);
    expect(Array.from(g.groupOf)).toEqual([2, 0, 2, 1]);
  });

  it('rejects non-finite scores and length mismatches', () => {
    expect(() => groupScores([0.1, Number.NaN], [T, F])).toThrow(RangeError);
    expect(() => groupScores([0.1], [T, F])).toThrow(RangeError);
  });
});

describe('ROC-AUC and average precision, by hand', () => {
  it('distinct scores', () => {
    // positives 0.9, 0.7; negatives 0.8, 0.6, 0.5: 0.9 beats 3, 0.7 beats 2 → 5/6.
    const g = groupScores([0.9, 0.8, 0.7, 0.6, 0.5], [T, F, T, F, F]);
    expect(rocAuc(g)).toBeCloseTo(5 / 6, 12);
    // precision 1 at the first positive, 2/3 at the second.
    expect(averagePrecision(g)).toBeCloseTo((1 + 2 / 3) / 2, 12);
  });

  it('ties count one half and move together', () => {
    const g = groupScores([0.8, 0.6, 0.6, 0.2], [T, T, F, F]);
    expect(rocAuc(g)).toBeCloseTo(3.5 / 4, 12);
    expect(averagePrecision(g)).toBeCloseTo(0.5 * 1 + 0.5 * (2 / 3), 12);
    const flat = groupScores([0.5, 0.5, 0.5, 0.5], [T, F, T, F]);
    expect(rocAuc(flat)).toBe(0.5);
    expect(averagePrecision(flat)).toBe(0.5);
  });

  it('is null, not NaN, when a class is absent', () => {
    const negatives = groupScores([0.3, 0.1], [F, F]);
    expect(rocAuc(negatives)).toBeNull();
    expect(averagePrecision(negatives)).toBeNull();
    expect(prCurve(negatives)).toBeNull();
    expect(rocCurve(negatives)).toBeNull();
    const positives = groupScores([0.3, 0.1], [T, T]);
    expect(rocAuc(positives)).toBeNull();
    expect(averagePrecision(positives)).toBe(1);
    expect(rocCurve(positives)).toBeNull();
    const empty = groupScores([], []);
    expect(rocAuc(empty)).toBeNull();
    expect(averagePrecision(empty)).toBeNull();
  });

  it('matches the pairwise and per-positive definitions on random data with ties', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { maxLength: 40 }), (items) => {
        const scores = items.map(([s]) => s / 5);
        const gold = items.map(([, y]) => y);
        const g = groupScores(scores, gold);
        const auc = rocAuc(g);
        const expected = bruteAuc(scores, gold);
        if (expected === null) expect(auc).toBeNull();
        else expect(auc).toBeCloseTo(expected, 10);
        const ap = averagePrecision(g);
        const expectedAp = bruteAp(scores, gold);
        if (expectedAp === null) expect(ap).toBeNull();
        else expect(ap).toBeCloseTo(expectedAp, 10);
      }),
    );
  });
});

describe('curves', () => {
  const g = groupScores([0.9, 0.8, 0.7, 0.6, 0.5], [T, F, T, F, F]);

  it('PR curve starts at (0, 1) and stops at full recall', () => {
    expect(prCurve(g)).toEqual([
      { recall: 0, precision: 1, threshold: null },
      { recall: 0.5, precision: 1, threshold: 0.9 },
      { recall: 0.5, precision: 0.5, threshold: 0.8 },
      { recall: 1, precision: 2 / 3, threshold: 0.7 },
    ]);
  });

  it('ROC curve runs from (0, 0) to (1, 1) through every threshold', () => {
    expect(rocCurve(g)?.map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [0, 0.5],
      [1 / 3, 0.5],
      [1 / 3, 1],
      [2 / 3, 1],
      [1, 1],
    ]);
  });

  it('downsamples to at most max points, keeping both ends and order', () => {
    const points = Array.from({ length: 1000 }, (_, i) => i);
    const d = downsample(points, 200);
    expect(d).toHaveLength(200);
    expect(d[0]).toBe(0);
    expect(d[199]).toBe(999);
    expect(d.every((v, i) => i === 0 || v > (d[i - 1] as number))).toBe(true);
    expect(downsample([1, 2, 3], 200)).toEqual([1, 2, 3]);
    expect(() => downsample(points, 1)).toThrow(RangeError);
  });
});
