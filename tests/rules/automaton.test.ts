import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Automaton, type Occurrence } from '../../src/rules/automaton.js';

const sortOcc = (o: Occurrence[]): Occurrence[] =>
  [...o].sort((a, b) => a.start - b.start || a.end - b.end || a.pattern - b.pattern);

function bruteForce(patterns: number[][], text: number[]): Occurrence[] {
  const found: Occurrence[] = [];
  patterns.forEach((p, pattern) => {
    for (let start = 0; start + p.length <= text.length; start++) {
      if (p.every((s, k) => text[start + k] === s)) found.push({ pattern, start, end: start + p.length });
    }
  });
  return found;
}

describe('Automaton', () => {
  it('finds overlapping and nested patterns in one pass', () => {
    // he, she, his, hers over symbols h=1 e=2 s=3 i=4 r=5
    const patterns = [[1, 2], [3, 1, 2], [1, 4, 3], [1, 2, 5, 3]];
    const text = [4, 3, 1, 2, 5, 3]; // "ishers"
    expect(sortOcc(new Automaton(patterns).find(text))).toEqual([
      { pattern: 1, start: 1, end: 4 },
      { pattern: 0, start: 2, end: 4 },
      { pattern: 3, start: 2, end: 6 },
    ]);
  });

  it('treats negative symbols as tokens no pattern contains', () => {
    const a = new Automaton([[1, 2]]);
    expect(a.find([1, -1, 2])).toEqual([]);
    expect(a.find([-1, 1, 2])).toEqual([{ pattern: 0, start: 1, end: 3 }]);
  });

  it('reports every copy of a repeated pattern', () => {
    expect(sortOcc(new Automaton([[7], [7]]).find([7]))).toEqual([
      { pattern: 0, start: 0, end: 1 },
      { pattern: 1, start: 0, end: 1 },
    ]);
  });

  it('rejects an empty pattern', () => {
    expect(() => new Automaton([[1], []])).toThrow(/pattern 1 is empty/);
  });

  it('agrees with brute force on random patterns and texts', () => {
    const symbol = fc.integer({ min: 0, max: 3 });
    fc.assert(
      fc.property(
        fc.array(fc.array(symbol, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: -1, max: 3 }), { maxLength: 30 }),
        (patterns, text) => {
          expect(sortOcc(new Automaton(patterns).find(text))).toEqual(sortOcc(bruteForce(patterns, text)));
        },
      ),
    );
  });
});
