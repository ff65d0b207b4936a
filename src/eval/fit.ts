/**
 * Fitting fusion weights to labelled data: one L2-regularised logistic regression per combination of scorers
 * (the heads of src/fuse.ts), on the same named features the scorer uses, then an operating threshold from the
 * fused scores. Newton's method on a dozen features converges in a few steps and is deterministic.
 */
import { applyHead, features, headKey, SCORERS, type FuseInput, type Head, type Scorer } from '../fuse.js';
import { averagePrecision, groupScores } from './ranking.js';
import type { BinaryCounts } from './counts.js';
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
  /** capped-f1: best F1 within a cap on flagged news and counter-speech (cappedThresholds). */
  readonly criterion: 'best-f1' | 'target-precision' | 'capped-f1';
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
  readonly reason: 'few' | 'unreachable';
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
    if (choice === null) skipped.push({ lang, n: rows.length, positives, reason: 'unreachable', why: `no threshold reaches precision ${targetPrecision}` });
    else byLang[lang] = { ...choice, n: rows.length, positives };
  }
  return { byLang, skipped };
}

export interface CappedThresholds {
  /** For the rows of languages without a threshold of their own. */
  readonly threshold: number;
  readonly byLang: Readonly<Record<string, number>>;
  /** Over all rows, each at its language's threshold. */
  readonly counts: BinaryCounts;
  readonly contextFlagged: number;
  readonly contextRows: number;
}

/** One way to set a group's threshold: flag every row scoring at least `threshold`. */
interface Option {
  readonly threshold: number;
  readonly tp: number;
  readonly fp: number;
  readonly ctx: number;
}

/**
 * The options worth considering for one group: a threshold at each gold propaganda score (raising a threshold to
 * the next propaganda score loses no true positive and flags no more negatives), and flagging nothing.
 */
function groupOptions(rows: readonly number[], scores: ArrayLike<number>, gold: readonly boolean[], context: readonly boolean[]): Option[] {
  const sorted = [...rows].sort((a, b) => (scores[b] as number) - (scores[a] as number));
  const options: Option[] = [];
  let tp = 0;
  let fp = 0;
  let ctx = 0;
  for (let k = 0; k < sorted.length; ) {
    const s = scores[sorted[k] as number] as number;
    let hasPositive = false;
    // Rows tied at one score are flagged together.
    for (; k < sorted.length && scores[sorted[k] as number] === s; k++) {
      const i = sorted[k] as number;
      if (gold[i]) {
        tp++;
        hasPositive = true;
      } else {
        fp++;
        if (context[i]) ctx++;
      }
    }
    // Threshold 1, the highest a fusion file holds, stands for "flag nothing" (nothing but scores of exactly 1).
    if (options.length === 0 && s < 1) options.push({ threshold: 1, tp: 0, fp: 0, ctx: 0 });
    if (hasPositive || s >= 1) options.push({ threshold: Math.min(s, 1), tp, fp, ctx });
  }
  if (options.length === 0) options.push({ threshold: 1, tp: 0, fp: 0, ctx: 0 });
  return options;
}

/**
 * Thresholds for the languages in `own` and one for all other rows, chosen together for the best F1 over all rows
 * such that at most `maxRate` of the gold news and counter-speech posts are flagged. The cap is on the whole set,
 * so it is spent where it buys the most F1 rather than split evenly between languages. Null when nothing can be
 * flagged within the cap.
 *
 * Exact, by Dinkelbach's method: F1 = 2TP / (TP + FP + P) is a ratio, and for a fixed f the best
 * 2TP − f·(TP + FP + P) splits over the groups, so a knapsack over the context posts flagged finds it; setting f to
 * the F1 of that answer and repeating reaches the best F1 in a few rounds. Each round costs groups × cap × options.
 */
export function cappedThresholds(
  scores: ArrayLike<number>,
  gold: readonly boolean[],
  context: readonly boolean[],
  langs: readonly string[],
  own: readonly string[],
  maxRate: number,
): CappedThresholds | null {
  const ownSet = new Set(own);
  const groups = [...own, null];
  const rowsOf = groups.map((g) => langs.flatMap((l, i) => ((g === null ? !ownSet.has(l) : l === g) ? [i] : [])));
  const optionsOf = rowsOf.map((rows) => groupOptions(rows, scores, gold, context));
  const positives = gold.filter(Boolean).length;
  const contextRows = context.filter(Boolean).length;
  const budget = Math.floor(maxRate * contextRows + 1e-9);
  const f1Of = (chosen: readonly Option[]): number => {
    const { tp, fp } = totals(chosen);
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + (positives - tp));
  };
  let chosen = bestWithin(optionsOf, budget, (o) => 2 * o.tp);
  if (chosen === null) return null;
  let f = f1Of(chosen);
  for (;;) {
    const next = bestWithin(optionsOf, budget, (o) => (2 - f) * o.tp - f * o.fp) as Option[];
    const g = f1Of(next);
    if (g <= f + 1e-12) break;
    chosen = next;
    f = g;
  }
  if (f === 0) return null;
  const { tp, fp, ctx } = totals(chosen);
  return {
    threshold: (chosen.at(-1) as Option).threshold,
    byLang: Object.fromEntries(own.map((lang, g) => [lang, (chosen[g] as Option).threshold])),
    counts: { tp, fp, fn: positives - tp, tn: gold.length - positives - fp },
    contextFlagged: ctx,
    contextRows,
  };
}

/** What the chosen options flag together. */
function totals(chosen: readonly Option[]): Omit<Option, 'threshold'> {
  return chosen.reduce((t, o) => ({ tp: t.tp + o.tp, fp: t.fp + o.fp, ctx: t.ctx + o.ctx }), { tp: 0, fp: 0, ctx: 0 });
}

/**
 * One option per group, with at most `budget` context posts flagged in all, for the largest summed value; null when
 * no combination fits (only when posts scoring exactly 1 include context posts).
 */
function bestWithin(optionsOf: readonly Option[][], budget: number, value: (o: Option) => number): Option[] | null {
  // best[c]: the largest value with exactly c context posts flagged so far; picks[g][c]: group g's option there.
  let best = new Float64Array(budget + 1).fill(-Infinity);
  best[0] = 0;
  const picks: Int32Array[] = [];
  for (const options of optionsOf) {
    const next = new Float64Array(budget + 1).fill(-Infinity);
    const pick = new Int32Array(budget + 1).fill(-1);
    for (let c = 0; c <= budget; c++) {
      const v0 = best[c] as number;
      if (v0 === -Infinity) continue;
      options.forEach((o, k) => {
        const to = c + o.ctx;
        if (to > budget) return;
        const v = v0 + value(o);
        if (v > (next[to] as number)) {
          next[to] = v;
          pick[to] = k;
        }
      });
    }
    best = next;
    picks.push(pick);
  }
  let c = 0;
  for (let k = 1; k <= budget; k++) if ((best[k] as number) > (best[c] as number)) c = k;
  if (best[c] === -Infinity) return null;
  // Walk back through the groups to the option each one took.
  const chosen: Option[] = [];
  for (let g = optionsOf.length - 1; g >= 0; g--) {
    const o = (optionsOf[g] as Option[])[(picks[g] as Int32Array)[c] as number] as Option;
    chosen.unshift(o);
    c -= o.ctx;
  }
  return chosen;
}
