/** CSV output for spreadsheets: one flat row per post, formulas neutralised. */
import { stringify } from 'csv-stringify/sync';
import { CATEGORIES, CONTEXTS, type Evidence, type ScoredRow } from '../types.js';
import { round4, type Formatter } from './formatter.js';
import { extraValue } from './write-jsonl.js';

export const CSV_COLUMNS = [
  'id',
  'row',
  'lang',
  'label',
  'score',
  'review',
  ...CATEGORIES,
  ...CONTEXTS,
  'evidence',
  'model_transformer',
  'model_lexical',
  'model_id',
  'model_sha256',
  'lexical_id',
  'lexical_sha256',
  'rules_version',
  'normalizer_version',
  'fusion_version',
  'error',
];

type Cell = string | number | null;

/** Evidence as one readable cell: `rule[category] "matched text" @start-end`, joined by "; ". */
export function evidenceCell(evidence: readonly Evidence[]): string {
  return evidence
    .map((e) => `${e.rule}[${e.category}] "${e.text}" @${e.start}-${e.end}${e.negated === true ? ' (negated)' : ''}`)
    .join('; ');
}

export function csvCells(row: ScoredRow, keep: readonly string[], extra: readonly string[] = []): Cell[] {
  const num = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : round4(x));
  return [
    row.id,
    row.row,
    row.lang,
    row.label,
    num(row.score),
    String(row.review),
    ...CATEGORIES.map((c) => num(row.categories[c])),
    ...CONTEXTS.map((c) => num(row.context[c])),
    evidenceCell(row.evidence),
    num(row.models.transformer?.['propaganda']),
    num(row.models.lexical?.['propaganda']),
    row.provenance.model?.id ?? null,
    row.provenance.model?.sha256 ?? null,
    row.provenance.lexical?.id ?? null,
    row.provenance.lexical?.sha256 ?? null,
    row.provenance.rules,
    row.provenance.normalizer,
    row.provenance.fusion,
    row.error,
    ...extra.map((name) => extraValue(row, name)),
    ...keep.map((name) => row.keep?.[name] ?? null),
  ];
}

/**
 * csv-stringify's escape_formulas prefixes a string cell starting with = + - @ tab or CR with an
 * apostrophe, so a spreadsheet shows it instead of running it; cells we write as numbers are exempt.
 */
function line(cells: Cell[]): string {
  return stringify([cells], { escape_formulas: true });
}

export function csvFormatter(keep: readonly string[], extra: readonly string[] = []): Formatter {
  return {
    head: () => line([...CSV_COLUMNS, ...extra, ...keep]),
    row: (row) => line(csvCells(row, keep, extra)),
    tail: () => '',
  };
}
