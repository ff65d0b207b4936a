import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arabiziView, normalize, toOriginalSpan } from '../../src/text/normalize.js';
import { tokenize } from '../../src/text/tokenize.js';

// Sentences of the Arabic news report that basira must read as news (see ../shared/examples).
const seed = readFileSync(new URL('../fixtures/text/seed_news_ar.txt', import.meta.url), 'utf8');

describe('the seed news article', () => {
  const n = normalize(seed);

  it('normalises its key phrases to the forms the rules match', () => {
    expect(n.text).toContain('الاتحاد الاوروبي');
    expect(n.text).toContain('للدوله الاسلاميه');
    expect(n.text).toContain('محاربه الجهاديين');
    expect(n.text).toContain('المجموعات الارهابيه');
    expect(n.text).toContain('مع 1,3 مليار مستخدم');
    expect(n.text).toContain('غوغل وفيس بوك وتويتر ومايكروسوفت');
  });

  it('is one line of single-spaced text with no diacritics, alef variants or ta marbuta left', () => {
    expect(n.text).not.toMatch(/[\n\u064B-\u065F]|\s{2}|[أإآةى]/);
    expect(n.steps).toEqual(['tashkeel', 'alef', 'alef_maqsura', 'ta_marbuta', 'hamza_carriers', 'whitespace']);
  });

  it('maps each word back to the original word it came from', () => {
    const cps = Array.from(seed);
    for (const t of tokenize(n.text)) {
      const s = toOriginalSpan(n, t.start, t.end);
      const original = cps.slice(s.start, s.end).join('');
      expect(normalize(original).text).toBe(t.text);
    }
  });

  it('has no Arabizi reading', () => {
    expect(arabiziView(seed)).toBeNull();
  });
});
