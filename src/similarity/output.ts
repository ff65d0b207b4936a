/**
 * Where the similarity commands write their flat rows: JSONL or CSV, to stdout or atomically to a file.
 * The sinks are the ones `score` uses (src/io/sink.ts, src/io/atomic.ts); only the row shape differs.
 */
import { extname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { BasiraError } from '../errors.js';
import { openAtomicFile } from '../io/atomic.js';
import { abortOnFailure, streamSink, type Sink } from '../io/sink.js';

export type FlatFormat = 'jsonl' | 'csv';
export const FLAT_FORMATS: readonly FlatFormat[] = ['jsonl', 'csv'];

export type Cell = string | number | null;

export interface RowSink {
  write(row: Record<string, Cell>): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

const BY_EXTENSION: Record<string, FlatFormat> = { '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.csv': 'csv' };

/** The explicit format; else the extension of the destination; stdout gets JSONL. */
export function resolveFlatFormat(dest: string | undefined, format: FlatFormat | undefined): FlatFormat {
  if (format !== undefined) return format;
  if (dest === undefined || dest === '-') return 'jsonl';
  const byExtension = BY_EXTENSION[extname(dest).toLowerCase()];
  if (byExtension === undefined) {
    throw new BasiraError('E_USAGE', `${dest}: cannot tell the output format from the file name`, `use --format ${FLAT_FORMATS.join('|')}`);
  }
  return byExtension;
}

/** stdout (undefined or '-'), which is never ended, or a file that appears complete on close or not at all. */
export async function openSink(dest: string | undefined, opts: { force: boolean; stdout: NodeJS.WritableStream }): Promise<Sink> {
  return dest === undefined || dest === '-' ? streamSink(opts.stdout) : openAtomicFile(dest, opts.force);
}

// Rows are gathered into writes of about this size: one stream write per row costs more than the row.
const BATCH_CHARS = 1 << 16;

/**
 * Lines to a sink in batches. A failed write or close discards a file destination at once, as the
 * score writers do.
 */
export function batched(sink: Sink): Sink {
  let pending = '';
  const guard = abortOnFailure(sink);
  return {
    async write(text) {
      pending += text;
      if (pending.length >= BATCH_CHARS) {
        const out = pending;
        pending = '';
        await guard(() => sink.write(out));
      }
    },
    close: () =>
      guard(async () => {
        if (pending !== '') await sink.write(pending);
        pending = '';
        await sink.close();
      }),
    abort: () => sink.abort(),
  };
}

/**
 * Opens `dest` for rows with exactly `columns`, in that order. CSV cells that start like a formula are
 * escaped (as `score` does) so a spreadsheet shows them instead of running them.
 */
export async function openRowSink(
  dest: string | undefined,
  format: FlatFormat,
  columns: readonly string[],
  opts: { force: boolean; stdout: NodeJS.WritableStream },
): Promise<RowSink> {
  const sink = batched(await openSink(dest, opts));
  const csvLine = (cells: Cell[]): string => stringify([cells], { escape_formulas: true });
  const render =
    format === 'csv'
      ? (row: Record<string, Cell>): string => csvLine(columns.map((c) => row[c] ?? null))
      : (row: Record<string, Cell>): string => `${JSON.stringify(Object.fromEntries(columns.map((c) => [c, row[c] ?? null])))}\n`;
  if (format === 'csv') await sink.write(csvLine([...columns]));
  return {
    write: (row) => sink.write(render(row)),
    close: () => sink.close(),
    abort: () => sink.abort(),
  };
}
