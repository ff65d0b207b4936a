import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { openRowSink, resolveFlatFormat } from '../../src/similarity/output.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'basira-similarity-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('resolveFlatFormat', () => {
  it('takes the given format, else the extension, else JSONL for stdout', () => {
    expect(resolveFlatFormat('out.jsonl', 'csv')).toBe('csv');
    expect(resolveFlatFormat('out.CSV', undefined)).toBe('csv');
    expect(resolveFlatFormat('out.ndjson', undefined)).toBe('jsonl');
    expect(resolveFlatFormat(undefined, undefined)).toBe('jsonl');
    expect(resolveFlatFormat('-', undefined)).toBe('jsonl');
  });

  it('refuses to guess from an unknown extension', () => {
    expect(() => resolveFlatFormat('out.txt', undefined)).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
  });
});

describe('openRowSink', () => {
  it('writes JSONL with the columns in order, missing ones as null', async () => {
    const out = capture();
    const sink = await openRowSink('-', 'jsonl', ['id', 'score', 'error'], { force: false, stdout: out.stream });
    await sink.write({ score: 0.5, id: 'a' });
    await sink.close();
    expect(out.text()).toBe('{"id":"a","score":0.5,"error":null}\n');
  });

  it('writes CSV with a header and neutralises cells that a spreadsheet would run', async () => {
    const out = capture();
    const sink = await openRowSink(undefined, 'csv', ['id', 'n'], { force: false, stdout: out.stream });
    await sink.write({ id: '=HYPERLINK("x")', n: 3 });
    await sink.write({ id: 'b, c', n: null });
    await sink.close();
    expect(out.text()).toBe('id,n\n"\'=HYPERLINK(""x"")",3\n"b, c",\n');
  });

  it('writes a file only on close, and refuses to overwrite one without force', async () => {
    const file = path.join(tempDir(), 'out.jsonl');
    const sink = await openRowSink(file, 'jsonl', ['id'], { force: false, stdout: new PassThrough() });
    await sink.write({ id: 'a' });
    expect(() => readFileSync(file)).toThrow();
    await sink.close();
    expect(readFileSync(file, 'utf8')).toBe('{"id":"a"}\n');
    await expect(openRowSink(file, 'jsonl', ['id'], { force: false, stdout: new PassThrough() })).rejects.toMatchObject({ code: 'E_OUTPUT_EXISTS' });
  });

  it('leaves an existing file as it was when the run is abandoned', async () => {
    const file = path.join(tempDir(), 'out.csv');
    writeFileSync(file, 'old\n');
    const sink = await openRowSink(file, 'csv', ['id'], { force: true, stdout: new PassThrough() });
    await sink.write({ id: 'new' });
    await sink.abort();
    expect(readFileSync(file, 'utf8')).toBe('old\n');
  });
});
