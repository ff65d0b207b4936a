import { describe, expect, it } from 'vitest';
import { judge, tally, type CaseResult } from '../../../src/eval/functional/results.js';
import type { FunctionalCase } from '../../../src/eval/functional/suite.js';
import { functionalTable } from '../../../src/eval/functional/table.js';
import type { Label } from '../../../src/types.js';

const kase = (id: string, lang: 'ar' | 'en', capability: string, expected: Label): FunctionalCase => ({
  id,
  lang,
  capability,
  expected,
  text: id,
  pair: null,
  generated: false,
  file: 'f',
  line: 2,
});
const result = (c: FunctionalCase, predicted: Label | null): CaseResult => ({ case: c, predicted, score: null, threshold: 0.5, evidence: [], ...judge(c, predicted) });

describe('judge', () => {
  it('passes propaganda flagged and anything else not flagged; exact needs the very label', () => {
    expect(judge(kase('a', 'en', 'pledge', 'propaganda'), 'propaganda')).toEqual({ passed: true, exact: true });
    expect(judge(kase('a', 'en', 'pledge', 'propaganda'), 'news')).toEqual({ passed: false, exact: false });
    expect(judge(kase('a', 'en', 'analysis', 'news'), 'other')).toEqual({ passed: true, exact: false });
    expect(judge(kase('a', 'en', 'analysis', 'news'), 'propaganda')).toEqual({ passed: false, exact: false });
    expect(judge(kase('a', 'en', 'analysis', 'news'), null)).toEqual({ passed: false, exact: false });
  });
});

describe('tally and its table', () => {
  const results = [
    result(kase('en-pledge-1', 'en', 'pledge', 'propaganda'), 'propaganda'),
    result(kase('en-pledge-2', 'en', 'pledge', 'propaganda'), 'other'),
    result(kase('ar-pledge-1', 'ar', 'pledge', 'propaganda'), 'propaganda'),
    result(kase('en-analysis-1', 'en', 'analysis', 'news'), 'other'),
    result(kase('ar-obf_tatweel-1', 'ar', 'obf_tatweel', 'propaganda'), 'propaganda'),
  ];
  const t = tally(results);

  it('counts per cell, capability, language and overall, in suite order', () => {
    expect(t.languages).toEqual(['ar', 'en']);
    expect(t.capabilities).toEqual(['pledge', 'analysis', 'obf_tatweel']);
    expect(t.cells.pledge?.en).toEqual({ total: 2, passed: 1, exact: 1 });
    expect(t.cells.analysis?.ar).toBeUndefined();
    expect(t.byLanguage.en).toEqual({ total: 3, passed: 2, exact: 1 });
    expect(t.total).toEqual({ total: 5, passed: 4, exact: 3 });
  });

  it('renders capabilities as rows, languages as columns, "—" where a capability has no case, totals last', () => {
    expect(functionalTable(t, 'passed').split('\n')).toEqual([
      'capability     ar   en  all     %',
      '-----------  ----  ---  ---  ----',
      'pledge        1/1  1/2  2/3   67%',
      'analysis        —  1/1  1/1  100%',
      'obf_tatweel   1/1    —  1/1  100%',
      'total         2/2  2/3  4/5   80%',
      '%            100%  67%  80%',
    ]);
    expect(functionalTable(t, 'exact')).toContain('total         2/2  1/3  3/5   60%');
  });
});
