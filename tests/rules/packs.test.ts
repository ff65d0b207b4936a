import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { rulesCheck, rulesTest } from '../../src/commands/rules.js';
import { loadRulePacks } from '../../src/rules/load.js';
import { normalize } from '../../src/text/normalize.js';

// The shipped packs in models/rules: every pack valid, every rule's own examples right.
describe('shipped rule packs', () => {
  it('pass the schema and semantic checks', () => {
    const { packs, errors } = rulesCheck();
    expect(errors).toEqual([]);
    expect(packs.length).toBeGreaterThan(0);
  });

  it("pass every rule's own examples", () => {
    const { passed, failed } = rulesTest();
    expect(failed).toEqual([]);
    expect(passed).toBeGreaterThan(0);
  });

  it('read the seed Arabic news report as news, with no propaganda evidence', () => {
    const text = readFileSync(new URL('../fixtures/rules/seed_news_ar.txt', import.meta.url), 'utf8');
    const evidence = loadRulePacks().match(text, normalize(text), 'ar');
    expect(evidence.filter((e) => e.kind === 'category' && e.negated !== true)).toEqual([]);
    expect(evidence.filter((e) => e.category === 'news').length).toBeGreaterThan(3);
  });
});
