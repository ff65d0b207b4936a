/**
 * `basira eval gold.csv --label-col label [--positive 1 | --map …] [--report r.html] [--json s.json] [--errors e.csv]`,
 * or `basira eval split:test`: scores a labelled file or a registry dataset with the pipeline and measures every
 * system on it. The figures come from src/eval (pure); this module only reads, runs, and writes the files asked
 * for. Tables go to stderr for people; stdout stays empty unless `--json -`.
 */
import { BasiraError } from '../errors.js';
import { errorsFormatFor, formatErrors, misclassified } from '../eval/errors.js';
import { parseGold, parseGoldCategories } from '../eval/gold.js';
import { loadRegistry, resolveDataDir } from '../eval/registry.js';
import { renderRegistry } from '../eval/registry-list.js';
import { renderReport } from '../eval/report.js';
import { openLabelled, type LabelledInput, type LabelledSource } from '../eval/source.js';
import { summarize, type EvalRow, type Summary } from '../eval/summary.js';
import { FUSED, planSystems, type SystemPlan } from '../eval/systems.js';
import { num, renderTables } from '../eval/table.js';
import type { Fusion } from '../fuse.js';
import { loadFusion } from '../fusion-file.js';
import { openAtomicFile } from '../io/atomic.js';
import { streamSink, type Sink } from '../io/sink.js';
import { DEFAULTS } from '../paths.js';
import { createPipeline, scorerOptions } from '../pipeline.js';
import { startProgress } from '../progress.js';
import type { Streams } from '../streams.js';
import type { Post, ScoredRow } from '../types.js';

export interface EvalOptions extends LabelledInput {
  model?: string | null;
  lexical?: string | null;
  rules?: string;
  fusion?: string;
  batchSize: number;
  /** HTML report and JSON summary files, written atomically; json '-' is stdout. */
  report?: string;
  json?: string;
  /** Every false positive and negative of the fused system, worst first (.csv or .jsonl). */
  errors?: string;
  force: boolean;
  quiet: boolean;
  targetPrecision: number;
  resamples: number;
  seed: number;
  /** Worst errors listed per side in the summary and report. */
  reportErrors: number;
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
export async function openOutputs(paths: readonly (string | undefined)[], force: boolean, stdout: NodeJS.WritableStream): Promise<(Sink | null)[]> {
  const sinks: (Sink | null)[] = [];
  try {
    for (const path of paths) sinks.push(path === undefined ? null : path === '-' ? streamSink(stdout) : await openAtomicFile(path, force));
  } catch (e) {
    await abortAll(sinks);
    throw e;
  }
  return sinks;
}

export async function abortAll(sinks: readonly (Sink | null)[]): Promise<void> {
  for (const sink of sinks) await sink?.abort();
}

export async function writeAndClose(sink: Sink | null, text: () => string): Promise<void> {
  if (sink === null) return;
  await sink.write(text());
  await sink.close();
}

export async function evalCommand(opts: EvalOptions, streams: Streams): Promise<EvalResult> {
  const notice = (message: string): void => {
    if (!opts.quiet) streams.stderr.write(`basira: ${message}\n`);
  };
  const fusionFile = opts.fusion ?? DEFAULTS.fusion;
  const { fusion } = loadFusion(fusionFile);
  const errorsFormat = opts.errors === undefined ? null : errorsFormatFor(opts.errors);
  const source = openLabelled(opts, streams.stdin, streams.env);
  const sinks = await openOutputs([opts.report, opts.json, opts.errors], opts.force, streams.stdout);
  try {
    const result = await run(opts, streams, { fusionFile, fusion, notice, source });
    const p = result.provenance;
    await writeAndClose(sinks[0] ?? null, () => renderReport(result.summary, { meta: meta(source, result.scorers, p) }));
    await writeAndClose(sinks[1] ?? null, () => `${JSON.stringify({ ...result.summary, input: source.name, provenance: p }, null, 2)}\n`);
    await writeAndClose(sinks[2] ?? null, () => formatErrors(misclassified(result.rows, FUSED, fusion.threshold), errorsFormat ?? 'csv'));
    return { summary: result.summary, read: result.read, evaluated: result.evaluated, failed: result.failed, unlabelled: result.unlabelled };
  } catch (e) {
    await abortAll(sinks);
    throw e;
  }
}

function meta(source: LabelledSource, scorers: readonly string[], p: ScoredRow['provenance']): [string, string][] {
  const reading = source.reading.positive !== undefined ? ` = ${source.reading.positive} is propaganda` : source.reading.map !== undefined ? ' (mapped)' : '';
  return [
    ['input', source.name],
    ['gold', `${source.columns.label}${reading}`],
    ['scorers', scorers.join(' + ')],
    ['transformer', p.model ? `${p.model.id} ${p.model.sha256}` : 'none'],
    ['lexical', p.lexical ? `${p.lexical.id} ${p.lexical.sha256}` : 'none'],
    ['rules', p.rules],
    ['normaliser', p.normalizer],
    ['fusion', p.fusion],
  ];
}

interface RunContext {
  fusionFile: string;
  fusion: Fusion;
  notice: (message: string) => void;
  source: LabelledSource;
}

interface RunResult extends EvalResult {
  rows: EvalRow[];
  scorers: readonly string[];
  provenance: ScoredRow['provenance'];
}

/** The per-language thresholds the fused figures use, for a notice: "ar 0.41, en 0.55; 0.5 elsewhere". */
function describeThresholds(fusion: Fusion): string | null {
  const byLang = Object.entries(fusion.thresholdByLang ?? {});
  if (byLang.length === 0) return null;
  return `${byLang.map(([l, t]) => `${l} ${num(t)}`).join(', ')}; ${num(fusion.threshold)} elsewhere`;
}

async function run(opts: EvalOptions, streams: Streams, { fusionFile, fusion, notice, source }: RunContext): Promise<RunResult> {
  const pipeline = await createPipeline({
    ...scorerOptions(opts),
    fusionFile,
    notice,
  });
  const plan = planSystems(pipeline.info.scorers, fusion);
  for (const why of plan.skipped) notice(`not evaluated: ${why}`);
  const perLang = describeThresholds(fusion);
  if (perLang !== null) notice(`fusion thresholds per detected language, as the predicted labels use them: ${perLang}`);

  const gold = new Map<number, Gold>();
  const rows: EvalRow[] = [];
  const result = { read: 0, evaluated: 0, failed: 0, unlabelled: 0 };
  const progress = startProgress(streams, opts.quiet);
  const fused = plan.systems.find((s) => s.name === FUSED) as SystemPlan;

  const toEvalRow = (row: ScoredRow, g: Gold): EvalRow | null => {
    const cell = (col: string | undefined): string | undefined => (col === undefined ? undefined : g.values?.[col]);
    let label;
    let categories;
    try {
      label = parseGold(cell(source.columns.label), source.reading);
      categories = source.columns.categories === undefined ? null : parseGoldCategories(cell(source.columns.categories));
    } catch (e) {
      if (e instanceof BasiraError) throw new BasiraError(e.code, `${source.where({ row: row.row, line: g.line })}: ${e.message}`, e.hint);
      throw e;
    }
    if (label === null) return null;
    const scores = Object.fromEntries(plan.systems.map((s) => [s.name, s.score(row)]));
    const own = plan.systems.flatMap((s) => (s.rowThreshold(row) === s.threshold ? [] : [[s.name, s.rowThreshold(row)] as const]));
    // Only the primary system's errors are listed, so only they need their text kept in memory.
    const wrong = (label === 'propaganda') !== ((row.score ?? 0) >= fused.rowThreshold(row));
    return {
      id: row.id,
      // A gold language column may be empty on some rows (isextreme has none): the detected language stands in.
      lang: cell(source.columns.lang)?.trim() || row.lang,
      gold: label,
      goldCategories: categories,
      scores,
      predicted: row.label,
      categories: row.categories,
      ...(own.length > 0 ? { thresholds: Object.fromEntries(own) } : {}),
      ...(source.columns.by !== undefined ? { group: cell(source.columns.by) ?? '' } : {}),
      ...(wrong ? { text: row.text, evidence: row.evidence } : {}),
    };
  };

  try {
    for await (const row of pipeline.score(recordGold(source.posts, gold))) {
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
  if (result.unlabelled > 0) notice(`${result.unlabelled} rows have no gold label in "${source.columns.label}" and are left out`);
  if (rows.length === 0) throw new BasiraError('E_DATA', `${source.name}: no labelled rows to evaluate`, `check --label-col (now "${source.columns.label}")`);

  const summary = summarize(rows, {
    systems: plan.systems.map((s) => s.name),
    primary: FUSED,
    thresholds: Object.fromEntries(plan.systems.map((s) => [s.name, s.threshold])),
    targetPrecision: opts.targetPrecision,
    bootstrap: { resamples: opts.resamples, seed: opts.seed },
    errors: opts.reportErrors,
    ...(opts.by !== undefined ? { groupBy: opts.by } : {}),
  });
  if (!opts.quiet) streams.stderr.write(renderTables(summary));
  return { summary, ...result, rows, scorers: pipeline.info.scorers, provenance: pipeline.info.provenance };
}

export interface ListDatasetsOptions {
  dataDir?: string;
}

/** `basira eval --list-datasets`: the registry as a table on stdout (what was asked for), with which sets are here. */
export async function listDatasetsCommand(opts: ListDatasetsOptions, streams: Streams): Promise<void> {
  const registry = loadRegistry();
  await new Promise<void>((resolve, reject) =>
    streams.stdout.write(renderRegistry(registry, resolveDataDir(opts.dataDir, streams.env)), (err) => (err ? reject(err) : resolve())),
  );
}
