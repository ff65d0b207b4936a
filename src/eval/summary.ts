/**
 * The whole figure set of an evaluation, as one plain JSON-able object (what `basira eval --json` writes and
 * what the table and the HTML report render). Pure: rows in, numbers out.
 *
 * A "system" is just a named score column (rules, lexical, transformer, fused, fused without a part, ...).
 * The binary task is gold propaganda vs everything else; a post is flagged when its score ≥ the system's
 * threshold, or the row's own threshold for that system where it has one (the fusion's per-language
 * thresholds), so the figures count the same decisions as the predicted labels. Rows where a system has no score (it did not run, or the row failed) are left out of that
 * system's figures and counted as `missing`.
 */
import { BasiraError } from '../errors.js';
import { CATEGORIES, CONTEXTS, LABELS, type Category, type Context, type Evidence, type Label } from '../types.js';
import { BOOTSTRAP_DEFAULTS, bootstrap, type BootstrapOptions, type BootstrapResult } from './bootstrap.js';
import { expectedCalibrationError, reliability, type ReliabilityBin } from './calibration.js';
import { type BinaryCounts, type Confusion, confusionFromPairs, f1, fromPairs, precision, recall } from './counts.js';
import type { GoldLabel } from './gold.js';
import { averagePrecision, downsample, groupScores, prCurve, rocAuc, rocCurve, type PrPoint, type RocPoint, type ScoreGroups } from './ranking.js';
import { bestF1, countsAt, lowestAtPrecision, pointAt, sweep, type SweepPoint } from './threshold.js';

export interface EvalRow {
  readonly id: string;
  readonly lang: string;
  readonly gold: GoldLabel;
  /** Gold categories of a propaganda post; null or absent when the data has none. */
  readonly goldCategories?: readonly Category[] | null;
  /** One score per system; null where that system gave none. */
  readonly scores: Readonly<Record<string, number | null>>;
  readonly predicted: Label | null;
  /** Predicted category scores (of the primary system). */
  readonly categories?: Readonly<Record<Category, number>> | null;
  readonly text?: string;
  readonly evidence?: readonly Evidence[];
  /** This row's operating threshold per system, where it is not the system's own (a per-language threshold). */
  readonly thresholds?: Readonly<Record<string, number>>;
  /** The row's value in the column the figures are also sliced by (`eval --by`); empty when the cell is. */
  readonly group?: string;
}

export interface SummaryOptions {
  /** Systems to report, in order; default: every score key, in order of first appearance. */
  readonly systems?: readonly string[];
  /** The system whose decisions the confusion, context, calibration plot and error lists describe; default 'fused'. */
  readonly primary?: string;
  /** Operating threshold per system; default `defaultThreshold`. */
  readonly thresholds?: Readonly<Record<string, number>>;
  readonly defaultThreshold?: number;
  readonly targetPrecision?: number;
  /** `resamples: 0` turns the intervals off. */
  readonly bootstrap?: BootstrapOptions;
  /** A category is predicted when its score is ≥ this. */
  readonly categoryThreshold?: number;
  /** Worst errors kept per side. */
  readonly errors?: number;
  readonly curvePoints?: number;
  /** Thresholds listed in the threshold table besides the operating, best-F1 and target-precision ones. */
  readonly tableThresholds?: readonly number[];
  /** Name of the column in the rows' `group`: slices the figures by its values (and by language within each). */
  readonly groupBy?: string;
}

export interface SystemMetrics {
  /** Rows with a score from this system, and rows without one. */
  readonly n: number;
  readonly missing: number;
  readonly positives: number;
  /** The operating threshold: the rows' own when they all share one (a language slice), else the system's. */
  readonly threshold: number;
  /** Present (true) when the rows were flagged at thresholds of their own that differ between rows. */
  readonly thresholdVaries?: true;
  readonly counts: BinaryCounts;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly rocAuc: number | null;
  readonly prAuc: number | null;
  /** Null when there are no scores or they are not probabilities in [0, 1]. */
  readonly ece: number | null;
  /** Bootstrap intervals; null when turned off. */
  readonly ci: BootstrapResult | null;
  /** Chosen on the evaluated data itself, so optimistic. */
  readonly bestF1: SweepPoint | null;
  readonly atTargetPrecision: SweepPoint | null;
}

export interface SliceSummary {
  readonly n: number;
  readonly positives: number;
  readonly systems: Record<string, SystemMetrics>;
}

export interface LanguageSummary extends SliceSummary {
  readonly lang: string;
}

/** The rows with one value of the `groupBy` column ('' for empty cells): overall, per language, and context flags. */
export interface GroupSummary extends SliceSummary {
  readonly value: string;
  /** Largest first. */
  readonly languages: readonly LanguageSummary[];
  /** The primary system's flags on gold news / counter-speech / religious posts; null when the gold is binary. */
  readonly contextFalsePositives: readonly ContextFalsePositives[] | null;
}

export interface CategoryMetrics {
  readonly category: Category;
  /** Gold propaganda rows with gold categories and predicted scores, and how many carry this category. */
  readonly n: number;
  readonly support: number;
  readonly counts: BinaryCounts;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface ContextFalsePositives {
  readonly context: Context;
  readonly n: number;
  readonly flagged: number;
  readonly rate: number | null;
}

export interface ThresholdRow extends SweepPoint {
  readonly flagged: number;
  /** Why the row is listed besides the grid: 'operating', 'best F1', 'precision ≥ target'. */
  readonly marks: readonly string[];
}

export interface ErrorExample {
  readonly id: string;
  readonly lang: string;
  readonly gold: GoldLabel;
  readonly predicted: Label | null;
  readonly score: number;
  readonly text: string;
  readonly evidence: readonly Evidence[];
}

export type GoldKind = 'binary' | 'five-way' | 'mixed';

export interface Summary {
  readonly version: 1;
  readonly n: number;
  readonly positives: number;
  readonly gold: GoldKind;
  readonly primary: string;
  readonly systems: readonly string[];
  readonly targetPrecision: number;
  readonly bootstrap: { readonly resamples: number; readonly seed: number; readonly level: number } | null;
  readonly categoryThreshold: number;
  readonly overall: SliceSummary;
  /** Largest first. */
  readonly languages: readonly LanguageSummary[];
  /** Sliced by a gold column (`groupBy`), largest value first; null when not asked for. */
  readonly groups: { readonly by: string; readonly values: readonly GroupSummary[] } | null;
  /** Over rows with a five-way gold label and a predicted label; null when the gold is binary. */
  readonly confusion: Confusion | null;
  /** Given gold propaganda: is each category found? Null when the data has no gold categories. */
  readonly categories: readonly CategoryMetrics[] | null;
  /** Per system: how often gold news / counter-speech / religious posts are flagged. Null when the gold is binary. */
  readonly contextFalsePositives: Record<string, readonly ContextFalsePositives[]> | null;
  /** Per system, overall; null where ece is. */
  readonly calibration: Record<string, readonly ReliabilityBin[] | null>;
  /** Per system, overall, downsampled for plots. */
  readonly curves: Record<string, { readonly pr: readonly PrPoint[] | null; readonly roc: readonly RocPoint[] | null }>;
  /** Primary system, overall. */
  readonly thresholdTable: readonly ThresholdRow[];
  /** Primary system at its threshold; false positives highest score first, false negatives lowest first. */
  readonly errors: { readonly falsePositives: readonly ErrorExample[]; readonly falseNegatives: readonly ErrorExample[] };
}

export const SUMMARY_DEFAULTS = {
  primary: 'fused',
  defaultThreshold: 0.5,
  targetPrecision: 0.9,
  categoryThreshold: 0.5,
  errors: 25,
  curvePoints: 200,
  tableThresholds: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
} as const;

interface Resolved {
  readonly systems: readonly string[];
  readonly primary: string;
  readonly threshold: (system: string) => number;
  readonly targetPrecision: number;
  readonly bootstrap: Required<BootstrapOptions>;
  readonly categoryThreshold: number;
  readonly errors: number;
  readonly curvePoints: number;
  readonly tableThresholds: readonly number[];
}

const isPositive = (g: GoldLabel): boolean => g === 'propaganda';

/** Scores of one system over some rows, with the gold of the same rows. */
interface Column {
  readonly rows: readonly EvalRow[];
  readonly scores: Float64Array;
  readonly gold: boolean[];
  readonly groups: ScoreGroups;
}

/** Each row's operating threshold for a system. */
const rowThreshold = (r: EvalRow, system: string, o: Resolved): number => r.thresholds?.[system] ?? o.threshold(system);

function column(rows: readonly EvalRow[], system: string): Column {
  const kept = rows.filter((r) => typeof r.scores[system] === 'number');
  const scores = Float64Array.from(kept, (r) => r.scores[system] as number);
  const gold = kept.map((r) => isPositive(r.gold));
  return { rows: kept, scores, gold, groups: groupScores(scores, gold) };
}

function isProbability(scores: Float64Array): boolean {
  return scores.every((s) => s >= 0 && s <= 1);
}

function systemMetrics(rows: readonly EvalRow[], system: string, o: Resolved): SystemMetrics {
  const col = column(rows, system);
  const own = new Set(col.rows.map((r) => rowThreshold(r, system, o)));
  const varies = own.size > 1;
  const threshold = own.size === 1 ? ([...own][0] as number) : o.threshold(system);
  // One shared threshold reads the counts off the score groups; per-row thresholds need each row's decision.
  const flags = varies ? col.rows.map((r, i) => (col.scores[i] as number) >= rowThreshold(r, system, o)) : null;
  const counts = flags === null ? countsAt(col.groups, threshold) : fromPairs(flags.map((f, i) => [col.gold[i] as boolean, f] as const));
  const points = sweep(col.groups);
  const bins = isProbability(col.scores) ? reliability(col.scores, col.gold) : null;
  return {
    n: col.rows.length,
    missing: rows.length - col.rows.length,
    positives: counts.tp + counts.fn,
    threshold,
    ...(varies ? { thresholdVaries: true as const } : {}),
    counts,
    precision: precision(counts),
    recall: recall(counts),
    f1: f1(counts),
    rocAuc: rocAuc(col.groups),
    prAuc: averagePrecision(col.groups),
    ece: bins === null ? null : expectedCalibrationError(bins),
    ci: o.bootstrap.resamples > 0 ? bootstrap(col.groups, col.gold, flags ?? threshold, o.bootstrap) : null,
    bestF1: bestF1(points),
    atTargetPrecision: lowestAtPrecision(points, o.targetPrecision),
  };
}

function slice(rows: readonly EvalRow[], o: Resolved): SliceSummary {
  return {
    n: rows.length,
    positives: rows.filter((r) => isPositive(r.gold)).length,
    systems: Object.fromEntries(o.systems.map((s) => [s, systemMetrics(rows, s, o)])),
  };
}

/** Rows grouped by a key, largest group first (ties by key). */
function partition(rows: readonly EvalRow[], key: (r: EvalRow) => string): [string, EvalRow[]][] {
  const groups = new Map<string, EvalRow[]>();
  for (const r of rows) {
    const k = key(r);
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [r]);
    else list.push(r);
  }
  return [...groups].sort(([a, ra], [b, rb]) => rb.length - ra.length || (a < b ? -1 : a > b ? 1 : 0));
}

function languages(rows: readonly EvalRow[], o: Resolved): LanguageSummary[] {
  return partition(rows, (r) => (r.lang.trim() === '' ? 'und' : r.lang.trim())).map(([lang, langRows]) => ({ lang, ...slice(langRows, o) }));
}

function groups(rows: readonly EvalRow[], o: Resolved, kind: GoldKind): GroupSummary[] {
  return partition(rows, (r) => (r.group ?? '').trim()).map(([value, groupRows]) => ({
    value,
    ...slice(groupRows, o),
    languages: languages(groupRows, o),
    contextFalsePositives: kind === 'binary' ? null : contextFalsePositives(groupRows, o.primary, o),
  }));
}

function goldKind(rows: readonly EvalRow[]): GoldKind {
  const fiveWay = rows.some((r) => r.gold !== 'propaganda' && r.gold !== 'not_propaganda');
  const binary = rows.some((r) => r.gold === 'not_propaganda');
  return fiveWay && binary ? 'mixed' : fiveWay ? 'five-way' : 'binary';
}

function confusion(rows: readonly EvalRow[]): Confusion {
  const pairs: [Label, Label][] = [];
  for (const r of rows) {
    const gold = LABELS.find((l) => l === r.gold);
    if (gold !== undefined && r.predicted !== null) pairs.push([gold, r.predicted]);
  }
  return confusionFromPairs(pairs);
}

function categoryMetrics(rows: readonly EvalRow[], categoryThreshold: number): CategoryMetrics[] | null {
  const usable = rows.filter((r) => isPositive(r.gold) && r.goldCategories != null && r.categories != null);
  if (usable.length === 0) return null;
  return CATEGORIES.map((category) => {
    const counts = fromPairs(
      usable.map((r) => [r.goldCategories?.includes(category) === true, (r.categories?.[category] ?? 0) >= categoryThreshold] as const),
    );
    return {
      category,
      n: usable.length,
      support: counts.tp + counts.fn,
      counts,
      precision: precision(counts),
      recall: recall(counts),
      f1: f1(counts),
    };
  });
}

function contextFalsePositives(rows: readonly EvalRow[], system: string, o: Resolved): ContextFalsePositives[] {
  return CONTEXTS.map((context) => {
    const scored = rows.filter((r) => r.gold === context && typeof r.scores[system] === 'number');
    const flagged = scored.filter((r) => (r.scores[system] as number) >= rowThreshold(r, system, o)).length;
    return { context, n: scored.length, flagged, rate: scored.length === 0 ? null : flagged / scored.length };
  });
}

function thresholdTable(col: Column, o: Resolved, m: SystemMetrics): ThresholdRow[] {
  const marks = new Map<number, string[]>(o.tableThresholds.map((t) => [t, []]));
  const mark = (t: number | undefined, why: string): void => {
    if (t === undefined) return;
    marks.set(t, [...(marks.get(t) ?? []), why]);
  };
  mark(m.threshold, 'operating');
  mark(m.bestF1?.threshold, 'best F1');
  mark(m.atTargetPrecision?.threshold, `precision ≥ ${o.targetPrecision}`);
  return [...marks]
    .sort(([a], [b]) => a - b)
    .map(([t, why]) => {
      const pt = pointAt(col.groups, t);
      return { ...pt, flagged: pt.tp + pt.fp, marks: why };
    });
}

function example(r: EvalRow, score: number): ErrorExample {
  return { id: r.id, lang: r.lang, gold: r.gold, predicted: r.predicted, score, text: r.text ?? '', evidence: r.evidence ?? [] };
}

function worstErrors(col: Column, system: string, o: Resolved): Summary['errors'] {
  const fps: ErrorExample[] = [];
  const fns: ErrorExample[] = [];
  col.rows.forEach((r, i) => {
    const s = col.scores[i] as number;
    const flagged = s >= rowThreshold(r, system, o);
    if (!col.gold[i] && flagged) fps.push(example(r, s));
    if (col.gold[i] && !flagged) fns.push(example(r, s));
  });
  const max = o.errors;
  // Array sort is stable, so equal scores keep input order.
  return {
    falsePositives: fps.sort((a, b) => b.score - a.score).slice(0, max),
    falseNegatives: fns.sort((a, b) => a.score - b.score).slice(0, max),
  };
}

function resolve(rows: readonly EvalRow[], opts: SummaryOptions): Resolved {
  const systems = opts.systems ?? [...new Set(rows.flatMap((r) => Object.keys(r.scores)))];
  const primary = opts.primary ?? (systems.includes(SUMMARY_DEFAULTS.primary) ? SUMMARY_DEFAULTS.primary : systems[0]);
  if (primary === undefined || !systems.includes(primary)) {
    throw new BasiraError('E_USAGE', `primary system "${primary ?? ''}" is not among the systems: ${systems.join(', ') || '(none)'}`);
  }
  const defaultThreshold = opts.defaultThreshold ?? SUMMARY_DEFAULTS.defaultThreshold;
  return {
    systems,
    primary,
    threshold: (s) => opts.thresholds?.[s] ?? defaultThreshold,
    targetPrecision: opts.targetPrecision ?? SUMMARY_DEFAULTS.targetPrecision,
    bootstrap: {
      resamples: opts.bootstrap?.resamples ?? BOOTSTRAP_DEFAULTS.resamples,
      seed: opts.bootstrap?.seed ?? BOOTSTRAP_DEFAULTS.seed,
      level: opts.bootstrap?.level ?? BOOTSTRAP_DEFAULTS.level,
    },
    categoryThreshold: opts.categoryThreshold ?? SUMMARY_DEFAULTS.categoryThreshold,
    errors: opts.errors ?? SUMMARY_DEFAULTS.errors,
    curvePoints: opts.curvePoints ?? SUMMARY_DEFAULTS.curvePoints,
    tableThresholds: opts.tableThresholds ?? SUMMARY_DEFAULTS.tableThresholds,
  };
}

export function summarize(rows: readonly EvalRow[], opts: SummaryOptions = {}): Summary {
  const o = resolve(rows, opts);
  const overall = slice(rows, o);
  const kind = goldKind(rows);
  const columns = new Map(o.systems.map((s) => [s, column(rows, s)]));
  const primaryColumn = columns.get(o.primary) as Column;
  const primaryMetrics = overall.systems[o.primary] as SystemMetrics;
  return {
    version: 1,
    n: overall.n,
    positives: overall.positives,
    gold: kind,
    primary: o.primary,
    systems: o.systems,
    targetPrecision: o.targetPrecision,
    bootstrap: o.bootstrap.resamples > 0 ? o.bootstrap : null,
    categoryThreshold: o.categoryThreshold,
    overall,
    languages: languages(rows, o),
    groups: opts.groupBy === undefined ? null : { by: opts.groupBy, values: groups(rows, o, kind) },
    confusion: kind === 'binary' ? null : confusion(rows),
    categories: categoryMetrics(rows, o.categoryThreshold),
    contextFalsePositives:
      kind === 'binary' ? null : Object.fromEntries(o.systems.map((s) => [s, contextFalsePositives(rows, s, o)])),
    calibration: Object.fromEntries(
      [...columns].map(([s, col]) => [s, isProbability(col.scores) && col.rows.length > 0 ? reliability(col.scores, col.gold) : null]),
    ),
    curves: Object.fromEntries(
      [...columns].map(([s, col]) => {
        const pr = prCurve(col.groups);
        const roc = rocCurve(col.groups);
        return [s, { pr: pr && downsample(pr, o.curvePoints), roc: roc && downsample(roc, o.curvePoints) }];
      }),
    ),
    thresholdTable: thresholdTable(primaryColumn, o, primaryMetrics),
    errors: worstErrors(primaryColumn, o.primary, o),
  };
}
