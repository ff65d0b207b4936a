/** Loads a signature list (JSONL from `basira hash`) into an LSH index, refusing any line it cannot trust. */
import { isUtf8 } from 'node:buffer';
import { BasiraError } from '../errors.js';
import { isBlank } from '../io/lines.js';
import { checkSource, openSource } from '../io/source.js';
import { LshIndex, SignatureTable } from './lsh.js';
import { parseRecordLine } from './record.js';
import { BANDING, decodeSignatureInto, MATCH_THRESHOLD, PARAMS } from './signature.js';

export interface ListMatch {
  id: string;
  /** Estimated Jaccard similarity of the two posts' shingle sets, a multiple of 1/k. */
  similarity: number;
}

export interface SignatureList {
  /** Signatures indexed. */
  size: number;
  /** Records without a signature (posts too short to sign, or unreadable when hashed), skipped. */
  unsigned: number;
  /** The most similar list entry at or above `min` (default MATCH_THRESHOLD); ties go to the earlier line. */
  best(sig: Uint16Array, min?: number): ListMatch | null;
}

const HINT_VERSION = 'the list was made by another basira version or settings: hash the posts again with this one (`basira hash`)';
const HINT_FORMAT = 'each line must be one record as `basira hash` writes it';

/** The lines of `bytes` (no trailing newline), decoded; invalid UTF-8 fails with its line number. */
function decodeLines(bytes: Buffer, before: number, name: string): string[] {
  if (!isUtf8(bytes)) {
    let line = before + 1;
    for (let from = 0; ; line++) {
      const nl = bytes.indexOf(0x0a, from);
      if (!isUtf8(bytes.subarray(from, nl === -1 ? bytes.length : nl)) || nl === -1) break;
      from = nl + 1;
    }
    throw new BasiraError('E_INPUT', `${name}:${line}: invalid UTF-8`, HINT_FORMAT);
  }
  return bytes.toString('utf8').split('\n');
}

/**
 * The lines of a byte stream, a chunk's worth at a time: a list has a million short lines, and a
 * generator step per line cost more than parsing it. Validated natively (isUtf8), decoded in one go.
 */
async function* lineBatches(chunks: AsyncIterable<Buffer>, name: string): AsyncGenerator<string[]> {
  let carry: Buffer = Buffer.alloc(0);
  let lines = 0;
  for await (const chunk of chunks) {
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const end = bytes.lastIndexOf(0x0a);
    if (end === -1) {
      carry = bytes;
      continue;
    }
    const batch = decodeLines(bytes.subarray(0, end), lines, name);
    lines += batch.length;
    carry = bytes.subarray(end + 1);
    yield batch;
  }
  if (carry.length > 0) yield decodeLines(carry, lines, name);
}

/** Reads `file` ('-' for stdin). Any bad line is an E_INPUT error naming file:line; blank lines are skipped. */
export async function loadSignatureList(file: string, stdin?: NodeJS.ReadableStream): Promise<SignatureList> {
  await checkSource(file);
  const source = await openSource(file, stdin);
  const table = new SignatureTable(PARAMS.k, 1 << 16);
  const ids: string[] = [];
  let unsigned = 0;
  let line = 0;
  const fail = (problem: string, hint: string): never => {
    throw new BasiraError('E_INPUT', `${source.name}:${line}: ${problem}`, hint);
  };
  for await (const batch of lineBatches(source.chunks, source.name)) {
    for (const raw of batch) {
      line++;
      const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (isBlank(text)) continue;
      const parsed = parseRecordLine(text);
      if (!parsed.ok) fail(parsed.problem, parsed.version ? HINT_VERSION : HINT_FORMAT);
      else if (parsed.signature === null) unsigned++;
      else {
        const item = table.reserve();
        if (!decodeSignatureInto(parsed.signature, table.slots, item * PARAMS.k)) {
          fail(`"signature" is not ${PARAMS.k} base64-encoded ${PARAMS.bits}-bit slots`, HINT_FORMAT);
        }
        table.commit();
        ids.push(parsed.id);
      }
    }
  }
  table.trim();
  const index = new LshIndex(table, BANDING);
  return {
    size: table.size,
    unsigned,
    best(sig, min = MATCH_THRESHOLD) {
      const m = index.best(sig, min);
      return m === null ? null : { id: ids[m.item]!, similarity: m.similarity };
    },
  };
}
