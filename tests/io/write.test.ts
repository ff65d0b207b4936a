import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScoredRow } from '../../src/types.js';
import { openWriter, resolveOutputFormat, type OutputFormat, type WriterOptions } from '../../src/io/write.js';
import { expectGolden, FIXTURES, memoryStream } from './helpers.js';

const ROWS = JSON.parse(readFileSync(FIXTURES + 'scored-rows.json', 'utf8')) as ScoredRow[];
const KEEP = ['date', 'user', 'note'];

async function writeAll(rows: ScoredRow[], opts: WriterOptions): Promise<string> {
  const out = memoryStream();
  const writer = await openWriter(undefined, opts, out);
  for (const row of rows) await writer.write(row);
  await writer.close();
  return out.text();
}

describe('golden output', () => {
  const cases: Array<[string, WriterOptions]> = [
    ['rows.csv', { format: 'csv', keep: KEEP }],
    ['rows.jsonl', { format: 'jsonl', keep: KEEP }],
    ['rows.json', { format: 'json', keep: KEEP }],
    ['rows.pretty.txt', { format: 'pretty', keep: KEEP, color: false, rtl: 'off', width: 60 }],
    ['rows.pretty-rtl.txt', { format: 'pretty', keep: KEEP, color: false, rtl: 'on', width: 60 }],
  ];
  for (const [name, opts] of cases) {
    it(`${name} matches the golden file and is deterministic`, async () => {
      const text = await writeAll(ROWS, opts);
      expectGolden(name, text);
      expect(await writeAll(ROWS, opts)).toBe(text);
    });
  }

  it('JSON and JSONL carry the same objects, without the post text, with numbers rounded to 4 decimals', async () => {
    const json = JSON.parse(await writeAll(ROWS, { format: 'json', keep: KEEP })) as Array<Record<string, unknown>>;
    const jsonl = (await writeAll(ROWS, { format: 'jsonl', keep: KEEP })).trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(json).toEqual(jsonl);
    expect(Object.keys(json[0] ?? {})).toEqual(['id', 'row', 'lang', 'label', 'score', 'review', 'categories', 'context', 'evidence', 'models', 'provenance', 'error', ...KEEP]);
    expect(json[0]).toMatchObject({ score: 0.9123, categories: { recruitment: 0.8765 }, models: { transformer: { propaganda: 0.9333 } } });
    expect(json.some((o) => 'text' in o)).toBe(false);
    expect(json[3]).toMatchObject({ score: 0, date: '2024-05-01' });
    expect(json[0]).toMatchObject({ date: null });
  });

  it('writes a valid empty array for JSON with no rows, and only the header for CSV', async () => {
    expect(JSON.parse(await writeAll([], { format: 'json' }))).toEqual([]);
    expect(await writeAll([], { format: 'csv', keep: ['date'] })).toBe(
      'id,row,lang,label,score,review,recruitment,incitement,glorification,dissemination,news,counter_speech,religious,evidence,model_transformer,model_lexical,model_id,model_sha256,lexical_id,lexical_sha256,rules_version,normalizer_version,fusion_version,error,date\n',
    );
  });
});

describe('resolveOutputFormat', () => {
  it('uses the explicit format, then the extension, then pretty on a TTY and jsonl in a pipe', () => {
    expect(resolveOutputFormat('out.csv', { format: 'json' }, false)).toBe('json');
    expect(resolveOutputFormat('out.CSV', {}, true)).toBe('csv');
    expect(resolveOutputFormat('out.ndjson', {}, true)).toBe('jsonl');
    expect(resolveOutputFormat('out.json', {}, true)).toBe('json');
    expect(resolveOutputFormat(undefined, {}, true)).toBe('pretty');
    expect(resolveOutputFormat('-', {}, false)).toBe('jsonl');
    expect(() => resolveOutputFormat('out.txt', {}, true)).toThrow(/cannot tell the output format/);
  });
});

describe('openWriter', () => {
  it('refuses kept columns that would overwrite a fixed field', async () => {
    await expect(openWriter(undefined, { format: 'jsonl', keep: ['score'] }, memoryStream())).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(openWriter(undefined, { format: 'csv', keep: ['recruitment'] }, memoryStream())).rejects.toMatchObject({ code: 'E_USAGE' });
  });

  it("checks kept columns against the chosen format's own names and the extra fields", async () => {
    await expect(openWriter(undefined, { format: 'json', keep: ['evidence'] }, memoryStream())).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(openWriter(undefined, { format: 'csv', keep: ['cluster_id'], extra: ['cluster_id'] }, memoryStream())).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(openWriter(undefined, { format: 'pretty', keep: ['match_id'], extra: ['match_id'] }, memoryStream())).rejects.toMatchObject({ code: 'E_USAGE' });
    // The pretty block has no columns: any other name may be kept.
    const writer = await openWriter(undefined, { format: 'pretty', keep: ['score', 'recruitment'], color: false, rtl: 'off' }, memoryStream());
    await writer.close();
    // CSV columns are not JSON fields.
    await (await openWriter(undefined, { format: 'jsonl', keep: ['recruitment'] }, memoryStream())).close();
  });

  it('waits for a slow stream to drain and keeps the row order', async () => {
    const parts: string[] = [];
    let pendingWrites = 0;
    let maxPending = 0;
    const slow = new Writable({
      highWaterMark: 64,
      write(chunk: Buffer, _enc, done) {
        pendingWrites += 1;
        maxPending = Math.max(maxPending, pendingWrites);
        setTimeout(() => {
          pendingWrites -= 1;
          parts.push(chunk.toString());
          done();
        }, 1);
      },
    });
    const writer = await openWriter(undefined, { format: 'jsonl' }, slow);
    const rows = Array.from({ length: 50 }, (_, i) => ({ ...ROWS[0], row: i + 1 }) as ScoredRow);
    for (const row of rows) await writer.write(row);
    await writer.close();
    expect(parts.join('').trimEnd().split('\n').map((l) => (JSON.parse(l) as { row: number }).row)).toEqual(rows.map((r) => r.row));
    expect(maxPending).toBe(1);
  });

  it('reports a failing stream on the next write instead of crashing', async () => {
    const broken = new Writable({
      write(_chunk, _enc, done) {
        done(new Error('EPIPE'));
      },
    });
    const first = ROWS[0] as ScoredRow;
    await expect(
      (async () => {
        const writer = await openWriter(undefined, { format: 'json' }, broken);
        for (let i = 0; i < 5; i++) await writer.write(first);
        await writer.close();
      })(),
    ).rejects.toThrow('EPIPE');
  });
});

describe('file output (atomic)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'basira-io-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const writeFile = async (dest: string, opts: WriterOptions = {}, rows = ROWS) => {
    const writer = await openWriter(dest, opts);
    for (const row of rows) await writer.write(row);
    await writer.close();
  };

  it('writes the same bytes as to stdout, picks the format from the extension, leaves no temp file', async () => {
    for (const [name, format] of [['o.csv', 'csv'], ['o.jsonl', 'jsonl'], ['o.json', 'json']] as Array<[string, OutputFormat]>) {
      await writeFile(join(dir, name), { keep: KEEP });
      expect(readFileSync(join(dir, name), 'utf8')).toBe(await writeAll(ROWS, { format, keep: KEEP }));
    }
    expect(readdirSync(dir).sort()).toEqual(['o.csv', 'o.json', 'o.jsonl']);
  });

  it('refuses an existing destination without force, before writing anything', async () => {
    const dest = join(dir, 'out.csv');
    writeFileSync(dest, 'precious');
    await expect(openWriter(dest, {})).rejects.toMatchObject({ code: 'E_OUTPUT_EXISTS', hint: 'use --force' });
    expect(readFileSync(dest, 'utf8')).toBe('precious');
    expect(readdirSync(dir)).toEqual(['out.csv']);
    await writeFile(dest, { force: true });
    expect(readFileSync(dest, 'utf8')).toMatch(/^id,row,lang/);
  });

  it('shows nothing under the destination name until close, and abort leaves nothing', async () => {
    const dest = join(dir, 'out.jsonl');
    const writer = await openWriter(dest, {});
    await writer.write(ROWS[0] as ScoredRow);
    expect(readdirSync(dir)).toEqual([`.out.jsonl.${process.pid}.tmp`]);
    await writer.abort();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('does not clobber a destination that appeared while writing (without force)', async () => {
    const dest = join(dir, 'late.json');
    const writer = await openWriter(dest, {});
    await writer.write(ROWS[0] as ScoredRow);
    writeFileSync(dest, 'someone else');
    await expect(writer.close()).rejects.toMatchObject({ code: 'E_OUTPUT_EXISTS' });
    expect(readFileSync(dest, 'utf8')).toBe('someone else');
    expect(readdirSync(dir)).toEqual(['late.json']);
  });

  it('fails with E_USAGE for a directory or a missing parent directory', async () => {
    await expect(openWriter(dir, { format: 'csv', force: true })).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(openWriter(join(dir, 'no', 'x.csv'), {})).rejects.toMatchObject({ code: 'E_USAGE' });
  });
});
