/**
 * Percentile-bootstrap confidence intervals for F1 (at a fixed threshold, or at per-item decisions) and average precision.
 * Seeded, so a report is reproducible byte for byte. Each resample draws n items with replacement and only
 * reweights the score groups (one sort for all resamples), so a resample costs O(n + groups) in typed arrays.
 */
import { f1 } from './counts.js';
import { averagePrecision, type ScoreGroups } from './ranking.js';
import { countsAtWeights } from './threshold.js';

/** mulberry32: a tiny, well-mixed 32-bit PRNG; uniform floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Interval {
  readonly lo: number;
  readonly hi: number;
  /** Resamples the interval rests on: those that drew at least one positive. */
  readonly resamples: number;
}

export interface BootstrapOptions {
  readonly resamples?: number;
  readonly seed?: number;
  /** Coverage of the interval, e.g. 0.95. */
  readonly level?: number;
}

export interface BootstrapResult {
  readonly f1: Interval | null;
  readonly prAuc: Interval | null;
}

export const BOOTSTRAP_DEFAULTS = { resamples: 1000, seed: 20240601, level: 0.95 } as const;

/** Quantile of sorted values by linear interpolation between order statistics (numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile of no values');
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number;
  return a + (h - lo) * ((sorted[hi] as number) - a);
}

function interval(values: Float64Array, level: number): Interval | null {
  if (values.length === 0) return null;
  const sorted = values.slice().sort();
  const tail = (1 - level) / 2;
  return { lo: quantileSorted(sorted, tail), hi: quantileSorted(sorted, 1 - tail), resamples: values.length };
}

/**
 * Intervals for F1 and for average precision over the items of `groups`, whose gold labels are `gold` in
 * the same order. F1 is at `decision`: one threshold for every item, or each item's own flag (when items
 * have thresholds of their own, e.g. per language). Resamples without a positive are skipped (both
 * metrics are degenerate there); null when no resample had one.
 */
export function bootstrap(
  groups: ScoreGroups,
  gold: ArrayLike<boolean>,
  decision: number | ArrayLike<boolean>,
  opts: BootstrapOptions = {},
): BootstrapResult {
  const resamples = opts.resamples ?? BOOTSTRAP_DEFAULTS.resamples;
  const level = opts.level ?? BOOTSTRAP_DEFAULTS.level;
  const n = groups.groupOf.length;
  if (gold.length !== n) throw new RangeError(`${n} scored items but ${gold.length} gold labels`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const groupCount = groups.thresholds.length;
  // Item i adds one to cell slot[i] of `drawn`: [0, G) counts negatives per group, [G, 2G) positives.
  const slot = Uint32Array.from({ length: n }, (_, i) => (gold[i] ? groupCount : 0) + (groups.groupOf[i] as number));
  const drawn = new Uint32Array(2 * groupCount);
  // With per-item flags, item i also adds one to cell [gold, flagged] of `outcomes`: tn, fp, fn, tp.
  const flags = typeof decision === 'number' ? null : decision;
  if (flags !== null && flags.length !== n) throw new RangeError(`${n} scored items but ${flags.length} decisions`);
  const outcome = flags === null ? null : Uint8Array.from({ length: n }, (_, i) => (gold[i] ? 2 : 0) + (flags[i] ? 1 : 0));
  const outcomes = new Uint32Array(4);
  const weights = { neg: new Float64Array(groupCount), pos: new Float64Array(groupCount) };
  const f1s = new Float64Array(n === 0 ? 0 : resamples);
  const aps = new Float64Array(f1s.length);
  let kept = 0;
  let state = (opts.seed ?? BOOTSTRAP_DEFAULTS.seed) >>> 0;
  for (let r = 0; r < f1s.length; r++) {
    drawn.fill(0);
    outcomes.fill(0);
    for (let d = 0; d < n; d++) {
      // mulberry32 inlined (same sequence as mulberry32(seed)): this loop runs n × resamples times.
      state = (state + 0x6d2b79f5) >>> 0;
      let t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      const item = Math.floor(u * n);
      const cell = slot[item] as number;
      drawn[cell] = (drawn[cell] as number) + 1;
      if (outcome !== null) outcomes[outcome[item] as number] = (outcomes[outcome[item] as number] as number) + 1;
    }
    let positives = 0;
    for (let g = 0; g < groupCount; g++) {
      weights.neg[g] = drawn[g] as number;
      weights.pos[g] = drawn[groupCount + g] as number;
      positives += drawn[groupCount + g] as number;
    }
    if (positives === 0) continue;
    f1s[kept] = f1(
      typeof decision === 'number'
        ? countsAtWeights(groups.thresholds, weights, decision)
        : { tn: outcomes[0] as number, fp: outcomes[1] as number, fn: outcomes[2] as number, tp: outcomes[3] as number },
    );
    aps[kept] = averagePrecision(weights) as number;
    kept++;
  }
  return { f1: interval(f1s.subarray(0, kept), level), prAuc: interval(aps.subarray(0, kept), level) };
}
