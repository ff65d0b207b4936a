/**
 * Near-duplicate signatures: MinHash over character 3-shingles of the canonical words, computed by
 * one-permutation hashing with optimal densification (Shrivastava, ICML 2017).
 *
 * Written here rather than taken from npm: the `minhash` package hashes with Java's string hash and
 * multiplies in doubles past 2^53 (its permutations lose precision), keys its LSH index by joined
 * strings (gigabytes at a million items) and has no types; `simhash-js` gives 32 bits and has scoping
 * bugs; `tlsh` refuses inputs under 50 bytes, which is most posts. Classic k-permutation MinHash costs
 * k hash evaluations per shingle (≈35 µs a post at k = 64); one permutation costs one, and densification
 * keeps the same guarantee: two signatures agree in a slot with probability equal to the Jaccard
 * similarity of the two shingle sets, so the share of agreeing slots estimates it (measured: unbiased,
 * spread within 15% of k-permutation MinHash on sets of 10–100 shingles).
 *
 * A slot keeps 16 bits of its minimum, which adds a 2^-16 chance of agreeing by accident; that halves
 * the memory of a million-item list. The values are hashes of hashes of 3-character pieces: the text
 * cannot be read back from them (see docs-draft/similarity.md for what a list does reveal).
 */
import { canonicalText } from './canonical.js';

export const ALGORITHM = 'minhash-oph';

export interface SignatureParams {
  /** Slots. */
  k: number;
  /** Shingle length in UTF-16 units over the canonical words joined by spaces (letters, digits and spaces: one unit each but for rare letters). */
  shingle: number;
  /** Bits kept per slot. */
  bits: number;
  /** Seeds every hash; signatures compare only under the same seed. */
  seed: number;
}

/** Fixed: every signature list ever written depends on them. */
export const PARAMS: Readonly<SignatureParams> = Object.freeze({ k: 64, shingle: 3, bits: 16, seed: 1 });

/** Posts with fewer canonical words get no signature: too little text to tell a copy from a coincidence. */
export const MIN_WORDS = 5;

/**
 * Estimated similarity at which two posts count as copies (match, dedup, score --list). Chosen on the
 * perturbation benchmark (bench/similarity.ts): at 0.5, 97% of copies edited 1–3 ways are found while
 * 0.02% of unrelated posts match, most of them sharing a whole passage (a headline, a pasted paragraph).
 */
export const MATCH_THRESHOLD = 0.5;

/**
 * LSH bands: two posts become candidates when they agree on all 5 slots of any of 12 bands, with
 * probability 1 − (1 − J⁵)¹²: 0.32 at J = 0.5, 0.63 at 0.6, 0.87 at 0.7, 0.98 at 0.8 (copies mostly sit
 * above 0.7). Measured against a million-signature list, 16 bands of 4 found 1.5% more of the benchmark's
 * copies but brought 19 times as many candidates (32 against 1.7 a query, nearly all unrelated) and
 * tripled the time per query (23 µs against 8), which 20,000 posts/s cannot afford.
 */
export const BANDING = Object.freeze({ bands: 12, rows: 5 });

const K = PARAMS.k;
const BIN_BITS = Math.log2(K);
const EMPTY = 0xffffffff;

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// Where an empty slot borrows from: a fixed pseudo-random order of the other slots, the same for every
// text, so two texts with the same slot empty borrow alike whenever they fill the same slots.
const PROBES: Uint8Array[] = Array.from({ length: K }, (_, slot) => {
  const order = Array.from({ length: K }, (_, i) => i).filter((i) => i !== slot);
  let s = mix32(PARAMS.seed * 0x9e3779b9 + slot);
  for (let i = order.length - 1; i > 0; i--) {
    s = mix32(s + 1);
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return Uint8Array.from(order);
});

const mins = new Uint32Array(K);

/** The signature of canonical text (words joined by single spaces); null for empty text. */
export function signCanonical(text: string): Uint16Array | null {
  const n = text.length;
  if (n === 0) return null;
  mins.fill(EMPTY);
  const seed = PARAMS.seed;
  // Shingle i is units i..i+2: the first two packed into 32 bits and mixed, then the third mixed in.
  // One hash per shingle decides both the slot (low bits) and the value competing for it (the rest).
  const last = Math.max(1, n - 2);
  for (let i = 0; i < last; i++) {
    const first = text.charCodeAt(i) | (i + 1 < n ? text.charCodeAt(i + 1) << 16 : 0);
    const h = mix32(mix32(first ^ seed) ^ (i + 2 < n ? text.charCodeAt(i + 2) : 0));
    const slot = h & (K - 1);
    const value = h >>> BIN_BITS;
    if (value < mins[slot]!) mins[slot] = value;
  }
  const out = new Uint16Array(K);
  const drop = 32 - BIN_BITS - PARAMS.bits;
  for (let slot = 0; slot < K; slot++) {
    let m = mins[slot]!;
    if (m === EMPTY) {
      const probes = PROBES[slot]!;
      let t = 0;
      while (mins[probes[t]!] === EMPTY) t++;
      m = mins[probes[t]!]!;
    }
    out[slot] = m >>> drop;
  }
  return out;
}

export interface Signed {
  /** null when the post has fewer than MIN_WORDS canonical words. */
  signature: Uint16Array | null;
  words: number;
}

export function signText(text: string): Signed {
  const canonical = canonicalText(text);
  return { signature: canonical.words < MIN_WORDS ? null : signCanonical(canonical.text), words: canonical.words };
}

/** Share of slots on which two signatures agree: the estimated Jaccard similarity of their shingle sets. */
export function similarity(a: Uint16Array, b: Uint16Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Base64 of the slots as little-endian 16-bit values (fixed byte order, whatever the machine). */
export function encodeSignature(sig: Uint16Array): string {
  const bytes = Buffer.allocUnsafe(sig.length * 2);
  for (let i = 0; i < sig.length; i++) bytes.writeUInt16LE(sig[i]!, i * 2);
  return bytes.toString('base64');
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SIXTETS = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) SIXTETS[BASE64.charCodeAt(i)] = i;
const ENCODED_LENGTH = Math.ceil((K * 2) / 3) * 4;

/**
 * Writes the decoded slots into `into` at `offset`; false when `text` is not the canonical base64 of
 * PARAMS.k slots. Decoded straight from the string: a million-line list should not make a million Buffers.
 */
export function decodeSignatureInto(text: string, into: Uint16Array, offset: number): boolean {
  if (text.length !== ENCODED_LENGTH) return false;
  const bytes = K * 2;
  let acc = 0;
  let bits = 0;
  let byte = 0;
  let low = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3d) {
      // '=' only as padding, and the bits it leaves must be zero for the encoding to be canonical.
      if (byte !== bytes || (acc & ((1 << bits) - 1)) !== 0) return false;
      continue;
    }
    const v = c < 128 ? SIXTETS[c]! : -1;
    if (v < 0 || byte === bytes) return false;
    acc = ((acc << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      const b = (acc >>> bits) & 0xff;
      if ((byte & 1) === 0) low = b;
      else into[offset + (byte >>> 1)] = low | (b << 8);
      byte++;
    }
  }
  return byte === bytes;
}
