/**
 * `basira eval --functional [--suite DIR] [--json FILE] [--errors FILE]`: runs the functional suite (hand-written
 * minimal pairs per capability and language, plus generated obfuscations) through the pipeline and reports the
 * pass rate per capability and language on stderr. It is a report: failing cases do not fail the command; a
 * broken suite file does (E_DATA, exit 2).
 */
import { join } from 'node:path';
import { worstFirst, errorsFormatFor, formatErrors, type ErrorCase } from '../eval/errors.js';
import { judge, tally, type CaseResult, type FunctionalTally } from '../eval/functional/results.js';
import { loadSuite } from '../eval/functional/suite.js';
import { renderFunctional } from '../eval/functional/table.js';
import { thresholdFor } from '../fuse.js';
import { loadFusion } from '../fusion-file.js';
import { DEFAULTS, PACKAGE_ROOT } from '../paths.js';
import { createPipeline, scorerOptions } from '../pipeline.js';
import type { Streams } from '../streams.js';
import type { Post } from '../types.js';
import { abortAll, openOutputs, writeAndClose } from './eval.js';

export const DEFAULT_SUITE = join(PACKAGE_ROOT, 'datasets', 'functional');

export interface FunctionalOptions {
  /** Folder of <lang>.csv suite files (default datasets/functional). */
  suite?: string;
  model?: string | null;
  lexical?: string | null;
  rules?: string;
  fusion?: string;
  batchSize: number;
  /** Every figure and every case's result as JSON; '-' is stdout. */
  json?: string;
  /** The failing cases, worst first (.csv or .jsonl). */
  errors?: string;
  force: boolean;
  quiet: boolean;
}

export interface FunctionalResult {
  tally: FunctionalTally;
  results: readonly CaseResult[];
}

function failures(results: readonly CaseResult[]): ErrorCase[] {
  return worstFirst(
    results
      .filter((r) => !r.passed)
      .map((r) => ({
        id: r.case.id,
        kind: r.case.expected === 'propaganda' ? ('false_negative' as const) : ('false_positive' as const),
        gold: r.case.expected,
        predicted: r.predicted,
        // An unscored case counts as missed entirely.
        score: r.score ?? (r.case.expected === 'propaganda' ? 0 : 1),
        threshold: r.threshold,
        lang: r.case.lang,
        evidence: r.evidence,
        text: r.case.text,
      })),
  );
}

export async function functionalCommand(opts: FunctionalOptions, streams: Streams): Promise<FunctionalResult> {
  const notice = (message: string): void => {
    if (!opts.quiet) streams.stderr.write(`basira: ${message}\n`);
  };
  const suite = loadSuite(opts.suite ?? DEFAULT_SUITE);
  const fusionFile = opts.fusion ?? DEFAULTS.fusion;
  const { fusion } = loadFusion(fusionFile);
  const errorsFormat = opts.errors === undefined ? null : errorsFormatFor(opts.errors);
  const sinks = await openOutputs([opts.json, opts.errors], opts.force, streams.stdout);
  try {
    const pipeline = await createPipeline({
      ...scorerOptions(opts),
      fusionFile,
      notice,
    });
    const results: CaseResult[] = [];
    try {
      const posts = async function* (): AsyncIterable<Post> {
        for (const [i, c] of suite.cases.entries()) yield { row: i + 1, line: c.line, id: c.id, text: c.text };
      };
      for await (const row of pipeline.score(posts())) {
        const c = suite.cases[row.row - 1];
        if (c === undefined) throw new Error(`scored row ${row.row} has no case`);
        const predicted = row.error === null ? row.label : null;
        results.push({ case: c, predicted, score: row.score, threshold: thresholdFor(fusion, row.lang), evidence: row.evidence, ...judge(c, predicted) });
      }
    } finally {
      await pipeline.close();
    }
    const t = tally(results);
    if (!opts.quiet) streams.stderr.write(renderFunctional(t));
    const p = pipeline.info.provenance;
    await writeAndClose(sinks[0] ?? null, () => `${JSON.stringify(functionalJson(suite.dir, t, results, p), null, 2)}\n`);
    await writeAndClose(sinks[1] ?? null, () => formatErrors(failures(results), errorsFormat ?? 'csv'));
    return { tally: t, results };
  } catch (e) {
    await abortAll(sinks);
    throw e;
  }
}

function functionalJson(dir: string, t: FunctionalTally, results: readonly CaseResult[], provenance: unknown): unknown {
  return {
    version: 1,
    suite: dir,
    ...t,
    cases: results.map((r) => ({
      id: r.case.id,
      lang: r.case.lang,
      capability: r.case.capability,
      expected: r.case.expected,
      predicted: r.predicted,
      score: r.score,
      passed: r.passed,
      exact: r.exact,
      pair: r.case.pair,
      generated: r.case.generated,
      text: r.case.text,
    })),
    provenance,
  };
}
