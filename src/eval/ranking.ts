/**
 * Threshold-free ranking metrics. Everything is computed from score groups: the distinct scores in
 * descending order with the positives and negatives at each, so tied scores move together (a threshold
 * cannot split them) and one O(n log n) sort serves every metric, curve, sweep and bootstrap resample.
 * A metric that needs a class the data lacks is null, not NaN.
 */

export interface ScoreGroups {
  /** Distinct scores, descending. */
  readonly thresholds: Float64Array;
  /** Positives (negatives) per group; weights rather than counts so bootstrap resamples reuse the groups. */
  readonly pos: Float64Array;
  readonly neg: Float64Array;
  /** Group index of each input item, in input order. */
  readonly groupOf: Uint32Array;
}

/** The parts of the groups that resampling changes. */
export type GroupWeights = Pick<ScoreGroups, 'pos' | 'neg'>;

export interface PrPoint {
  readonly recall: number;
  readonly precision: number;
  /** Lowest score flagged at this point; null for the start of the curve (nothing flagged). */
  readonly threshold: number | null;
}

export interface RocPoint {
  readonly fpr: number;
  readonly tpr: number;
  readonly threshold: number | null;
}

export function groupScores(scores: ArrayLike<number>, gold: ArrayLike<boolean>): ScoreGroups {
  const n = scores.length;
  if (gold.length !== n) throw new RangeError(`${n} scores but ${gold.length} gold labels`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(scores[i])) throw new RangeError(`score ${i} is not a finite number: ${scores[i]}`);
  }
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  const at = (i: number): number => scores[i] as number;
  order.sort((a, b) => at(b) - at(a) || a - b);

  const thresholds: number[] = [];
  const pos: number[] = [];
  const neg: number[] = [];
  const groupOf = new Uint32Array(n);
  for (const i of order) {
    const s = at(i);
    if (thresholds.length === 0 || thresholds[thresholds.length - 1] !== s) {
      thresholds.push(s);
      pos.push(0);
      neg.push(0);
    }
    const g = thresholds.length - 1;
    groupOf[i] = g;
    if (gold[i]) pos[g] = (pos[g] ?? 0) + 1;
    else neg[g] = (neg[g] ?? 0) + 1;
  }
  return { thresholds: Float64Array.from(thresholds), pos: Float64Array.from(pos), neg: Float64Array.from(neg), groupOf };
}

function total(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

/**
 * ROC-AUC as the Mann–Whitney statistic: the chance that a random positive outscores a random negative,
 * a tie counting one half (the same as averaging tied ranks). Null without both classes.
 */
export function rocAuc(g: GroupWeights): number | null {
  const p = total(g.pos);
  const n = total(g.neg);
  if (p === 0 || n === 0) return null;
  let above = 0;
  let wins = 0;
  for (let k = 0; k < g.pos.length; k++) {
    const pk = g.pos[k] as number;
    wins += (g.neg[k] as number) * (above + pk / 2);
    above += pk;
  }
  return wins / (p * n);
}

/**
 * Average precision as scikit-learn defines it: Σ (R_k − R_{k−1}) · P_k over the score groups, descending.
 * No interpolation, so it is not the trapezoidal area (which is optimistic). Null without positives.
 */
export function averagePrecision(g: GroupWeights): number | null {
  const p = total(g.pos);
  if (p === 0) return null;
  let tp = 0;
  let fp = 0;
  let ap = 0;
  for (let k = 0; k < g.pos.length; k++) {
    const pk = g.pos[k] as number;
    tp += pk;
    fp += g.neg[k] as number;
    if (pk > 0) ap += (pk / p) * (tp / (tp + fp));
  }
  return ap;
}

/**
 * Precision–recall points from (recall 0, precision 1) down the thresholds, stopping where recall first
 * reaches 1 (as scikit-learn does: lower thresholds only add false positives). Null without positives.
 */
export function prCurve(g: ScoreGroups): PrPoint[] | null {
  const p = total(g.pos);
  if (p === 0) return null;
  const points: PrPoint[] = [{ recall: 0, precision: 1, threshold: null }];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < g.thresholds.length && tp < p; k++) {
    tp += g.pos[k] as number;
    fp += g.neg[k] as number;
    points.push({ recall: tp / p, precision: tp / (tp + fp), threshold: g.thresholds[k] as number });
  }
  return points;
}

/** ROC points from (0, 0) through every threshold to (1, 1). Null without both classes. */
export function rocCurve(g: ScoreGroups): RocPoint[] | null {
  const p = total(g.pos);
  const n = total(g.neg);
  if (p === 0 || n === 0) return null;
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: null }];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < g.thresholds.length; k++) {
    tp += g.pos[k] as number;
    fp += g.neg[k] as number;
    points.push({ fpr: fp / n, tpr: tp / p, threshold: g.thresholds[k] as number });
  }
  return points;
}

/** At most `max` (≥ 2) points, evenly spaced by index, always keeping the first and the last. */
export function downsample<T>(points: readonly T[], max = 200): T[] {
  if (max < 2) throw new RangeError(`downsample needs max ≥ 2, got ${max}`);
  if (points.length <= max) return [...points];
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)] as T);
}
