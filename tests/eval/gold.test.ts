import { describe, expect, it } from 'vitest';
import { BasiraError } from '../../src/errors.js';
import { parseGold, parseGoldCategories } from '../../src/eval/gold.js';

describe('parseGold', () => {
  it('reads the five labels and not_propaganda, case and spaces aside', () => {
    expect(parseGold('news')).toBe('news');
    expect(parseGold(' Counter_Speech ')).toBe('counter_speech');
    expect(parseGold('not_propaganda')).toBe('not_propaganda');
  });

  it('maps a binary column through --positive', () => {
    expect(parseGold('1', '1')).toBe('propaganda');
    expect(parseGold(' 1 ', '1')).toBe('propaganda');
    expect(parseGold('0', '1')).toBe('not_propaganda');
    expect(parseGold('news', 'propaganda')).toBe('not_propaganda');
  });

  it('returns null for an empty cell and names an unknown label with a hint', () => {
    expect(parseGold('')).toBeNull();
    expect(parseGold(undefined, '1')).toBeNull();
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
