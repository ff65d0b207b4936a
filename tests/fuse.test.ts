import { describe, expect, it } from 'vitest';
import { features, fuse, headKey, logit, ruleMass, type Fusion } from '../src/fuse.js';
import type { Evidence } from '../src/types.js';

const ev = (category: Evidence['category'], weight: number, extra: Partial<Evidence> = {}): Evidence => ({
  rule: `t.${category}`,
  kind: ['news', 'counter_speech', 'religious'].includes(category) ? 'context' : 'category',
  category,
  weight,
  text: 'x',
  start: 0,
  end: 1,
  ...extra,
});

const fusion: Fusion = {
  version: 'test',
  heads: {
    rules: { bias: -2, weights: { 'rules.recruitment': 2, 'rules.news': -2, 'rules.negated': -1 } },
    'rules+lexical': { bias: 0, weights: { 'lexical.propaganda': 1 } },
    lexical: { bias: 0, weights: { 'lexical.propaganda': 1 } },
  },
  threshold: 0.5,
  thresholdByLang: { ar: 0.9 },
  review: [0.4, 0.6],
};

describe('fuse', () => {
  it('orders head keys canonically', () => {
    expect(headKey(['transformer', 'rules', 'lexical'])).toBe('rules+lexical+transformer');
  });

  it('pools negated category matches apart from affirmed ones', () => {
    const mass = ruleMass([ev('recruitment', 1.5), ev('recruitment', 1, { negated: true }), ev('news', 2)]);
    expect(mass.categories.recruitment).toBe(1.5);
    expect(mass.negated).toBe(1);
    expect(mass.contexts.news).toBe(2);
  });

  it('counts the same span firing the same category from two packs once, at the higher weight', () => {
    const a = ev('glorification', 2, { rule: 'en.g.x', start: 3, end: 9 });
    const b = ev('glorification', 1, { rule: 'fr.g.x', start: 3, end: 9 });
    const c = ev('glorification', 1, { rule: 'fr.g.y', start: 0, end: 9 });
    expect(ruleMass([a, b, c]).categories.glorification).toBe(3);
  });

  it('scores with the rules head when no model ran: log1p of rule mass, logistic', () => {
    const out = fuse({ lang: 'en', evidence: [ev('recruitment', Math.E - 1)], models: {} }, fusion);
    expect(out.score).toBeCloseTo(1 / (1 + Math.exp(-(-2 + 2 * 1))), 10);
    expect(out.label).toBe('propaganda');
    expect(out.review).toBe(true);
    expect(out.categories.recruitment).toBeCloseTo(out.score * (1 - Math.exp(-(Math.E - 1))), 10);
    expect(out.categories.incitement).toBe(0);
  });

  it('labels news when the score is low and news context is strongest', () => {
    const out = fuse({ lang: 'en', evidence: [ev('news', 2)], models: {} }, fusion);
    expect(out.label).toBe('news');
    expect(out.context.news).toBeCloseTo(1 - Math.exp(-2), 10);
    expect(out.review).toBe(false);
  });

  it('labels other when nothing points anywhere', () => {
    expect(fuse({ lang: 'en', evidence: [], models: {} }, fusion).label).toBe('other');
  });

  it('uses the per-language threshold', () => {
    const input = { lang: 'ar', evidence: [], models: { lexical: { propaganda: 0.8 } } };
    const out = fuse(input, fusion);
    expect(out.score).toBeCloseTo(0.8, 6);
    expect(out.label).not.toBe('propaganda');
    expect(fuse({ ...input, lang: 'en' }, fusion).label).toBe('propaganda');
  });

  it('drops a scorer by switching to the head fitted without it', () => {
    const input = { lang: 'en', evidence: [ev('recruitment', 5)], models: { lexical: { propaganda: 0.1 } } };
    expect(fuse(input, fusion).score).toBeCloseTo(0.1, 6);
    expect(fuse(input, fusion, new Set(['lexical'])).score).toBeCloseTo(1 / (1 + Math.exp(-(-2 + 2 * Math.log1p(5)))), 10);
    expect(fuse(input, fusion, new Set(['rules'])).score).toBeCloseTo(0.1, 6);
  });

  it('refuses a scorer combination the fusion has no head for', () => {
    expect(() => fuse({ lang: 'en', evidence: [], models: { transformer: { propaganda: 0.5 } } }, fusion)).toThrow(/no head for "rules\+transformer"/);
  });

  it('clips logits so a model saying 0 or 1 stays finite', () => {
    expect(logit(0)).toBe(-8);
    expect(logit(1)).toBe(8);
    expect(features({ lang: 'ar', evidence: [], models: { lexical: { propaganda: 1 } } }, ['lexical'])).toEqual({
      'lexical.propaganda': 8,
      'lang.ar': 1,
      'lang.en': 0,
    });
  });
});
