import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Evidence, ScoredRow } from '../../src/types.js';
import { markedParagraphs, prettyFormatter } from '../../src/io/write-pretty.js';
import { FIXTURES } from './helpers.js';

const ROWS = JSON.parse(readFileSync(FIXTURES + 'scored-rows.json', 'utf8')) as ScoredRow[];
const EN = ROWS[0] as ScoredRow;
const ev = (category: Evidence['category'], start: number, end: number, extra: Partial<Evidence> = {}): Evidence => ({
  rule: `r.${category}`,
  kind: ['news', 'counter_speech', 'religious'].includes(category) ? 'context' : 'category',
  category,
  weight: 1,
  text: '',
  start,
  end,
  ...extra,
});
const marksOf = (paragraph: Array<{ ch: string; mark: string | null }> | undefined) => paragraph?.map((c) => c.mark ?? '.').join(' ');

describe('pretty writer', () => {
  it('never prints terminal controls or bidi overrides that come from the input', () => {
    const row: ScoredRow = {
      ...EN,
      id: 'x\u001b]0;pwned\u0007',
      text: 'hi \u001b[2J\u001b[31mthere\u202e\u2066 \u009b6n\r\nok',
      evidence: [{ ...ev('recruitment', 0, 2), text: 'h\u001b[5mi' }],
      error: null,
      keep: { date: '\u001b[1m2024' },
    };
    const out = prettyFormatter({ color: false, rtl: true, width: 60, keep: ['date'] }).row(row);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u);
    expect(out).toContain('\n  [hi] there\n  ok\n');
    expect(out).toContain('r.recruitment');
    expect(out).toContain('id x ·');
    expect(out).toContain('"hi"');
  });

  it('highlights exactly the evidence spans when colour is on', () => {
    const out = prettyFormatter({ color: true, rtl: false, width: 80, keep: [] }).row(EN);
    // recruitment is bold red: the span starts right after the escape and ends right before the reset.
    expect(out).toContain('Brothers, \u001b[1m\u001b[31mmake hijrah\u001b[39m\u001b[22m now');
    expect(out).toContain('\u001b[1m\u001b[36mShare this video\u001b[39m\u001b[22m before');
  });

  it('shows the error for an error row and no scores', () => {
    const out = prettyFormatter({ color: false, rtl: false, width: 60, keep: [] }).row(ROWS[2] as ScoredRow);
    expect(out).toContain('ERROR  line 7: empty text');
    expect(out).not.toContain('recruitment');
  });
});

describe('markedParagraphs', () => {
  it('places marks by code-point offsets even after astral characters, and splits at line breaks', () => {
    const [first, second] = markedParagraphs('🏴ab\ncd', [ev('incitement', 1, 2), ev('news', 4, 5)], false);
    expect(marksOf(first)).toBe('. incitement .');
    expect(marksOf(second)).toBe('news .');
  });

  it('lets a category beat a context cue and both beat a negated match where spans overlap', () => {
    const [p] = markedParagraphs('abcdef', [ev('glorification', 0, 6, { negated: true }), ev('news', 1, 5), ev('recruitment', 2, 3)], false);
    expect(marksOf(p)).toBe('negated news recruitment news news negated');
  });

  it('brackets highlighted runs when colour is off, closing them at line ends', () => {
    const paragraphs = markedParagraphs('ab\ncd', [ev('recruitment', 1, 4)], true);
    expect(paragraphs.map((p) => p.map((c) => c.ch).join(''))).toEqual(['a[b]', '[c]d']);
  });
});
