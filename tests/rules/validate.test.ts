import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { crossPackErrors, validatePack } from '../../src/rules/validate.js';
import type { RulePack } from '../../src/rules/pack.js';

// Inside the working directory, so messages show the path as people typed it.
const FILE = path.join(process.cwd(), 'models', 'rules', 'en.json');
const AT = 'models/rules/en.json';

function pack(rule: Record<string, unknown> = {}, top: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    lang: 'en',
    version: '1.0.0',
    description: 'test',
    negations: ['never'],
    rules: [
      {
        id: 'en.recruitment.ok',
        category: 'recruitment',
        weight: 1,
        terms: ['join us'],
        examples: { match: ['join us'], no_match: ['hello'] },
      },
      {
        id: 'en.recruitment.x',
        category: 'recruitment',
        weight: 1,
        terms: ['make hijrah'],
        examples: { match: ['make hijrah'], no_match: ['hello'] },
        ...rule,
      },
    ],
    ...top,
  };
}

function without(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...obj };
  delete copy[key];
  return copy;
}

describe('validatePack: schema errors name the file, the rule (1-based) and the field', () => {
  it('accepts a valid pack', () => {
    expect(validatePack(pack(), FILE)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['weight too high', { weight: 6 }, 'weight must be <= 5'],
    ['weight zero', { weight: 0 }, 'weight must be > 0'],
    ['weight not a number', { weight: 'high' }, 'weight must be number'],
    ['empty terms', { terms: [] }, 'terms must NOT have fewer than 1 items'],
    ['empty term', { terms: [''] }, 'terms[0] must NOT have fewer than 1 characters'],
    ['unknown category', { category: 'propaganda' }, 'category must be one of recruitment, incitement, glorification, dissemination'],
    ['category and context', { context: 'news' }, 'category and context are both set (set exactly one)'],
    ['misspelt field', { catgory: 'recruitment' }, 'catgory is not a known field'],
    ['near window zero', { near: { terms: ['now'], window: 0 } }, 'near.window must be >= 1'],
    ['near without window', { near: { terms: ['now'] } }, 'near.window is required'],
    ['stem not boolean', { stem: 'yes' }, 'stem must be boolean'],
    ['no match examples', { examples: { match: [], no_match: ['x'] } }, 'examples.match must NOT have fewer than 1 items'],
    ['id pattern', { id: 'EN.Recruitment.X' }, 'id must match pattern "^[a-z]{2}\\.[a-z_]+\\.[a-z0-9_]+$"'],
  ])('%s', (_name, change, message) => {
    const rule = JSON.parse(JSON.stringify(change)) as Record<string, unknown>;
    const id = typeof rule['id'] === 'string' ? rule['id'] : 'en.recruitment.x';
    expect(validatePack(pack(rule), FILE)).toContain(`${AT}: rule #2 "${id}": ${message}`);
  });

  it('reports a missing field', () => {
    const data = pack();
    const rules = data['rules'] as Record<string, unknown>[];
    rules[1] = without(rules[1] ?? {}, 'terms');
    expect(validatePack(data, FILE)).toEqual([`${AT}: rule #2 "en.recruitment.x": terms is required`]);
  });

  it('asks for one of category or context when neither is set', () => {
    const data = pack();
    const rules = data['rules'] as Record<string, unknown>[];
    rules[1] = without(rules[1] ?? {}, 'category');
    expect(validatePack(data, FILE)).toEqual([
      `${AT}: rule #2 "en.recruitment.x": category or context is required (exactly one of them)`,
    ]);
  });

  it('reports an unknown context', () => {
    const data = pack({ context: 'satire' });
    const rules = data['rules'] as Record<string, unknown>[];
    rules[1] = without(rules[1] ?? {}, 'category');
    expect(validatePack(data, FILE)).toEqual([
      `${AT}: rule #2 "en.recruitment.x": context must be one of news, counter_speech, religious`,
    ]);
  });

  it('names a rule without an id by its number', () => {
    const data = pack();
    const rules = data['rules'] as Record<string, unknown>[];
    rules[1] = without(rules[1] ?? {}, 'id');
    expect(validatePack(data, FILE)).toEqual([`${AT}: rule #2: id is required`]);
  });

  it('reports pack-level fields without a rule', () => {
    expect(validatePack(pack({}, { version: '1.0' }), FILE)).toEqual([`${AT}: version must match pattern "^[0-9]+\\.[0-9]+\\.[0-9]+$"`]);
    expect(validatePack(without(pack(), 'rules'), FILE)).toEqual([`${AT}: rules is required`]);
    expect(validatePack(pack({}, { lang: 'tr' }), FILE)).toEqual([`${AT}: lang must be one of ar, en, fr, de, it, es, nl`]);
    expect(validatePack([], FILE)).toEqual([`${AT}: must be object`]);
  });

  it('reports every error at once', () => {
    expect(validatePack(pack({ weight: 9, stem: 1 }), FILE)).toHaveLength(2);
  });
});

describe('validatePack: semantic errors', () => {
  it('rejects a term, a near term or a negation that normalises to nothing', () => {
    const errors = validatePack(pack({ terms: ['make hijrah', '!!!'], near: { terms: ['…'], window: 2 } }, { negations: ['never', '--'] }), FILE);
    expect(errors).toEqual([
      `${AT}: negations[1] "--" has no words after normalisation`,
      `${AT}: rule #2 "en.recruitment.x": terms[1] "!!!" has no words after normalisation`,
      `${AT}: rule #2 "en.recruitment.x": near.terms[0] "…" has no words after normalisation`,
    ]);
  });

  it('rejects an id of another language', () => {
    expect(validatePack(pack({ id: 'fr.recruitment.x' }), FILE)).toEqual([
      `${AT}: rule #2 "fr.recruitment.x": id must start with "en."`,
    ]);
  });

  it('rejects a lang that does not match the file name', () => {
    expect(validatePack(pack({ id: 'de.recruitment.x' }, { lang: 'de' }), FILE)).toContain(
      `${AT}: lang "de" does not match the file name (expected de.json)`,
    );
  });
});

describe('crossPackErrors', () => {
  it('names both places of a duplicate id', () => {
    const data = pack({ id: 'en.recruitment.ok' }) as unknown as RulePack;
    expect(crossPackErrors([{ file: FILE, pack: data }])).toEqual([
      `${AT}: rule #2 "en.recruitment.ok": id duplicates ${AT}: rule #1 "en.recruitment.ok"`,
    ]);
  });

  it('finds duplicates across packs', () => {
    const a = pack() as unknown as RulePack;
    const other = path.join(process.cwd(), 'models', 'rules', 'en-extra.json');
    expect(crossPackErrors([{ file: FILE, pack: a }, { file: other, pack: a }])).toHaveLength(2);
  });
});
