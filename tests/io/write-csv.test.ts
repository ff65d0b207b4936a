import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScoredRow } from '../../src/types.js';
import { csvFormatter, evidenceCell } from '../../src/io/write-csv.js';
import { FIXTURES } from './helpers.js';

const ROW = (JSON.parse(readFileSync(FIXTURES + 'scored-rows.json', 'utf8')) as ScoredRow[])[0] as ScoredRow;

describe('csv writer', () => {
  it('neutralises spreadsheet formulas in string cells (= + - @ tab CR) and leaves numbers alone', () => {
    const dangerous = ['=cmd|"/c calc"!A1', '+1', '-2', '@x', '\tx', '\rx', 'plain'];
    const keep = dangerous.map((_, i) => `k${i}`);
    const row: ScoredRow = { ...ROW, id: '-7', keep: Object.fromEntries(dangerous.map((v, i) => [`k${i}`, v])) };
    const [header, cells] = parse(csvFormatter(keep).head() + csvFormatter(keep).row(row)) as string[][];
    const at = (name: string) => cells?.[header?.indexOf(name) ?? -1];
    expect(keep.map(at)).toEqual(["'=cmd|\"/c calc\"!A1", "'+1", "'-2", "'@x", "'\tx", "'\rx", 'plain']);
    expect(at('id')).toBe("'-7");
    expect(at('score')).toBe('0.9123');
  });

  it('flattens evidence into one readable cell, marking negated matches', () => {
    expect(
      evidenceCell([
        { rule: 'en.recruitment.hijra_call', kind: 'category', category: 'recruitment', weight: 1, text: 'make hijrah', start: 12, end: 23 },
        { rule: 'en.glorification.x', kind: 'category', category: 'glorification', weight: 1, text: 'martyr', start: 30, end: 36, negated: true },
      ]),
    ).toBe('en.recruitment.hijra_call[recruitment] "make hijrah" @12-23; en.glorification.x[glorification] "martyr" @30-36 (negated)');
  });
});
