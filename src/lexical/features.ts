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

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** Per spec: a table that says whether a code point is whitespace (cached; specs are loaded once). */
const whitespaceTables = new WeakMap<FeatureSpec, Uint8Array>();
function whitespaceTable(spec: FeatureSpec): Uint8Array {
  let table = whitespaceTables.get(spec);
  if (!table) {
    table = new Uint8Array(Math.max(0, ...spec.whitespace) + 1);
    for (const cp of spec.whitespace) table[cp] = 1;
    whitespaceTables.set(spec, table);
  }
  return table;
}

function isSpace(table: Uint8Array, cp: number): boolean {
  return cp < table.length && table[cp] === 1;
}

/** Code point at UTF-16 index i (a lone surrogate stands for itself) and how many units it takes. */
function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d < 0xe000) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** Words of the text: maximal runs of code points outside spec.whitespace. */
export function splitWords(normalizedText: string, spec: FeatureSpec): string[] {
  const table = whitespaceTable(spec);
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < normalizedText.length; ) {
    const cp = codePointAt(normalizedText, i);
    const space = isSpace(table, cp);
    if (space && start >= 0) {
      words.push(normalizedText.slice(start, i));
      start = -1;
    } else if (!space && start < 0) start = i;
    i += cp > 0xffff ? 2 : 1;
  }
  if (start >= 0) words.push(normalizedText.slice(start));
  return words;
}

// Scratch buffers reused across calls (scoring is synchronous), grown on demand: no allocation per n-gram.
let bytes = new Uint8Array(1024);
let starts = new Int32Array(256);
let buckets = new Int32Array(1024);

function grow(cpCapacity: number, gramCapacity: number): void {
  if (bytes.length < cpCapacity * 4) bytes = new Uint8Array(cpCapacity * 8);
  if (starts.length < cpCapacity + 1) starts = new Int32Array(cpCapacity * 2 + 1);
  if (buckets.length < gramCapacity) buckets = new Int32Array(gramCapacity * 2);
}

/** Appends the UTF-8 bytes of cp at byte offset at (lone surrogates take the 3-byte form, as in WTF-8). */
function putUtf8(cp: number, at: number): number {
  if (cp < 0x80) {
    bytes[at] = cp;
    return at + 1;
  }
  if (cp < 0x800) {
    bytes[at] = 0xc0 | (cp >> 6);
    bytes[at + 1] = 0x80 | (cp & 0x3f);
    return at + 2;
  }
  if (cp < 0x10000) {
    bytes[at] = 0xe0 | (cp >> 12);
    bytes[at + 1] = 0x80 | ((cp >> 6) & 0x3f);
    bytes[at + 2] = 0x80 | (cp & 0x3f);
    return at + 3;
  }
  bytes[at] = 0xf0 | (cp >> 18);
  bytes[at + 1] = 0x80 | ((cp >> 12) & 0x3f);
  bytes[at + 2] = 0x80 | ((cp >> 6) & 0x3f);
  bytes[at + 3] = 0x80 | (cp & 0x3f);
  return at + 4;
}

/**
 * Lays out pad + words joined by single spaces + pad as UTF-8 in `bytes`, with the byte offset of each code point
 * in `starts`; returns the number of code points (0 when the text has no words).
 */
function layOut(text: string, spec: FeatureSpec): number {
  const table = whitespaceTable(spec);
  const pad = Array.from(spec.pad, (c) => c.codePointAt(0) as number);
  grow(text.length + 2 * pad.length, 0);
  let n = 0;
  let at = 0;
  const put = (cp: number): void => {
    starts[n++] = at;
    at = putUtf8(cp, at);
  };
  for (const cp of pad) put(cp);
  let inWord = false;
  let words = 0;
  for (let i = 0; i < text.length; ) {
    const cp = codePointAt(text, i);
    i += cp > 0xffff ? 2 : 1;
    if (isSpace(table, cp)) {
      inWord = false;
      continue;
    }
    if (!inWord) {
      if (words > 0) put(0x20);
      words++;
      inWord = true;
    }
    put(cp);
  }
  if (words === 0) return 0;
  for (const cp of pad) put(cp);
  starts[n] = at;
  return n;
}

export function hashedFeatures(normalizedText: string, spec: FeatureSpec): HashedFeatures {
  const len = layOut(normalizedText, spec);
  const mask = 2 ** spec.buckets_log2 - 1;
  grow(0, len * (spec.char_max - spec.char_min + 1));
  let n = 0;
  // The n-gram starting at i grows one code point at a time, so FNV-1a of every length costs one pass. The hash
  // is kept as an int32: XOR and Math.imul give the same low 32 bits as the unsigned definition.
  for (let i = 0; i < len; i++) {
    let h = FNV_OFFSET;
    const last = Math.min(len, i + spec.char_max);
    for (let j = i; j < last; j++) {
      const end = starts[j + 1] as number;
      for (let k = starts[j] as number; k < end; k++) h = Math.imul(h ^ (bytes[k] as number), FNV_PRIME);
      if (j - i + 1 >= spec.char_min) buckets[n++] = h & mask;
    }
  }
  const sorted = buckets.subarray(0, n).sort();
  let unique = 0;
  for (let k = 0; k < n; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) unique++;
  const index = new Int32Array(unique);
  const value = new Float32Array(unique);
  const norm = Math.sqrt(n);
  let u = -1;
  let count = 0;
  for (let k = 0; k <= n; k++) {
    if (k < n && u >= 0 && sorted[k] === index[u]) {
      count++;
      continue;
    }
    if (u >= 0) value[u] = Math.sqrt(count) / norm;
    if (k < n) {
      index[++u] = sorted[k] as number;
      count = 1;
    }
  }
  return { index, value };
}
