import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { releasePrestartedThread } from '../src/model/worker.js';
import { DEFAULTS, PACKAGE_ROOT } from '../src/paths.js';
import { memoryStreams } from './helpers/streams.js';

const FIX = join(PACKAGE_ROOT, 'tests', 'fixtures', 'score');
const SEED = readFileSync(join(PACKAGE_ROOT, 'tests', 'fixtures', 'rules', 'seed_news_ar.txt'), 'utf8');

function jsonl(text: string): Record<string, unknown>[] {
  return text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('basira score (in-process, rules only)', () => {
  it('reads the seed news report from stdin as ONE post and calls it news, not propaganda', async () => {
    const { streams, out, err } = memoryStreams(SEED);
    expect(await main(['score', '--no-model', '--no-lexical'], streams)).toBe(0);
    const rows = jsonl(out());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: '1', lang: 'ar', label: 'news', error: null });
    expect(rows[0]!.score as number).toBeLessThan(0.2);
    expect((rows[0]!.evidence as unknown[]).length).toBeGreaterThan(0);
    expect(err()).toContain('1 read, 1 scored, 0 failed');
  });

  it('gives every input row exactly one output row, in order, and exits 1 when some failed', async () => {
    const { streams, out, err } = memoryStreams();
    expect(await main(['score', join(FIX, 'bad.jsonl'), '--id-col', 'id', '--no-model', '--no-lexical', '--fusion', join(FIX, 'fusion-all.json')], streams)).toBe(1);
    const rows = jsonl(out());
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(rows.map((r) => r.error === null)).toEqual([true, false, false, true]);
    expect(rows[3]).toMatchObject({ id: 'd', label: 'propaganda' });
    expect(err()).toContain('4 read, 2 scored, 2 failed');
  });

  it('--strict stops at the first bad row and names file and line', async () => {
    const { streams, err } = memoryStreams();
    expect(await main(['score', join(FIX, 'bad.jsonl'), '--no-model', '--no-lexical', '--strict'], streams)).toBe(1);
    expect(err()).toMatch(/bad\.jsonl:2: /);
  });

  it('exits 2 with a message naming the file when the input cannot be read', async () => {
    const { streams, err } = memoryStreams();
    expect(await main(['score', join(FIX, 'missing.csv'), '--no-model'], streams)).toBe(2);
    expect(err()).toMatch(/missing\.csv/);
  });

  it('exits 2 on a usage error', async () => {
    const { streams, err } = memoryStreams();
    expect(await main(['score', '--batch-size', '0'], streams)).toBe(2);
    expect(err()).toMatch(/batch-size/);
  });

  it('writes a file atomically and refuses to overwrite it without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'basira-main-'));
    const out = join(dir, 'scored.csv');
    const args = ['score', join(FIX, 'posts.csv'), '-o', out, '--keep', 'date', '--no-model', '--no-lexical', '--quiet'];
    expect(await main(args, memoryStreams().streams)).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^id,row,lang,label,score,.*,date$/);
    expect(csv).toContain('2015-06-04');
    writeFileSync(out, 'keep me');
    const second = memoryStreams();
    expect(await main(args, second.streams)).toBe(2);
    expect(second.err()).toMatch(/--force/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(await main([...args, '--force'], memoryStreams().streams)).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(csv);
    expect(existsSync(join(dir, `.scored.csv.${process.pid}.tmp`))).toBe(false);
  });

  it('says once on stderr which scorers run when the transformer is off, and nothing with --quiet', async () => {
    const loud = memoryStreams('Police said');
    await main(['score', '--no-model', '--no-lexical'], loud.streams);
    expect(loud.err().match(/no transformer model/g)).toHaveLength(1);
    const quiet = memoryStreams('Police said');
    await main(['score', '--no-model', '--no-lexical', '--quiet'], quiet.streams);
    expect(quiet.err()).toBe('');
  });

  it('keeps stdout for data: JSON lines only', async () => {
    const { streams, out } = memoryStreams(['a', 'b', 'c'].join('\n'));
    await main(['score', '-', '--input-format', 'lines', '--no-model', '--no-lexical'], streams);
    expect(jsonl(out()).map((r) => r.id)).toEqual(['1', '2', '3']);
  });
});

// main starts the transformer's thread before it parses `score`'s arguments; a worker loading onnxruntime through
// TypeScript takes seconds on a busy two-core machine.
const HAS_MODEL = existsSync(join(DEFAULTS.transformer, 'config.json'));
const LOAD_TIMEOUT = 60_000;

describe('basira score with the transformer started before the arguments are parsed', () => {
  it.skipIf(!HAS_MODEL)('scores with the thread it started, and leaves none behind', async () => {
    const { streams, out } = memoryStreams(SEED);
    expect(await main(['score', '--quiet'], streams)).toBe(0);
    const rows = jsonl(out());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ label: 'news', provenance: { model: { id: expect.any(String) } } });
    expect(await releasePrestartedThread()).toBe(false);
  }, LOAD_TIMEOUT);

  it('stops the thread it started when the arguments turn out wrong', async () => {
    const { streams, err } = memoryStreams();
    expect(await main(['score', '--batch-size', '0'], streams)).toBe(2);
    expect(err()).toMatch(/batch-size/);
    expect(await releasePrestartedThread()).toBe(false);
  });
});

describe('basira normalize and rules', () => {
  it('normalize prints the normalised text and the steps that fired', async () => {
    const { streams, out } = memoryStreams();
    expect(await main(['normalize', 'الدولـــة'], streams)).toBe(0);
    const result = JSON.parse(out()) as { normalized: string; steps: string[] };
    expect(result.normalized).toBe('الدوله');
    expect(result.steps).toEqual(expect.arrayContaining(['tatweel', 'ta_marbuta']));
  });

  it('rules check passes on the shipped packs and rules test runs every example', async () => {
    const check = memoryStreams();
    expect(await main(['rules', 'check'], check.streams)).toBe(0);
    expect((JSON.parse(check.out()) as { packs: unknown[] }).packs.length).toBe(7);
    const test = memoryStreams();
    expect(await main(['rules', 'test'], test.streams)).toBe(0);
    expect(test.err()).toMatch(/\d+ examples passed, 0 failed/);
  });

  it('rules test exits 1 and names the rule when an example fails', async () => {
    const { streams, err } = memoryStreams();
    expect(await main(['rules', 'test', '--rules', join(PACKAGE_ROOT, 'tests', 'fixtures', 'rules', 'failing')], streams)).toBe(1);
    expect(err()).toMatch(/expected/);
  });
});
