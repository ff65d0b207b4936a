/** Byte-level line splitting and strict UTF-8 decoding, so one bad line becomes one error row. */

export interface RawLine {
  /** 1-based physical line number. */
  line: number;
  /** The line's bytes without its terminator (LF or CRLF). */
  bytes: Buffer;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream on LF, dropping a CR before it. A final line without a terminator is a line;
 * the empty remainder after a final newline is not. Lines are split as bytes, before decoding, because
 * a chunk boundary may fall inside a multi-byte character.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<RawLine> {
  let pending: Buffer[] = [];
  let line = 0;
  for await (const chunk of chunks) {
    let from = 0;
    for (let nl = chunk.indexOf(LF, from); nl !== -1; nl = chunk.indexOf(LF, from)) {
      pending.push(chunk.subarray(from, nl));
      yield { line: ++line, bytes: dropCr(Buffer.concat(pending)) };
      pending = [];
      from = nl + 1;
    }
    if (from < chunk.length) pending.push(chunk.subarray(from));
  }
  if (pending.length > 0) yield { line: ++line, bytes: dropCr(Buffer.concat(pending)) };
}

function dropCr(bytes: Buffer): Buffer {
  return bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.subarray(0, -1) : bytes;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The decoded text, or null when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** True for text with nothing a reader could see: whitespace and invisible format characters only. */
export function isBlank(text: string): boolean {
  return /^[\s\p{Cf}]*$/u.test(text);
}

const CR_BYTE = Buffer.from([CR]);
const CRLF = Buffer.from([CR, LF]);

/**
 * Rewrites CRLF as LF. csv-parse counts the CR and the LF of a CRLF inside a quoted field (or in a
 * record it skips after an error) as two lines, which would put line numbers off; with LF only its
 * count is exact. A CR at the end of a chunk is held back until the next chunk shows what follows it.
 */
export async function* crlfToLf(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let heldCr = false;
  for await (let chunk of chunks) {
    if (heldCr) chunk = Buffer.concat([CR_BYTE, chunk]);
    heldCr = chunk.length > 0 && chunk[chunk.length - 1] === CR;
    if (heldCr) chunk = chunk.subarray(0, -1);
    if (chunk.length > 0) yield dropCrBeforeLf(chunk);
  }
  if (heldCr) yield CR_BYTE;
}

function dropCrBeforeLf(chunk: Buffer): Buffer {
  let at = chunk.indexOf(CRLF);
  if (at === -1) return chunk;
  const parts: Buffer[] = [];
  let from = 0;
  for (; at !== -1; at = chunk.indexOf(CRLF, from)) {
    parts.push(chunk.subarray(from, at));
    from = at + 1;
  }
  parts.push(chunk.subarray(from));
  return Buffer.concat(parts);
}
