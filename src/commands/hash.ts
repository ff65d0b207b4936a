/** `basira hash FILE`: one signature record per post (JSONL), a list that can be shared without the posts. */
import { EXIT } from '../errors.js';
import { readPosts } from '../io/read.js';
import type { Streams } from '../streams.js';
import { readOptionsOf, type InputOptions } from '../similarity/input.js';
import { batched, openSink } from '../similarity/output.js';
import { signatureRecord } from '../similarity/record.js';
import { encodeSignature, MIN_WORDS, signText } from '../similarity/signature.js';

export interface HashOptions extends InputOptions {
  output?: string;
  force: boolean;
}

export interface HashSummary {
  read: number;
  signed: number;
  /** Posts with fewer than MIN_WORDS canonical words: written with signature null. */
  short: number;
  /** Rows that could not be read: written with signature null and the error. */
  failed: number;
}

export async function hash(opts: HashOptions, streams: Streams): Promise<HashSummary> {
  const summary: HashSummary = { read: 0, signed: 0, short: 0, failed: 0 };
  const posts = readPosts(opts.input, readOptionsOf(opts), streams.stdin);
  const sink = batched(await openSink(opts.output, { force: opts.force, stdout: streams.stdout }));
  try {
    for await (const post of posts) {
      summary.read++;
      let record;
      if (post.error) {
        summary.failed++;
        record = signatureRecord(post.id, null, post.error);
      } else {
        const { signature, words } = signText(post.text);
        if (signature === null) {
          summary.short++;
          record = signatureRecord(post.id, null, `too short to sign: ${words} words after normalisation, at least ${MIN_WORDS} needed`);
        } else {
          summary.signed++;
          record = signatureRecord(post.id, encodeSignature(signature));
        }
      }
      await sink.write(`${JSON.stringify(record)}\n`);
    }
    await sink.close();
  } catch (e) {
    await sink.abort();
    throw e;
  }
  return summary;
}

export function hashExitCode(summary: HashSummary): number {
  return summary.failed > 0 ? EXIT.SOME_ROWS_FAILED : EXIT.OK;
}
