/**
 * `basira calibrate split:dev -o models/fusion.json` (or any labelled file with --label-col): fits the fusion
 * heads, one per combination of the scorers present, the operating threshold, and a threshold per language
 * with enough propaganda to fit one (src/eval/fit.ts does the maths), and writes a fusion file that
 * `basira score` and `basira eval` load. The figures printed are in-sample: evaluate the result on held-out data.
 */
import { basename } from 'node:path';
import { BasiraError } from '../errors.js';
import { cappedThresholds, chooseThreshold, fitHeads, MIN_POSITIVES, scorerSubsets, thresholdsByLang, type LanguageThresholds, type ThresholdChoice } from '../eval/fit.js';
import { parseGold } from '../eval/gold.js';
import { averagePrecision, groupScores } from '../eval/ranking.js';
import { openLabelled, type LabelledInput, type LabelledSource } from '../eval/source.js';
import { num, textTable } from '../eval/table.js';
import { pointAt, pointOf } from '../eval/threshold.js';
import { fromPairs, f1, precision, recall } from '../eval/counts.js';
import { fuseInputOf, headKey, type Fusion, type FuseInput, type Head } from '../fuse.js';
import { loadFusion } from '../fusion-file.js';
import { openAtomicFile } from '../io/atomic.js';
import type { Sink } from '../io/sink.js';
import { DEFAULTS } from '../paths.js';
import { createPipeline, type Pipeline, scorerOptions } from '../pipeline.js';
import { startProgress } from '../progress.js';
import type { Streams } from '../streams.js';
import type { Post } from '../types.js';

export interface CalibrateOptions extends Omit<LabelledInput, 'categoriesCol' | 'langCol' | 'by'> {
  model?: string | null;
  lexical?: string | null;
  rules?: string;
  /** The fusion file being replaced: its review-band width carries over (default models/fusion.json). */
  fusion?: string;
  /** Where the fitted fusion file goes (atomically). */
  output: string;
  force: boolean;
  quiet: boolean;
  batchSize: number;
  /** Lowest threshold reaching this precision; absent: the F1-optimal threshold. */
  targetPrecision?: number;
  /** Largest share of gold news and counter-speech posts a threshold (overall and per language) may flag. */
  maxContextFp?: number;
  l2: number;
}

export interface CalibrateResult {
  fusion: Fusion;
  /** Rows fitted on (scored and labelled), of them propaganda; rows failed; rows without a gold label. */
  rows: number;
  positives: number;
  failed: number;
  unlabelled: number;
}

/** Review band width when the fusion being replaced cannot be read. */
const DEFAULT_REVIEW_WIDTH = 0.3;

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

/**
 * Calibration only needs each row's parts (evidence, model outputs), never the fused score, and before the first
 * calibration there may be no head for these scorers: the pipeline runs with neutral heads held in memory.
 */
async function openPipelineForParts(opts: CalibrateOptions, notice: (m: string) => void): Promise<Pipeline> {
  const neutral: Fusion = {
    version: 'neutral',
    heads: Object.fromEntries(scorerSubsets(['rules', 'lexical', 'transformer']).map((s) => [headKey(s), { bias: 0, weights: {} }])),
    threshold: 0.5,
    review: [0.5, 0.5],
  };
  return createPipeline({
    ...scorerOptions(opts),
    fusion: { fusion: neutral, id: 'neutral' },
    notice,
  });
}

function reviewBand(opts: CalibrateOptions, threshold: number): [number, number] {
  let width = DEFAULT_REVIEW_WIDTH;
  try {
    const [low, high] = loadFusion(opts.fusion ?? DEFAULTS.fusion).fusion.review;
    width = high - low;
  } catch (e) {
    if (!(e instanceof BasiraError)) throw e;
  }
  return [round6(Math.max(0, threshold - width / 2)), round6(Math.min(1, threshold + width / 2))];
}

/** The calibration date, ISO (YYYY-MM-DD): from SOURCE_DATE_EPOCH when set, so a rebuild can reproduce the file byte for byte. */
export function calibrationDate(env: NodeJS.ProcessEnv, now: Date = new Date()): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return now.toISOString().slice(0, 10);
  const seconds = Number(epoch);
  if (!Number.isInteger(seconds) || seconds < 0) throw new BasiraError('E_USAGE', `SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${epoch}"`);
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

function headsTable(keys: readonly string[], heads: readonly Head[], prAucs: readonly (number | null)[]): string {
  const rows = keys.map((k, i) => [k, String(Object.keys(heads[i]?.weights ?? {}).length), num(prAucs[i] ?? null)]);
  return textTable(['head', 'features', 'PR-AUC (in-sample)'], rows);
}

function thresholdsTable(overall: ThresholdChoice & { n: number; positives: number }, byLang: LanguageThresholds): string {
  const line = (name: string, c: ThresholdChoice, n: number, pos: number, note: string): string[] => [
    name,
    String(n),
    String(pos),
    num(c.point.threshold),
    num(c.point.precision),
    num(c.point.recall),
    num(c.point.f1),
    note,
  ];
  const bySize = <T extends { n: number }>(xs: T[]): T[] => xs.sort((a, b) => b.n - a.n);
  const own = bySize(Object.entries(byLang.byLang).map(([lang, c]) => ({ lang, ...c })));
  const unreachable = byLang.skipped.filter((s) => s.reason === 'unreachable');
  const few = bySize(byLang.skipped.filter((s) => s.reason === 'few'));
  const sum = (k: 'n' | 'positives'): string => String(few.reduce((t, s) => t + s[k], 0));
  const named = few.slice(0, 5).map((s) => s.lang).join(', ') + (few.length > 5 ? ', …' : '');
  const rows = [
    line('all', overall, overall.n, overall.positives, 'overall threshold'),
    ...own.map((c) => line(c.lang, c, c.n, c.positives, 'own threshold')),
    ...unreachable.map((s) => [s.lang, String(s.n), String(s.positives), '', '', '', '', `overall threshold: ${s.why}`]),
    ...(few.length === 0 ? [] : [['others', sum('n'), sum('positives'), '', '', '', '', `overall threshold: ${few.length} language${few.length === 1 ? '' : 's'} with fewer than ${MIN_POSITIVES} propaganda posts (${named})`]]),
  ];
  return textTable(['lang', 'n', 'pos', 'threshold', 'P', 'R', 'F1', 'in-sample, by language'], rows, ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left']);
}

interface Thresholds {
  /** The threshold of languages without their own, with its in-sample figures. */
  choice: ThresholdChoice;
  byLang: LanguageThresholds;
}

/** Best F1 (or the lowest threshold reaching the target precision) overall, and on its own for each language. */
function bestThresholds(scores: Float64Array, gold: boolean[], langs: string[], opts: CalibrateOptions, name: string): Thresholds {
  const choice = chooseThreshold(scores, gold, opts.targetPrecision);
  if (choice === null) {
    throw new BasiraError('E_DATA', `no threshold reaches precision ${opts.targetPrecision} on ${name}`, 'lower --target-precision, or omit it for the F1-optimal threshold');
  }
  return { choice, byLang: thresholdsByLang(scores, gold, langs, opts.targetPrecision) };
}

/**
 * The languages that would get a threshold of their own get one, chosen together with the threshold of the others
 * for the best F1 over all rows within the cap on flagged news and counter-speech. The overall line reports the
 * operating figures (each row at its language's threshold).
 */
function cappedChoice(scores: Float64Array, gold: boolean[], context: boolean[], langs: string[], maxRate: number, name: string): Thresholds {
  const free = thresholdsByLang(scores, gold, langs);
  const own = Object.keys(free.byLang);
  const capped = cappedThresholds(scores, gold, context, langs, own, maxRate);
  if (capped === null) {
    throw new BasiraError('E_DATA', `no threshold flags any propaganda with at most ${maxRate} of news and counter-speech flagged on ${name}`, 'raise --max-context-fp');
  }
  const byLang: Record<string, ThresholdChoice & { n: number; positives: number }> = {};
  for (const [lang, entry] of Object.entries(free.byLang)) {
    const rows = langs.flatMap((l, i) => (l === lang ? [i] : []));
    const point = pointAt(groupScores(rows.map((i) => scores[i] as number), rows.map((i) => gold[i] as boolean)), capped.byLang[lang] as number);
    byLang[lang] = { ...entry, criterion: 'capped-f1', point };
  }
  const choice: ThresholdChoice = { criterion: 'capped-f1', point: pointOf(capped.threshold, capped.counts), prAuc: averagePrecision(groupScores(scores, gold)) };
  return { choice, byLang: { byLang, skipped: free.skipped } };
}

export async function calibrateCommand(opts: CalibrateOptions, streams: Streams): Promise<CalibrateResult> {
  if (opts.targetPrecision !== undefined && opts.maxContextFp !== undefined) {
    throw new BasiraError('E_USAGE', '--target-precision and --max-context-fp choose the threshold in two different ways', 'give one of them');
  }
  const notice = (message: string): void => {
    if (!opts.quiet) streams.stderr.write(`basira: ${message}\n`);
  };
  const date = calibrationDate(streams.env);
  const source = openLabelled(opts, streams.stdin, streams.env);
  // Opened first, so an existing file is refused before the run; written when the fit is done.
  const sink = await openAtomicFile(opts.output, opts.force);
  try {
    return await run(opts, streams, { sink, notice, source, date });
  } catch (e) {
    await sink.abort();
    throw e;
  }
}

interface RunContext {
  sink: Sink;
  notice: (message: string) => void;
  source: LabelledSource;
  date: string;
}

async function run(opts: CalibrateOptions, streams: Streams, { sink, notice, source, date }: RunContext): Promise<CalibrateResult> {
  const pipeline = await openPipelineForParts(opts, notice);
  const lines = new Map<number, { line: number; gold: Record<string, string> | undefined }>();
  const inputs: FuseInput[] = [];
  const gold: boolean[] = [];
  const context: boolean[] = [];
  let failed = 0;
  let unlabelled = 0;
  const progress = startProgress(streams, opts.quiet);
  async function* recordGold(posts: AsyncIterable<Post>): AsyncIterable<Post> {
    for await (const post of posts) {
      lines.set(post.row, { line: post.line, gold: post.gold });
      yield post;
    }
  }
  try {
    for await (const row of pipeline.score(recordGold(source.posts))) {
      const g = lines.get(row.row);
      lines.delete(row.row);
      progress.tick();
      if (row.error !== null) {
        failed++;
        continue;
      }
      let label;
      try {
        label = parseGold(g?.gold?.[source.columns.label], source.reading);
      } catch (e) {
        if (e instanceof BasiraError) throw new BasiraError(e.code, `${source.where({ row: row.row, line: g?.line ?? row.row })}: ${e.message}`, e.hint);
        throw e;
      }
      if (label === null) {
        unlabelled++;
        continue;
      }
      inputs.push(fuseInputOf(row));
      gold.push(label === 'propaganda');
      context.push(label === 'news' || label === 'counter_speech');
    }
  } finally {
    progress.stop();
    await pipeline.close();
  }
  if (failed > 0) notice(`${failed} rows could not be read or scored and are left out`);
  if (unlabelled > 0) notice(`${unlabelled} rows have no gold label in "${source.columns.label}" and are left out`);
  const positives = gold.filter(Boolean).length;
  if (positives < MIN_POSITIVES) {
    throw new BasiraError(
      'E_DATA',
      `${source.name}: ${positives} propaganda posts among ${gold.length} labelled; calibration needs at least ${MIN_POSITIVES}`,
      `with fewer, one post moves recall by more than three points and the fitted weights and threshold describe those few posts, not your data; label more propaganda (check --label-col and --positive/--map), or keep the current fusion file`,
    );
  }
  if (positives === gold.length) {
    throw new BasiraError('E_DATA', `${source.name}: every labelled post is propaganda (${positives}); calibration needs other posts too`, 'check --label-col and --positive/--map');
  }

  const scorers = pipeline.info.scorers;
  const fitted = fitHeads(inputs, gold, scorers, { l2: opts.l2 });
  const full = fitted.find((h) => h.key === headKey(scorers));
  if (full === undefined) throw new Error(`no head fitted for ${headKey(scorers)}`);
  const langs = inputs.map((i) => i.lang);
  const { choice, byLang } = opts.maxContextFp === undefined ? bestThresholds(full.scores, gold, langs, opts, source.name) : cappedChoice(full.scores, gold, context, langs, opts.maxContextFp, source.name);
  const threshold = choice.point.threshold;
  const thresholdByLang = Object.fromEntries(Object.entries(byLang.byLang).map(([lang, c]) => [lang, c.point.threshold]));
  // In-sample figures at the decisions score will make: each post at its language's threshold.
  const flagged = (i: number): boolean => (full.scores[i] as number) >= (thresholdByLang[langs[i] as string] ?? threshold);
  const operating = fromPairs(gold.map((g, i) => [g, flagged(i)] as const));
  const contextRows = context.filter(Boolean).length;
  const contextFlagged = context.filter((c, i) => c && flagged(i)).length;
  const dataHash = await source.sha256();
  const p = pipeline.info.provenance;
  const inSample = (c: ThresholdChoice, n: number, pos: number): Record<string, number | null> => ({
    n,
    positives: pos,
    threshold: c.point.threshold,
    precision: c.point.precision,
    recall: c.point.recall,
    f1: c.point.f1,
    prAuc: c.prAuc,
  });
  const fusion: Fusion = {
    version: `calibrated-${dataHash === null ? 'stdin' : dataHash.slice(0, 12)}`,
    heads: Object.fromEntries(fitted.map((h) => [h.key, h.head])),
    threshold,
    ...(Object.keys(thresholdByLang).length > 0 ? { thresholdByLang } : {}),
    review: reviewBand(opts, threshold),
    provenance: {
      method: `basira calibrate: L2-regularised logistic regression per scorer combination (Newton), thresholds from the fused scores, per language where it has at least ${MIN_POSITIVES} propaganda posts${opts.maxContextFp === undefined ? '' : `, chosen together for the best F1 flagging at most ${opts.maxContextFp} of gold news and counter-speech`}`,
      date,
      data: {
        file: basename(source.name),
        sha256: dataHash,
        rows: gold.length,
        positives,
      },
      gold: {
        column: source.columns.label,
        ...(source.reading.positive !== undefined ? { positive: source.reading.positive } : {}),
        ...(source.reading.map !== undefined ? { map: source.reading.map } : {}),
      },
      scorers,
      models: { transformer: p.model, lexical: p.lexical, rules: p.rules, normalizer: p.normalizer },
      l2: opts.l2,
      threshold: {
        criterion: choice.criterion,
        ...(opts.targetPrecision !== undefined ? { targetPrecision: opts.targetPrecision } : {}),
        ...(opts.maxContextFp !== undefined ? { maxContextFp: opts.maxContextFp } : {}),
        inSample: inSample(choice, gold.length, positives),
        byLang: Object.fromEntries(Object.entries(byLang.byLang).map(([lang, c]) => [lang, inSample(c, c.n, c.positives)])),
        operating: { precision: precision(operating), recall: recall(operating), f1: f1(operating), contextFlagged, contextRows },
      },
    },
  };
  await sink.write(`${JSON.stringify(fusion, null, 2)}\n`);
  await sink.close();
  // Read back through the loader that score and eval use, so a file that would not load is caught here.
  loadFusion(opts.output);
  if (!opts.quiet) {
    const prAucs = fitted.map((h) => averagePrecision(groupScores(h.scores, gold)));
    streams.stderr.write(`${headsTable(fitted.map((h) => h.key), fitted.map((h) => h.head), prAucs)}\n\n`);
    streams.stderr.write(`${thresholdsTable({ ...choice, n: gold.length, positives }, byLang)}\n`);
    notice(
      `threshold ${num(threshold)} (${choice.criterion})${Object.keys(thresholdByLang).length > 0 ? ` and ${Object.keys(thresholdByLang).length} per-language thresholds` : ''}: in-sample P ${num(precision(operating))} R ${num(recall(operating))} F1 ${num(f1(operating))}, news and counter-speech flagged ${contextFlagged}/${contextRows}; measure it on held-out data with basira eval`,
    );
  }
  return { fusion, rows: gold.length, positives, failed, unlabelled };
}
