/**
 * A list of a million signatures, as `basira hash` would write it, and the cost of using it: load and index
 * time, index memory, and `match` throughput through the same code the command runs.
 *
 * There are not a million real posts, so the list is the benchmark's originals plus synthetic posts: word
 * sequences drawn from the corpus's own word frequencies, with lengths drawn from its posts. bench/synthetic.ts
 * is not used here: its thirty-word vocabularies make every post a near-copy of every other, which would
 * measure a degenerate list (every query a candidate of thousands), not a realistic one.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import { matchPosts } from '../../src/commands/match.js';
import { readPosts } from '../../src/io/read.js';
import { loadSignatureList, type SignatureList } from '../../src/similarity/list.js';
import { openRowSink } from '../../src/similarity/output.js';
import { signatureRecord } from '../../src/similarity/record.js';
import { encodeSignature, MIN_WORDS, signCanonical } from '../../src/similarity/signature.js';
import { prng } from '../synthetic.js';

/** Writes `lines` to `file`, waiting for the stream when it asks. */
export async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/** Signature records of synthetic posts drawn from the corpus's word frequencies and post lengths. */
export function* syntheticRecords(count: number, corpus: readonly (readonly string[])[], seed: number): Generator<string> {
  const rand = prng(seed);
  const words = corpus.flat();
  const lengths = corpus.map((w) => w.length).filter((n) => n >= MIN_WORDS);
  for (let i = 0; i < count; i++) {
    const n = lengths[Math.floor(rand() * lengths.length)]!;
    const text = Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]!).join(' ');
    yield `${JSON.stringify(signatureRecord(`synthetic-${i}`, encodeSignature(signCanonical(text)!)))}\n`;
  }
}

// A collected heap makes before/after comparable; V8 exposes gc() once the flag is set at run time.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapBytes(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** CPU seconds this process has used (all threads): under a shared machine's load, the fair measure of cost. */
export function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

export interface LoadFigures {
  list: SignatureList;
  seconds: number;
  cpuSeconds: number;
  /** Heap plus array buffers retained by the loaded list, after garbage collection. */
  bytes: number;
}

export async function measureLoad(file: string): Promise<LoadFigures> {
  const before = heapBytes();
  const started = performance.now();
  const cpuStarted = cpuSeconds();
  const list = await loadSignatureList(file);
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds() - cpuStarted;
  return { list, seconds, cpuSeconds: cpu, bytes: heapBytes() - before };
}

/** Posts per second of `match` (read CSV, sign, query, write JSONL) over `queries`, the list already loaded. */
export async function measureThroughput(
  queries: string,
  list: SignatureList,
): Promise<{ posts: number; matched: number; perSecond: number; perCpuSecond: number }> {
  const discard = new Writable({ write: (_chunk, _enc, done) => done() });
  const sink = await openRowSink(undefined, 'jsonl', ['id', 'row', 'match_id', 'match_similarity', 'error'], { force: false, stdout: discard });
  const started = performance.now();
  const cpuStarted = cpuSeconds();
  const summary = await matchPosts(readPosts(queries, {}), list, sink);
  await sink.close();
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds() - cpuStarted;
  return { posts: summary.read, matched: summary.matched, perSecond: summary.read / seconds, perCpuSecond: summary.read / cpu };
}
