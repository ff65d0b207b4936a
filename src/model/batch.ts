/**
 * Packing token ids into the padded int64 tensors an ONNX sequence classifier takes.
 *
 * Truncation is done here rather than by transformers.js: its tokenizer cuts the tail of the
 * encoding, special tokens included (a BERT input loses its final [SEP]), while the Python
 * tokenizers that models are trained with cut the text and keep the special tokens.
 */
import { endianness } from 'node:os';

/** A batch ready for the ONNX session: row-major [size, seqLength] int64 arrays. */
export interface TokenizedBatch {
  size: number;
  seqLength: number;
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  /** Zeros when the tokenizer has no segment ids; passed only to models that take them. */
  tokenTypeIds: BigInt64Array;
  /** Per row: the text had more tokens than the model's maximum length and was cut. */
  truncated: boolean[];
}

/** How many special tokens the tokenizer puts before and after a single text ([CLS] … [SEP]: 1 and 1). */
export interface SpecialLayout {
  prefix: number;
  suffix: number;
}

/** Finds where the plain encoding of a probe text sits inside its encoding with special tokens. */
export function specialLayout(withSpecial: readonly number[], plain: readonly number[]): SpecialLayout {
  const extra = withSpecial.length - plain.length;
  for (let prefix = 0; prefix <= extra; prefix++) {
    if (plain.every((id, i) => withSpecial[prefix + i] === id)) return { prefix, suffix: extra - prefix };
  }
  // A post-processor that rewrites the text's own ids: no safe way to keep specials, so cut the tail.
  return { prefix: 0, suffix: 0 };
}

export interface PackOptions {
  maxLength: number;
  /** Special tokens at the end of each encoding, kept when the text is cut. */
  suffix: number;
  padId: number;
  padLeft: boolean;
}

// Token ids, masks and segment ids are small and non-negative, so each int64 is written as its low 32-bit half (the
// high half stays 0): a BigInt per token cost more than the rest of packing, and its garbage as much again.
const LOW_HALF = endianness() === 'LE' ? 0 : 1;

export function packBatch(
  inputIds: readonly (readonly number[])[],
  tokenTypeIds: readonly (readonly number[])[] | undefined,
  opts: PackOptions,
): TokenizedBatch {
  const size = inputIds.length;
  const seqLength = inputIds.reduce((m, ids) => Math.max(m, Math.min(ids.length, opts.maxLength)), 0);
  const ids = new BigInt64Array(size * seqLength).fill(BigInt(opts.padId));
  const mask = new BigInt64Array(size * seqLength);
  const types = new BigInt64Array(size * seqLength);
  const [idHalves, maskHalves, typeHalves] = [ids, mask, types].map((a) => new Int32Array(a.buffer)) as [Int32Array, Int32Array, Int32Array];
  const truncated: boolean[] = [];
  for (let row = 0; row < size; row++) {
    const rowIds = inputIds[row]!;
    const rowTypes = tokenTypeIds?.[row];
    const kept = Math.min(rowIds.length, opts.maxLength);
    const cut = rowIds.length > kept;
    truncated.push(cut);
    // When cut, the last `suffix` positions take the encoding's closing special tokens.
    const head = cut ? kept - opts.suffix : kept;
    const tailStart = rowIds.length - (kept - head);
    const offset = row * seqLength + (opts.padLeft ? seqLength - kept : 0);
    for (let i = 0; i < kept; i++) {
      const source = i < head ? i : tailStart + (i - head);
      const at = 2 * (offset + i) + LOW_HALF;
      idHalves[at] = rowIds[source]!;
      maskHalves[at] = 1;
      if (rowTypes) typeHalves[at] = rowTypes[source]!;
    }
  }
  return { size, seqLength, inputIds: ids, attentionMask: mask, tokenTypeIds: types, truncated };
}

/**
 * Groups text indices into batches of similar token length (shortest first, ties in input order),
 * so that each batch pads little: tweet lengths vary several-fold, and padding is wasted compute.
 */
export function lengthBatches(lengths: readonly number[], batchSize: number): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]! || a - b);
  const batches: number[][] = [];
  for (let start = 0; start < order.length; start += batchSize) batches.push(order.slice(start, start + batchSize));
  return batches;
}
