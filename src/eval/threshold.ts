/**
 * Threshold sweep: a post is flagged when its score is ≥ the threshold, so the only thresholds that change
 * anything are the distinct scores themselves. Figures chosen on the data they are measured on are optimistic;
 * callers say so where they show them.
 */
import { type BinaryCounts, f1, precision, recall } from './counts.js';
import type { GroupWeights, ScoreGroups } from './ranking.js';

export interface SweepPoint extends BinaryCounts {
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** The sweep point of counts taken at a threshold. */
export function pointOf(threshold: number, c: BinaryCounts): SweepPoint {
  return { threshold, ...c, precision: precision(c), recall: recall(c), f1: f1(c) };
}

function totals(g: GroupWeights): { p: number; n: number } {
  let p = 0;
  let n = 0;
  for (let k = 0; k < g.pos.length; k++) {
    p += g.pos[k] as number;
    n += g.neg[k] as number;
  }
  return { p, n };
}

/** One point per distinct score, highest threshold first. */
export function sweep(g: ScoreGroups): SweepPoint[] {
  const { p, n } = totals(g);
  const points: SweepPoint[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < g.thresholds.length; k++) {
    tp += g.pos[k] as number;
    fp += g.neg[k] as number;
    points.push(pointOf(g.thresholds[k] as number, { tp, fp, fn: p - tp, tn: n - fp }));
  }
  return points;
}

/** Counts when flagging every score ≥ t (t need not be one of the scores). */
export function countsAt(g: ScoreGroups, t: number): BinaryCounts {
  return countsAtWeights(g.thresholds, g, t);
}

/** As countsAt, over resampled weights that share the groups' thresholds. */
export function countsAtWeights(thresholds: Float64Array, w: GroupWeights, t: number): BinaryCounts {
  const { p, n } = totals(w);
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < thresholds.length && (thresholds[k] as number) >= t; k++) {
    tp += w.pos[k] as number;
    fp += w.neg[k] as number;
  }
  return { tp, fp, fn: p - tp, tn: n - fp };
}

/** Sweep point at threshold t, for tables that list thresholds chosen elsewhere. */
export function pointAt(g: ScoreGroups, t: number): SweepPoint {
  return pointOf(t, countsAt(g, t));
}

/**
 * The threshold with the highest F1; on a tie the higher threshold, which flags fewer posts for the same F1.
 * Null when there are no positives (F1 is 0 everywhere, so no threshold is better than another).
 */
export function bestF1(points: readonly SweepPoint[]): SweepPoint | null {
  let best: SweepPoint | null = null;
  for (const pt of points) {
    if (pt.tp + pt.fn === 0) return null;
    if (best === null || pt.f1 > best.f1) best = pt;
  }
  return best;
}

/**
 * The lowest threshold whose precision reaches `target`, which has the highest recall among those that do
 * (recall only grows as the threshold falls). Null when no threshold reaches it.
 */
export function lowestAtPrecision(points: readonly SweepPoint[], target: number): SweepPoint | null {
  let found: SweepPoint | null = null;
  for (const pt of points) if (pt.tp > 0 && pt.precision >= target) found = pt;
  return found;
}
