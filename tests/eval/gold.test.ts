import { describe, expect, it } from 'vitest';
import { BasiraError } from '../../src/errors.js';
import { parseGold, parseGoldCategories, parseLabelMap } from '../../src/eval/gold.js';

describe('parseGold', () => {
  it('reads the five labels and not_propaganda, case and spaces aside', () => {
    expect(parseGold('news')).toBe('news');
    expect(parseGold(' Counter_Speech ')).toBe('counter_speech');
    expect(parseGold('not_propaganda')).toBe('not_propaganda');
  });

  it('maps a binary column through --positive', () => {
    expect(parseGold('1', { positive: '1' })).toBe('propaganda');
    expect(parseGold(' 1 ', { positive: '1' })).toBe('propaganda');
    expect(parseGold('0', { positive: '1' })).toBe('not_propaganda');
    expect(parseGold('news', { positive: 'propaganda' })).toBe('not_propaganda');
  });

  it('returns null for an empty cell and names an unknown label with a hint', () => {
    expect(parseGold('')).toBeNull();
    expect(parseGold(undefined, { positive: '1' })).toBeNull();
    expect(() => parseGold('1')).toThrow(BasiraError);
    const error = ((): unknown => {
      try {
        parseGold('spam');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(BasiraError);
    expect(error).toMatchObject({ code: 'E_DATA', message: 'unknown gold label "spam"' });
    expect((error as BasiraError).hint).toContain('--positive');
  });
});

describe('--map', () => {
  const map = parseLabelMap(' pro=propaganda, neutral = News ,spam=other,bin=not_propaganda,');

  it('parses THEIRS=OURS pairs, trimmed, our labels case-insensitive', () => {
    expect(map).toEqual({ pro: 'propaganda', neutral: 'news', spam: 'other', bin: 'not_propaganda' });
    expect(parseLabelMap('a=b=news')).toEqual({ 'a=b': 'news' });
  });

  it('maps cells through it, and names a value it lacks', () => {
    expect(parseGold(' pro ', { map })).toBe('propaganda');
    expect(parseGold('', { map })).toBeNull();
    expect(() => parseGold('Pro', { map })).toThrow(expect.objectContaining({ code: 'E_DATA', message: 'gold label "Pro" is not in the label map' }));
  });

  it('refuses a malformed map as a usage error', () => {
    expect(() => parseLabelMap('pro')).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
    expect(() => parseLabelMap('=news')).toThrow(/is not THEIRS=OURS/);
    expect(() => parseLabelMap('pro=jihad')).toThrow(/"jihad" \(for "pro"\) is not a label/);
    expect(() => parseLabelMap('a=news,a=other')).toThrow(/mapped twice/);
    expect(() => parseLabelMap(' , ')).toThrow(/empty/);
  });
});

describe('parseGoldCategories', () => {
  it("splits on '|', trims, dedupes", () => {
    expect(parseGoldCategories('glorification|dissemination')).toEqual(['glorification', 'dissemination']);
    expect(parseGoldCategories(' Incitement | incitement ')).toEqual(['incitement']);
  });

  it('is null when empty and rejects unknown categories', () => {
    expect(parseGoldCategories('')).toBeNull();
    expect(parseGoldCategories(undefined)).toBeNull();
    expect(() => parseGoldCategories('recruitment|jihad')).toThrow(BasiraError);
  });
});
