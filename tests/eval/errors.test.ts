import { describe, expect, it } from 'vitest';
import { errorsFormatFor, formatErrors, misclassified } from '../../src/eval/errors.js';
import type { EvalRow } from '../../src/eval/summary.js';

const ev = { rule: 'en.r', kind: 'category' as const, category: 'recruitment' as const, weight: 2, text: 'join us', start: 0, end: 7 };
const rows: EvalRow[] = [
  { id: 'a', lang: 'en', gold: 'news', scores: { fused: 0.55 }, predicted: 'propaganda', text: 'near miss', evidence: [] },
  { id: 'b', lang: 'en', gold: 'propaganda', scores: { fused: 0.9 }, predicted: 'propaganda' },
  { id: 'c', lang: 'ar', gold: 'propaganda', scores: { fused: 0.05 }, predicted: 'other', text: 'missed', evidence: [] },
  { id: 'd', lang: 'en', gold: 'other', scores: { fused: 0.97 }, predicted: 'propaganda', text: '=join us, "now"', evidence: [ev] },
  { id: 'e', lang: 'ar', gold: 'not_propaganda', scores: { fused: 0.6 }, predicted: 'other', text: 'below its own threshold', evidence: [], thresholds: { fused: 0.7 } },
  { id: 'f', lang: 'en', gold: 'news', scores: { fused: null }, predicted: null },
];

describe('misclassified', () => {
  const cases = misclassified(rows, 'fused', 0.5);

  it('keeps false positives and negatives at each row threshold, worst first', () => {
    expect(cases.map((c) => [c.id, c.kind, c.threshold])).toEqual([
      ['d', 'false_positive', 0.5],
      ['c', 'false_negative', 0.5],
      ['a', 'false_positive', 0.5],
    ]);
  });

  it('writes CSV with a header, evidence in one cell and formulas neutralised', () => {
    expect(formatErrors(cases, 'csv').split('\n')).toEqual([
      'id,error,gold,predicted,score,threshold,lang,evidence,text',
      `d,false_positive,other,propaganda,0.97,0.5,en,"en.r[recruitment] ""join us"" @0-7","'=join us, ""now"""`,
      'c,false_negative,propaganda,other,0.05,0.5,ar,,missed',
      'a,false_positive,news,propaganda,0.55,0.5,en,,near miss',
      '',
    ]);
  });

  it('writes JSONL with the evidence as objects', () => {
    const lines = formatErrors(cases, 'jsonl').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['d', 'c', 'a']);
    expect(lines[0]).toEqual({ id: 'd', error: 'false_positive', gold: 'other', predicted: 'propaganda', score: 0.97, threshold: 0.5, lang: 'en', evidence: [ev], text: '=join us, "now"' });
  });
});

describe('errorsFormatFor', () => {
  it('reads the format off the extension', () => {
    expect(errorsFormatFor('e.CSV')).toBe('csv');
    expect(errorsFormatFor('e.jsonl')).toBe('jsonl');
    expect(errorsFormatFor('e.ndjson')).toBe('jsonl');
    expect(() => errorsFormatFor('e.json')).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
  });
});
