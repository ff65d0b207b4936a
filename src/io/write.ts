/** Opens a row writer for a file or stdout in any supported format. */
import { extname } from 'node:path';
import { BasiraError } from '../errors.js';
import type { ScoredRow } from '../types.js';
import { openAtomicFile } from './atomic.js';
import type { Formatter } from './formatter.js';
import type { RtlMode } from './rtl.js';
import { abortOnFailure, streamSink } from './sink.js';
import { jsonFormatter } from './write-json.js';
import { JSON_FIELDS, jsonlFormatter } from './write-jsonl.js';

export type OutputFormat = 'csv' | 'jsonl' | 'json' | 'pretty';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['csv', 'jsonl', 'json', 'pretty'];

export interface WriterOptions {
  /** Absent: from the extension of dest (.csv/.jsonl/.ndjson/.json); for stdout pretty on a TTY, else jsonl. */
  format?: OutputFormat;
  /** Overwrite an existing dest; without it an existing dest is E_OUTPUT_EXISTS. */
  force?: boolean;
  /** Input columns carried through (ScoredRow.keep), written after the fixed ones in this order. */
  keep?: string[];
  /** Fields of optional stages (ScoredRow.extra), written after the fixed ones and before the kept columns. */
  extra?: string[];
  /** pretty: colours; absent → on for a TTY unless NO_COLOR is set. */
  color?: boolean;
  /** pretty: shape and reorder Arabic ourselves; absent → 'auto' (see rtlEnabled). */
  rtl?: RtlMode;
  /** pretty: terminal width; absent → the TTY's columns, else 80. */
  width?: number;
}

export interface RowWriter {
  write(row: ScoredRow): Promise<void>;
  /** Finishes the output (for a file: makes it appear under its name). */
  close(): Promise<void>;
  /** Gives up: a file destination is left as it was. */
  abort(): Promise<void>;
}

const FORMAT_BY_EXTENSION: Record<string, OutputFormat> = {
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
};

function isStdout(dest: string | undefined): dest is undefined | '-' {
  return dest === undefined || dest === '-';
}

/**
 * The explicit format; else the destination's extension; else, for stdout, pretty on a TTY and jsonl
 * in a pipe. A file with another extension is an error rather than a guess.
 */
export function resolveOutputFormat(dest: string | undefined, opts: WriterOptions, isTTY: boolean): OutputFormat {
  if (opts.format !== undefined) return opts.format;
  if (isStdout(dest)) return isTTY ? 'pretty' : 'jsonl';
  const byExtension = FORMAT_BY_EXTENSION[extname(dest).toLowerCase()];
  if (byExtension !== undefined) return byExtension;
  throw new BasiraError('E_USAGE', `${dest}: cannot tell the output format from the file name`, `use --format ${OUTPUT_FORMATS.join('|')}`);
}

/** Kept columns are written beside the fixed ones, so they must not take a fixed name. */
function checkKeep(format: OutputFormat, fixedColumns: readonly string[], keep: readonly string[], extra: readonly string[]): void {
  const fixed = [...fixedColumns, ...extra];
  const clash = keep.filter((name) => fixed.includes(name));
  if (clash.length > 0) {
    throw new BasiraError('E_USAGE', `--keep ${clash.join(', ')}: clashes with an output ${format === 'csv' ? 'column' : 'field'} of that name`, 'keep other columns');
  }
}

/** Opens the destination (undefined or '-' → stdout) and writes the format's head at once. */
export async function openWriter(
  dest: string | undefined,
  opts: WriterOptions,
  stdout: NodeJS.WritableStream = process.stdout,
): Promise<RowWriter> {
  const terminal = stdout as { isTTY?: boolean; columns?: number };
  const tty = terminal.isTTY === true;
  const format = resolveOutputFormat(dest, opts, tty);
  const keep = opts.keep ?? [];
  const extra = opts.extra ?? [];
  const toTerminal = isStdout(dest) && tty;
  const { fixed, create } = await formatOf(format, opts, toTerminal, terminal.columns);
  checkKeep(format, fixed, keep, extra);
  const formatter = create(keep, extra);
  const sink = isStdout(dest) ? streamSink(stdout) : await openAtomicFile(dest, opts.force === true);
  // A failed write leaves nothing behind: the temp file goes at once, not when the caller gets round to abort().
  const guard = abortOnFailure(sink);
  await guard(() => sink.write(formatter.head()));
  return {
    write: (row) => guard(() => sink.write(formatter.row(row))),
    close: () =>
      guard(async () => {
        await sink.write(formatter.tail());
        await sink.close();
      }),
    abort: () => sink.abort(),
  };
}

interface Format {
  /** Names the format writes for every row (empty for pretty, which has no columns). */
  fixed: readonly string[];
  create(keep: string[], extra: string[]): Formatter;
}

/**
 * csv and pretty import their modules only when chosen: csv-stringify, and the pretty writer's shaping, bidi and
 * colours (a tenth of a second), would otherwise load on every run whatever it writes.
 */
async function formatOf(format: OutputFormat, opts: WriterOptions, tty: boolean, columns: number | undefined): Promise<Format> {
  switch (format) {
    case 'csv': {
      const { CSV_COLUMNS, csvFormatter } = await import('./write-csv.js');
      return { fixed: CSV_COLUMNS, create: csvFormatter };
    }
    case 'jsonl':
      return { fixed: JSON_FIELDS, create: jsonlFormatter };
    case 'json':
      return { fixed: JSON_FIELDS, create: jsonFormatter };
    case 'pretty': {
      const [{ prettyFormatter }, { rtlEnabled }] = await Promise.all([import('./write-pretty.js'), import('./rtl.js')]);
      const color = opts.color ?? (tty && (process.env['NO_COLOR'] ?? '') === '');
      const rtl = rtlEnabled(opts.rtl ?? 'auto', tty, process.env);
      const width = opts.width ?? (tty ? columns : undefined) ?? 80;
      return { fixed: [], create: (keep, extra) => prettyFormatter({ color, rtl, width, keep, extra }) };
    }
  }
}
