import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrateCommand, calibrationDate, type CalibrateOptions } from '../../src/commands/calibrate.js';
import { evalCommand } from '../../src/commands/eval.js';
import { parseArgv } from '../../src/cli.js';
import { loadFusion } from '../../src/fusion-file.js';
import { memoryStreams } from '../helpers/streams.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/eval/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'basira-calibrate-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 122 labelled posts (52 propaganda: 42 en, 10 ar) scored by the fixture rule packs alone, so the fit is stable.
const DATA = join(FIXTURES, 'data');
const env = { NO_COLOR: '1', SOURCE_DATE_EPOCH: '1700000000' };
const base = (output: string): CalibrateOptions => ({
  input: join(DATA, 'labelled', 'fifthtribe.csv'),
  labelCol: 'label',
  model: null,
  lexical: null,
  rules: join(FIXTURES, 'functional', 'rules'),
  output,
  force: false,
  quiet: true,
  batchSize: 16,
  l2: 1,
});

describe('basira calibrate', () => {
  it('writes a fusion file that loads, with thresholds overall and per language, and its provenance', async () => {
    const output = join(dir, 'fusion.json');
    const io = memoryStreams('', { env });
    const result = await calibrateCommand({ ...base(output), quiet: false }, io.streams);
    expect(result).toMatchObject({ rows: 122, positives: 52, failed: 0, unlabelled: 1 });
    const { fusion } = loadFusion(output);
    expect(fusion).toEqual(result.fusion);
    expect(Object.keys(fusion.heads)).toEqual(['rules']);
    expect(fusion.threshold).toBeGreaterThan(0);
    expect(fusion.threshold).toBeLessThan(1);
    expect(fusion.review[0]).toBeLessThanOrEqual(fusion.threshold);
    expect(fusion.review[1]).toBeGreaterThanOrEqual(fusion.threshold);
    // en has 42 propaganda posts, so a threshold of its own; ar has 10, so it keeps the overall one.
    expect(Object.keys(fusion.thresholdByLang ?? {})).toEqual(['en']);
    expect(fusion.provenance).toMatchObject({
      date: '2023-11-14',
      data: { file: 'fifthtribe.csv', rows: 122, positives: 52 },
      scorers: ['rules'],
      threshold: { criterion: 'best-f1', byLang: { en: { n: 102, positives: 42 } } },
    });
    expect(fusion.version).toMatch(/^calibrated-[0-9a-f]{12}$/);
    expect(io.out()).toBe('');
    expect(io.err()).toContain('overall threshold: 1 language with fewer than 30 propaganda posts (ar)');
    expect(io.err()).toContain('in-sample');
  });

  it('is deterministic and refuses to overwrite without --force', async () => {
    const output = join(dir, 'again.json');
    await calibrateCommand(base(output), memoryStreams('', { env }).streams);
    const first = readFileSync(output, 'utf8');
    await expect(calibrateCommand(base(output), memoryStreams('', { env }).streams)).rejects.toMatchObject({ code: 'E_OUTPUT_EXISTS' });
    await calibrateCommand({ ...base(output), force: true }, memoryStreams('', { env }).streams);
    expect(readFileSync(output, 'utf8')).toBe(first);
  });

  it('reads a dataset from the registry by name, in the data folder', async () => {
    const output = join(dir, 'by-name.json');
    const { input: _, labelCol: __, ...rest } = base(output);
    const result = await calibrateCommand({ ...rest, input: 'fifthtribe', dataDir: DATA }, memoryStreams('', { env }).streams);
    expect(result.rows).toBe(122);
    expect(result.fusion.provenance).toMatchObject({ data: { file: 'fifthtribe' } });
  });

  it('fits a head for every combination of the scorers present', async () => {
    const output = join(dir, 'lexical.json');
    const { lexical: _, ...withLexical } = base(output);
    const { fusion } = await calibrateCommand(withLexical, memoryStreams('', { env }).streams);
    expect(Object.keys(fusion.heads)).toEqual(['rules', 'lexical', 'rules+lexical']);
  });

  it('drives eval: the calibrated fusion and its per-language thresholds are the ones evaluated', async () => {
    const output = join(dir, 'for-eval.json');
    const { fusion } = await calibrateCommand(base(output), memoryStreams('', { env }).streams);
    const result = await evalCommand(
      { input: base(output).input, labelCol: 'label', model: null, lexical: null, rules: base(output).rules, fusion: output, batchSize: 16, force: false, quiet: true, targetPrecision: 0.9, resamples: 0, seed: 1, reportErrors: 5 },
      memoryStreams().streams,
    );
    expect(result.summary.overall.systems.fused?.threshold).toBe(fusion.threshold);
    expect(result.summary.languages.find((l) => l.lang === 'en')?.systems.fused?.threshold).toBe(fusion.thresholdByLang?.en);
  });

  it('refuses fewer than 30 propaganda posts, and says how many it found and why', async () => {
    const output = join(dir, 'never.json');
    const small = { ...base(output), input: join(FIXTURES, 'gold.csv'), rules: undefined } as CalibrateOptions;
    await expect(calibrateCommand(small, memoryStreams('', { env }).streams)).rejects.toMatchObject({
      code: 'E_DATA',
      message: `${join(FIXTURES, 'gold.csv')}: 3 propaganda posts among 9 labelled; calibration needs at least 30`,
      hint: expect.stringContaining('one post moves recall by more than three points'),
    });
    await expect(calibrateCommand({ ...base(output), positive: 'nothing-matches' }, memoryStreams('', { env }).streams)).rejects.toMatchObject({
      code: 'E_DATA',
      message: expect.stringContaining('0 propaganda posts among 122 labelled'),
    });
    expect(() => readFileSync(output)).toThrow();
  });
});

describe('calibrationDate', () => {
  it('is the ISO date of SOURCE_DATE_EPOCH when set, else of now', () => {
    expect(calibrationDate({ SOURCE_DATE_EPOCH: '0' })).toBe('1970-01-01');
    expect(calibrationDate({}, new Date('2026-03-04T23:59:00Z'))).toBe('2026-03-04');
    expect(() => calibrationDate({ SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(/SOURCE_DATE_EPOCH/);
  });
});

describe('basira calibrate arguments', () => {
  it('with --max-context-fp, keeps the flagged share of gold news and counter-speech under the cap', async () => {
    // The "Young men, join the caliphate…" posts relabelled as news: news that the rules score exactly like the
    // other English propaganda, so the best-F1 threshold flags them and only a higher one can leave them out.
    const csv = readFileSync(join(DATA, 'labelled', 'fifthtribe.csv'), 'utf8').replace(/,propaganda,(.*),"Young men, join/g, ',news,$1,"Young men, join');
    const input = join(dir, 'news-like.csv');
    writeFileSync(input, csv);
    const free = await calibrateCommand({ ...base(join(dir, 'free.json')), input }, memoryStreams('', { env }).streams);
    const op = (r: typeof free): Record<string, number> => (r.fusion.provenance as { threshold: { operating: Record<string, number> } }).threshold.operating;
    const rows = op(free).contextRows as number;
    const cap = 0.1;
    expect(op(free).contextFlagged).toBeGreaterThan(cap * rows);
    const capped = await calibrateCommand({ ...base(join(dir, 'capped.json')), input, maxContextFp: cap }, memoryStreams('', { env }).streams);
    expect(op(capped).contextRows).toBe(rows);
    expect(op(capped).contextFlagged).toBeLessThanOrEqual(cap * rows);
    expect(capped.fusion.threshold).toBeGreaterThan(free.fusion.threshold);
    expect(capped.fusion.provenance).toMatchObject({ threshold: { maxContextFp: cap } });
    // One of the top-scored Arabic posts as news too: no threshold that flags anything leaves out every news post.
    writeFileSync(input, csv.replace(/^(t103,[^,]*,[^,]*,[^,]*),propaganda,/m, '$1,news,'));
    await expect(calibrateCommand({ ...base(join(dir, 'none.json')), input, maxContextFp: 0 }, memoryStreams('', { env }).streams)).rejects.toMatchObject({
      code: 'E_DATA',
      message: expect.stringContaining('no threshold flags any propaganda with at most 0 of news and counter-speech flagged'),
    });
    expect(parseArgv(['calibrate', 'split:dev', '--max-context-fp', '0.05'])).toMatchObject({ options: { maxContextFp: 0.05 } });
    expect(() => parseArgv(['calibrate', 'split:dev', '--max-context-fp', '5'])).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
    await expect(calibrateCommand({ ...base(join(dir, 'both.json')), input, maxContextFp: 0.1, targetPrecision: 0.9 }, memoryStreams('', { env }).streams)).rejects.toMatchObject({ code: 'E_USAGE' });
  });

  it('takes a registry name without --label-col, and --map and --data-dir', () => {
    const inv = parseArgv(['calibrate', 'split:dev', '--data-dir', '/data', '-o', 'f.json']);
    expect(inv).toMatchObject({ command: 'calibrate', options: { input: 'split:dev', dataDir: '/data', output: 'f.json' } });
    expect(inv.command === 'calibrate' && inv.options.labelCol).toBeUndefined();
    expect(parseArgv(['calibrate', 'g.csv', '--label-col', 'y', '--map', 'a=propaganda,b=other'])).toMatchObject({
      options: { labelCol: 'y', map: { a: 'propaganda', b: 'other' } },
    });
    expect(() => parseArgv(['calibrate', 'g.csv', '--label-col', 'y', '--map', 'a=maybe'])).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
  });
});
