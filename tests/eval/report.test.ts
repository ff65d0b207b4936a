import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/eval/report.js';
import { summarize, type EvalRow, type Summary } from '../../src/eval/summary.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/eval/rows.json', import.meta.url), 'utf8')) as EvalRow[];
const summary = summarize(fixture, { bootstrap: { resamples: 200 } });
const html = renderReport(summary, { title: 'Gold <set>', meta: [['input', 'a&b.csv<script>alert(1)</script>']] });
const count = (re: RegExp): number => (html.match(re) ?? []).length;

describe('renderReport', () => {
  it('is one HTML document with the plots as inline SVG', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    // PR, ROC, reliability, languages, confusion
    expect(count(/<svg viewBox=/g)).toBe(5);
    expect(count(/<svg /g)).toBe(count(/<\/svg>/g));
    // PR, ROC and reliability: one line per system each
    expect(count(/<path class="series"/g)).toBe(3 * summary.systems.length);
    expect(count(/<rect class="cell/g)).toBe(25);
    expect(count(/<circle /g)).toBeGreaterThan(0);
    expect(count(/<figcaption>/g)).toBe(5);
    expect(count(/<section /g)).toBe(count(/<\/section>/g));
    expect(count(/<mark /g)).toBe(count(/<\/mark>/g));
  });

  it('tables the --by slices only when asked, with the values escaped', () => {
    expect(html).not.toContain('id="groups"');
    const grouped = summarize(
      fixture.map((r, i) => ({ ...r, group: i % 2 === 0 ? '<even>' : '' })),
      { bootstrap: { resamples: 0 }, groupBy: 'parity<b>' },
    );
    const page = renderReport(grouped);
    expect(page).toContain('<h2>By parity&lt;b&gt;</h2>');
    expect(page).not.toContain('parity<b>');
    expect(page).toContain('&lt;even&gt;');
    expect(page).toContain('(empty)');
  });

  it('loads nothing from outside: no scripts, links, images, fonts or URLs', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link|<img|<iframe|<object|<embed/i);
    expect(html).not.toMatch(/https?:|\/\/[a-z]|url\(|@import|src=/i);
    const hrefs = html.match(/href="[^"]*"/g) ?? [];
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.every((h) => h.startsWith('href="#'))).toBe(true);
  });

  it('escapes every string from the data', () => {
    expect(html).toContain('<title>Gold &lt;set&gt;</title>');
    expect(html).toContain('a&amp;b.csv&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;<mark class="ev ev-glorification" title="en.glory.is_name (glorification)">Islamic State</mark>&lt;/b&gt;');
    expect(html).not.toContain('<b>Islamic');
  });

  it('writes Arabic posts right to left with their evidence marked', () => {
    expect(html).toContain(
      '<p class="post-text" dir="rtl" lang="ar">بارك الله في <mark class="ev ev-glorification" title="ar.glory.soldiers (glorification)">جنود الخلافة</mark></p>',
    );
  });

  it('tables each five-way label against the rest', () => {
    // fixture: gold propaganda 5 rows, 4 predicted propaganda; 2 gold news predicted propaganda
    expect(html).toContain('<tr><th class="key" scope="row">propaganda</th><td>5</td><td>0.667</td><td>0.800</td><td>0.727</td></tr>');
  });

  it('lists false positives highest score first', () => {
    const first = html.indexOf('<span class="id">n2</span>');
    const second = html.indexOf('<span class="id">n3</span>');
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
  });

  it('is deterministic, also from the summary read back from JSON', () => {
    const again = JSON.parse(JSON.stringify(summary)) as Summary;
    expect(renderReport(again, { title: 'Gold <set>', meta: [['input', 'a&b.csv<script>alert(1)</script>']] })).toBe(html);
  });

  it('leaves out the five-way sections for binary gold, and survives an empty set', () => {
    const binary = fixture.map((r) => ({ ...r, gold: r.gold === 'propaganda' ? r.gold : ('not_propaganda' as const) }));
    const b = renderReport(summarize(binary, { bootstrap: { resamples: 0 } }));
    expect(b).not.toContain('id="confusion"');
    expect(b).not.toContain('id="about"');
    expect((b.match(/<svg viewBox=/g) ?? []).length).toBe(4);
    const empty = renderReport(summarize([], { systems: ['fused'] }));
    expect(empty).toContain('0 posts, 0 of them gold propaganda');
    expect(empty).not.toMatch(/NaN|undefined|Infinity/);
  });
});
