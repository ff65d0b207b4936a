/**
 * `basira eval gold.csv --label-col label [--positive 1] [--report r.html] [--json s.json]`: scores a labelled
 * file with the pipeline and measures every system on it. The figures come from src/eval (pure); this module
 * only reads, runs, and writes the files asked for. Tables go to stderr for people; the summary is returned.
 */
import { BasiraError } from '../errors.js';
import { parseGold, parseGoldCategories } from '../eval/gold.js';
import { renderReport } from '../eval/report.js';
import { summarize, type EvalRow, type Summary } from '../eval/summary.js';
import { FUSED, planSystems } from '../eval/systems.js';
import { renderTables } from '../eval/table.js';
import type { Fusion } from '../fuse.js';
import { loadFusion } from '../fusion-file.js';
import { openAtomicFile } from '../io/atomic.js';
import type { Sink } from '../io/sink.js';
import { readPosts, type InputFormat } from '../io/read.js';
import { DEFAULTS } from '../paths.js';
import { createPipeline } from '../pipeline.js';
import { startProgress } from '../progress.js';
import type { Streams } from '../streams.js';
import type { Post, ScoredRow } from '../types.js';

export interface EvalOptions {
  input: string;
  inputFormat?: InputFormat;
  textCol?: string;
  idCol?: string;
  delimiter?: string;
  /** Gold label column: the five labels (or not_propaganda), or any binary column with `positive`. */
  labelCol: string;
  positive?: string;
  /** Gold categories ('|'-separated), for per-category figures. */
  categoriesCol?: string;
  /** Slice languages by this gold column instead of the detected language. */
  langCol?: string;
  model?: string | null;
  lexical?: string | null;
  rules?: string;
  fusion?: string;
  batchSize: number;
  /** HTML report and JSON summary files, written atomically. */
  report?: string;
  json?: string;
  force: boolean;
  quiet: boolean;
  targetPrecision: number;
  resamples: number;
  seed: number;
  /** Worst errors listed per side. */
  errors: number;
}

export interface EvalResult {
  summary: Summary;
  /** Rows read; scored and labelled (in the figures); failed to read or score; without a gold label. */
  read: number;
  evaluated: number;
  failed: number;
  unlabelled: number;
}

interface Gold {
  line: number;
  values: Record<string, string> | undefined;
}

/** Keeps each post's gold columns by row until its scored row comes back (the pipeline keeps order, in batches). */
async function* recordGold(posts: AsyncIterable<Post>, gold: Map<number, Gold>): AsyncIterable<Post> {
  for await (const post of posts) {
    gold.set(post.row, { line: post.line, values: post.gold });
    yield post;
  }
}

/** Opened before the run, so an existing file is refused before a long run, not after it; written at the end. */
async function openOutputs(paths: readonly (string | undefined)[], force: boolean): Promise<(Sink | null)[]> {
  const sinks: (Sink | null)[] = [];
  try {
    for (const path of paths) sinks.push(path === undefined ? null : await openAtomicFile(path, force));
  } catch (e) {
    await abortAll(sinks);
    throw e;
  }
  return sinks;
}

async function abortAll(sinks: readonly (Sink | null)[]): Promise<void> {
  for (const sink of sinks) await sink?.abort();
}

export async function evalCommand(opts: EvalOptions, streams: Streams): Promise<EvalResult> {
  const notice = (message: string): void => {
    if (!opts.quiet) streams.stderr.write(`basira: ${message}\n`);
  };
  const fusionFile = opts.fusion ?? DEFAULTS.fusion;
  const { fusion } = loadFusion(fusionFile);
  const sinks = await openOutputs([opts.report, opts.json], opts.force);
  try {
    return await run(opts, streams, { fusionFile, fusion, notice, report: sinks[0] ?? null, json: sinks[1] ?? null });
  } catch (e) {
    await abortAll(sinks);
    throw e;
  }
}

interface RunContext {
  fusionFile: string;
  fusion: Fusion;
  notice: (message: string) => void;
  report: Sink | null;
  json: Sink | null;
}

async function run(opts: EvalOptions, streams: Streams, { fusionFile, fusion, notice, report, json }: RunContext): Promise<EvalResult> {
  const pipeline = await createPipeline({
    ...(opts.model !== undefined ? { modelDir: opts.model } : {}),
    ...(opts.lexical !== undefined ? { lexicalDir: opts.lexical } : {}),
    ...(opts.rules !== undefined ? { rulesDir: opts.rules } : {}),
    fusionFile,
    batchSize: opts.batchSize,
    notice,
  });
  const plan = planSystems(pipeline.info.scorers, fusion);
  for (const why of plan.skipped) notice(`not evaluated: ${why}`);
  if (Object.keys(fusion.thresholdByLang ?? {}).length > 0) {
    notice(`P/R/F1 use the fusion's overall threshold ${fusion.threshold}; its per-language thresholds apply only to the predicted labels`);
  }
  const fusedThreshold = fusion.threshold;

  const labelCols = [...new Set([opts.labelCol, opts.categoriesCol, opts.langCol].filter((c): c is string => c !== undefined))];
  const gold = new Map<number, Gold>();
  const rows: EvalRow[] = [];
  const result = { read: 0, evaluated: 0, failed: 0, unlabelled: 0 };
  const progress = startProgress(streams, opts.quiet);

  const toEvalRow = (row: ScoredRow, g: Gold): EvalRow | null => {
    const where = `${opts.input === '-' ? 'stdin' : opts.input}:${g.line}`;
    const cell = (col: string | undefined): string | undefined => (col === undefined ? undefined : g.values?.[col]);
    let label;
    let categories;
    try {
      label = parseGold(cell(opts.labelCol), opts.positive);
      categories = opts.categoriesCol === undefined ? null : parseGoldCategories(cell(opts.categoriesCol));
    } catch (e) {
      if (e instanceof BasiraError) throw new BasiraError(e.code, `${where}: ${e.message}`, e.hint);
      throw e;
    }
    if (label === null) return null;
    const scores = Object.fromEntries(plan.systems.map((s) => [s.name, s.score(row)]));
    // Only the primary system's errors are listed, so only they need their text kept in memory.
    const fused = row.score ?? 0;
    const wrong = (label === 'propaganda') !== (fused >= fusedThreshold);
    return {
      id: row.id,
      lang: opts.langCol === undefined ? row.lang : (cell(opts.langCol) ?? ''),
      gold: label,
      goldCategories: categories,
      scores,
      predicted: row.label,
      categories: row.categories,
      ...(wrong ? { text: row.text, evidence: row.evidence } : {}),
    };
  };

  try {
    const posts = readPosts(
      opts.input,
      {
        ...(opts.inputFormat ? { format: opts.inputFormat } : {}),
        ...(opts.textCol ? { textCol: opts.textCol } : {}),
        ...(opts.idCol ? { idCol: opts.idCol } : {}),
        ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
        labelCols,
      },
      streams.stdin,
    );
    for await (const row of pipeline.score(recordGold(posts, gold))) {
      const g = gold.get(row.row) ?? { line: row.row, values: undefined };
      gold.delete(row.row);
      result.read++;
      progress.tick();
      if (row.error !== null) {
        result.failed++;
        continue;
      }
      const evalRow = toEvalRow(row, g);
      if (evalRow === null) result.unlabelled++;
      else rows.push(evalRow);
    }
  } finally {
    progress.stop();
    await pipeline.close();
  }
  result.evaluated = rows.length;
  if (result.failed > 0) notice(`${result.failed} rows could not be read or scored and are left out`);
  if (result.unlabelled > 0) notice(`${result.unlabelled} rows have no gold label in "${opts.labelCol}" and are left out`);
  if (rows.length === 0) throw new BasiraError('E_DATA', `${opts.input}: no labelled rows to evaluate`, `check --label-col (now "${opts.labelCol}")`);

  const summary = summarize(rows, {
    systems: plan.systems.map((s) => s.name),
    primary: FUSED,
    thresholds: Object.fromEntries(plan.systems.map((s) => [s.name, s.threshold])),
    targetPrecision: opts.targetPrecision,
    bootstrap: { resamples: opts.resamples, seed: opts.seed },
    errors: opts.errors,
  });
  if (!opts.quiet) streams.stderr.write(renderTables(summary));
  const p = pipeline.info.provenance;
  const meta: [string, string][] = [
    ['input', opts.input],
    ['gold', `${opts.labelCol}${opts.positive !== undefined ? ` = ${opts.positive} is propaganda` : ''}`],
    ['scorers', pipeline.info.scorers.join(' + ')],
    ['transformer', p.model ? `${p.model.id} ${p.model.sha256}` : 'none'],
    ['lexical', p.lexical ? `${p.lexical.id} ${p.lexical.sha256}` : 'none'],
    ['rules', p.rules],
    ['normaliser', p.normalizer],
    ['fusion', p.fusion],
  ];
  if (report !== null) {
    await report.write(renderReport(summary, { meta }));
    await report.close();
  }
  if (json !== null) {
    await json.write(`${JSON.stringify({ ...summary, provenance: p }, null, 2)}\n`);
    await json.close();
  }
  return { summary, ...result };
}
