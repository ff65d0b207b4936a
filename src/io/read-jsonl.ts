/** JSON Lines reader: one JSON object per line; keys may be dotted paths into nested objects. */
import { BasiraError } from '../errors.js';
import type { Post } from '../types.js';
import { detectTextColumn, TEXT_COLUMN_NAMES, detectIdColumn } from './detect.js';
import { decodeUtf8, isBlank, splitLines } from './lines.js';
import type { ReadOptions } from './read.js';
import type { Source } from './source.js';

/**
 * The value at `path`: a key that itself contains dots wins over walking the path, so both
 * {"data.text": …} and {"data": {"text": …}} work with "data.text". Own properties only.
 */
export function getPath(value: unknown, path: string): unknown {
  if (isObject(value) && Object.hasOwn(value, path)) return value[path];
  let at: unknown = value;
  for (const key of path.split('.')) {
    if (!isObject(at) || !Object.hasOwn(at, key)) return undefined;
    at = at[key];
  }
  return at;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** How a carried value is written out: strings as they are, other JSON as JSON. */
function asCell(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/**
 * Turns lines into Posts. The first object plays the part of a CSV header: the text key is detected
 * on it (then used for every line), or a given key must be found in it, else the input is unreadable.
 */
export class JsonlRecords {
  private row = 0;
  private textKey: string | null = null;
  /** Detected on the first object like the text key when --id-col is absent; null: ids are row numbers. */
  private idKey: string | null = null;

  constructor(
    private readonly opts: ReadOptions,
    private readonly name: string,
  ) {}

  toPost(bytes: Uint8Array, line: number): Post {
    const row = ++this.row;
    const fallbackId = this.opts.idCol === undefined ? String(row) : '';
    const fail = (what: string, id = fallbackId): Post => ({ row, line, id, text: '', error: `line ${line}: ${what}` });
    const decoded = decodeUtf8(bytes);
    if (decoded === null) return fail('invalid UTF-8');
    if (isBlank(decoded)) return fail('empty line');
    let value: unknown;
    try {
      value = JSON.parse(decoded);
    } catch (err) {
      return fail(`invalid JSON: ${(err as Error).message}`);
    }
    if (!isObject(value) || Array.isArray(value)) return fail(`expected a JSON object, found ${kindOf(value)}`);
    const textKey = this.textKey ?? this.findTextKey(value, line);
    const idKey = this.opts.idCol ?? this.idKey;
    const found = idKey === null ? undefined : getPath(value, idKey);
    const id = found === undefined ? (this.opts.idCol === undefined ? fallbackId : '') : asCell(found);
    const text = getPath(value, textKey);
    if (text === undefined) return fail(`no key "${textKey}"`, id);
    if (typeof text !== 'string') return fail(`"${textKey}" is ${kindOf(text)}, not a string`, id);
    const post: Post = { row, line, id, text };
    if (isBlank(text)) {
      post.text = '';
      post.error = `line ${line}: empty text`;
    }
    if ((this.opts.keep?.length ?? 0) > 0) post.keep = pick(value, this.opts.keep ?? []);
    if ((this.opts.labelCols?.length ?? 0) > 0) post.gold = pick(value, this.opts.labelCols ?? []);
    return post;
  }

  private findTextKey(value: Record<string, unknown>, line: number): string {
    const keys = Object.keys(value);
    const given = this.opts.textCol;
    const found = given === undefined ? keys[detectTextColumn(keys)] : getPath(value, given) === undefined ? undefined : given;
    if (found === undefined) {
      const wanted = given === undefined ? `no text key (looked for ${TEXT_COLUMN_NAMES.join(', ')})` : `no key "${given}"`;
      throw new BasiraError('E_INPUT', `${this.name}: line ${line}: ${wanted}; keys are: ${keys.join(', ')}`, 'use --text-col');
    }
    this.textKey = found;
    if (this.opts.idCol === undefined) this.idKey = keys[detectIdColumn(keys)] ?? null;
    return found;
  }
}

/** Keys that are absent from a record are left out rather than invented. */
function pick(value: unknown, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const found = getPath(value, key);
    if (found !== undefined) out[key] = asCell(found);
  }
  return out;
}

export async function* readJsonl(input: Source, opts: ReadOptions): AsyncGenerator<Post> {
  const records = new JsonlRecords(opts, input.name);
  for await (const { line, bytes } of splitLines(input.chunks)) yield records.toPost(bytes, line);
}
