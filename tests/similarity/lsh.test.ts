import { describe, expect, it } from 'vitest';
import { LshIndex, SignatureTable } from '../../src/similarity/lsh.js';

const K = 8;
const sig = (...slots: number[]): Uint16Array => Uint16Array.from(slots);

/** Eight slots, banded 2 × 4: signatures that share a band are candidates, whatever the rest. */
function index(...sigs: Uint16Array[]): LshIndex {
  const table = new SignatureTable(K, 1);
  for (const s of sigs) table.add(s);
  return new LshIndex(table, { bands: 2, rows: 4 });
}

describe('SignatureTable', () => {
  it('grows past its capacity and keeps what was added', () => {
    const table = new SignatureTable(K, 1);
    for (let i = 0; i < 100; i++) expect(table.add(sig(i, i, i, i, i, i, i, i))).toBe(i);
    table.trim();
    expect(table.size).toBe(100);
    expect(table.similarityTo(42, sig(42, 42, 42, 42, 0, 0, 0, 0))).toBe(0.5);
  });

  it('stops verifying as soon as the threshold is out of reach', () => {
    const table = new SignatureTable(K, 1);
    table.add(sig(1, 2, 3, 4, 5, 6, 7, 8));
    expect(table.similarityAtLeast(0, sig(1, 2, 3, 4, 5, 6, 0, 0), 0.75)).toBe(0.75);
    expect(table.similarityAtLeast(0, sig(1, 2, 3, 4, 5, 0, 0, 0), 0.75)).toBe(-1);
  });
});

describe('LshIndex', () => {
  const a = sig(1, 2, 3, 4, 5, 6, 7, 8);
  const sameFirstBand = sig(1, 2, 3, 4, 0, 0, 0, 0);
  const sameSecondBand = sig(0, 0, 0, 0, 5, 6, 7, 8);
  const threeOfFourEverywhere = sig(1, 2, 3, 0, 5, 6, 7, 0);

  it('finds exactly the items that agree on a whole band, each once', () => {
    const idx = index(sameFirstBand, threeOfFourEverywhere, sameSecondBand, a);
    expect(Array.from(idx.candidates(a)).sort()).toEqual([0, 2, 3]);
  });

  it('verifies candidates on every slot: a shared band alone is not a match', () => {
    const idx = index(sameFirstBand, a);
    expect(idx.best(sig(1, 2, 3, 4, 5, 6, 7, 9), 0.5)).toEqual({ item: 1, similarity: 0.875 });
    expect(idx.best(sig(1, 2, 3, 4, 9, 9, 9, 9), 0.75)).toBeNull();
  });

  it('breaks ties by the item added first, whatever the bucket order', () => {
    const idx = index(sig(9, 9, 9, 9, 5, 6, 7, 8), sameSecondBand, sameSecondBand);
    expect(idx.best(sameSecondBand, 0.5)).toEqual({ item: 1, similarity: 1 });
  });

  it('answers queries one after another without leaking the seen marks', () => {
    const idx = index(a, sameFirstBand);
    for (let i = 0; i < 3; i++) expect(Array.from(idx.candidates(a)).sort()).toEqual([0, 1]);
  });

  it('refuses a banding that needs more slots than a signature has', () => {
    expect(() => new LshIndex(new SignatureTable(K), { bands: 3, rows: 4 })).toThrow(/need more than 8 slots/);
  });
});
