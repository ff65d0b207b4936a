/** `basira match FILE --list known.jsonl`: for each post, the most similar entry of a shared signature list. */
import { BasiraError, EXIT } from '../errors.js';
import { round4 } from '../io/formatter.js';
import { readPosts } from '../io/read.js';
import type { Streams } from '../streams.js';
import type { Post } from '../types.js';
import { readOptionsOf, type InputOptions } from '../similarity/input.js';
import { loadSignatureList, type ListMatch, type SignatureList } from '../similarity/list.js';
import { openRowSink, resolveFlatFormat, type FlatFormat, type RowSink } from '../similarity/output.js';
import { MATCH_THRESHOLD, signText } from '../similarity/signature.js';

export interface MatchOptions extends InputOptions {
  /** The signature list (JSONL from `basira hash`). */
  list: string;
  output?: string;
  format?: FlatFormat;
  force: boolean;
  /** Lowest estimated similarity reported as a match (default MATCH_THRESHOLD). */
  minSimilarity?: number;
}

export const MATCH_COLUMNS = ['id', 'row', 'match_id', 'match_similarity', 'error'] as const;

export interface MatchSummary {
  read: number;
  matched: number;
  /** Posts too short to sign: never matched. */
  short: number;
  failed: number;
  listSize: number;
}

export async function match(opts: MatchOptions, streams: Streams): Promise<MatchSummary> {
  const min = opts.minSimilarity ?? MATCH_THRESHOLD;
  if (!(min > 0 && min <= 1)) throw new BasiraError('E_USAGE', `--min-similarity must be in (0, 1], got ${min}`);
  if (opts.input === '-' && opts.list === '-') throw new BasiraError('E_USAGE', 'the posts and the list cannot both come from stdin');
  const format = resolveFlatFormat(opts.output, opts.format);
  const list = await loadSignatureList(opts.list, streams.stdin);
  const posts = readPosts(opts.input, readOptionsOf(opts), streams.stdin);
  const sink = await openRowSink(opts.output, format, MATCH_COLUMNS, { force: opts.force, stdout: streams.stdout });
  try {
    const summary = await matchPosts(posts, list, sink, min);
    await sink.close();
    return summary;
  } catch (e) {
    await sink.abort();
    throw e;
  }
}

/** Writes one row per post, in input order, with its best list entry at or above `min`. */
export async function matchPosts(posts: AsyncIterable<Post>, list: SignatureList, sink: RowSink, min = MATCH_THRESHOLD): Promise<MatchSummary> {
  const summary: MatchSummary = { read: 0, matched: 0, short: 0, failed: 0, listSize: list.size };
  for await (const post of posts) {
    summary.read++;
    let found: ListMatch | null = null;
    if (post.error) summary.failed++;
    else {
      const { signature } = signText(post.text);
      if (signature === null) summary.short++;
      else found = list.best(signature, min);
      if (found !== null) summary.matched++;
    }
    await sink.write({
      id: post.id,
      row: post.row,
      match_id: found?.id ?? null,
      match_similarity: found === null ? null : round4(found.similarity),
      error: post.error ?? null,
    });
  }
  return summary;
}

export function matchExitCode(summary: MatchSummary): number {
  return summary.failed > 0 ? EXIT.SOME_ROWS_FAILED : EXIT.OK;
}
