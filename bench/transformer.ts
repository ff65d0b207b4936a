/**
 * `npx tsx bench/transformer.ts [--model models/transformer] [--posts 4096] [--threads N] [--batches 32,64,128,256] [--repeats 3]`
 *
 * Posts per second of loadTransformer().score on tweet-length posts (normalised first, as the pipeline does), next
 * to a bare onnxruntime-node session running the same ONNX file on the same pre-tokenised, length-grouped batches.
 * time(score) / time(bare) is what transformers.js costs on top of the model itself (tokenising, tensors,
 * probabilities): the goal is ≤ 1.2×. runTokenized alone separates the wrapper from the tokeniser.
 * On a shared machine wall time depends on the neighbours; CPU time (all of this process's threads) much less, so
 * both are printed: posts per wall second, and posts per CPU second. Each of the three is timed --repeats times, in
 * turn with the others, and the fastest kept: a neighbour's burst then slows one repeat, not the figure.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { loadTransformer, sessionOptions, type TokenizedBatch } from '../src/model/transformer.js';
import { lengthBatches } from '../src/model/batch.js';
import { normalize } from '../src/text/normalize.js';
import { DEFAULTS } from '../src/paths.js';
import { syntheticPosts } from './synthetic.js';

const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: DEFAULTS.transformer },
    posts: { type: 'string', default: '4096' },
    threads: { type: 'string', default: String(availableParallelism()) },
    batches: { type: 'string', default: '32,64,128,256' },
    repeats: { type: 'string', default: '3' },
  },
});
const threads = Number(args.threads);
const texts = [...syntheticPosts(Number(args.posts), 11)].map((t) => normalize(t).text);

interface Timing {
  wall: number;
  cpu: number;
}

async function timed(run: () => Promise<unknown>): Promise<Timing> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await run();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

// The session options the scorer uses, so that the comparison is of the wrappers alone.
const session = await ort.InferenceSession.create((await loadTransformer(args.model, { threads })).onnxPath, sessionOptions(threads));

async function bare(batches: TokenizedBatch[]): Promise<void> {
  for (const b of batches) {
    const dims = [b.size, b.seqLength];
    await session.run({
      input_ids: new ort.Tensor('int64', b.inputIds, dims),
      attention_mask: new ort.Tensor('int64', b.attentionMask, dims),
    });
  }
}

console.log(`model\t${args.model}\tposts=${texts.length}\tthreads=${threads}`);
console.log('batch\tscore_posts_per_s\trunTokenized_posts_per_s\tbare_ort_posts_per_s\toverhead_score_over_bare\t' +
  'score_posts_per_cpu_s\tbare_posts_per_cpu_s\tcpu_overhead_score_over_bare');
for (const batchSize of args.batches.split(',').map(Number)) {
  const scorer = await loadTransformer(args.model, { batchSize, threads });
  // The same length groups that score() forms (texts cut to the limit all pad to it), tokenised before any clock starts.
  const lengths = texts.map((t) => scorer.tokenize([t]).seqLength);
  const batches = lengthBatches(lengths, batchSize).map((group) => scorer.tokenize(group.map((i) => texts[i]!)));
  await scorer.score(texts.slice(0, 2 * batchSize));
  await bare(batches.slice(0, 2));

  const runs = {
    score: () => scorer.score(texts),
    run: async () => {
      for (const b of batches) await scorer.runTokenized(b);
    },
    bare: () => bare(batches),
  };
  const best = { score: { wall: Infinity, cpu: Infinity }, run: { wall: Infinity, cpu: Infinity }, bare: { wall: Infinity, cpu: Infinity } };
  for (let r = 0; r < Number(args.repeats); r++) {
    for (const name of ['score', 'run', 'bare'] as const) {
      const t = await timed(runs[name]);
      best[name] = { wall: Math.min(best[name].wall, t.wall), cpu: Math.min(best[name].cpu, t.cpu) };
    }
  }
  const { score: tScore, run: tRun, bare: tBare } = best;
  const rate = (t: number) => Math.round(texts.length / t);
  console.log(
    [batchSize, rate(tScore.wall), rate(tRun.wall), rate(tBare.wall), (tScore.wall / tBare.wall).toFixed(2),
      rate(tScore.cpu), rate(tBare.cpu), (tScore.cpu / tBare.cpu).toFixed(2)].join('\t'),
  );
  await scorer.dispose();
}
await session.release();
