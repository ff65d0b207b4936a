/** A writer's format: pure functions from rows to text, kept apart from where the text goes. */
import type { ScoredRow } from '../types.js';

export interface Formatter {
  /** Text before the first row (CSV header, JSON "["). */
  head(): string;
  row(row: ScoredRow): string;
  /** Text after the last row. */
  tail(): string;
}

/** Output numbers carry 4 decimals: enough for a probability, and stable across platforms. */
export function round4(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  const r = Math.round(x * 1e4) / 1e4;
  return r === 0 ? 0 : r; // no "-0"
}
