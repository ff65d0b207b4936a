import { describe, expect, it } from 'vitest';
import { evidenceClass, highlightEvidence } from '../../src/eval/highlight.js';
import type { Evidence } from '../../src/types.js';

const ev = (start: number, end: number, over: Partial<Evidence> = {}): Evidence => ({
  rule: 'r1',
  kind: 'category',
  category: 'recruitment',
  weight: 1,
  text: '',
  start,
  end,
  ...over,
});

describe('highlightEvidence', () => {
  it('marks spans by code point, past astral characters', () => {
    // '🌙' is one code point but two UTF-16 units.
    expect(highlightEvidence('🌙 join us', [ev(2, 6)])).toBe('🌙 <mark class="ev ev-recruitment" title="r1 (recruitment)">join</mark> us');
  });

  it('marks Arabic spans', () => {
    const text = 'انضموا إلى جنود الخلافة';
    const html = highlightEvidence(text, [ev(11, 23, { rule: 'ar.glory', category: 'glorification' })]);
    expect(html).toBe('انضموا إلى <mark class="ev ev-glorification" title="ar.glory (glorification)">جنود الخلافة</mark>');
  });

  it('escapes the text inside and outside marks, and the titles', () => {
    const html = highlightEvidence('<b>"x"</b> & <i>', [ev(3, 6, { rule: 'r<"&>' })]);
    expect(html).toBe('&lt;b&gt;<mark class="ev ev-recruitment" title="r&lt;&quot;&amp;&gt; (recruitment)">&quot;x&quot;</mark>&lt;/b&gt; &amp; &lt;i&gt;');
  });

  it('cuts overlapping spans into pieces, the strongest span colouring each', () => {
    const html = highlightEvidence('abcdef', [ev(0, 4, { rule: 'weak', weight: 1 }), ev(2, 6, { rule: 'strong', category: 'incitement', weight: 2 })]);
    expect(html).toBe(
      '<mark class="ev ev-recruitment" title="weak (recruitment)">ab</mark>' +
        '<mark class="ev ev-incitement" title="strong (incitement); weak (recruitment)">cd</mark>' +
        '<mark class="ev ev-incitement" title="strong (incitement)">ef</mark>',
    );
  });

  it('marks negated evidence, clamps offsets and ignores empty spans', () => {
    expect(highlightEvidence('never join', [ev(6, 99, { negated: true }), ev(3, 3), ev(-5, 0)])).toBe(
      'never <mark class="ev ev-recruitment ev-negated" title="r1 (recruitment, negated)">join</mark>',
    );
  });

  it('keeps offsets when control characters are replaced', () => {
    expect(highlightEvidence('a\u0000bc', [ev(2, 3)])).toBe('a\ufffd<mark class="ev ev-recruitment" title="r1 (recruitment)">b</mark>c');
  });

  it('gives categories outside the taxonomy a neutral class', () => {
    expect(evidenceClass('news')).toBe('ev-news');
    expect(evidenceClass('x" onclick="y')).toBe('ev-unknown');
  });
});
