import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrateCommand, type CalibrateOptions } from '../../src/commands/calibrate.js';
import { evalCommand } from '../../src/commands/eval.js';
import { loadFusion } from '../../src/fusion-file.js';
import { memoryStreams } from '../helpers/streams.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/eval/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'basira-calibrate-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = (output: string): CalibrateOptions => ({
  input: join(FIXTURES, 'gold.csv'),
  labelCol: 'label',
  model: null,
  lexical: null,
  output,
  force: false,
  quiet: true,
  batchSize: 8,
  l2: 1,
});

describe('basira calibrate', () => {
  it('writes a fusion file that loads, with a head per scorer combination and its provenance', async () => {
    const output = join(dir, 'fusion.json');
    const io = memoryStreams();
    const result = await calibrateCommand({ ...base(output), quiet: false }, io.streams);
    expect(result).toMatchObject({ rows: 9, positives: 3, failed: 0, unlabelled: 1 });
    const { fusion } = loadFusion(output);
    expect(fusion).toEqual(result.fusion);
    expect(Object.keys(fusion.heads)).toEqual(['rules']);
    expect(fusion.threshold).toBeGreaterThan(0);
    expect(fusion.threshold).toBeLessThan(1);
    expect(fusion.review[0]).toBeLessThanOrEqual(fusion.threshold);
    expect(fusion.review[1]).toBeGreaterThanOrEqual(fusion.threshold);
    expect(fusion.provenance).toMatchObject({ data: { file: 'gold.csv', rows: 9, positives: 3 }, scorers: ['rules'] });
    expect(fusion.version).toMatch(/^calibrated-[0-9a-f]{12}$/);
    expect(io.out()).toBe('');
    expect(io.err()).toContain('in-sample');
  });

  it('is deterministic and refuses to overwrite without --force', async () => {
    const output = join(dir, 'again.json');
    await calibrateCommand(base(output), memoryStreams().streams);
    const first = readFileSync(output, 'utf8');
    await expect(calibrateCommand(base(output), memoryStreams().streams)).rejects.toMatchObject({ code: 'E_OUTPUT_EXISTS' });
    await calibrateCommand({ ...base(output), force: true }, memoryStreams().streams);
    expect(readFileSync(output, 'utf8')).toBe(first);
  });

  it('drives eval: the calibrated fusion is the one evaluated', async () => {
    const output = join(dir, 'for-eval.json');
    const { fusion } = await calibrateCommand(base(output), memoryStreams().streams);
    const result = await evalCommand(
      { input: join(FIXTURES, 'gold.csv'), labelCol: 'label', model: null, lexical: null, fusion: output, batchSize: 8, force: false, quiet: true, targetPrecision: 0.9, resamples: 0, seed: 1, errors: 5 },
      memoryStreams().streams,
    );
    expect(result.summary.overall.systems.fused?.threshold).toBe(fusion.threshold);
  });

  it('refuses data with a single class', async () => {
    await expect(calibrateCommand({ ...base(join(dir, 'never.json')), positive: 'nothing-matches' }, memoryStreams().streams)).rejects.toMatchObject({
      code: 'E_DATA',
    });
  });
});
