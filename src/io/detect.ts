/** Decisions made before reading: which format, which delimiter, which column holds the text. */
import { extname } from 'node:path';
import { BasiraError } from '../errors.js';

export type InputFormat = 'csv' | 'jsonl' | 'lines' | 'text';
export const INPUT_FORMATS: readonly InputFormat[] = ['csv', 'jsonl', 'lines', 'text'];

const FORMAT_BY_EXTENSION: Record<string, InputFormat> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.txt': 'lines',
};

/** The explicit format, else the one the file extension names; stdin without a format is one post. */
export function inputFormatFor(source: string, format: InputFormat | undefined): InputFormat {
  if (format !== undefined) return format;
  if (source === '-') return 'text';
  const byExtension = FORMAT_BY_EXTENSION[extname(source).toLowerCase()];
  if (byExtension !== undefined) return byExtension;
  throw new BasiraError(
    'E_INPUT',
    `${source}: cannot tell the input format from the file name`,
    `use --format ${INPUT_FORMATS.join('|')}`,
  );
}

/** The CSV delimiter: explicit (the word "tab" or a typed "\t" mean a tab), else tab for .tsv, else comma. */
export function resolveDelimiter(source: string, delimiter: string | undefined): string {
  if (delimiter === undefined) return extname(source).toLowerCase() === '.tsv' ? '\t' : ',';
  if (delimiter.toLowerCase() === 'tab' || delimiter === '\\t') return '\t';
  if (delimiter === '' || /["\r\n]/.test(delimiter)) {
    throw new BasiraError('E_USAGE', `invalid delimiter ${JSON.stringify(delimiter)}`, 'use e.g. --delimiter ";" or --delimiter tab');
  }
  return delimiter;
}

/** Column or key names that hold the post text in common exports, tried when --text-col is absent. */
export const TEXT_COLUMN_NAMES = ['text', 'content', 'message', 'body', 'tweet', 'post', 'full_text'];

/** Column or key names that hold a post id in common exports, tried when --id-col is absent (else the row number is the id). */
export const ID_COLUMN_NAMES = ['id', 'id_str', 'post_id', 'tweet_id', 'message_id'];

/** Index of the first name that is a known id column name, case-insensitively; -1 if none. */
export function detectIdColumn(names: readonly string[]): number {
  return names.findIndex((name) => ID_COLUMN_NAMES.includes(name.trim().toLowerCase()));
}

/** Index of the first name (in the given order) that is a known text column name, case-insensitively; -1 if none. */
export function detectTextColumn(names: readonly string[]): number {
  return names.findIndex((name) => TEXT_COLUMN_NAMES.includes(name.trim().toLowerCase()));
}
