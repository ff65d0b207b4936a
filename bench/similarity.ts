/**
 * `npx tsx bench/similarity.ts [DATA_DIR] [--per-script 1000] [--copies 4] [--list 1000000] [--queries 100000] [--seed 1]`
 *
 * 1. Quality: builds a perturbation benchmark from the posts under DATA_DIR (default ../shared/data):
 *    originals in Arabic and Latin script, copies edited one to three ways (zero-width characters, marks,
 *    presentation forms, links, handles, hashtags, emoji, words inserted/deleted/swapped, truncation, case
 *    and punctuation), and every other distinct post as an unrelated query. Prints recall and false-match
 *    rate per script and per threshold, and recall per edit kind.
 * 2. Scale: a list of --list signatures (originals plus synthetic posts), its load and index time and memory,
 *    and `match` throughput over --queries posts.
 * Figures go to stdout (markdown tables, for the README); progress to stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { loadSignatureList } from '../src/similarity/list.js';
import { signatureRecord } from '../src/similarity/record.js';
import { BANDING, encodeSignature, MATCH_THRESHOLD, PARAMS, signText } from '../src/similarity/signature.js';
import { readCorpus } from './similarity/corpus.js';
import { EDITS } from './similarity/perturb.js';
import { buildBenchmark, evaluate, rate, SCRIPTS, type Rate } from './similarity/quality.js';
import { measureLoad, measureThroughput, syntheticRecords, writeLines } from './similarity/scale.js';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'per-script': { type: 'string', default: '1000' },
    copies: { type: 'string', default: '4' },
    'min-words': { type: 'string', default: '8' },
    list: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
  },
});
const dataDir = resolve(positionals[0] ?? '../shared/data');
const seed = Number(args.seed);
const log = (message: string): void => void process.stderr.write(`bench: ${message}\n`);
const pct = (r: Rate): string => `${(100 * rate(r)).toFixed(2)}% (${r.hits}/${r.total})`;
const print = (line = ''): void => void process.stdout.write(`${line}\n`);
const THRESHOLDS = [0.4, 0.45, MATCH_THRESHOLD, 0.55, 0.6, 0.7];

const dir = mkdtempSync(join(tmpdir(), 'basira-similarity-'));
try {
  log(`reading ${dataDir}`);
  const { posts, files } = readCorpus(dataDir);
  const bench = buildBenchmark(posts, { perScript: Number(args['per-script']), copiesPerOriginal: Number(args.copies), minWords: Number(args['min-words']), seed });
  const { counts } = bench;
  print(`## Near-duplicate signatures: perturbation benchmark`);
  print();
  print(`Signature: ${PARAMS.k}-slot MinHash (one permutation, densified) over character ${PARAMS.shingle}-shingles, ${PARAMS.bits} bits a slot; LSH ${BANDING.bands} bands × ${BANDING.rows} rows; match threshold ${MATCH_THRESHOLD}.`);
  print(`Data: ${counts.posts} posts in ${files} CSV files under ${dataDir}, ${counts.distinct} distinct after canonicalisation (fewer than 100,000 exist, so all are used).`);
  print(
    `Originals: ${bench.originals.length} (${SCRIPTS.map((s) => `${bench.originals.filter((o) => o.post.script === s).length} ${s}`).join(', ')}; ≥ ${args['min-words']} words each), ` +
      `${bench.mixed.length} copies edited 1–3 ways, ${bench.single.length} copies with one edit each. ` +
      `Unrelated: ${bench.unrelated.length} posts (${counts.related} set aside as near-duplicates of an original already in the data: word-set Jaccard ≥ 0.5).`,
  );
  print();

  const originalsFile = join(dir, 'originals.jsonl');
  await writeLines(
    originalsFile,
    bench.originals.map((o, i) => `${JSON.stringify(signatureRecord(String(i), encodeSignature(signText(o.post.text).signature!)))}\n`),
  );
  const originalsList = await loadSignatureList(originalsFile);
  log('matching copies and unrelated posts');
  const q = evaluate(bench, originalsList, THRESHOLDS, MATCH_THRESHOLD);

  print(`| threshold | recall ar | recall latin | recall all | false matches ar | false matches latin | false matches all |`);
  print(`| --- | --- | --- | --- | --- | --- | --- |`);
  q.thresholds.forEach((t, i) => {
    const r = q.recall[i]!;
    const f = q.falseMatch[i]!;
    const mark = t === MATCH_THRESHOLD ? ' **(default)**' : '';
    print(`| ${t}${mark} | ${pct(r.ar)} | ${pct(r.latin)} | ${pct(r.all)} | ${pct(f.ar)} | ${pct(f.latin)} | ${pct(f.all)} |`);
  });
  print();
  print(`Copies too short to sign after editing: ${q.unsigned.copies} (counted as misses); unrelated posts too short to sign: ${q.unsigned.unrelated} (counted as non-matches).`);
  print();
  print(`Recall per edit kind at ${MATCH_THRESHOLD}: that edit alone, and in copies with 1–3 edits that include it.`);
  print();
  print(`| edit | ar alone | ar in mixes | latin alone | latin in mixes |`);
  print(`| --- | --- | --- | --- | --- |`);
  for (const edit of EDITS) {
    const e = q.perEdit[edit];
    print(`| ${edit} | ${pct(e.ar.alone)} | ${pct(e.ar.mixed)} | ${pct(e.latin.alone)} | ${pct(e.latin.mixed)} |`);
  }
  print();

  const listSize = Number(args.list);
  log(`writing a list of ${listSize} signatures`);
  const listFile = join(dir, 'list.jsonl');
  const originalLines = bench.originals.map((o, i) => `${JSON.stringify(signatureRecord(`original-${i}`, encodeSignature(signText(o.post.text).signature!)))}\n`);
  const corpusWords = bench.unrelated.map((p) => p.word);
  await writeLines(listFile, (function* () {
    yield* originalLines;
    yield* syntheticRecords(Math.max(0, listSize - originalLines.length), corpusWords, seed + 1);
  })());

  const queryCount = Number(args.queries);
  const queryTexts = [...bench.mixed.map((c) => c.text), ...bench.unrelated.map((p) => p.post.text)];
  const queriesFile = join(dir, 'queries.csv');
  await writeLines(queriesFile, (function* () {
    yield 'id,text\n';
    for (let i = 0; i < queryCount; i++) yield stringify([[`q${i}`, queryTexts[i % queryTexts.length]!]]);
  })());

  log('loading the list');
  const load = await measureLoad(listFile);
  log('matching');
  const run = await measureThroughput(queriesFile, load.list);
  print(`## Scale: a list of ${load.list.size.toLocaleString('en')} signatures`);
  print();
  print(`| figure | value |`);
  print(`| --- | --- |`);
  const num = (x: number): string => Math.round(x).toLocaleString('en');
  print(`| list load + index build | ${load.seconds.toFixed(1)} s wall, ${load.cpuSeconds.toFixed(1)} s CPU |`);
  print(`| index memory (heap + buffers, after GC) | ${(load.bytes / 2 ** 20).toFixed(0)} MiB (${(load.bytes / load.list.size).toFixed(0)} bytes a signature) |`);
  print(`| \`match\` throughput (read CSV, sign, query, write JSONL) | ${num(run.perSecond)} posts/s wall, ${num(run.perCpuSecond)} posts per CPU-second, over ${num(run.posts)} posts (${num(run.matched)} matched) |`);
  print();
  print(`Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')} at the end of the run.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
