/**
 * Error analysis: every false positive and false negative of one system, worst first, as CSV or JSONL
 * (`basira eval --errors FILE`, `basira eval --functional --errors FILE`). "Worst" is how far the score
 * lies on the wrong side of the row's threshold, so a confident mistake comes before a near miss.
 */
import { extname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { BasiraError } from '../errors.js';
import { round4 } from '../io/formatter.js';
import { evidenceCell } from '../io/write-csv.js';
import type { Evidence, Label } from '../types.js';
import type { GoldLabel } from './gold.js';
import type { EvalRow } from './summary.js';

export type ErrorKind = 'false_positive' | 'false_negative';

export interface ErrorCase {
  readonly id: string;
  readonly kind: ErrorKind;
  readonly gold: GoldLabel;
  readonly predicted: Label | null;
  readonly score: number;
  readonly threshold: number;
  readonly lang: string;
  readonly evidence: readonly Evidence[];
  readonly text: string;
}

export type ErrorsFormat = 'csv' | 'jsonl';

export const ERROR_COLUMNS = ['id', 'error', 'gold', 'predicted', 'score', 'threshold', 'lang', 'evidence', 'text'] as const;

/** How wrong a case is: the distance of its score past the threshold, on the wrong side. */
const margin = (c: ErrorCase): number => (c.kind === 'false_positive' ? c.score - c.threshold : c.threshold - c.score);

/** Sorted worst first; equal margins keep their order (Array sort is stable). */
export function worstFirst(cases: readonly ErrorCase[]): ErrorCase[] {
  return [...cases].sort((a, b) => margin(b) - margin(a));
}

/** The rows `system` gets wrong at its threshold (or the row's own), worst first. */
export function misclassified(rows: readonly EvalRow[], system: string, threshold: number): ErrorCase[] {
  const cases: ErrorCase[] = [];
  for (const r of rows) {
    const score = r.scores[system];
    if (typeof score !== 'number') continue;
    const t = r.thresholds?.[system] ?? threshold;
    const positive = r.gold === 'propaganda';
    if (positive === score >= t) continue;
    cases.push({
      id: r.id,
      kind: positive ? 'false_negative' : 'false_positive',
      gold: r.gold,
      predicted: r.predicted,
      score,
      threshold: t,
      lang: r.lang,
      evidence: r.evidence ?? [],
      text: r.text ?? '',
    });
  }
  return worstFirst(cases);
}

/** The format a file name asks for. */
export function errorsFormatFor(path: string): ErrorsFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  throw new BasiraError('E_USAGE', `--errors ${path}: cannot tell the format from the extension`, 'name a .csv or .jsonl file');
}

/** The whole file: CSV with a header (formulas neutralised, evidence as one readable cell), or one JSON object per line. */
export function formatErrors(cases: readonly ErrorCase[], format: ErrorsFormat): string {
  if (format === 'jsonl') {
    return cases
      .map((c) =>
        JSON.stringify({
          id: c.id,
          error: c.kind,
          gold: c.gold,
          predicted: c.predicted,
          score: round4(c.score),
          threshold: c.threshold,
          lang: c.lang,
          evidence: c.evidence,
          text: c.text,
        }),
      )
      .map((line) => `${line}\n`)
      .join('');
  }
  const rows = cases.map((c) => [c.id, c.kind, c.gold, c.predicted, round4(c.score), c.threshold, c.lang, evidenceCell(c.evidence), c.text]);
  return stringify([[...ERROR_COLUMNS], ...rows], { escape_formulas: true });
}
