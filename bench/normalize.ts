/** Throughput of the normaliser (and of the Arabizi view the rules engine also asks for) on the caller's posts. */
import { performance } from 'node:perf_hooks';
import { arabiziView, normalize } from '../src/text/normalize.js';

export interface NormalizeBench {
  posts: number;
  seconds: number;
  normalizePerSecond: number;
  /** normalize() + arabiziView() per post, as the rules stage runs them. */
  withArabiziPerSecond: number;
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
    withArabiziPerSecond: both.posts / both.seconds,
  };
}

function measure(texts: readonly string[], minMs: number, run: (t: string) => number): { posts: number; seconds: number } {
  let posts = 0;
  let sink = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const t of texts) sink += run(t);
    posts += texts.length;
    elapsed = performance.now() - start;
  }
  // The sink keeps the work observable so it cannot be optimised away.
  if (sink < 0) throw new Error('unreachable');
  return { posts, seconds: elapsed / 1000 };
}
