import { describe, expect, it } from 'vitest';
import { normalizeCommand } from '../../src/commands/normalize.js';

describe('normalizeCommand', () => {
  it('reports the normalised text, the steps, the tokens and no Arabizi reading for Arabic', () => {
    expect(normalizeCommand('الـدولة الإسلامية https://t.co/x')).toEqual({
      original: 'الـدولة الإسلامية https://t.co/x',
      normalized: 'الدوله الاسلاميه t.co',
      steps: ['tatweel', 'alef', 'ta_marbuta', 'url'],
      arabizi: null,
      tokens: ['الدوله', 'الاسلاميه', 't', 'co'],
    });
  });

  it('adds the Arabic-script reading of an Arabizi post', () => {
    const r = normalizeCommand('El Dawla el Islamiya baqiya');
    expect(r.normalized).toBe('el dawla el islamiya baqiya');
    expect(r.arabizi).toBe('الدوله الاسلاميه بقيه');
  });
});
