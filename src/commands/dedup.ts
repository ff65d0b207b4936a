/** `basira dedup FILE`: near-duplicate clusters within a file, so an analyst sees campaigns, not single posts. */
import { BasiraError, EXIT } from '../errors.js';
import { readPosts } from '../io/read.js';
import type { Streams } from '../streams.js';
import { clusterPosts } from '../similarity/dedup.js';
import { readOptionsOf, type InputOptions } from '../similarity/input.js';
import { openRowSink, resolveFlatFormat, type FlatFormat } from '../similarity/output.js';
import { MATCH_THRESHOLD } from '../similarity/signature.js';

export interface DedupOptions extends InputOptions {
  output?: string;
  format?: FlatFormat;
  force: boolean;
  /** Lowest estimated similarity at which two posts join a cluster (default MATCH_THRESHOLD). */
  minSimilarity?: number;
}

export const DEDUP_COLUMNS = ['id', 'row', 'cluster_id', 'cluster_size', 'error'] as const;

export interface DedupSummary {
  read: number;
  /** Clusters of two or more posts. */
  clusters: number;
  /** Posts in those clusters. */
  clustered: number;
  failed: number;
}

export async function dedup(opts: DedupOptions, streams: Streams): Promise<DedupSummary> {
  const min = opts.minSimilarity ?? MATCH_THRESHOLD;
  if (!(min > 0 && min <= 1)) throw new BasiraError('E_USAGE', `--min-similarity must be in (0, 1], got ${min}`);
  const format = resolveFlatFormat(opts.output, opts.format);
  // Clusters are known only once every post is read, so the whole input is read before anything is written.
  const clusters = await clusterPosts(readPosts(opts.input, readOptionsOf(opts), streams.stdin), min);
  const summary: DedupSummary = { read: clusters.length, clusters: 0, clustered: 0, failed: 0 };
  const named = new Set<string>();
  const sink = await openRowSink(opts.output, format, DEDUP_COLUMNS, { force: opts.force, stdout: streams.stdout });
  try {
    for (const c of clusters) {
      if (c.error !== null) summary.failed++;
      else if (c.size !== null && c.size > 1) {
        summary.clustered++;
        named.add(c.cluster!);
      }
      await sink.write({ id: c.id, row: c.row, cluster_id: c.cluster, cluster_size: c.size, error: c.error });
    }
    await sink.close();
    summary.clusters = named.size;
  } catch (e) {
    await sink.abort();
    throw e;
  }
  return summary;
}

export function dedupExitCode(summary: DedupSummary): number {
  return summary.failed > 0 ? EXIT.SOME_ROWS_FAILED : EXIT.OK;
}
