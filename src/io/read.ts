/** Reads posts from a file or stdin in any supported format; every input record yields exactly one Post. */
import { BasiraError } from '../errors.js';
import type { Post } from '../types.js';
import { inputFormatFor, resolveDelimiter, type InputFormat } from './detect.js';
import { readCsv } from './read-csv.js';
import { readJsonl } from './read-jsonl.js';
import { readLines } from './read-lines.js';
import { readText } from './read-text.js';
import { checkSource, openSource } from './source.js';

export { INPUT_FORMATS, type InputFormat } from './detect.js';

export interface ReadOptions {
  /** Absent: from the extension (.csv/.tsv → csv, .jsonl/.ndjson → jsonl, .txt → lines); stdin → text (the whole input is one post). */
  format?: InputFormat;
  /** CSV only; default ',' (tab for .tsv); the word "tab" means a tab. */
  delimiter?: string;
  /** CSV column or JSONL key (dotted path allowed for JSONL); absent → the first of text, content, message, body, tweet, post, full_text. */
  textCol?: string;
  /** CSV column or JSONL key (dotted); absent → id is the row number. */
  idCol?: string;
  /** Columns/keys copied into Post.keep. */
  keep?: string[];
  /** Columns/keys copied into Post.gold (used by eval). */
  labelCols?: string[];
}

/**
 * Streams posts from `source` (a path, or '-' for stdin). Throws BasiraError E_INPUT when the input
 * cannot be read at all; a record that cannot be read becomes a Post with `error` set.
 */
export async function* readPosts(source: string, opts: ReadOptions, stdin?: NodeJS.ReadableStream): AsyncGenerator<Post> {
  // A missing file is reported as missing, before any complaint about its name or the options.
  await checkSource(source);
  const format = inputFormatFor(source, opts.format);
  rejectInapplicableOptions(format, opts);
  const delimiter = format === 'csv' ? resolveDelimiter(source, opts.delimiter) : ',';
  const input = await openSource(source, stdin);
  switch (format) {
    case 'csv':
      yield* readCsv(input, opts, delimiter);
      return;
    case 'jsonl':
      yield* readJsonl(input, opts);
      return;
    case 'lines':
      yield* readLines(input);
      return;
    case 'text':
      yield* readText(input);
      return;
  }
}

/** An option the format has no use for is a mistake worth reporting, not ignoring. */
function rejectInapplicableOptions(format: InputFormat, opts: ReadOptions): void {
  const hasColumns = format === 'csv' || format === 'jsonl';
  const given = [
    !hasColumns && opts.textCol !== undefined && '--text-col',
    !hasColumns && opts.idCol !== undefined && '--id-col',
    !hasColumns && (opts.keep?.length ?? 0) > 0 && '--keep',
    !hasColumns && (opts.labelCols?.length ?? 0) > 0 && '--label-col',
    format !== 'csv' && opts.delimiter !== undefined && '--delimiter',
  ].filter((flag): flag is string => typeof flag === 'string');
  if (given.length > 0) {
    throw new BasiraError('E_USAGE', `${given.join(', ')} does not apply to ${format} input`, 'check --format');
  }
}
