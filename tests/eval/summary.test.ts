import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BasiraError } from '../../src/errors.js';
import { summarize, type EvalRow } from '../../src/eval/summary.js';
import type { Category } from '../../src/types.js';

const cats = (c: Partial<Record<Category, number>> = {}): Record<Category, number> => ({
  recruitment: 0.1,
  incitement: 0.1,
  glorification: 0.1,
  dissemination: 0.1,
  ...c,
});

// Hand-worked set: fused and rules scores; rules missing on C.
const rows: EvalRow[] = [
  { id: 'A', lang: 'en', gold: 'propaganda', goldCategories: ['recruitment'], scores: { fused: 0.9, rules: 0.8 }, predicted: 'propaganda', categories: cats({ recruitment: 0.7 }) },
  { id: 'B', lang: 'en', gold: 'news', scores: { fused: 0.7, rules: 0.2 }, predicted: 'propaganda', text: 'news <b>', evidence: [] },
  { id: 'C', lang: 'en', gold: 'propaganda', goldCategories: ['glorification'], scores: { fused: 0.3, rules: null }, predicted: 'news', categories: cats({ glorification: 0.2 }) },
  { id: 'D', lang: 'ar', gold: 'religious', scores: { fused: 0.1, rules: 0.6 }, predicted: 'religious' },
  { id: 'E', lang: 'ar', gold: 'propaganda', goldCategories: ['glorification', 'dissemination'], scores: { fused: 0.6, rules: 0.9 }, predicted: 'propaganda', categories: cats({ glorification: 0.8, dissemination: 0.4 }) },
  { id: 'F', lang: 'ar', gold: 'counter_speech', scores: { fused: 0.4, rules: 0.1 }, predicted: 'counter_speech' },
  { id: 'G', lang: '', gold: 'other', scores: { fused: 0.2, rules: 0 }, predicted: 'other' },
];

describe('summarize, hand-computed', () => {
  const s = summarize(rows, { bootstrap: { resamples: 50 } });
  const fused = s.overall.systems.fused;
  const rules = s.overall.systems.rules;

  it('names the systems in order of appearance and picks fused as primary', () => {
    expect(s.systems).toEqual(['fused', 'rules']);
    expect(s.primary).toBe('fused');
    expect(s).toMatchObject({ n: 7, positives: 3, gold: 'five-way' });
  });

  it('scores each system at its threshold', () => {
    expect(fused).toMatchObject({ n: 7, missing: 0, positives: 3, threshold: 0.5, counts: { tp: 2, fp: 1, fn: 1, tn: 3 } });
    expect(fused?.f1).toBeCloseTo(2 / 3, 12);
    expect(fused?.rocAuc).toBeCloseTo(9 / 12, 12);
    expect(fused?.prAuc).toBeCloseTo((1 + 2 / 3 + 3 / 5) / 3, 12);
    expect(fused?.ece).toBeCloseTo(2.6 / 7, 12);
    expect(fused?.bestF1).toMatchObject({ threshold: 0.3, f1: 0.75 });
    expect(fused?.atTargetPrecision).toMatchObject({ threshold: 0.9, recall: 1 / 3 });
    expect(fused?.ci?.f1?.resamples).toBeGreaterThan(40);
  });

  it('leaves rows without a score out of that system and counts them', () => {
    expect(rules).toMatchObject({ n: 6, missing: 1, positives: 2, counts: { tp: 2, fp: 1, fn: 0, tn: 3 } });
    expect(rules?.f1).toBeCloseTo(0.8, 12);
  });

  it('takes per-system thresholds', () => {
    const t = summarize(rows, { thresholds: { rules: 0.85 }, bootstrap: { resamples: 0 } });
    expect(t.overall.systems.rules).toMatchObject({ threshold: 0.85, counts: { tp: 1, fp: 0, fn: 1, tn: 4 } });
    expect(t.overall.systems.fused?.threshold).toBe(0.5);
  });

  it('slices by language, largest first, empty language as und', () => {
    expect(s.languages.map((l) => [l.lang, l.n, l.positives])).toEqual([
      ['ar', 3, 1],
      ['en', 3, 2],
      ['und', 1, 0],
    ]);
    expect(s.languages[0]?.systems.fused).toMatchObject({ counts: { tp: 1, fp: 0, fn: 0, tn: 2 }, f1: 1, rocAuc: 1 });
    expect(s.languages[2]?.systems.fused).toMatchObject({ positives: 0, f1: 0, rocAuc: null, prAuc: null, bestF1: null });
    expect(s.languages[2]?.systems.fused?.ci).toEqual({ f1: null, prAuc: null });
  });

  it('slices by a gold column only when asked', () => {
    expect(s.groups).toBeNull();
  });

  it('slices by a gold column: each value largest first, empty cells as "", languages and context flags within', () => {
    const confidence = ['high', 'low', 'high', '', 'low', 'high', ''];
    const g = summarize(
      rows.map((r, i) => ({ ...r, group: confidence[i] as string })),
      { bootstrap: { resamples: 0 }, groupBy: 'confidence' },
    ).groups;
    expect(g?.by).toBe('confidence');
    expect(g?.values.map((v) => [v.value, v.n, v.positives])).toEqual([
      ['high', 3, 2],
      ['', 2, 0],
      ['low', 2, 1],
    ]);
    const high = g?.values[0];
    // A (0.9, propaganda), C (0.3, propaganda), F (0.4, counter-speech): tp 1, fn 1, no false positive
    expect(high?.systems.fused).toMatchObject({ counts: { tp: 1, fp: 0, fn: 1, tn: 1 } });
    expect(high?.languages.map((l) => [l.lang, l.n, l.positives])).toEqual([
      ['en', 2, 2],
      ['ar', 1, 0],
    ]);
    expect(high?.contextFalsePositives).toEqual([
      { context: 'news', n: 0, flagged: 0, rate: null },
      { context: 'counter_speech', n: 1, flagged: 0, rate: 0 },
      { context: 'religious', n: 0, flagged: 0, rate: null },
    ]);
    // B (news at 0.7) is flagged: it sits with E under "low"
    expect(g?.values[2]?.contextFalsePositives?.[0]).toEqual({ context: 'news', n: 1, flagged: 1, rate: 1 });
  });

  it('builds the five-way confusion from predicted labels', () => {
    expect(s.confusion?.matrix).toEqual([
      [2, 1, 0, 0, 0],
      [1, 0, 0, 0, 0],
      [0, 0, 1, 0, 0],
      [0, 0, 0, 1, 0],
      [0, 0, 0, 0, 1],
    ]);
  });

  it('counts gold news, counter-speech and religious posts flagged, per system', () => {
    expect(s.contextFalsePositives?.fused).toEqual([
      { context: 'news', n: 1, flagged: 1, rate: 1 },
      { context: 'counter_speech', n: 1, flagged: 0, rate: 0 },
      { context: 'religious', n: 1, flagged: 0, rate: 0 },
    ]);
    expect(s.contextFalsePositives?.rules?.map((c) => c.flagged)).toEqual([0, 0, 1]);
  });

  it('scores categories on gold propaganda with annotated categories', () => {
    const byName = Object.fromEntries((s.categories ?? []).map((c) => [c.category, c]));
    expect(byName.recruitment).toMatchObject({ n: 3, support: 1, precision: 1, recall: 1, f1: 1 });
    expect(byName.glorification).toMatchObject({ support: 2, precision: 1, recall: 0.5 });
    expect(byName.glorification?.f1).toBeCloseTo(2 / 3, 12);
    expect(byName.dissemination).toMatchObject({ support: 1, precision: 0, recall: 0, f1: 0 });
    expect(byName.incitement).toMatchObject({ support: 0, counts: { tp: 0, fp: 0, fn: 0, tn: 3 } });
  });

  it('lists the worst errors of the primary system', () => {
    expect(s.errors.falsePositives.map((e) => [e.id, e.score, e.text])).toEqual([['B', 0.7, 'news <b>']]);
    expect(s.errors.falseNegatives.map((e) => [e.id, e.score, e.text])).toEqual([['C', 0.3, '']]);
  });

  it('marks the operating, best-F1 and target-precision rows of the threshold table', () => {
    expect(s.thresholdTable.map((t) => t.threshold)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    const marked = s.thresholdTable.filter((t) => t.marks.length > 0).map((t) => [t.threshold, t.marks]);
    expect(marked).toEqual([
      [0.3, ['best F1']],
      [0.5, ['operating']],
      [0.9, ['precision ≥ 0.9']],
    ]);
    expect(s.thresholdTable[4]).toMatchObject({ flagged: 3, tp: 2, fp: 1 });
  });

  it('downsamples curves and keeps reliability bins', () => {
    expect(s.curves.fused?.pr?.[0]).toEqual({ recall: 0, precision: 1, threshold: null });
    expect(s.curves.fused?.roc?.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    expect(s.calibration.fused?.map((b) => b.n)).toEqual([0, 1, 1, 1, 1, 0, 1, 1, 0, 1]);
  });

  it('is plain JSON and deterministic', () => {
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(summarize(rows, { bootstrap: { resamples: 50 } })).toEqual(s);
  });
});

describe('summarize, with thresholds of the rows own (per language)', () => {
  // Fused at 0.5 overall, 0.8 for ar rows: D (religious, 0.1), E (propaganda, 0.6) and F (counter-speech, 0.4)
  // are ar; E is no longer flagged. A news post at 0.85 in ar stays flagged.
  const perLang = (r: EvalRow): EvalRow => (r.lang === 'ar' ? { ...r, thresholds: { fused: 0.8 } } : r);
  const rowsByLang = [...rows.map(perLang), { id: 'H', lang: 'ar', gold: 'news', scores: { fused: 0.85, rules: 0.1 }, predicted: 'propaganda', text: 'h', evidence: [], thresholds: { fused: 0.8 } } as EvalRow];
  const s = summarize(rowsByLang, { bootstrap: { resamples: 40 } });

  it('counts each row at its own threshold', () => {
    expect(s.overall.systems.fused).toMatchObject({ threshold: 0.5, thresholdVaries: true, counts: { tp: 1, fp: 2, fn: 2, tn: 3 } });
    expect(s.overall.systems.fused?.ci?.f1?.resamples).toBeGreaterThan(30);
    // Rules has no row thresholds of its own.
    expect(s.overall.systems.rules?.thresholdVaries).toBeUndefined();
  });

  it("reports a language slice at its language's threshold", () => {
    const ar = s.languages.find((l) => l.lang === 'ar');
    expect(ar?.systems.fused).toMatchObject({ threshold: 0.8, counts: { tp: 0, fp: 1, fn: 1, tn: 2 } });
    expect(ar?.systems.fused?.thresholdVaries).toBeUndefined();
    expect(s.languages.find((l) => l.lang === 'en')?.systems.fused?.threshold).toBe(0.5);
  });

  it('uses them for flagged context posts and for the error lists', () => {
    expect(s.contextFalsePositives?.fused?.find((c) => c.context === 'news')).toMatchObject({ n: 2, flagged: 2 });
    expect(s.errors.falseNegatives.map((e) => e.id)).toEqual(['C', 'E']);
    expect(s.errors.falsePositives.map((e) => e.id)).toEqual(['H', 'B']);
  });
});

describe('summarize, other shapes of data', () => {
  it('binary gold has no confusion and no context table', () => {
    const binary: EvalRow[] = [
      { id: '1', lang: 'en', gold: 'propaganda', scores: { fused: 0.8 }, predicted: 'propaganda' },
      { id: '2', lang: 'en', gold: 'not_propaganda', scores: { fused: 0.2 }, predicted: 'news' },
    ];
    const s = summarize(binary, { bootstrap: { resamples: 0 } });
    expect(s).toMatchObject({ gold: 'binary', confusion: null, contextFalsePositives: null, categories: null, bootstrap: null });
    expect(s.overall.systems.fused?.ci).toBeNull();
    expect(summarize([...binary, { id: '3', lang: 'en', gold: 'news', scores: { fused: 0.1 }, predicted: 'news' }], { bootstrap: { resamples: 0 } }).gold).toBe('mixed');
  });

  it('a single-class set gives nulls, not NaN', () => {
    const s = summarize(
      [
        { id: '1', lang: 'en', gold: 'news', scores: { fused: 0.8 }, predicted: 'propaganda' },
        { id: '2', lang: 'en', gold: 'other', scores: { fused: 0.2 }, predicted: 'other' },
      ],
      { bootstrap: { resamples: 20 } },
    );
    expect(s.overall.systems.fused).toMatchObject({ rocAuc: null, prAuc: null, bestF1: null, atTargetPrecision: null, f1: 0, ci: { f1: null, prAuc: null } });
    expect(s.curves.fused).toEqual({ pr: null, roc: null });
    expect(JSON.stringify(s)).not.toMatch(/NaN|Infinity/);
  });

  it('an empty set still summarises the named systems', () => {
    const s = summarize([], { systems: ['fused'] });
    expect(s.n).toBe(0);
    expect(s.overall.systems.fused).toMatchObject({ n: 0, f1: 0, rocAuc: null, ece: null });
    expect(s.calibration.fused).toBeNull();
    expect(s.languages).toEqual([]);
  });

  it('has no calibration for scores that are not probabilities', () => {
    const s = summarize([{ id: '1', lang: 'en', gold: 'propaganda', scores: { fused: 0.5, raw: 3.2 }, predicted: null }], { bootstrap: { resamples: 0 } });
    expect(s.overall.systems.raw?.ece).toBeNull();
    expect(s.calibration.raw).toBeNull();
    expect(s.overall.systems.fused?.ece).toBe(0.5);
  });

  it('refuses a primary system that is not scored', () => {
    expect(() => summarize(rows, { primary: 'transformer' })).toThrow(BasiraError);
    expect(() => summarize([])).toThrow(BasiraError);
  });

  it('summarises the fixture rows with every system', () => {
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/eval/rows.json', import.meta.url), 'utf8')) as EvalRow[];
    const s = summarize(fixture, { bootstrap: { resamples: 100 } });
    expect(s.systems).toEqual(['rules', 'lexical', 'transformer', 'fused']);
    expect(s.overall.systems.rules?.missing).toBe(1);
    expect(s.errors.falsePositives.map((e) => e.id)).toEqual(['n2', 'n3']);
    expect(s.errors.falseNegatives.map((e) => e.id)).toEqual(['p2']);
  });
});
