import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CAPABILITIES, SUITE_LANGS } from '../../../src/eval/functional/capabilities.js';
import { LOSSLESS } from '../../../src/eval/functional/obfuscate.js';
import { generateObfuscated, loadSuite, parseSuiteFile } from '../../../src/eval/functional/suite.js';
import { PACKAGE_ROOT } from '../../../src/paths.js';
import { normalize } from '../../../src/text/normalize.js';

const SUITE = fileURLToPath(new URL('../../fixtures/eval/functional/suite/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'basira-suite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'id,capability,expected,text,pair\n';

describe('loadSuite', () => {
  const suite = loadSuite(SUITE);

  it('reads every language file, with file and line of each case', () => {
    expect(suite.files.map((f) => f.slice(SUITE.length))).toEqual(['ar.csv', 'en.csv']);
    const written = suite.cases.filter((c) => !c.generated);
    expect(written.map((c) => c.id)).toEqual([
      'ar-recruit_explicit-1',
      'ar-opponent_naming-1',
      'en-recruit_explicit-1',
      'en-recruit_explicit-2',
      'en-recruit_reported-1',
      'en-condemn_attack-1',
      'en-negation-1',
      'en-religious_plain-1',
    ]);
    expect(written[4]).toMatchObject({ lang: 'en', capability: 'recruit_reported', expected: 'news', pair: 'en-recruit_explicit-1', line: 4 });
  });

  it('generates each obfuscation of its languages from the positive base cases, paired with them', () => {
    const generated = suite.cases.filter((c) => c.generated);
    expect(generated.map((c) => `${c.id}<${c.pair}`)).toEqual([
      'ar-obf_zero_width-1<ar-recruit_explicit-1',
      'en-obf_zero_width-1<en-recruit_explicit-1',
      'en-obf_zero_width-2<en-recruit_explicit-2',
      'ar-obf_tatweel-1<ar-recruit_explicit-1',
      'ar-obf_diacritics-1<ar-recruit_explicit-1',
      'ar-obf_presentation_forms-1<ar-recruit_explicit-1',
      'en-obf_leetspeak-1<en-recruit_explicit-1',
      'en-obf_leetspeak-2<en-recruit_explicit-2',
      'en-obf_homoglyphs-1<en-recruit_explicit-1',
      'en-obf_homoglyphs-2<en-recruit_explicit-2',
      'en-obf_spaced_letters-1<en-recruit_explicit-1',
      'en-obf_spaced_letters-2<en-recruit_explicit-2',
      'en-obf_repeated_letters-1<en-recruit_explicit-1',
      'en-obf_repeated_letters-2<en-recruit_explicit-2',
    ]);
    expect(generated.every((c) => c.expected === 'propaganda')).toBe(true);
    expect(loadSuite(SUITE)).toEqual(suite);
  });

  it('lists every problem of every file with its file and line, as one E_DATA error', () => {
    const bad = join(dir, 'bad');
    rmSync(bad, { recursive: true, force: true });
    mkdirSync(bad);
    writeFileSync(
      join(bad, 'en.csv'),
      HEADER +
        'en-recruit-1,recruit,propaganda,text,\n' +
        'en-pledge-1,pledge,spam,text,\n' +
        'en-recruit_reported-1,recruit_reported,propaganda,text,\n' +
        'en-pledge-x,pledge,propaganda,text,\n' +
        'en-pledge-2,pledge,propaganda,,\n' +
        'en-obf_leetspeak-1,obf_leetspeak,propaganda,t3xt,\n' +
        'en-obf_arabizi-1,obf_arabizi,propaganda,text,\n' +
        'en-pledge-3,pledge,propaganda,"one, two",en-nowhere-1\n' +
        'en-pledge-3,pledge,propaganda,again,\n' +
        'en-pledge-4,pledge,propaganda\n',
    );
    writeFileSync(join(bad, 'xx.csv'), HEADER);
    writeFileSync(join(bad, 'fr.csv'), 'id,text\n');
    try {
      loadSuite(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'E_DATA', exitCode: 2 });
      const lines = (e as Error).message.split('\n').slice(1).map((l) => l.trim().slice(bad.length + 1));
      expect(lines).toEqual([
        'en.csv:2: unknown capability "recruit" (known: ' + CAPABILITIES.filter((c) => c.obfuscation === undefined).map((c) => c.name).join(', ') + ')',
        'en.csv:3: unknown expected label "spam" (labels: propaganda, news, counter_speech, religious, other)',
        'en.csv:4: recruit_reported cases expect news, not propaganda',
        'en.csv:5: id "en-pledge-x" should be en-pledge-N',
        'en.csv:6: empty text',
        'en.csv:7: capability "obf_leetspeak" is generated from the positive cases, not written by hand',
        'en.csv:8: capability "obf_arabizi" is not tested in en',
        'en.csv:11: expected 5 fields, found 3',
        'fr.csv:1: the header must be id,capability,expected,text,pair, not id,text',
        'xx.csv: not a suite file: files are named <lang>.csv, lang one of ar, en, fr, de, it, es, nl',
        'en.csv:10: id en-pledge-3 is also used at ' + join(bad, 'en.csv') + ':9',
        'en.csv:9: pair en-nowhere-1 is not a case of the suite',
      ]);
    }
  });

  it('refuses a folder without suite files', () => {
    expect(() => loadSuite(dir)).toThrow(expect.objectContaining({ code: 'E_INPUT' }));
  });
});

describe('parseSuiteFile', () => {
  it('gives the line where a record starts, quoted line breaks included', () => {
    const problems: string[] = [];
    const cases = parseSuiteFile('x/en.csv', 'en', `${HEADER}en-pledge-1,pledge,propaganda,"two\nlines",\nen-pledge-2,pledge,propaganda,one,\n`, problems);
    expect(problems).toEqual([]);
    expect(cases.map((c) => c.line)).toEqual([2, 4]);
  });
});

describe('generateObfuscated', () => {
  it('skips an obfuscation that finds nothing to change', () => {
    const base = { lang: 'en' as const, capability: 'recruit_explicit', expected: 'propaganda' as const, pair: null, generated: false, file: 'f', line: 2 };
    const out = generateObfuscated([{ ...base, id: 'en-recruit_explicit-1', text: 'go' }]);
    expect(out.map((c) => c.capability)).toEqual([]);
  });
});

describe('the shipped suite (datasets/functional)', () => {
  const suite = loadSuite(join(PACKAGE_ROOT, 'datasets', 'functional'));

  it('is valid, in all seven languages, with at least 20 capabilities each', () => {
    const langs = new Set(suite.cases.map((c) => c.lang));
    expect([...langs].sort()).toEqual([...SUITE_LANGS].sort());
    for (const lang of SUITE_LANGS) {
      const caps = new Set(suite.cases.filter((c) => c.lang === lang).map((c) => c.capability));
      expect(caps.size, lang).toBeGreaterThanOrEqual(20);
    }
  });

  it('has positive cases that the normaliser restores from each lossless obfuscation', () => {
    for (const c of suite.cases.filter((k) => k.generated && LOSSLESS.some((o) => k.capability === `obf_${o}`))) {
      const base = suite.cases.find((k) => k.id === c.pair);
      expect(normalize(c.text).text, c.id).toBe(normalize(base?.text ?? '').text);
    }
  });
});
