import { describe, expect, it } from 'vitest';
import { lengthBatches, packBatch, specialLayout } from '../../src/model/batch.js';

const CLS = 2;
const SEP = 3;
const PAD = 0;

function row(values: BigInt64Array, seqLength: number, r: number): number[] {
  return Array.from(values.subarray(r * seqLength, (r + 1) * seqLength), Number);
}

describe('specialLayout', () => {
  it('finds [CLS] … [SEP] around the text', () => {
    expect(specialLayout([CLS, 9, 10, SEP], [9, 10])).toEqual({ prefix: 1, suffix: 1 });
  });
  it('handles tokenizers that only append (e.g. </s>) or add nothing', () => {
    expect(specialLayout([9, 10, 1], [9, 10])).toEqual({ prefix: 0, suffix: 1 });
    expect(specialLayout([9, 10], [9, 10])).toEqual({ prefix: 0, suffix: 0 });
  });
  it('falls back to cutting the tail when the text ids are not found', () => {
    expect(specialLayout([CLS, 11, SEP], [9])).toEqual({ prefix: 0, suffix: 0 });
  });
});

describe('packBatch', () => {
  const opts = { maxLength: 5, suffix: 1, padId: PAD, padLeft: false };

  it('pads each row to the longest in the batch, right side, with a matching attention mask', () => {
    const b = packBatch([[CLS, 7, SEP], [CLS, 7, 8, SEP]], [[0, 0, 0], [0, 0, 1, 1]], opts);
    expect([b.size, b.seqLength]).toEqual([2, 4]);
    expect(row(b.inputIds, 4, 0)).toEqual([CLS, 7, SEP, PAD]);
    expect(row(b.attentionMask, 4, 0)).toEqual([1, 1, 1, 0]);
    expect(row(b.tokenTypeIds, 4, 1)).toEqual([0, 0, 1, 1]);
    expect(b.truncated).toEqual([false, false]);
  });

  it('cuts over-long rows to maxLength but keeps the closing special token, and flags them', () => {
    const b = packBatch([[CLS, 5, 6, 7, 8, 9, SEP], [CLS, 5, SEP]], undefined, opts);
    expect(b.seqLength).toBe(5);
    expect(row(b.inputIds, 5, 0)).toEqual([CLS, 5, 6, 7, SEP]);
    expect(row(b.inputIds, 5, 1)).toEqual([CLS, 5, SEP, PAD, PAD]);
    expect(b.truncated).toEqual([true, false]);
  });

  it('treats a row of exactly maxLength tokens as not cut', () => {
    expect(packBatch([[CLS, 5, 6, 7, SEP]], undefined, opts).truncated).toEqual([false]);
  });

  it('pads on the left when the tokenizer says so', () => {
    const b = packBatch([[CLS, 7, SEP], [CLS, SEP]], undefined, { ...opts, padLeft: true, padId: 1 });
    expect(row(b.inputIds, 3, 1)).toEqual([1, CLS, SEP]);
    expect(row(b.attentionMask, 3, 1)).toEqual([0, 1, 1]);
  });

  it('keeps every id of a large vocabulary exactly, as whole int64 values', () => {
    const big = [250_001, 65_536, 2 ** 31 - 1];
    const b = packBatch([[CLS, ...big, SEP], [CLS, SEP]], [[0, 1, 2, 3, 0], [5, 6]], { ...opts, padId: 70_000 });
    expect(Array.from(b.inputIds.subarray(0, 5))).toEqual([BigInt(CLS), ...big.map(BigInt), BigInt(SEP)]);
    expect(Array.from(b.inputIds.subarray(5, 10))).toEqual([CLS, SEP, 70_000, 70_000, 70_000].map(BigInt));
    expect(Array.from(b.tokenTypeIds.subarray(0, 10))).toEqual([0, 1, 2, 3, 0, 5, 6, 0, 0, 0].map(BigInt));
    expect(Array.from(b.attentionMask.subarray(5, 10))).toEqual([1n, 1n, 0n, 0n, 0n]);
  });

  it('fills token type ids with zeros when the tokenizer gives none', () => {
    const b = packBatch([[CLS, 7, SEP]], undefined, opts);
    expect(row(b.tokenTypeIds, 3, 0)).toEqual([0, 0, 0]);
  });

  it('packs an empty batch', () => {
    expect(packBatch([], undefined, opts)).toMatchObject({ size: 0, seqLength: 0, truncated: [] });
  });
});

describe('lengthBatches', () => {
  it('groups indices shortest first into batches of at most batchSize, ties in input order', () => {
    expect(lengthBatches([5, 2, 9, 2, 7], 2)).toEqual([[1, 3], [0, 4], [2]]);
  });

  it('covers every index exactly once', () => {
    const lengths = Array.from({ length: 37 }, (_, i) => (i * 7919) % 23);
    const batches = lengthBatches(lengths, 5);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
    expect(batches.every((b) => b.length <= 5)).toBe(true);
  });

  it('returns no batches for no texts', () => {
    expect(lengthBatches([], 4)).toEqual([]);
  });
});
