/**
 * Hashed character n-grams of normalised text. The definition lives in training/lexical/features.py (the trainer);
 * this is its second implementation, held to bit-equal output by tests/lexical/parity.test.ts.
 */

/** The `features` object of models/lexical/model.json. */
export interface FeatureSpec {
  type: 'hashed_ngrams';
  hash: 'fnv1a32_utf8';
  /** Number of buckets is 2^buckets_log2. */
  buckets_log2: number;
  /** Code points that separate words; runs of them become one space. */
  whitespace: number[];
  /** Added before and after the text so that n-grams mark word starts and ends at the edges. */
  pad: string;
  char_min: number;
  char_max: number;
  /** L2-normalised square roots of the bucket counts. */
  value: 'sqrt_count_l2';
}

export interface HashedFeatures {
  /** Sorted, unique bucket indices. */
  index: Int32Array;
  /** Value per index, L2-normalised over the post. */
  value: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnvByte(h: number, byte: number): number {
  return Math.imul(h ^ byte, FNV_PRIME) >>> 0;
}

/** FNV-1a over the UTF-8 bytes of one code point (lone surrogates take the 3-byte form, as in WTF-8). */
function fnvCodePoint(h: number, cp: number): number {
  if (cp < 0x80) return fnvByte(h, cp);
  if (cp < 0x800) return fnvByte(fnvByte(h, 0xc0 | (cp >> 6)), 0x80 | (cp & 0x3f));
  if (cp < 0x10000) {
    return fnvByte(fnvByte(fnvByte(h, 0xe0 | (cp >> 12)), 0x80 | ((cp >> 6) & 0x3f)), 0x80 | (cp & 0x3f));
  }
  const h1 = fnvByte(fnvByte(h, 0xf0 | (cp >> 18)), 0x80 | ((cp >> 12) & 0x3f));
  return fnvByte(fnvByte(h1, 0x80 | ((cp >> 6) & 0x3f)), 0x80 | (cp & 0x3f));
}

/** pad + words joined by single spaces + pad, as code points; empty when the text has no words. */
function paddedCodePoints(text: string, spec: FeatureSpec, whitespace: ReadonlySet<number>): number[] {
  const pad = Array.from(spec.pad, (c) => c.codePointAt(0) as number);
  const out = [...pad];
  let inWord = false;
  let words = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (whitespace.has(cp)) {
      inWord = false;
      continue;
    }
    if (!inWord) {
      if (words > 0) out.push(0x20);
      words++;
      inWord = true;
    }
    out.push(cp);
  }
  if (words === 0) return [];
  out.push(...pad);
  return out;
}

const whitespaceSets = new WeakMap<FeatureSpec, ReadonlySet<number>>();

export function hashedFeatures(normalizedText: string, spec: FeatureSpec): HashedFeatures {
  let whitespace = whitespaceSets.get(spec);
  if (!whitespace) {
    whitespace = new Set(spec.whitespace);
    whitespaceSets.set(spec, whitespace);
  }
  const cps = paddedCodePoints(normalizedText, spec, whitespace);
  const mask = 2 ** spec.buckets_log2 - 1;
  const perStart = spec.char_max - spec.char_min + 1;
  const buckets = new Int32Array(Math.max(0, cps.length * perStart));
  let n = 0;
  // The n-gram starting at i grows one code point at a time, so FNV-1a of every length costs one pass.
  for (let i = 0; i < cps.length; i++) {
    let h = FNV_OFFSET;
    const last = Math.min(cps.length, i + spec.char_max);
    for (let j = i; j < last; j++) {
      h = fnvCodePoint(h, cps[j] as number);
      if (j - i + 1 >= spec.char_min) buckets[n++] = h & mask;
    }
  }
  const sorted = buckets.subarray(0, n).sort();
  const index = new Int32Array(n);
  const count = new Int32Array(n);
  let unique = 0;
  for (const b of sorted) {
    if (unique > 0 && index[unique - 1] === b) count[unique - 1]! += 1;
    else {
      index[unique] = b;
      count[unique++] = 1;
    }
  }
  const norm = Math.sqrt(n);
  const value = new Float32Array(unique);
  for (let k = 0; k < unique; k++) value[k] = Math.sqrt(count[k] as number) / norm;
  return { index: index.slice(0, unique), value };
}
