import { describe, expect, it } from 'vitest';
import { groupScores } from '../../src/eval/ranking.js';
import { bestF1, countsAt, lowestAtPrecision, pointAt, sweep } from '../../src/eval/threshold.js';

const T = true;
const F = false;

describe('sweep', () => {
  // positives 0.9, 0.7; negatives 0.8, 0.6, 0.5
  const points = sweep(groupScores([0.9, 0.8, 0.7, 0.6, 0.5], [T, F, T, F, F]));

  it('has one point per distinct score, highest first, with hand-computed counts', () => {
    expect(points.map((p) => [p.threshold, p.tp, p.fp, p.fn, p.tn])).toEqual([
      [0.9, 1, 0, 1, 3],
      [0.8, 1, 1, 1, 2],
      [0.7, 2, 1, 0, 2],
      [0.6, 2, 2, 0, 1],
      [0.5, 2, 3, 0, 0],
    ]);
    expect(points.map((p) => p.f1)).toEqual([2 / 3, 0.5, 0.8, 4 / 6, 4 / 7]);
  });

  it('finds the F1-optimal threshold', () => {
    expect(bestF1(points)).toMatchObject({ threshold: 0.7, f1: 0.8, precision: 2 / 3, recall: 1 });
  });

  it('takes the lowest threshold that reaches the target precision, although precision is not monotone', () => {
    expect(lowestAtPrecision(points, 0.9)).toMatchObject({ threshold: 0.9, precision: 1, recall: 0.5 });
    // 0.8 falls below 0.6 precision but 0.7 climbs back above it.
    expect(lowestAtPrecision(points, 0.6)).toMatchObject({ threshold: 0.7, recall: 1 });
    expect(lowestAtPrecision(points, 1.01)).toBeNull();
  });

  it('moves tied scores together', () => {
    const tied = sweep(groupScores([0.5, 0.5, 0.2], [T, F, T]));
    expect(tied.map((p) => [p.threshold, p.tp, p.fp])).toEqual([
      [0.5, 1, 1],
      [0.2, 2, 1],
    ]);
  });

  it('breaks an F1 tie towards the higher threshold (fewer posts flagged)', () => {
    // F1 2/3 at 0.9 (tp 1, fn 1) and at 0.6 (tp 2, fp 2).
    const tie = sweep(groupScores([0.9, 0.8, 0.7, 0.6], [T, F, F, T]));
    expect(tie[0]?.f1).toBe(tie[3]?.f1);
    expect(bestF1(tie)?.threshold).toBe(0.9);
  });

  it('is null without positives, and on an empty set', () => {
    const negatives = sweep(groupScores([0.9, 0.1], [F, F]));
    expect(bestF1(negatives)).toBeNull();
    expect(lowestAtPrecision(negatives, 0.5)).toBeNull();
    expect(bestF1(sweep(groupScores([], [])))).toBeNull();
  });

  it('with only positives, the lowest threshold finds them all at precision 1', () => {
    const positives = sweep(groupScores([0.9, 0.4], [T, T]));
    expect(bestF1(positives)).toMatchObject({ threshold: 0.4, f1: 1 });
    expect(lowestAtPrecision(positives, 0.9)).toMatchObject({ threshold: 0.4, recall: 1 });
  });
});

describe('counts at any threshold', () => {
  const g = groupScores([0.9, 0.8, 0.7, 0.6, 0.5], [T, F, T, F, F]);

  it('flags scores ≥ t, between the scores too', () => {
    expect(countsAt(g, 0.75)).toEqual({ tp: 1, fp: 1, fn: 1, tn: 2 });
    expect(countsAt(g, 0.7)).toEqual({ tp: 2, fp: 1, fn: 0, tn: 2 });
    expect(countsAt(g, 0.95)).toEqual({ tp: 0, fp: 0, fn: 2, tn: 3 });
    expect(countsAt(g, 0)).toEqual({ tp: 2, fp: 3, fn: 0, tn: 0 });
    expect(pointAt(g, 0.75)).toMatchObject({ threshold: 0.75, precision: 0.5, recall: 0.5, f1: 0.5 });
  });
});
