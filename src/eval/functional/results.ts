/**
 * Pass rates of the functional suite per capability and language. A case passes when basira makes the call
 * that matters: propaganda flagged as propaganda, anything else not flagged; the exact label is the second,
 * stricter figure.
 */
import type { Evidence, Label } from '../../types.js';
import { CAPABILITIES, SUITE_LANGS } from './capabilities.js';
import type { FunctionalCase } from './suite.js';

export interface CaseResult {
  readonly case: FunctionalCase;
  /** Null when the pipeline could not score the case. */
  readonly predicted: Label | null;
  readonly score: number | null;
  readonly threshold: number;
  readonly evidence: readonly Evidence[];
  readonly passed: boolean;
  readonly exact: boolean;
}

export function judge(c: FunctionalCase, predicted: Label | null): { passed: boolean; exact: boolean } {
  if (predicted === null) return { passed: false, exact: false };
  return { passed: (c.expected === 'propaganda') === (predicted === 'propaganda'), exact: predicted === c.expected };
}

export interface Cell {
  readonly total: number;
  readonly passed: number;
  readonly exact: number;
}

export interface FunctionalTally {
  /** Languages with cases, in suite order. */
  readonly languages: readonly string[];
  /** Capabilities with cases, in report order. */
  readonly capabilities: readonly string[];
  /** cells[capability][lang]; absent where the capability has no case in that language. */
  readonly cells: Readonly<Record<string, Readonly<Record<string, Cell>>>>;
  readonly byCapability: Readonly<Record<string, Cell>>;
  readonly byLanguage: Readonly<Record<string, Cell>>;
  readonly total: Cell;
}

const EMPTY: Cell = { total: 0, passed: 0, exact: 0 };
const add = (c: Cell, r: CaseResult): Cell => ({ total: c.total + 1, passed: c.passed + (r.passed ? 1 : 0), exact: c.exact + (r.exact ? 1 : 0) });

export function tally(results: readonly CaseResult[]): FunctionalTally {
  const cells: Record<string, Record<string, Cell>> = {};
  const byCapability: Record<string, Cell> = {};
  const byLanguage: Record<string, Cell> = {};
  let total = EMPTY;
  for (const r of results) {
    const { capability, lang } = r.case;
    const row = (cells[capability] ??= {});
    row[lang] = add(row[lang] ?? EMPTY, r);
    byCapability[capability] = add(byCapability[capability] ?? EMPTY, r);
    byLanguage[lang] = add(byLanguage[lang] ?? EMPTY, r);
    total = add(total, r);
  }
  return {
    languages: SUITE_LANGS.filter((l) => byLanguage[l] !== undefined),
    capabilities: CAPABILITIES.map((c) => c.name).filter((c) => byCapability[c] !== undefined),
    cells,
    byCapability,
    byLanguage,
    total,
  };
}
