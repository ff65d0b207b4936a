/** Opens an input (a path or '-' for stdin) as a stream of UTF-8 byte chunks. */
import { open, stat } from 'node:fs/promises';
import { BasiraError } from '../errors.js';

export interface Source {
  /** Name used in messages: the path as given, or "stdin". */
  name: string;
  chunks: AsyncIterable<Buffer>;
}

const READ_CHUNK = 64 * 1024;

/** Fails with the file name when `source` is not a readable file ('-', stdin, always passes). */
export async function checkSource(source: string): Promise<void> {
  if (source === '-') return;
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(source)).isDirectory();
  } catch (err) {
    throw openError(source, err);
  }
  if (isDirectory) throw openError(source, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
}

/** Fails early, with the file name, when the input cannot be read at all. */
export async function openSource(source: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<Source> {
  if (source === '-') return { name: 'stdin', chunks: toUtf8(stdin as AsyncIterable<Buffer | string>) };
  let handle;
  try {
    handle = await open(source, 'r');
  } catch (err) {
    throw openError(source, err);
  }
  if ((await handle.stat()).isDirectory()) {
    await handle.close();
    throw openError(source, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
  }
  return { name: source, chunks: toUtf8(handle.createReadStream({ highWaterMark: READ_CHUNK })) };
}

function openError(source: string, err: unknown): BasiraError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new BasiraError('E_INPUT', `${source}: no such file`, 'check the path');
  if (code === 'EACCES' || code === 'EPERM') return new BasiraError('E_INPUT', `${source}: permission denied`);
  if (code === 'EISDIR') return new BasiraError('E_INPUT', `${source}: is a directory`, 'give a file');
  return new BasiraError('E_INPUT', `${source}: cannot open: ${(err as Error).message}`);
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Drops a UTF-8 byte-order mark and transcodes UTF-16 (recognised by its BOM: Excel's "Unicode text"
 * export, common for Arabic spreadsheets) to UTF-8, so every reader sees UTF-8 bytes only.
 */
export async function* toUtf8(input: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let head: Buffer | null = Buffer.alloc(0);
  let utf16: TextDecoder | null = null;
  const convert = (chunk: Buffer): Buffer =>
    utf16 === null ? chunk : Buffer.from(utf16.decode(chunk, { stream: true }), 'utf8');
  for await (const piece of input) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    if (head === null) {
      if (chunk.length > 0) yield convert(chunk);
      continue;
    }
    // The BOM may straddle chunks: wait for three bytes before deciding.
    head = Buffer.concat([head, chunk]);
    if (head.length < 3) continue;
    utf16 = utf16Decoder(head);
    const first = utf16 === null && head.subarray(0, 3).equals(UTF8_BOM) ? head.subarray(3) : head;
    head = null;
    const out = convert(first);
    if (out.length > 0) yield out;
  }
  if (head !== null && head.length > 0) {
    utf16 = utf16Decoder(head);
    const out = convert(head);
    if (out.length > 0) yield out;
  }
  const rest = utf16?.decode() ?? '';
  if (rest.length > 0) yield Buffer.from(rest, 'utf8');
}

function utf16Decoder(head: Buffer): TextDecoder | null {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le');
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be');
  return null;
}
