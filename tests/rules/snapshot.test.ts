import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRulePacks, readValidPacks } from '../../src/rules/load.js';
import { DEFAULT_RULES_DIR } from '../../src/rules/paths.js';
import { openRuleSet, rulesSnapshot, type RulesSnapshot } from '../../src/rules/snapshot.js';
import type { RulePack } from '../../src/rules/pack.js';
import type { RuleSet } from '../../src/rules/ruleset.js';
import { normalize } from '../../src/text/normalize.js';
import { detectLanguage } from '../../src/lang/detect.js';
import { syntheticPosts } from '../../bench/synthetic.js';

const BASIC = fileURLToPath(new URL('../fixtures/rules/basic', import.meta.url));
const SEED = readFileSync(fileURLToPath(new URL('../fixtures/rules/seed_news_ar.txt', import.meta.url)), 'utf8');

/** Every example of every rule of the shipped packs, a news report and synthetic posts. */
function texts(): string[] {
  const examples = readValidPacks(DEFAULT_RULES_DIR).flatMap(({ pack }) =>
    pack.rules.flatMap((r) => [...r.examples.match, ...r.examples.no_match]),
  );
  return [...examples, SEED, ...syntheticPosts(300, 5)];
}

function evidenceOf(rules: RuleSet, all: readonly string[]): unknown[] {
  return all.map((text) => rules.match(text, normalize(text), detectLanguage(text)));
}

describe('openRuleSet', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'basira-snapshot-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds from a snapshot of the shipped packs the rule set that validating and compiling them builds', async () => {
    // Compiled first: once a snapshot is used, compiling takes its term tokens too.
    const compiled = loadRulePacks(DEFAULT_RULES_DIR);
    const snapshot = rulesSnapshot(DEFAULT_RULES_DIR, readValidPacks(DEFAULT_RULES_DIR));
    // Through JSON, as the build stores it.
    const stored = JSON.parse(JSON.stringify(snapshot)) as RulesSnapshot;
    expect(stored.packs).toEqual(readValidPacks(DEFAULT_RULES_DIR).map((p) => path.basename(p.file)));
    expect(stored.phrases.length).toBeGreaterThan(1000);
    const fromSnapshot = await openRuleSet(DEFAULT_RULES_DIR, stored);
    expect(fromSnapshot.version).toBe(compiled.version);
    expect(fromSnapshot.languages).toEqual(compiled.languages);
    const all = texts();
    const evidence = evidenceOf(fromSnapshot, all);
    expect(evidence.some((e) => (e as unknown[]).length > 0)).toBe(true);
    expect(evidence).toEqual(evidenceOf(compiled, all));
  });

  it('reads, validates and compiles a folder whose files differ from the snapshot', async () => {
    const snapshot = rulesSnapshot(BASIC, readValidPacks(BASIC));
    const copy = path.join(dir, 'changed');
    cpSync(BASIC, copy, { recursive: true });
    const en = JSON.parse(readFileSync(path.join(copy, 'en.json'), 'utf8')) as RulePack;
    writeFileSync(path.join(copy, 'en.json'), JSON.stringify({ ...en, version: '9.9.9' }));
    expect((await openRuleSet(copy, snapshot)).version).toBe(loadRulePacks(copy).version);
    expect((await openRuleSet(copy, snapshot)).version).not.toBe((await openRuleSet(BASIC, snapshot)).version);

    writeFileSync(path.join(copy, 'en.json'), '{ not json');
    await expect(openRuleSet(copy, snapshot)).rejects.toMatchObject({ code: 'E_RULES' });
  });

  it('without a snapshot, or for a missing folder, does what loadRulePacks does', async () => {
    expect((await openRuleSet(BASIC, null)).version).toBe(loadRulePacks(BASIC).version);
    const snapshot = rulesSnapshot(BASIC, readValidPacks(BASIC));
    await expect(openRuleSet(path.join(dir, 'no_such_folder'), snapshot)).rejects.toThrow(/rule pack folder not found/);
  });

  // Last: the tokens it plants stay in compile.ts's memo for the rest of this file.
  it('compiles with the term tokens of the snapshot instead of working them out again', async () => {
    const snapshot = rulesSnapshot(BASIC, readValidPacks(BASIC));
    const planted = snapshot.phrases.map(([key, tokens]): [string, readonly string[]] =>
      key.startsWith('en\u0000') ? [key, ['zzqqxx']] : [key, tokens],
    );
    const rules = await openRuleSet(BASIC, { ...snapshot, phrases: planted });
    const text = 'a post that says zzqqxx';
    expect(rules.match(text, normalize(text), 'en').length).toBeGreaterThan(0);
  });
});
