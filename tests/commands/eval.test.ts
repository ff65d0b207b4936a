import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { evalCommand, type EvalOptions } from '../../src/commands/eval.js';
import { memoryStreams } from '../helpers/streams.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/eval/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'basira-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Rules only (the shipped packs and fusion prior): no model files needed, fast and deterministic.
const base: EvalOptions = {
  input: join(FIXTURES, 'gold.csv'),
  labelCol: 'label',
  model: null,
  lexical: null,
  batchSize: 4,
  force: false,
  quiet: false,
  targetPrecision: 0.9,
  resamples: 50,
  seed: 1,
  errors: 10,
};

describe('basira eval', () => {
  it('evaluates labelled rows, leaves out unlabelled ones, and prints tables on stderr only', async () => {
    const io = memoryStreams();
    const result = await evalCommand({ ...base, categoriesCol: 'categories' }, io.streams);
    expect(result).toMatchObject({ read: 10, evaluated: 9, failed: 0, unlabelled: 1 });
    expect(result.summary).toMatchObject({ n: 9, positives: 3, gold: 'five-way', primary: 'fused', systems: ['fused'] });
    expect(result.summary.confusion?.matrix.flat().reduce((a, b) => a + b, 0)).toBe(9);
    expect(result.summary.categories?.map((c) => c.n)).toEqual([3, 3, 3, 3]);
    expect(io.out()).toBe('');
    expect(io.err()).toContain('Systems: 9 posts, 3 gold propaganda');
    expect(io.err()).toContain('1 rows have no gold label in "label"');
  });

  it('reads a binary column through --positive and slices by a gold language column', async () => {
    const io = memoryStreams();
    const result = await evalCommand({ ...base, positive: 'propaganda', langCol: 'lang', quiet: true }, io.streams);
    expect(result.summary.gold).toBe('binary');
    expect(result.summary.confusion).toBeNull();
    expect(result.summary.languages.map((l) => [l.lang, l.n])).toEqual([
      ['en', 5],
      ['ar', 2],
      ['fr', 2],
    ]);
    expect(io.err()).toBe('');
  });

  it('writes the HTML report and the JSON summary, and refuses to overwrite them without --force', async () => {
    const report = join(dir, 'r.html');
    const json = join(dir, 's.json');
    const io = memoryStreams();
    const result = await evalCommand({ ...base, report, json, quiet: true }, io.streams);
    const html = readFileSync(report, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<svg viewBox=');
    expect(html).not.toMatch(/<script/i);
    const saved = JSON.parse(readFileSync(json, 'utf8')) as { n: number; provenance: { rules: string } };
    expect(saved.n).toBe(result.summary.n);
    expect(saved.provenance.rules).toBeTruthy();
    await expect(evalCommand({ ...base, report, quiet: true }, memoryStreams().streams)).rejects.toMatchObject({ code: 'E_OUTPUT_EXISTS' });
    writeFileSync(report, 'old');
    await evalCommand({ ...base, report, force: true, quiet: true }, memoryStreams().streams);
    expect(readFileSync(report, 'utf8')).not.toBe('old');
  });

  it('is deterministic', async () => {
    const a = await evalCommand({ ...base, quiet: true }, memoryStreams().streams);
    const b = await evalCommand({ ...base, quiet: true }, memoryStreams().streams);
    expect(b.summary).toEqual(a.summary);
  });

  it('names the file and line of an unknown gold label, and leaves no output behind', async () => {
    const input = join(FIXTURES, 'bad-label.csv');
    const report = join(dir, 'failed.html');
    await expect(evalCommand({ ...base, input, report, quiet: true }, memoryStreams().streams)).rejects.toMatchObject({
      code: 'E_DATA',
      message: `${input}:2: unknown gold label "spam"`,
    });
    expect(readdirSync(dir).filter((f) => f.includes('failed'))).toEqual([]);
  });

  it('refuses a file without labelled rows and a missing label column', async () => {
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, 'id,text,label\n1,hello,\n');
    await expect(evalCommand({ ...base, input: empty, quiet: true }, memoryStreams().streams)).rejects.toMatchObject({ code: 'E_DATA' });
    await expect(evalCommand({ ...base, labelCol: 'gold', quiet: true }, memoryStreams().streams)).rejects.toMatchObject({ code: 'E_INPUT' });
    expect(existsSync(join(dir, 'never.html'))).toBe(false);
  });
});
