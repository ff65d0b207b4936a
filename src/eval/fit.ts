/**
 * Fitting fusion weights to labelled data: one L2-regularised logistic regression per combination of scorers
 * (the heads of src/fuse.ts), on the same named features the scorer uses, then an operating threshold from the
 * fused scores. Newton's method on a dozen features converges in a few steps and is deterministic.
 */
import { applyHead, features, headKey, SCORERS, type FuseInput, type Head, type Scorer } from '../fuse.js';
import { averagePrecision, groupScores } from './ranking.js';
import { bestF1, lowestAtPrecision, sweep, type SweepPoint } from './threshold.js';

export interface LogisticOptions {
  /** L2 penalty on the weights (not the bias), in units of the summed log-loss. */
  readonly l2?: number;
  readonly maxIter?: number;
}

/** Solves A x = b for a small symmetric positive-definite A (Cholesky). */
export function solveSpd(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const li = l[i] as number[];
    for (let j = 0; j <= i; j++) {
      const lj = l[j] as number[];
      let s = a[i]?.[j] ?? 0;
      for (let k = 0; k < j; k++) s -= (li[k] as number) * (lj[k] as number);
      if (i === j) {
        if (!(s > 0)) throw new RangeError('matrix is not positive definite');
        li[i] = Math.sqrt(s);
      } else li[j] = s / (lj[j] as number);
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i]?.[k] as number) * (y[k] as number);
    y[i] = s / (l[i]?.[i] as number);
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i] as number;
    for (let k = i + 1; k < n; k++) s -= (l[k]?.[i] as number) * (x[k] as number);
    x[i] = s / (l[i]?.[i] as number);
  }
  return x;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Logistic regression by Newton's method: minimises Σ log-loss + (l2 / 2)·|w|², the bias unpenalised.
 * `rows` are feature vectors in `names` order. Without both classes there is nothing to fit.
 */
export function fitLogistic(rows: readonly (readonly number[])[], gold: readonly boolean[], names: readonly string[], opts: LogisticOptions = {}): Head {
  const l2 = opts.l2 ?? 1;
  const maxIter = opts.maxIter ?? 100;
  const d = names.length + 1;
  if (!gold.includes(true) || !gold.includes(false)) throw new RangeError('fitting needs both propaganda and other posts');
  // theta[0] is the bias; theta[j + 1] the weight of names[j].
  const theta = new Array<number>(d).fill(0);
  const x = (row: readonly number[], j: number): number => (j === 0 ? 1 : (row[j - 1] as number));
  for (let iter = 0; iter < maxIter; iter++) {
    const grad = theta.map((t, j) => (j === 0 ? 0 : l2 * t));
    const hess = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (__, j) => (i === j && i > 0 ? l2 : 0)));
    rows.forEach((row, r) => {
      let z = 0;
      for (let j = 0; j < d; j++) z += (theta[j] as number) * x(row, j);
      const p = sigmoid(z);
      const w = Math.max(p * (1 - p), 1e-12);
      const err = p - (gold[r] ? 1 : 0);
      for (let i = 0; i < d; i++) {
        const xi = x(row, i);
        grad[i] = (grad[i] as number) + err * xi;
        const hi = hess[i] as number[];
        for (let j = 0; j <= i; j++) hi[j] = (hi[j] as number) + w * xi * x(row, j);
      }
    });
    for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) (hess[i] as number[])[j] = hess[j]?.[i] as number;
    // A tiny ridge on the bias too keeps the system solvable when a class is nearly absent.
    (hess[0] as number[])[0] = (hess[0]?.[0] as number) + 1e-9;
    const step = solveSpd(hess, grad);
    let biggest = 0;
    step.forEach((s, j) => {
      theta[j] = (theta[j] as number) - s;
      biggest = Math.max(biggest, Math.abs(s));
    });
    if (biggest < 1e-10) break;
  }
  const round = (v: number): number => Math.round(v * 1e6) / 1e6 + 0;
  return { bias: round(theta[0] as number), weights: Object.fromEntries(names.map((n, j) => [n, round(theta[j + 1] as number)])) };
}

/** Every non-empty combination of the scorers, in SCORERS order (the order head keys use). */
export function scorerSubsets(scorers: readonly Scorer[]): Scorer[][] {
  const present = SCORERS.filter((s) => scorers.includes(s));
  const out: Scorer[][] = [];
  for (let mask = 1; mask < 1 << present.length; mask++) out.push(present.filter((_, i) => (mask >> i) & 1));
  return out;
}

export interface FittedHead {
  readonly key: string;
  readonly head: Head;
  /** In-sample scores of the calibration rows. */
  readonly scores: Float64Array;
}

export function fitHeads(inputs: readonly FuseInput[], gold: readonly boolean[], scorers: readonly Scorer[], opts: LogisticOptions = {}): FittedHead[] {
  return scorerSubsets(scorers).map((subset) => {
    const feats = inputs.map((input) => features(input, subset));
    const names = Object.keys(feats[0] ?? features({ lang: 'und', evidence: [], models: {} }, subset));
    const rows = feats.map((f) => names.map((n) => f[n] ?? 0));
    const head = fitLogistic(rows, gold, names, opts);
    const scores = Float64Array.from(feats, (f) => applyHead(head, f));
    return { key: headKey(subset), head, scores };
  });
}

export interface ThresholdChoice {
  readonly criterion: 'best-f1' | 'target-precision';
  readonly point: SweepPoint;
  readonly prAuc: number | null;
}

/** The operating threshold on fused scores: the F1-optimal one, or the lowest reaching a target precision. */
export function chooseThreshold(scores: ArrayLike<number>, gold: readonly boolean[], targetPrecision?: number): ThresholdChoice | null {
  const groups = groupScores(scores, gold);
  const points = sweep(groups);
  const point = targetPrecision === undefined ? bestF1(points) : lowestAtPrecision(points, targetPrecision);
  if (point === null) return null;
  return { criterion: targetPrecision === undefined ? 'best-f1' : 'target-precision', point, prAuc: averagePrecision(groups) };
}

/**
 * Fewest gold propaganda posts a threshold is fitted on, overall and per language. Below it a single post moves
 * recall by more than three points and the F1-optimal threshold jumps between neighbouring scores, so the
 * weights and thresholds would describe a handful of posts rather than the data.
 */
export const MIN_POSITIVES = 30;

export interface SkippedLanguage {
  readonly lang: string;
  readonly n: number;
  readonly positives: number;
  /** Too few propaganda posts, or a target precision out of reach. */
  readonly reason: 'few' | 'precision';
  readonly why: string;
}

export interface LanguageThresholds {
  /** Languages with their own threshold, in order of first appearance. */
  readonly byLang: Readonly<Record<string, ThresholdChoice & { readonly n: number; readonly positives: number }>>;
  /** Languages left on the overall threshold, with why. */
  readonly skipped: readonly SkippedLanguage[];
}

/**
 * A threshold of its own for every language with at least `minPositives` gold propaganda posts, chosen like
 * the overall one on that language's fused scores; the other languages keep the overall threshold.
 */
export function thresholdsByLang(
  scores: ArrayLike<number>,
  gold: readonly boolean[],
  langs: readonly string[],
  targetPrecision?: number,
  minPositives: number = MIN_POSITIVES,
): LanguageThresholds {
  const rowsOf = new Map<string, number[]>();
  langs.forEach((lang, i) => {
    const rows = rowsOf.get(lang);
    if (rows === undefined) rowsOf.set(lang, [i]);
    else rows.push(i);
  });
  const byLang: Record<string, ThresholdChoice & { n: number; positives: number }> = {};
  const skipped: SkippedLanguage[] = [];
  for (const [lang, rows] of rowsOf) {
    const g = rows.map((i) => gold[i] as boolean);
    const positives = g.filter(Boolean).length;
    if (positives < minPositives) {
      skipped.push({ lang, n: rows.length, positives, reason: 'few', why: `${positives} propaganda posts, fewer than ${minPositives}` });
      continue;
    }
    const choice = chooseThreshold(Float64Array.from(rows, (i) => scores[i] as number), g, targetPrecision);
    if (choice === null) skipped.push({ lang, n: rows.length, positives, reason: 'precision', why: `no threshold reaches precision ${targetPrecision}` });
    else byLang[lang] = { ...choice, n: rows.length, positives };
  }
  return { byLang, skipped };
}
