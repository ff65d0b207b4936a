/**
 * Addable confusion counts. Counts are plain sums, so shards of a large evaluation can be counted apart and
 * added (like spaCy's PRFScore); the ratios are derived on demand.
 *
 * Convention: a ratio whose denominator is 0 is 0 (precision with nothing flagged, recall with no positives),
 * so every figure is a finite number that JSON can carry and tables can print.
 */
import { LABELS, type Label } from '../types.js';

export interface BinaryCounts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
}

export interface Prf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export const ZERO: BinaryCounts = Object.freeze({ tp: 0, fp: 0, fn: 0, tn: 0 });

export function add(a: BinaryCounts, b: BinaryCounts): BinaryCounts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn, tn: a.tn + b.tn };
}

/** Counts from (gold is positive, predicted positive) pairs. */
export function fromPairs(pairs: Iterable<readonly [gold: boolean, predicted: boolean]>): BinaryCounts {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const [gold, predicted] of pairs) {
    if (gold && predicted) tp++;
    else if (predicted) fp++;
    else if (gold) fn++;
    else tn++;
  }
  return { tp, fp, fn, tn };
}

/** num / den, with 0/0 → 0 (see the module comment). */
export function ratio(num: number, den: number): number {
  return den === 0 ? 0 : num / den;
}

export function precision(c: BinaryCounts): number {
  return ratio(c.tp, c.tp + c.fp);
}

export function recall(c: BinaryCounts): number {
  return ratio(c.tp, c.tp + c.fn);
}

/** Harmonic mean of precision and recall, written as 2tp / (2tp + fp + fn) so 0/0 → 0 follows the same rule. */
export function f1(c: BinaryCounts): number {
  return ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn);
}

export function prf(c: BinaryCounts): Prf {
  return { precision: precision(c), recall: recall(c), f1: f1(c) };
}

/** 5-way confusion matrix: `matrix[gold][predicted]`, indices in LABELS order. */
export interface Confusion {
  readonly labels: readonly Label[];
  readonly matrix: readonly (readonly number[])[];
}

function emptyMatrix(): number[][] {
  return LABELS.map(() => LABELS.map(() => 0));
}

export function confusionFromPairs(pairs: Iterable<readonly [gold: Label, predicted: Label]>): Confusion {
  const matrix = emptyMatrix();
  for (const [gold, predicted] of pairs) {
    const row = matrix[LABELS.indexOf(gold)];
    const col = LABELS.indexOf(predicted);
    if (row === undefined || col < 0) throw new RangeError(`unknown label pair ${gold} / ${predicted}`);
    row[col] = (row[col] ?? 0) + 1;
  }
  return { labels: LABELS, matrix };
}

export function addConfusion(a: Confusion, b: Confusion): Confusion {
  const matrix = emptyMatrix().map((row, i) => row.map((_, j) => (a.matrix[i]?.[j] ?? 0) + (b.matrix[i]?.[j] ?? 0)));
  return { labels: LABELS, matrix };
}

/** One label against the rest, read off the matrix. */
export function countsForLabel(c: Confusion, label: Label): BinaryCounts {
  const k = LABELS.indexOf(label);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  c.matrix.forEach((row, i) =>
    row.forEach((n, j) => {
      if (i === k && j === k) tp += n;
      else if (j === k) fp += n;
      else if (i === k) fn += n;
      else tn += n;
    }),
  );
  return { tp, fp, fn, tn };
}
