/** JSON object per row (JSONL and JSON share it): fixed fields in a fixed order, then the kept columns. */
import { CATEGORIES, CONTEXTS, type ScoredRow } from '../types.js';
import { round4, type Formatter } from './formatter.js';

/** Field names a kept column may not take. */
export const JSON_FIELDS = ['id', 'row', 'lang', 'label', 'score', 'review', 'categories', 'context', 'evidence', 'models', 'provenance', 'error'];

/** The row as written; `text` is left out on purpose: the user has the input, and outputs should not copy posts around. */
export function rowObject(row: ScoredRow, keep: readonly string[], extra: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: row.id,
    row: row.row,
    lang: row.lang,
    label: row.label,
    score: row.score === null ? null : round4(row.score),
    review: row.review,
    categories: Object.fromEntries(CATEGORIES.map((c) => [c, round4(row.categories[c])])),
    context: Object.fromEntries(CONTEXTS.map((c) => [c, round4(row.context[c])])),
    evidence: row.evidence.map((e) => ({
      rule: e.rule,
      kind: e.kind,
      category: e.category,
      weight: round4(e.weight),
      text: e.text,
      start: e.start,
      end: e.end,
      negated: e.negated === true,
    })),
    models: {
      transformer: roundAll(row.models.transformer),
      lexical: roundAll(row.models.lexical),
    },
    provenance: {
      model: row.provenance.model && { id: row.provenance.model.id, sha256: row.provenance.model.sha256 },
      lexical: row.provenance.lexical && { id: row.provenance.lexical.id, sha256: row.provenance.lexical.sha256 },
      rules: row.provenance.rules,
      normalizer: row.provenance.normalizer,
      fusion: row.provenance.fusion,
    },
    error: row.error,
  };
  for (const name of extra) out[name] = extraValue(row, name);
  for (const name of keep) out[name] = row.keep?.[name] ?? null;
  return out;
}

/** An optional stage's field: numbers rounded like every other figure, absent as null. */
export function extraValue(row: ScoredRow, name: string): string | number | null {
  const value = row.extra?.[name] ?? null;
  return typeof value === 'number' ? round4(value) : value;
}

function roundAll(probs: Record<string, number> | undefined): Record<string, number | null> | null {
  return probs === undefined ? null : Object.fromEntries(Object.entries(probs).map(([k, v]) => [k, round4(v)]));
}

export function jsonlFormatter(keep: readonly string[], extra: readonly string[] = []): Formatter {
  return {
    head: () => '',
    row: (row) => `${JSON.stringify(rowObject(row, keep, extra))}\n`,
    tail: () => '',
  };
}
