/**
 * `npm run bench:score [-- --small 100000 --large 1000000 --no-model]`
 * 1. Memory: runs `basira score` as a child process on a CSV of --small rows and one of --large rows and prints
 *    each run's peak RSS and their ratio (streaming means the ratio stays near 1; the goal is ≤ 1.3).
 * 2. Throughput, in this process: posts per second for normalise + language id + rules alone, and for the whole
 *    pipeline with the models that `score` would use, with their ratio.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { syntheticPosts } from './synthetic.js';
import { normalize } from '../src/text/normalize.js';
import { detectLanguage } from '../src/lang/detect.js';
import { loadRulePacks } from '../src/rules/load.js';
import { createPipeline } from '../src/pipeline.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import type { Post } from '../src/types.js';

const { values: args } = parseArgs({
  options: {
    small: { type: 'string', default: '100000' },
    large: { type: 'string', default: '1000000' },
    throughput: { type: 'string', default: '20000' },
    'no-model': { type: 'boolean', default: false },
    'skip-memory': { type: 'boolean', default: false },
  },
});
const extra = args['no-model'] ? ['--no-model'] : [];

async function writeCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('id,text\n');
  let i = 0;
  for (const text of syntheticPosts(rows)) {
    if (!out.write(stringify([[`s${i++}`, text]]))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function peakRss(input: string, dir: string): Promise<{ kib: number; seconds: number }> {
  const rssFile = join(dir, 'rss');
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', join(PACKAGE_ROOT, 'bench', 'rss-on-exit.mjs'), join(PACKAGE_ROOT, 'bin', 'basira.js'), 'score', input, '-o', join(dir, 'out.csv'), '--force', '--quiet', ...extra],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, BASIRA_BENCH_RSS_FILE: rssFile } },
  );
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`basira score exited with ${code}`);
  return { kib: Number(readFileSync(rssFile, 'utf8')), seconds: (performance.now() - started) / 1000 };
}

async function memory(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'basira-bench-'));
  try {
    const results: { rows: number; kib: number; seconds: number }[] = [];
    for (const rows of [Number(args.small), Number(args.large)]) {
      const input = join(dir, `posts-${rows}.csv`);
      await writeCsv(input, rows);
      const r = await peakRss(input, dir);
      results.push({ rows, ...r });
      console.log(`memory\trows=${rows}\tpeak_rss_mib=${(r.kib / 1024).toFixed(1)}\tseconds=${r.seconds.toFixed(1)}\tposts_per_s=${Math.round(rows / r.seconds)}`);
      rmSync(input);
    }
    const [a, b] = results;
    console.log(`memory\tratio_peak_rss_large_over_small=${(b!.kib / a!.kib).toFixed(3)}\t(goal <= 1.3)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function* asPosts(texts: string[]): AsyncIterable<Post> {
  let row = 0;
  for (const text of texts) {
    row++;
    yield { row, line: row + 1, id: String(row), text };
  }
}

async function throughput(): Promise<void> {
  const texts = [...syntheticPosts(Number(args.throughput), 7)];
  const rules = loadRulePacks();
  let t0 = performance.now();
  for (const text of texts) rules.match(text, normalize(text), detectLanguage(text));
  const rulesRate = texts.length / ((performance.now() - t0) / 1000);

  const pipeline = await createPipeline(args['no-model'] ? { modelDir: null } : {});
  t0 = performance.now();
  let n = 0;
  for await (const row of pipeline.score(asPosts(texts))) n += row.error ? 0 : 1;
  const fullRate = n / ((performance.now() - t0) / 1000);
  await pipeline.close();
  console.log(`throughput\tnormalise+lang+rules_posts_per_s=${Math.round(rulesRate)}`);
  console.log(`throughput\tpipeline(${pipeline.info.scorers.join('+')})_posts_per_s=${Math.round(fullRate)}\tratio_pipeline_over_rules=${(fullRate / rulesRate).toFixed(3)}`);
}

await throughput();
if (!args['skip-memory']) await memory();
