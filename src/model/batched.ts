import { BasiraError } from '../errors.js';
import type { TransformerScorer } from './transformer.js';

/**
 * Scores a stream: holds at most `batchSize` items at a time and yields them in input order, each
 * with its probabilities (labels order) and whether its text was cut to the model's maximum length.
 * The scorer splits each group into ONNX runs of its own batch size, by token length, so a
 * `batchSize` several times the scorer's pads less.
 */
export async function* scoreBatched<T>(
  items: AsyncIterable<T>,
  text: (item: T) => string,
  scorer: TransformerScorer,
  batchSize: number,
): AsyncIterable<{ item: T; probs: number[]; truncated: boolean }> {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new BasiraError('E_USAGE', `batch size must be a positive integer, got ${batchSize}`);
  }
  let batch: T[] = [];
  async function* flush(): AsyncIterable<{ item: T; probs: number[]; truncated: boolean }> {
    const { probs, truncatedRows } = await scorer.score(batch.map(text));
    const done = batch;
    batch = [];
    for (let i = 0; i < done.length; i++) yield { item: done[i]!, probs: probs[i]!, truncated: truncatedRows[i]! };
  }
  for await (const item of items) {
    batch.push(item);
    if (batch.length === batchSize) yield* flush();
  }
  if (batch.length > 0) yield* flush();
}
