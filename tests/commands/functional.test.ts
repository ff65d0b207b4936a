import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { functionalCommand, type FunctionalOptions } from '../../src/commands/functional.js';
import { main } from '../../src/main.js';
import { memoryStreams } from '../helpers/streams.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/eval/functional/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'basira-functional-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A fixed fusion and fixture rule packs, rules only: the counts below follow from them alone.
const base: FunctionalOptions = {
  suite: join(FIXTURES, 'suite'),
  rules: join(FIXTURES, 'rules'),
  fusion: join(FIXTURES, 'fusion.json'),
  model: null,
  lexical: null,
  batchSize: 8,
  force: false,
  quiet: true,
};
const argv = ['eval', '--functional', '--suite', join(FIXTURES, 'suite'), '--rules', join(FIXTURES, 'rules'), '--fusion', join(FIXTURES, 'fusion.json'), '--no-model', '--no-lexical'];

describe('basira eval --functional', () => {
  it('scores every case and tallies the pass rate per capability and language', async () => {
    const { tally, results } = await functionalCommand(base, memoryStreams().streams);
    expect(results).toHaveLength(22);
    expect(tally.total).toEqual({ total: 22, passed: 15, exact: 14 });
    expect(tally.byLanguage).toEqual({ ar: { total: 6, passed: 6, exact: 6 }, en: { total: 16, passed: 9, exact: 8 } });
    // The case without any rule term fails, and so does each of its obfuscations.
    expect(results.filter((r) => !r.passed).map((r) => r.case.id)).toEqual([
      'en-recruit_explicit-2',
      'en-obf_zero_width-2',
      'en-obf_leetspeak-2',
      'en-obf_homoglyphs-2',
      'en-obf_spaced_letters-2',
      'en-obf_repeated_letters-1',
      'en-obf_repeated_letters-2',
    ]);
    // Passed but not exact: religious text with no rule for it comes out as other.
    expect(results.find((r) => r.case.id === 'en-religious_plain-1')).toMatchObject({ predicted: 'other', passed: true, exact: false });
  });

  it('prints the tables on stderr only, and writes the JSON and the failing cases when asked', async () => {
    const json = join(dir, 'f.json');
    const errors = join(dir, 'f.csv');
    const io = memoryStreams();
    const code = await main([...argv, '--json', json, '--errors', errors], io.streams);
    expect(code).toBe(0);
    expect(io.out()).toBe('');
    expect(io.err()).toContain('obf_presentation_forms   1/1     —    1/1  100%');
    expect(io.err()).toContain('total                    6/6  9/16  15/22   68%');
    const saved = JSON.parse(readFileSync(json, 'utf8')) as { total: unknown; cases: { id: string; passed: boolean }[]; provenance: { fusion: string } };
    expect(saved.total).toEqual({ total: 22, passed: 15, exact: 14 });
    expect(saved.cases).toHaveLength(22);
    expect(saved.provenance.fusion).toMatch(/^fixture-rules-1#/);
    const lines = readFileSync(errors, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,error,gold,predicted,score,threshold,lang,evidence,text');
    expect(lines).toHaveLength(8);
    expect(lines[1]).toMatch(/^en-recruit_explicit-2,false_negative,propaganda,other,0\.0759,0\.5,en,,/);
  });

  it('writes the JSON to stdout with --json -', async () => {
    const io = memoryStreams();
    expect(await main([...argv, '--json', '-', '-q'], io.streams)).toBe(0);
    expect((JSON.parse(io.out()) as { version: number }).version).toBe(1);
    expect(io.err()).toBe('');
  });

  it('exits 2 with every problem listed when a suite file is broken, and writes nothing', async () => {
    const suite = join(dir, 'broken');
    mkdirSync(suite);
    writeFileSync(join(suite, 'en.csv'), 'id,capability,expected,text,pair\nen-pledge-1,pledge,maybe,text,\n');
    const json = join(dir, 'never.json');
    const io = memoryStreams();
    expect(await main(['eval', '--functional', '--suite', suite, '--json', json], io.streams)).toBe(2);
    expect(io.err()).toContain(`${join(suite, 'en.csv')}:2: unknown expected label "maybe"`);
    expect(() => readFileSync(json)).toThrow();
  });

  it('is deterministic', async () => {
    const a = await functionalCommand(base, memoryStreams().streams);
    const b = await functionalCommand(base, memoryStreams().streams);
    expect(b.results.map((r) => [r.case.text, r.score])).toEqual(a.results.map((r) => [r.case.text, r.score]));
  });
});
