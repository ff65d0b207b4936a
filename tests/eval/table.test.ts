import { describe, expect, it } from 'vitest';
import { summarize, type EvalRow } from '../../src/eval/summary.js';
import { renderTables, textTable } from '../../src/eval/table.js';

describe('textTable', () => {
  it('pads columns to the widest cell, text left and numbers right', () => {
    expect(
      textTable(
        ['system', 'F1'],
        [
          ['fused', '0.750'],
          ['rules', '1'],
        ],
      ),
    ).toBe(['system     F1', '------  -----', 'fused   0.750', 'rules       1'].join('\n'));
  });

  it('measures width in code points', () => {
    expect(textTable(['x'], [['جنود'], ['😀']]).split('\n')).toEqual(['x', '----', 'جنود', '😀']);
  });
});

describe('renderTables', () => {
  const rows: EvalRow[] = [
    { id: '1', lang: 'en', gold: 'propaganda', scores: { fused: 0.9, rules: 0.4 }, predicted: 'propaganda' },
    { id: '2', lang: 'en', gold: 'news', scores: { fused: 0.6, rules: 0.1 }, predicted: 'propaganda' },
    { id: '3', lang: 'ar', gold: 'propaganda', scores: { fused: 0.2, rules: 0.7 }, predicted: 'other' },
    { id: '4', lang: 'ar', gold: 'religious', scores: { fused: 0.1, rules: 0.2 }, predicted: 'religious' },
  ];

  it('renders every section with the figures of the summary', () => {
    const text = renderTables(summarize(rows, { bootstrap: { resamples: 0 } }));
    expect(text).toContain('Systems: 4 posts, 2 gold propaganda (five-way gold).');
    // fused at 0.5: tp 1, fp 1, fn 1 → P = R = F1 = 0.5
    expect(text).toMatch(/^fused\s+4\s+0\s+0\.500\s+0\.500\s+0\.500\s+0\.500\s+–/m);
    expect(text).toContain('Confusion, fused (rows gold, columns predicted;');
    expect(text).toMatch(/^propaganda\s+1\s+0\s+0\s+0\s+1\s+0\.500\s+0\.500\s+0\.500$/m);
    expect(text).toMatch(/^religious\s+0\s+0\s+0\s+1\s+0\s+1\.000\s+1\.000\s+1\.000$/m);
    expect(text).toMatch(/^fused\s+1\/1 100\.0%\s+0\/0 –\s+0\/1 0\.0%$/m);
    expect(text).toMatch(/0\.500\s+2\s+1\s+1\s+1\s+0\.500\s+0\.500\s+0\.500\s+operating/);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('slices by the --by column: each value, then its languages with gold propaganda; no P/R/F1 where nothing is positive', () => {
    const grouped = rows.map((r, i) => ({ ...r, group: ['a', 'a', '', ''][i] as string }));
    const text = renderTables(summarize(grouped, { bootstrap: { resamples: 0 }, groupBy: 'source' }));
    expect(text).toContain('By source, fused (languages with gold propaganda)');
    // a: tp 1 (0.9), fp 1 (news 0.6) → P 0.5, R 1, F1 0.667; its news post is flagged
    expect(text).toMatch(/^a\s+all\s+2\s+1\s+2\s+0\.500\s+0\.500\s+1\.000\s+0\.667\s+–.*\s1\/1$/m);
    expect(text).toMatch(/^a\s+en\s+2\s+1\s+2\s/m);
    // the empty value: one Arabic propaganda post, missed
    expect(text).toMatch(/^\(empty\)\s+all\s+2\s+1\s+0\s+0\.500\s+0\.000\s+0\.000\s+0\.000\s/m);
    const none = renderTables(summarize(rows.map((r) => ({ ...r, group: r.gold === 'propaganda' ? 'p' : 'q' })), { bootstrap: { resamples: 0 }, groupBy: 'kind' }));
    expect(none).toMatch(/^q\s+all\s+2\s+0\s+1\s+0\.500\s+–\s+–\s+–\s+–\s/m);
    expect(none).not.toMatch(/^q\s+en/m);
    expect(renderTables(summarize(rows, { bootstrap: { resamples: 0 } }))).not.toContain('By ');
  });

  it('leaves out the five-way sections for binary gold', () => {
    const binary = rows.map((r) => ({ ...r, gold: r.gold === 'propaganda' ? r.gold : ('not_propaganda' as const) }));
    const text = renderTables(summarize(binary, { bootstrap: { resamples: 0 } }));
    expect(text).not.toContain('Confusion');
    expect(text).not.toContain('flagged as propaganda');
    expect(text).toContain('Per language, fused');
  });
});

describe('renderTables, with per-language thresholds', () => {
  it('says "by lang" where the rows of a line were flagged at different thresholds, and the number where they share one', () => {
    const rows: EvalRow[] = [
      { id: '1', lang: 'en', gold: 'propaganda', scores: { fused: 0.9 }, predicted: 'propaganda' },
      { id: '2', lang: 'en', gold: 'news', scores: { fused: 0.6 }, predicted: 'propaganda' },
      { id: '3', lang: 'ar', gold: 'propaganda', scores: { fused: 0.7 }, predicted: 'other', thresholds: { fused: 0.8 } },
      { id: '4', lang: 'ar', gold: 'religious', scores: { fused: 0.1 }, predicted: 'religious', thresholds: { fused: 0.8 } },
    ];
    const text = renderTables(summarize(rows, { bootstrap: { resamples: 0 } }));
    expect(text).toMatch(/^fused\s+4\s+0\s+by lang\s/m);
    expect(text).toMatch(/^ar\s+2\s+1\s+0\.800\s/m);
    expect(text).toMatch(/^en\s+2\s+1\s+0\.500\s/m);
  });
});
