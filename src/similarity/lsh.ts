/**
 * LSH banding over packed signatures. The k slots are cut into bands of `rows` slots; two signatures
 * become candidates when they agree on every slot of at least one band, which for Jaccard similarity J
 * happens with probability 1 − (1 − J^rows)^bands. Candidates are then verified on all k slots.
 *
 * Memory is what a million-item list needs and no more: the signatures in one Uint16Array, and per band
 * the item numbers sorted by bucket (a counting sort, O(n)) with the bucket offsets. Band keys are not
 * stored: a bucket's items are checked against the query's band slots directly, which is as fast as
 * comparing stored keys and saves 4 bytes per item per band.
 */
import { mix32 } from './signature.js';

export interface Banding {
  bands: number;
  rows: number;
}

export interface Match {
  /** Item number (order of addition). */
  item: number;
  similarity: number;
}

export class SignatureTable {
  private data: Uint16Array;
  private count = 0;

  constructor(
    readonly k: number,
    capacity = 1024,
  ) {
    this.data = new Uint16Array(Math.max(1, capacity) * k);
  }

  get size(): number {
    return this.count;
  }

  /** Room for one more signature at the end, to be filled in place (by a decoder); returns its item number. */
  reserve(): number {
    if ((this.count + 1) * this.k > this.data.length) {
      const bigger = new Uint16Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    return this.count;
  }

  /** Commits the slot returned by reserve(). */
  commit(): void {
    this.count++;
  }

  add(sig: Uint16Array): number {
    const item = this.reserve();
    this.data.set(sig, item * this.k);
    this.commit();
    return item;
  }

  /** The backing array and where item `item` starts in it (valid until the next add). */
  get slots(): Uint16Array {
    return this.data;
  }

  /** Drops unused capacity once no more items will come. */
  trim(): void {
    if (this.data.length > this.count * this.k) this.data = this.data.slice(0, Math.max(1, this.count) * this.k);
  }

  /** Estimated Jaccard similarity of item `item` and signature `sig`. */
  similarityTo(item: number, sig: Uint16Array): number {
    const d = this.data;
    const base = item * this.k;
    let same = 0;
    for (let i = 0; i < this.k; i++) if (d[base + i] === sig[i]) same++;
    return same / this.k;
  }
}

function bandKey(slots: Uint16Array, start: number, rows: number): number {
  let h = 0x2545f491;
  for (let r = 0; r < rows; r++) h = mix32(h ^ slots[start + r]!);
  return h;
}

export class LshIndex {
  private readonly bucketBits: number;
  private readonly offsets: Uint32Array[] = [];
  private readonly members: Uint32Array[] = [];
  // Stamp per item of the last query that verified it, so an item found in several bands is verified once.
  private readonly seen: Uint32Array;
  private query = 0;

  constructor(
    readonly table: SignatureTable,
    readonly banding: Banding,
  ) {
    if (banding.bands * banding.rows > table.k) throw new Error(`${banding.bands} bands of ${banding.rows} rows need more than ${table.k} slots`);
    const n = table.size;
    // About two items per bucket: few enough to scan, half the offsets memory of one per bucket.
    this.bucketBits = Math.max(4, Math.floor(Math.log2(Math.max(1, n))));
    const buckets = 1 << this.bucketBits;
    const shift = 32 - this.bucketBits;
    const slots = table.slots;
    const keys = new Uint32Array(n);
    for (let b = 0; b < banding.bands; b++) {
      const start = b * banding.rows;
      const offsets = new Uint32Array(buckets + 1);
      for (let item = 0; item < n; item++) {
        const key = bandKey(slots, item * table.k + start, banding.rows) >>> shift;
        keys[item] = key;
        offsets[key + 1]!++;
      }
      for (let i = 0; i < buckets; i++) offsets[i + 1]! += offsets[i]!;
      const members = new Uint32Array(n);
      const fill = offsets.slice(0, buckets);
      for (let item = 0; item < n; item++) members[fill[keys[item]!]!++] = item;
      this.offsets.push(offsets);
      this.members.push(members);
    }
    this.seen = new Uint32Array(n);
  }

  /**
   * The most similar item with estimated similarity ≥ `min`, or null. Ties go to the item added first,
   * so the answer does not depend on bucket order.
   */
  best(sig: Uint16Array, min: number): Match | null {
    let best: Match | null = null;
    this.forEachCandidate(sig, (item) => {
      const s = this.table.similarityTo(item, sig);
      if (s >= min && (best === null || s > best.similarity || (s === best.similarity && item < best.item))) best = { item, similarity: s };
    });
    return best;
  }

  /** Calls `visit` once for every item that shares a band with `sig`. */
  forEachCandidate(sig: Uint16Array, visit: (item: number) => void): void {
    const { bands, rows } = this.banding;
    const k = this.table.k;
    const slots = this.table.slots;
    const shift = 32 - this.bucketBits;
    if (++this.query === 0xffffffff) {
      this.seen.fill(0);
      this.query = 1;
    }
    const stamp = this.query;
    for (let b = 0; b < bands; b++) {
      const start = b * rows;
      const bucket = bandKey(sig, start, rows) >>> shift;
      const offsets = this.offsets[b]!;
      const members = this.members[b]!;
      for (let m = offsets[bucket]!, end = offsets[bucket + 1]!; m < end; m++) {
        const item = members[m]!;
        if (this.seen[item] === stamp) continue;
        const base = item * k + start;
        let r = 0;
        while (r < rows && slots[base + r] === sig[start + r]) r++;
        if (r < rows) continue;
        this.seen[item] = stamp;
        visit(item);
      }
    }
  }
}
