import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rulesCheck, rulesTest } from '../../src/commands/rules.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/rules/', import.meta.url));
const rel = (p: string): string => path.relative(process.cwd(), path.join(FIXTURES, p));

describe('rulesCheck', () => {
  it('lists each pack with its rule count', () => {
    expect(rulesCheck(path.join(FIXTURES, 'basic'))).toEqual({
      packs: [
        { file: rel('basic/ar.json'), lang: 'ar', rules: 4 },
        { file: rel('basic/en.json'), lang: 'en', rules: 5 },
        { file: rel('basic/fr.json'), lang: 'fr', rules: 1 },
      ],
      errors: [],
    });
  });

  it('returns the errors instead of throwing', () => {
    const { packs, errors } = rulesCheck(path.join(FIXTURES, 'bad_json'));
    expect(packs).toEqual([]);
    expect(errors).toEqual([expect.stringMatching(/^.*bad_json\/en\.json: invalid JSON: /)]);
  });
});

describe('rulesTest', () => {
  it('passes every example of a correct pack', () => {
    expect(rulesTest(path.join(FIXTURES, 'basic'))).toEqual({ passed: 22, failed: [] });
  });

  it('reports a match example that does not fire and a no_match example that does', () => {
    expect(rulesTest(path.join(FIXTURES, 'failing'))).toEqual({
      passed: 2,
      failed: [
        { rule: 'en.recruitment.join', example: 'Make hijrah now', expected: 'match' },
        { rule: 'en.recruitment.join', example: 'Police said he wanted to join the caliphate', expected: 'no_match' },
      ],
    });
  });

  it('refuses invalid packs with E_RULES', () => {
    expect(() => rulesTest(path.join(FIXTURES, 'bad_json'))).toThrow(expect.objectContaining({ code: 'E_RULES' }));
  });
});
