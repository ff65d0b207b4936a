/** Throughput of the normaliser (and of the Arabizi view the rules engine also asks for) on the caller's posts. */
import { performance } from 'node:perf_hooks';
import { arabiziView, normalize } from '../src/text/normalize.js';

export interface NormalizeBench {
  posts: number;
  /** Wall-clock seconds of the normalize() measurement. */
  seconds: number;
  normalizePerSecond: number;
  /** Per CPU second of this process (all its threads): steadier than wall time on a shared machine. */
  normalizePerCpuSecond: number;
  /** normalize() + arabiziView() per post, as the rules stage runs them. */
  withArabiziPerSecond: number;
  withArabiziPerCpuSecond: number;
}

/** Runs over `texts` repeatedly for at least `minMs` per measurement, after one warm-up pass. */
export function benchNormalize(texts: readonly string[], minMs = 2000): NormalizeBench {
  if (texts.length === 0) throw new Error('benchNormalize needs at least one text');
  for (const t of texts) arabiziView(normalize(t).text);
  const plain = measure(texts, minMs, (t) => normalize(t).text.length);
  const both = measure(texts, minMs, (t) => normalize(t).text.length + (arabiziView(t)?.text.length ?? 0));
  return {
    posts: plain.posts,
    seconds: plain.seconds,
    normalizePerSecond: plain.posts / plain.seconds,
    normalizePerCpuSecond: plain.posts / plain.cpuSeconds,
    withArabiziPerSecond: both.posts / both.seconds,
    withArabiziPerCpuSecond: both.posts / both.cpuSeconds,
  };
}

interface Measured {
  posts: number;
  seconds: number;
  cpuSeconds: number;
}

function measure(texts: readonly string[], minMs: number, run: (t: string) => number): Measured {
  let posts = 0;
  let sink = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const t of texts) sink += run(t);
    posts += texts.length;
    elapsed = performance.now() - start;
  }
  // The sink keeps the work observable so it cannot be optimised away.
  if (sink < 0) throw new Error('unreachable');
  const used = process.cpuUsage(cpu);
  return { posts, seconds: elapsed / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** `npm run bench:normalize`: the normaliser on 5,000 synthetic tweet-length posts. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const { syntheticPosts } = await import('./synthetic.js');
  const r = benchNormalize([...syntheticPosts(5000, 3)]);
  console.log(`normalize_posts_per_s=${Math.round(r.normalizePerSecond)}\tper_cpu_s=${Math.round(r.normalizePerCpuSecond)}`);
  console.log(`normalize+arabizi_posts_per_s=${Math.round(r.withArabiziPerSecond)}\tper_cpu_s=${Math.round(r.withArabiziPerCpuSecond)}`);
}
