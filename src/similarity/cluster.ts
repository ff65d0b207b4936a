/**
 * Near-duplicate clusters within one set of signatures: every pair at or above the threshold is joined
 * (union-find, so clusters are the connected components: single linkage, a chain of copies of copies
 * is one campaign). Each cluster is named by its first member in input order, so ids are deterministic.
 */
import { LshIndex, SignatureTable } from './lsh.js';
import { BANDING, MATCH_THRESHOLD } from './signature.js';

/** For each item, the first item (smallest number) of its cluster; and each cluster's size, by that first item. */
export interface Clusters {
  first: Int32Array;
  size: Int32Array;
}

export function clusterSignatures(table: SignatureTable, threshold = MATCH_THRESHOLD): Clusters {
  const n = table.size;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[i] !== root) [i, parent[i]] = [parent[i]!, root];
    return root;
  };
  // The smaller item becomes the root, so a root is always its cluster's first member.
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra < rb) parent[rb] = ra;
    else if (rb < ra) parent[ra] = rb;
  };

  // Identical signatures (re-posts that differ only in what the canonical form drops) are joined
  // directly; only the first of each goes through LSH, so a storm of 100,000 retweets costs 100,000
  // map look-ups instead of 100,000² candidate checks.
  const k = table.k;
  const firstOfSignature = new Map<string, number>();
  const distinct = new SignatureTable(k, n);
  const distinctItem: number[] = [];
  for (let i = 0; i < n; i++) {
    const slots = table.slots.subarray(i * k, (i + 1) * k);
    const key = Buffer.from(slots.buffer, slots.byteOffset, slots.byteLength).toString('latin1');
    const seen = firstOfSignature.get(key);
    if (seen === undefined) {
      firstOfSignature.set(key, i);
      distinct.add(slots);
      distinctItem.push(i);
    } else union(seen, i);
  }

  const index = new LshIndex(distinct, BANDING);
  for (let d = 0; d < distinct.size; d++) {
    const sig = distinct.slots.subarray(d * k, (d + 1) * k);
    const i = distinctItem[d]!;
    for (const e of index.candidates(sig)) {
      const j = distinctItem[e]!;
      if (j < i && find(j) !== find(i) && distinct.similarityTo(e, sig) >= threshold) union(i, j);
    }
  }

  const first = new Int32Array(n);
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    first[i] = find(i);
    size[first[i]!]!++;
  }
  return { first, size };
}
