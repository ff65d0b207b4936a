/** One JSON array, written as rows arrive: "[", rows separated by ",\n", "]"; valid with no rows too. */
import { rowObject } from './write-jsonl.js';
import type { Formatter } from './formatter.js';

export function jsonFormatter(keep: readonly string[], extra: readonly string[] = []): Formatter {
  let rows = 0;
  return {
    head: () => '[',
    row: (row) => `${rows++ === 0 ? '\n' : ',\n'}${JSON.stringify(rowObject(row, keep, extra))}`,
    tail: () => (rows === 0 ? ']\n' : '\n]\n'),
  };
}
