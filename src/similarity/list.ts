/** Loads a signature list (JSONL from `basira hash`) into an LSH index, refusing any line it cannot trust. */
import { BasiraError } from '../errors.js';
import { decodeUtf8, isBlank, splitLines } from '../io/lines.js';
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

/** Reads `file` ('-' for stdin). Any bad line is an E_INPUT error naming file:line; blank lines are skipped. */
export async function loadSignatureList(file: string, stdin?: NodeJS.ReadableStream): Promise<SignatureList> {
  await checkSource(file);
  const source = await openSource(file, stdin);
  const table = new SignatureTable(PARAMS.k, 1 << 16);
  const ids: string[] = [];
  let unsigned = 0;
  for await (const { line, bytes } of splitLines(source.chunks)) {
    const fail = (problem: string, hint: string): never => {
      throw new BasiraError('E_INPUT', `${source.name}:${line}: ${problem}`, hint);
    };
    const text = decodeUtf8(bytes);
    if (text === null) fail('invalid UTF-8', HINT_FORMAT);
    if (isBlank(text!)) continue;
    const parsed = parseRecordLine(text!);
    if (!parsed.ok) fail(parsed.problem, parsed.problem.includes('this basira reads') ? HINT_VERSION : HINT_FORMAT);
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
