import type { ScoreOptions } from '../cli.js';
import { BasiraError, EXIT } from '../errors.js';
import type { ReadOptions } from '../io/read.js';
import { createPipeline, scorerOptions } from '../pipeline.js';
import { startProgress } from '../progress.js';
import { useColor, type Streams } from '../streams.js';
import type { Scorer } from '../fuse.js';
import type { Post } from '../types.js';

export interface ScoreSummary {
  read: number;
  scored: number;
  failed: number;
  truncated: number;
  scorers: Scorer[];
}

/** With --strict, the first unreadable row ends the run with its place in the input. */
async function* strictly(posts: AsyncIterable<Post>, source: string): AsyncIterable<Post> {
  for await (const post of posts) {
    if (post.error) {
      const where = source === '-' ? `stdin:${post.line}` : `${source}:${post.line}`;
      throw new BasiraError('E_ROW', `${where}: ${post.error}`, 'fix the row, or drop --strict to get it as an error row', EXIT.SOME_ROWS_FAILED);
    }
    yield post;
  }
}

export async function score(opts: ScoreOptions, streams: Streams): Promise<ScoreSummary> {
  const notice = (message: string): void => {
    if (!opts.quiet) streams.stderr.write(`basira: ${message}\n`);
  };
  const readOpts: ReadOptions = {
    ...(opts.inputFormat ? { format: opts.inputFormat } : {}),
    ...(opts.textCol ? { textCol: opts.textCol } : {}),
    ...(opts.idCol ? { idCol: opts.idCol } : {}),
    ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
  };
  const similarity = opts.list !== undefined || opts.clusters ? await import('../similarity/enrich.js') : undefined;
  const knownList = opts.list === undefined ? undefined : await similarity?.loadKnownList(opts.list);
  if (knownList) notice(`matching against ${knownList.size} known signatures from ${opts.list}`);
  // Clusters need the whole file before the first row is written: a first, cheap pass (signatures only).
  const clusters = opts.clusters ? await similarity?.clusterFile(opts.input, readOpts) : undefined;
  const extra = [...(knownList ? ['match_id', 'match_similarity'] : []), ...(clusters ? ['cluster_id', 'cluster_size'] : [])];
  // Imported here, not at the top: createPipeline hands the transformer worker its model before this thread evaluates
  // them, so that the model loads meanwhile.
  const io = Promise.all([import('../io/read.js'), import('../io/write.js')]);
  const pipeline = await createPipeline({
    ...(knownList ? { knownList } : {}),
    ...scorerOptions(opts),
    ...(opts.fusion !== undefined ? { fusionFile: opts.fusion } : {}),
    notice,
  });
  const [{ readPosts }, { openWriter, resolveOutputFormat }] = await io;
  const toStdout = opts.output === undefined || opts.output === '-';
  const format = resolveOutputFormat(opts.output, opts.format ? { format: opts.format } : {}, toStdout && streams.stdout.isTTY === true);
  const summary: ScoreSummary = { read: 0, scored: 0, failed: 0, truncated: 0, scorers: pipeline.info.scorers };
  let writer;
  try {
    writer = await openWriter(
      opts.output,
      {
        format,
        force: opts.force,
        keep: opts.keep,
        extra,
        color: toStdout && useColor(streams.stdout, streams.env),
        rtl: opts.rtl,
        ...(streams.stdout.columns ? { width: streams.stdout.columns } : {}),
      },
      streams.stdout,
    );
  } catch (e) {
    await pipeline.close();
    throw e;
  }
  const progress = startProgress(streams, opts.quiet);
  try {
    const posts = readPosts(opts.input, { ...readOpts, keep: opts.keep }, streams.stdin);
    for await (const row of pipeline.score(opts.strict ? strictly(posts, opts.input) : posts)) {
      summary.read++;
      if (row.error) summary.failed++;
      else summary.scored++;
      const cluster = clusters?.get(row.row);
      await writer.write(cluster ? { ...row, extra: { ...row.extra, cluster_id: cluster.cluster, cluster_size: cluster.size } } : row);
      progress.tick();
    }
    progress.stop();
    await writer.close();
  } catch (e) {
    progress.stop();
    await writer.abort();
    throw e;
  } finally {
    summary.truncated = pipeline.truncated();
    await pipeline.close();
  }
  if (summary.truncated > 0) notice(`${summary.truncated} posts were longer than the model's maximum length and were truncated for the transformer`);
  return summary;
}

export function scoreExitCode(summary: ScoreSummary): number {
  return summary.failed > 0 ? EXIT.SOME_ROWS_FAILED : EXIT.OK;
}
