import { describe, expect, it } from 'vitest';
import {
  add,
  addConfusion,
  confusionFromPairs,
  countsForLabel,
  f1,
  fromPairs,
  precision,
  prf,
  recall,
  ZERO,
} from '../../src/eval/counts.js';

describe('binary counts', () => {
  it('counts (gold, predicted) pairs', () => {
    const c = fromPairs([
      [true, true],
      [true, false],
      [false, true],
      [false, false],
      [true, true],
    ]);
    expect(c).toEqual({ tp: 2, fp: 1, fn: 1, tn: 1 });
    expect(prf(c)).toEqual({ precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 });
  });

  it('computes P/R/F1 by hand', () => {
    const c = { tp: 3, fp: 1, fn: 5, tn: 10 };
    expect(precision(c)).toBe(0.75);
    expect(recall(c)).toBe(3 / 8);
    expect(f1(c)).toBeCloseTo((2 * 0.75 * 0.375) / (0.75 + 0.375), 12);
  });

  it('adds shards to the counts of the whole', () => {
    const a: [boolean, boolean][] = [
      [true, true],
      [false, true],
    ];
    const b: [boolean, boolean][] = [
      [true, false],
      [false, false],
      [true, true],
    ];
    expect(add(fromPairs(a), fromPairs(b))).toEqual(fromPairs([...a, ...b]));
    expect(add(ZERO, fromPairs(a))).toEqual(fromPairs(a));
  });

  it('defines 0/0 as 0: empty set, nothing flagged, no positives', () => {
    expect(prf(ZERO)).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(prf({ tp: 0, fp: 0, fn: 3, tn: 2 })).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(prf({ tp: 0, fp: 4, fn: 0, tn: 2 })).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('is 1 everywhere when every positive is found and nothing else', () => {
    expect(prf({ tp: 4, fp: 0, fn: 0, tn: 9 })).toEqual({ precision: 1, recall: 1, f1: 1 });
  });
});

describe('5-way confusion', () => {
  const c = confusionFromPairs([
    ['propaganda', 'propaganda'],
    ['propaganda', 'news'],
    ['news', 'propaganda'],
    ['news', 'news'],
    ['news', 'news'],
    ['religious', 'other'],
  ]);

  it('puts gold on rows and predictions on columns, in LABELS order', () => {
    expect(c.labels).toEqual(['propaganda', 'news', 'counter_speech', 'religious', 'other']);
    expect(c.matrix).toEqual([
      [1, 1, 0, 0, 0],
      [1, 2, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0],
    ]);
  });

  it('reads one label against the rest', () => {
    expect(countsForLabel(c, 'news')).toEqual({ tp: 2, fp: 1, fn: 1, tn: 2 });
    expect(countsForLabel(c, 'counter_speech')).toEqual({ tp: 0, fp: 0, fn: 0, tn: 6 });
  });

  it('adds matrices cell by cell', () => {
    const d = confusionFromPairs([['other', 'other']]);
    const sum = addConfusion(c, d);
    expect(sum.matrix[4]).toEqual([0, 0, 0, 0, 1]);
    expect(sum.matrix[1]).toEqual([1, 2, 0, 0, 0]);
  });

  it('rejects labels outside the taxonomy', () => {
    expect(() => confusionFromPairs([['propaganda', 'spam' as never]])).toThrow(RangeError);
  });
});
