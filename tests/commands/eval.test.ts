import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { evalCommand, type EvalOptions } from '../../src/commands/eval.js';
import { parseArgv } from '../../src/cli.js';
import { main } from '../../src/main.js';
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
  reportErrors: 10,
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

describe('basira eval, error analysis', () => {
  it('writes every false positive and negative, worst first, with evidence and text; refuses to overwrite before the run', async () => {
    // The fixture packs know few phrases, so this run misses several posts.
    const fixed = { ...base, rules: fileURLToPath(new URL('../fixtures/eval/functional/rules', import.meta.url)), fusion: fileURLToPath(new URL('../fixtures/eval/functional/fusion.json', import.meta.url)) };
    const errors = join(dir, 'errors.csv');
    const result = await evalCommand({ ...fixed, errors, quiet: true }, memoryStreams().streams);
    const lines = readFileSync(errors, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,error,gold,predicted,score,threshold,lang,evidence,text');
    const { counts } = result.summary.overall.systems.fused!;
    expect(lines).toHaveLength(1 + counts.fp + counts.fn);
    expect(lines.length).toBeGreaterThan(2);
    const margins = lines.slice(1).map((l) => {
      const [, kind, , , score, threshold] = l.split(',');
      return kind === 'false_positive' ? Number(score) - Number(threshold) : Number(threshold) - Number(score);
    });
    expect(margins).toEqual([...margins].sort((a, b) => b - a));
    await expect(evalCommand({ ...base, errors, quiet: true }, memoryStreams().streams)).rejects.toMatchObject({ code: 'E_OUTPUT_EXISTS' });
    await expect(evalCommand({ ...base, errors: join(dir, 'errors.txt'), quiet: true }, memoryStreams().streams)).rejects.toMatchObject({ code: 'E_USAGE' });
    const jsonl = join(dir, 'errors.jsonl');
    await evalCommand({ ...fixed, errors: jsonl, quiet: true }, memoryStreams().streams);
    const first = JSON.parse(readFileSync(jsonl, 'utf8').split('\n')[0] as string) as { id: string; evidence: unknown[]; text: string };
    expect(first.id).toBe(lines[1]?.split(',')[0]);
    expect(Array.isArray(first.evidence)).toBe(true);
  });
});

describe('basira eval, label mapping and outputs', () => {
  it('maps their labels to ours with --map, and names a label the map lacks with its line', async () => {
    const input = join(dir, 'mapped.csv');
    writeFileSync(input, 'id,text,y\n1,"Join the soldiers of the Caliphate now",pro\n2,"Police said two men were arrested",neu\n3,"Great match",chat\n');
    const result = await evalCommand({ ...base, input, labelCol: 'y', map: { pro: 'propaganda', neu: 'news', chat: 'other' }, quiet: true }, memoryStreams().streams);
    expect(result.summary).toMatchObject({ n: 3, positives: 1, gold: 'five-way' });
    await expect(evalCommand({ ...base, input, labelCol: 'y', map: { pro: 'propaganda', neu: 'news' }, quiet: true }, memoryStreams().streams)).rejects.toMatchObject({
      code: 'E_DATA',
      message: `${input}:4: gold label "chat" is not in the label map`,
    });
  });

  it('writes the JSON summary to stdout with --json -, and nothing else there', async () => {
    const io = memoryStreams();
    const result = await evalCommand({ ...base, json: '-', quiet: true }, io.streams);
    const saved = JSON.parse(io.out()) as { n: number; input: string };
    expect(saved).toMatchObject({ n: result.summary.n, input: base.input });
  });

  it('evaluates a registry dataset by name from the data folder, gold language first, detected where empty', async () => {
    const data = fileURLToPath(new URL('../fixtures/eval/data/', import.meta.url));
    const { input: _, labelCol: __, ...rest } = base;
    const result = await evalCommand({ ...rest, input: 'fifthtribe', dataDir: data, quiet: true, resamples: 0 }, memoryStreams().streams);
    expect(result).toMatchObject({ read: 123, evaluated: 122, unlabelled: 1 });
    expect(result.summary.languages.map((l) => [l.lang, l.n, l.positives])).toEqual([
      ['en', 102, 42],
      ['ar', 20, 10],
    ]);
    expect(result.summary.categories?.[0]).toMatchObject({ category: 'recruitment', support: 52 });
    await expect(evalCommand({ ...rest, input: 'fifthtribe', dataDir: join(dir, 'nowhere'), quiet: true }, memoryStreams().streams)).rejects.toMatchObject({
      code: 'E_INPUT',
      hint: expect.stringContaining('kaggle.com'),
    });
  });
});

describe('basira eval --by', () => {
  const data = fileURLToPath(new URL('../fixtures/eval/data/', import.meta.url));
  const { input: _, labelCol: __, ...rest } = base;

  it("slices a registry dataset by one of its column roles, with a table on stderr", async () => {
    const io = memoryStreams();
    const result = await evalCommand({ ...rest, input: 'fifthtribe', dataDir: data, by: 'confidence', resamples: 0 }, io.streams);
    expect(result.summary.groups?.by).toBe('confidence');
    expect(result.summary.groups?.values.map((g) => [g.value, g.n, g.positives, g.languages.map((l) => l.lang)])).toEqual([
      ['high', 102, 42, ['en']],
      ['low', 20, 10, ['ar']],
    ]);
    expect(io.err()).toContain('By confidence, fused (languages with gold propaganda)');
    expect(io.err()).toMatch(/^low\s+ar\s+20\s+10\s/m);
  });

  it('slices a file by any of its columns', async () => {
    const file = await evalCommand({ ...base, by: 'lang', quiet: true, resamples: 0 }, memoryStreams().streams);
    expect(file.summary.groups?.values.map((g) => [g.value, g.n])).toEqual([
      ['en', 5],
      ['ar', 2],
      ['fr', 2],
    ]);
  });

  it('refuses a column the input does not have', async () => {
    await expect(evalCommand({ ...base, by: 'mood', quiet: true }, memoryStreams().streams)).rejects.toMatchObject({ message: expect.stringContaining('mood') });
    await expect(evalCommand({ ...rest, input: 'germeval2018', dataDir: data, by: 'confidence', quiet: true }, memoryStreams().streams)).rejects.toMatchObject({
      code: 'E_USAGE',
      message: '--by confidence: dataset germeval2018 has no confidence column',
    });
    await expect(evalCommand({ ...rest, input: 'fifthtribe', dataDir: data, by: 'account', quiet: true }, memoryStreams().streams)).rejects.toMatchObject({
      code: 'E_USAGE',
      message: expect.stringContaining('is sliced by categories, lang, source, confidence'),
    });
  });
});

describe("basira eval, the fusion's per-language thresholds", () => {
  it('counts P/R/F1 with the same decisions as the predicted labels', async () => {
    const fusion = join(dir, 'by-lang.json');
    const prior = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/eval/functional/fusion.json', import.meta.url)), 'utf8')) as object;
    // Arabic posts need near certainty: the Arabic propaganda post is no longer flagged.
    writeFileSync(fusion, JSON.stringify({ ...prior, version: 'by-lang', thresholdByLang: { ar: 0.999 } }));
    const io = memoryStreams();
    const result = await evalCommand({ ...base, fusion, resamples: 20 }, io.streams);
    const fused = result.summary.overall.systems.fused!;
    const predicted = result.summary.confusion!;
    const flagged = predicted.matrix.reduce((n, row) => n + (row[predicted.labels.indexOf('propaganda')] ?? 0), 0);
    expect(fused.counts.tp + fused.counts.fp).toBe(flagged);
    expect(fused.thresholdVaries).toBe(true);
    expect(result.summary.languages.find((l) => l.lang === 'ar')?.systems.fused?.threshold).toBe(0.999);
    expect(io.err()).toContain('fusion thresholds per detected language, as the predicted labels use them: ar 0.999; 0.500 elsewhere');
  });
});

describe('basira eval arguments', () => {
  it('maps the modes and options', () => {
    expect(parseArgv(['eval', 'split:test', '--data-dir', '/d', '--errors', 'e.csv', '--report-errors', '5'])).toMatchObject({
      command: 'eval',
      options: { input: 'split:test', dataDir: '/d', errors: 'e.csv', reportErrors: 5 },
    });
    expect(parseArgv(['eval', 'g.csv', '--label-col', 'y', '--map', 'p=propaganda'])).toMatchObject({ options: { map: { p: 'propaganda' } } });
    expect(parseArgv(['eval', 'split:test', '--by', 'source'])).toMatchObject({ options: { input: 'split:test', by: 'source' } });
    expect(parseArgv(['eval', 'split:test', '--resamples', '0'])).toMatchObject({ options: { resamples: 0 } });
    expect(parseArgv(['eval', '--functional', '--suite', 's', '--json', '-', '--no-model'])).toEqual({
      command: 'functional',
      options: { suite: 's', model: null, json: '-', batchSize: 32, force: false, quiet: false },
    });
    expect(parseArgv(['eval', '--list-datasets', '--data-dir', '/d'])).toEqual({ command: 'datasets', options: { dataDir: '/d' } });
  });

  it('refuses a missing input, and options the mode has no use for', () => {
    const usage = expect.objectContaining({ code: 'E_USAGE' });
    expect(() => parseArgv(['eval'])).toThrow(usage);
    expect(() => parseArgv(['eval', 'g.csv', '--resamples', '-1'])).toThrow(/--resamples/);
    expect(() => parseArgv(['eval', 'g.csv', '--functional'])).toThrow(/--functional takes no input file/);
    expect(() => parseArgv(['eval', '--functional', '--label-col', 'y'])).toThrow(/--label-col do not apply to --functional/);
    expect(() => parseArgv(['eval', '--functional', '--by', 'source'])).toThrow(/--by do not apply to --functional/);
    expect(() => parseArgv(['eval', '--functional', '--list-datasets'])).toThrow(/separate runs/);
    expect(() => parseArgv(['eval', 'g.csv', '--suite', 's'])).toThrow(/--suite applies to --functional/);
  });

  it('lists the registry on stdout', async () => {
    const io = memoryStreams();
    expect(await main(['eval', '--list-datasets', '--data-dir', join(dir, 'nowhere')], io.streams)).toBe(0);
    expect(io.out()).toMatch(/^name +kind +rows/);
    expect(io.out()).toMatch(/\nsplit:test +split +8141 /);
    expect(io.out()).toContain('missing');
  });
});
