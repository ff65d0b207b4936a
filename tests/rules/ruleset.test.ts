import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { loadRulePacks } from '../../src/rules/load.js';
import { normalize } from '../../src/text/normalize.js';
import type { Evidence } from '../../src/types.js';

const BASIC = fileURLToPath(new URL('../fixtures/rules/basic/', import.meta.url));
const rules = loadRulePacks(BASIC);

function match(text: string, lang = 'en'): Evidence[] {
  return rules.match(text, normalize(text), lang);
}

function hits(text: string, lang = 'en'): [string, string][] {
  return match(text, lang).map((e) => [e.rule, e.text]);
}

function expectOffsetsInOriginal(text: string, evidence: readonly Evidence[]): void {
  const chars = Array.from(text);
  for (const e of evidence) expect(chars.slice(e.start, e.end).join('')).toBe(e.text);
}

describe('RuleSet', () => {
  it('names its packs and a stable version', () => {
    expect(rules.languages).toEqual(['ar', 'en', 'fr']);
    expect(rules.version).toMatch(/^ar@1\.0\.0\+en@1\.0\.0\+fr@1\.0\.0#[0-9a-f]{12}$/);
    expect(loadRulePacks(BASIC).version).toBe(rules.version);
  });

  it('reports a phrase with its rule, kind, category, weight and original span', () => {
    expect(match('Brothers, JOIN the Caliphate!')).toEqual([
      { rule: 'en.recruitment.join', kind: 'category', category: 'recruitment', weight: 2, text: 'JOIN the Caliphate', start: 10, end: 28 },
      { rule: 'en.glorification.caliphate', kind: 'category', category: 'glorification', weight: 1, text: 'the Caliphate', start: 15, end: 28 },
    ]);
  });

  it('reports overlapping phrases of different rules, and only the longest span of one rule', () => {
    const found = hits('join the caliphate');
    expect(found).toEqual([
      ['en.recruitment.join', 'join the caliphate'],
      ['en.glorification.caliphate', 'the caliphate'],
    ]);
  });

  it('reports every separate occurrence, ordered by start', () => {
    expect(match('caliphate and caliphate').map((e) => e.start)).toEqual([0, 14]);
  });

  it('matches stems when the rule stems', () => {
    expect(hits('They are joining the caliphates')[0]).toEqual(['en.recruitment.join', 'joining the caliphates']);
    expect(hits('Rejoignez les Frères maintenant', 'fr')).toEqual([['fr.recruitment.rejoindre', 'Rejoignez les Frères']]);
  });

  it('matches surface forms only when the rule does not stem', () => {
    expect(hits('jihad')).toEqual([['en.incitement.jihad', 'jihad']]);
    expect(hits('jihads')).toEqual([]);
  });

  describe('near', () => {
    it('fires with a near term within the window on either side', () => {
      expect(hits('Brothers, travel now')).toEqual([['en.recruitment.travel_near', 'travel']]);
      expect(hits('travel with your brothers')).toEqual([['en.recruitment.travel_near', 'travel']]);
    });

    it('does not fire without a near term, or with one beyond the window', () => {
      expect(hits('travel now')).toEqual([]);
      expect(hits('brothers we will all go and travel')).toEqual([]);
    });
  });

  describe('negation', () => {
    it('marks a category match that follows a cue within 3 tokens', () => {
      const [join] = match('I will never join the caliphate');
      expect(join).toMatchObject({ rule: 'en.recruitment.join', negated: true });
      expect(match('I will not ever really join the caliphate')[0]).toMatchObject({ negated: true });
    });

    it('leaves a match alone when the cue is further away or after it', () => {
      expect(match('Never. I said it, join the caliphate')[0]).not.toHaveProperty('negated');
      expect(match('join the caliphate, never')[0]).not.toHaveProperty('negated');
    });

    it('handles multi-token cues and Arabic cues', () => {
      expect(match("We won't join the caliphate")[0]).toMatchObject({ negated: true });
      expect(match('لن ننضم', 'ar')).toEqual([
        expect.objectContaining({ rule: 'ar.recruitment.join', text: 'ننضم', negated: true }),
      ]);
    });

    it('uses the cues of every pack that reads the post', () => {
      expect(match('we will never join الدولة الإسلامية')).toContainEqual(
        expect.objectContaining({ rule: 'ar.glorification.state', negated: true }),
      );
    });

    it('never marks a context match', () => {
      expect(match('not according to them')).toEqual([
        expect.not.objectContaining({ negated: true }),
      ]);
    });
  });

  describe('Arabic', () => {
    it('matches through clitics when the rule stems', () => {
      expect(hits('والدولة الإسلامية باقية', 'ar')).toEqual([['ar.glorification.state', 'والدولة الإسلامية']]);
    });

    it('matches the exact words when the rule does not stem', () => {
      expect(hits('دولة الخلافة', 'ar')).toEqual([['ar.glorification.khilafa_state', 'دولة الخلافة']]);
      expect(hits('ودولة الخلافة', 'ar')).toEqual([]);
    });

    it('matches through diacritics, tatweel and zero-width characters, reporting the original text', () => {
      const zw = 'عاشت الدو\u200Bلة الإسلامية';
      expect(hits(zw, 'ar')).toEqual([['ar.glorification.state', 'الدو\u200Bلة الإسلامية']]);
      const marked = 'الدَّوْلَةُ الإِسْلَامِيَّةُ';
      expect(hits(marked, 'ar')).toEqual([['ar.glorification.state', marked]]);
      expect(hits('الدولـــة الإسلامية', 'ar')).toEqual([['ar.glorification.state', 'الدولـــة الإسلامية']]);
    });

    it('reads Arabic-script terms in posts of any language', () => {
      expect(hits('Long live الدولة الإسلامية', 'en')).toContainEqual(['ar.glorification.state', 'الدولة الإسلامية']);
    });

    it('matches the ar pack on the Arabizi view and maps it back to the original', () => {
      const text = 'el dawla el islamiya ba9ya';
      const found = match(text, 'und').filter((e) => e.rule === 'ar.glorification.state');
      expect(found).toHaveLength(1);
      expectOffsetsInOriginal(text, found);
      expect(found[0]?.text).toMatch(/^el dawla/);
    });
  });

  describe('obfuscation undone by the normaliser', () => {
    it('matches spaced-out letters and reports them as written', () => {
      expect(hits('wage j.i.h.a.d now')).toEqual([['en.incitement.jihad', 'j.i.h.a.d']]);
    });

    it('matches hashtags', () => {
      expect(hits('#الدولة_الإسلامية', 'ar')).toEqual([['ar.glorification.state', 'الدولة_الإسلامية']]);
    });
  });

  it('applies the pack of the detected language only to posts in it', () => {
    expect(hits('Rejoignez les frères', 'de')).toEqual([]);
    expect(hits('Rejoignez les frères', 'fr')).toHaveLength(1);
  });

  it('counts offsets in code points of the original text', () => {
    const text = '😀😀 𝐁rothers, JOIN the caliphate';
    const found = match(text);
    expect(found[0]).toMatchObject({ rule: 'en.recruitment.join', start: 13, end: 31, text: 'JOIN the caliphate' });
    expectOffsetsInOriginal(text, found);
  });

  it('returns nothing for an empty post', () => {
    expect(match('')).toEqual([]);
  });

  it('never throws and always reports original substrings, on any text around any term', () => {
    const terms = ['join the caliphate', 'الدولة الإسلامية', 'jihad', 'لن ننضم', 'brothers travel', 'داعش'];
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.constantFrom(...terms), fc.string({ unit: 'grapheme' }), (a, term, b) => {
        const text = `${a} ${term} ${b}`;
        expectOffsetsInOriginal(text, match(text));
      }),
      { numRuns: 300 },
    );
  });
});
