/** CSV/TSV reader: csv-parse does the parsing; this module maps header names and records to Posts. */
import { pipeline, Readable } from 'node:stream';
import { parse, type CsvError, type Options } from 'csv-parse';
import { BasiraError } from '../errors.js';
import type { Post } from '../types.js';
import { detectIdColumn, detectTextColumn, TEXT_COLUMN_NAMES } from './detect.js';
import { crlfToLf, isBlank } from './lines.js';
import type { ReadOptions } from './read.js';
import type { Source } from './source.js';

/** Where each wanted value sits in a record, resolved once from the header. */
export interface CsvColumns {
  names: string[];
  text: number;
  id: number | null;
  keep: Array<[string, number]>;
  gold: Array<[string, number]>;
}

/** Resolves the wanted columns against the header; a missing column makes the whole file unreadable. */
export function resolveCsvColumns(header: string[], opts: ReadOptions, name: string): CsvColumns {
  const find = (column: string, flag: string): number => {
    const exact = header.indexOf(column);
    if (exact !== -1) return exact;
    const loose = header.findIndex((h) => h.trim().toLowerCase() === column.trim().toLowerCase());
    if (loose !== -1) return loose;
    throw new BasiraError('E_INPUT', `${name}: no column "${column}"; columns are: ${header.join(', ')}`, `use ${flag}`);
  };
  let text: number;
  if (opts.textCol !== undefined) {
    text = find(opts.textCol, '--text-col');
  } else {
    text = detectTextColumn(header);
    if (text === -1) {
      throw new BasiraError(
        'E_INPUT',
        `${name}: no text column (looked for ${TEXT_COLUMN_NAMES.join(', ')}); columns are: ${header.join(', ')}`,
        'use --text-col',
      );
    }
  }
  return {
    names: header,
    text,
    id: opts.idCol === undefined ? idColumnOrNull(header) : find(opts.idCol, '--id-col'),
    keep: (opts.keep ?? []).map((k) => [k, find(k, '--keep')]),
    gold: (opts.labelCols ?? []).map((k) => [k, find(k, '--label-col, --categories-col, --lang-col or --by')]),
  };
}

/** One parsed record → one Post (an error Post when the record is unusable). */
export function csvRecordToPost(fields: string[], cols: CsvColumns, row: number, line: number): Post {
  const id = cols.id === null ? String(row) : (fields[cols.id] ?? '');
  const fail = (what: string): Post => ({ row, line, id, text: '', error: `line ${line}: ${what}` });
  if (fields.length !== cols.names.length) {
    return fail(`expected ${cols.names.length} fields, found ${fields.length}`);
  }
  // csv-parse decodes leniently; the replacement character is what an invalid byte sequence becomes.
  const bad = fields.findIndex((f) => f.includes('\uFFFD'));
  if (bad !== -1) return fail(`invalid UTF-8 in column "${cols.names[bad]}"`);
  const text = fields[cols.text] ?? '';
  const post: Post = { row, line, id, text };
  if (isBlank(text)) {
    post.text = '';
    post.error = `line ${line}: empty text`;
  }
  if (cols.keep.length > 0) post.keep = pick(fields, cols.keep);
  if (cols.gold.length > 0) post.gold = pick(fields, cols.gold);
  return post;
}

function pick(fields: string[], wanted: Array<[string, number]>): Record<string, string> {
  return Object.fromEntries(wanted.map(([name, at]) => [name, fields[at] ?? '']));
}

/** A record as csv-parse hands it over, with the parse errors that came before it. */
interface Parsed {
  fields: string[];
  /** Line on which the record ends. */
  endLine: number;
  emptyLines: number;
  errorsBefore: CsvError[];
}

export async function* readCsv(input: Source, opts: ReadOptions, delimiter: string): AsyncGenerator<Post> {
  // Errors arrive through on_skip while records go through the stream, and the parser may run ahead
  // of the consumer; attaching pending errors to the next record keeps the input order.
  const pending: CsvError[] = [];
  const options: Options<Parsed, string[]> = {
    delimiter,
    bom: true,
    // Strict quoting turns one stray quote into a cascade of errors that swallows the following
    // records; relaxed, a malformed field keeps its quotes as text and the next record is intact.
    // Well-formed RFC 4180 input parses the same either way; an unclosed quote is still an error.
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err !== undefined) pending.push(err);
      return undefined;
    },
    on_record: (fields, info) => ({
      fields,
      endLine: info.lines,
      emptyLines: info.empty_lines,
      errorsBefore: pending.splice(0),
    }),
  };
  const parser = pipeline(
    Readable.from(crlfToLf(input.chunks)),
    // parse()'s overloads only carry the record type when `columns` is set; the options above are typed.
    parse(options as unknown as Options),
    // Failures surface through the async iteration below; pipeline destroys the parser with them.
    () => undefined,
  );
  let cols: CsvColumns | null = null;
  let row = 0;
  let lastLine = 0;
  let emptyLines = 0;
  const errorPost = (err: CsvError): Post => {
    if (cols === null) throw new BasiraError('E_INPUT', `${input.name}: unreadable header: ${err.message}`);
    const line = lastLine + 1 + (Number(err['empty_lines']) - emptyLines);
    lastLine = Number(err['lines']);
    emptyLines = Number(err['empty_lines']);
    row += 1;
    const id = cols.id === null ? String(row) : '';
    return { row, line, id, text: '', error: `line ${line}: ${describe(err)}` };
  };
  for await (const parsed of parser as AsyncIterable<Parsed>) {
    for (const err of parsed.errorsBefore) yield errorPost(err);
    const line = parsed.endLine - countNewlines(parsed.fields);
    lastLine = parsed.endLine;
    emptyLines = parsed.emptyLines;
    if (cols === null) {
      cols = resolveCsvColumns(parsed.fields, opts, input.name);
      continue;
    }
    row += 1;
    yield csvRecordToPost(parsed.fields, cols, row, line);
  }
  for (const err of pending.splice(0)) yield errorPost(err);
  if (cols === null) throw new BasiraError('E_INPUT', `${input.name}: empty input, no header`, 'CSV input needs a header row');
}

/** csv-parse counts every CR or LF inside quoted fields as a line; so does this. */
function countNewlines(fields: string[]): number {
  let n = 0;
  for (const field of fields) {
    for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) n += 1;
    for (let i = field.indexOf('\r'); i !== -1; i = field.indexOf('\r', i + 1)) n += 1;
  }
  return n;
}

function describe(err: CsvError): string {
  if (err.code !== 'CSV_QUOTE_NOT_CLOSED') return err.message;
  return `broken quoting: a quote opened here is never closed (the rest of the input, to line ${String(err['lines'])}, was read as this record)`;
}

function idColumnOrNull(header: readonly string[]): number | null {
  const found = detectIdColumn(header);
  return found === -1 ? null : found;
}
