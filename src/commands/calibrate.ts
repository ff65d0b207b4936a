/**
 * `basira calibrate gold.csv --label-col label -o models/fusion.json`: fits the fusion heads and the operating
 * threshold to labelled data (src/eval/fit.ts does the maths) and writes a fusion file that `basira score` and
 * `basira eval` load. The figures printed are in-sample: evaluate the result on held-out data.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile as writeTemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { BasiraError } from '../errors.js';
import { chooseThreshold, fitHeads, scorerSubsets, type ThresholdChoice } from '../eval/fit.js';
import { parseGold } from '../eval/gold.js';
import { averagePrecision, groupScores } from '../eval/ranking.js';
import { num, textTable } from '../eval/table.js';
import { fuseInputOf, headKey, type Fusion, type FuseInput, type Head } from '../fuse.js';
import { loadFusion } from '../fusion-file.js';
import { openAtomicFile } from '../io/atomic.js';
import type { Sink } from '../io/sink.js';
import { readPosts, type InputFormat } from '../io/read.js';
import { DEFAULTS } from '../paths.js';
import { createPipeline, type Pipeline } from '../pipeline.js';
import { startProgress } from '../progress.js';
import type { Streams } from '../streams.js';
import type { Post } from '../types.js';

export interface CalibrateOptions {
  input: string;
  inputFormat?: InputFormat;
  textCol?: string;
  idCol?: string;
  delimiter?: string;
  labelCol: string;
  positive?: string;
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

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The pipeline will not run without a fusion head for its scorers, and before calibration there may be none.
 * Calibration only needs each row's parts (evidence, model outputs), so it runs the pipeline with neutral heads
 * and never reads the fused score.
 */
async function openPipelineForParts(opts: CalibrateOptions, notice: (m: string) => void): Promise<{ pipeline: Pipeline; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'basira-calibrate-'));
  const cleanup = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    const neutral: Fusion = {
      version: 'neutral',
      heads: Object.fromEntries(scorerSubsets(['rules', 'lexical', 'transformer']).map((s) => [headKey(s), { bias: 0, weights: {} }])),
      threshold: 0.5,
      review: [0.5, 0.5],
    };
    const fusionFile = join(dir, 'fusion.json');
    await writeTemp(fusionFile, JSON.stringify(neutral));
    const pipeline = await createPipeline({
      ...(opts.model !== undefined ? { modelDir: opts.model } : {}),
      ...(opts.lexical !== undefined ? { lexicalDir: opts.lexical } : {}),
      ...(opts.rules !== undefined ? { rulesDir: opts.rules } : {}),
      fusionFile,
      batchSize: opts.batchSize,
      notice,
    });
    return { pipeline, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

function reviewBand(opts: CalibrateOptions, threshold: number): [number, number] {
  let width = DEFAULT_REVIEW_WIDTH;
  try {
    const [low, high] = loadFusion(opts.fusion ?? DEFAULTS.fusion).fusion.review;
    width = high - low;
  } catch (e) {
    if (!(e instanceof BasiraError)) throw e;
  }
  const round = (v: number): number => Math.round(v * 1e6) / 1e6;
  return [round(Math.max(0, threshold - width / 2)), round(Math.min(1, threshold + width / 2))];
}

function headsTable(keys: readonly string[], heads: readonly Head[], prAucs: readonly (number | null)[]): string {
  const rows = keys.map((k, i) => [k, String(Object.keys(heads[i]?.weights ?? {}).length), num(prAucs[i] ?? null)]);
  return textTable(['head', 'features', 'PR-AUC (in-sample)'], rows);
}

export async function calibrateCommand(opts: CalibrateOptions, streams: Streams): Promise<CalibrateResult> {
  const notice = (message: string): void => {
    if (!opts.quiet) streams.stderr.write(`basira: ${message}\n`);
  };
  // Opened first, so an existing file is refused before the run; written when the fit is done.
  const sink = await openAtomicFile(opts.output, opts.force);
  try {
    return await run(opts, streams, sink, notice);
  } catch (e) {
    await sink.abort();
    throw e;
  }
}

async function run(opts: CalibrateOptions, streams: Streams, sink: Sink, notice: (message: string) => void): Promise<CalibrateResult> {
  const { pipeline, cleanup } = await openPipelineForParts(opts, notice);
  const lines = new Map<number, { line: number; gold: Record<string, string> | undefined }>();
  const inputs: FuseInput[] = [];
  const gold: boolean[] = [];
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
    const posts = readPosts(
      opts.input,
      {
        ...(opts.inputFormat ? { format: opts.inputFormat } : {}),
        ...(opts.textCol ? { textCol: opts.textCol } : {}),
        ...(opts.idCol ? { idCol: opts.idCol } : {}),
        ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
        labelCols: [opts.labelCol],
      },
      streams.stdin,
    );
    for await (const row of pipeline.score(recordGold(posts))) {
      const g = lines.get(row.row);
      lines.delete(row.row);
      progress.tick();
      if (row.error !== null) {
        failed++;
        continue;
      }
      let label;
      try {
        label = parseGold(g?.gold?.[opts.labelCol], opts.positive);
      } catch (e) {
        if (e instanceof BasiraError) throw new BasiraError(e.code, `${opts.input === '-' ? 'stdin' : opts.input}:${g?.line ?? row.row}: ${e.message}`, e.hint);
        throw e;
      }
      if (label === null) {
        unlabelled++;
        continue;
      }
      inputs.push(fuseInputOf(row));
      gold.push(label === 'propaganda');
    }
  } finally {
    progress.stop();
    await pipeline.close();
    await cleanup();
  }
  if (failed > 0) notice(`${failed} rows could not be read or scored and are left out`);
  if (unlabelled > 0) notice(`${unlabelled} rows have no gold label in "${opts.labelCol}" and are left out`);
  const positives = gold.filter(Boolean).length;
  if (positives === 0 || positives === gold.length) {
    throw new BasiraError('E_DATA', `${opts.input}: calibration needs both propaganda and other posts (found ${positives} of ${gold.length})`, `check --label-col and --positive`);
  }

  const scorers = pipeline.info.scorers;
  const fitted = fitHeads(inputs, gold, scorers, { l2: opts.l2 });
  const full = fitted.find((h) => h.key === headKey(scorers));
  if (full === undefined) throw new Error(`no head fitted for ${headKey(scorers)}`);
  const choice: ThresholdChoice | null = chooseThreshold(full.scores, gold, opts.targetPrecision);
  if (choice === null) {
    throw new BasiraError('E_DATA', `no threshold reaches precision ${opts.targetPrecision} on ${opts.input}`, 'lower --target-precision, or omit it for the F1-optimal threshold');
  }
  const threshold = choice.point.threshold;
  const dataHash = opts.input === '-' ? null : await sha256File(opts.input);
  const p = pipeline.info.provenance;
  const fusion: Fusion = {
    version: `calibrated-${dataHash === null ? 'stdin' : dataHash.slice(0, 12)}`,
    heads: Object.fromEntries(fitted.map((h) => [h.key, h.head])),
    threshold,
    review: reviewBand(opts, threshold),
    provenance: {
      method: 'basira calibrate: L2-regularised logistic regression per scorer combination (Newton), threshold from the fused scores',
      data: { file: opts.input === '-' ? 'stdin' : basename(opts.input), sha256: dataHash, rows: gold.length, positives },
      gold: { column: opts.labelCol, ...(opts.positive !== undefined ? { positive: opts.positive } : {}) },
      scorers,
      models: { transformer: p.model, lexical: p.lexical, rules: p.rules, normalizer: p.normalizer },
      l2: opts.l2,
      threshold: {
        criterion: choice.criterion,
        ...(opts.targetPrecision !== undefined ? { targetPrecision: opts.targetPrecision } : {}),
        inSample: { precision: choice.point.precision, recall: choice.point.recall, f1: choice.point.f1, prAuc: choice.prAuc },
      },
    },
  };
  await sink.write(`${JSON.stringify(fusion, null, 2)}\n`);
  await sink.close();
  // Read back through the loader that score and eval use, so a file that would not load is caught here.
  loadFusion(opts.output);
  if (!opts.quiet) {
    const prAucs = fitted.map((h) => averagePrecision(groupScores(h.scores, gold)));
    streams.stderr.write(`${headsTable(fitted.map((h) => h.key), fitted.map((h) => h.head), prAucs)}\n`);
    notice(
      `threshold ${num(threshold)} (${choice.criterion}): in-sample P ${num(choice.point.precision)} R ${num(choice.point.recall)} F1 ${num(choice.point.f1)}; measure it on held-out data with basira eval`,
    );
  }
  return { fusion, rows: gold.length, positives, failed, unlabelled };
}
