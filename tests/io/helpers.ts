/** Shared test helpers for src/io. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Readable, Writable } from 'node:stream';
import { expect } from 'vitest';

export const FIXTURES = fileURLToPath(new URL('../fixtures/io/', import.meta.url));

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A stdin stand-in delivering `bytes` in the given chunk sizes (the rest in one last chunk). */
export function chunked(bytes: Buffer, sizes: number[] = []): Readable {
  const chunks: Buffer[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= bytes.length) break;
    chunks.push(bytes.subarray(at, at + Math.max(1, size)));
    at += Math.max(1, size);
  }
  if (at < bytes.length) chunks.push(bytes.subarray(at));
  return Readable.from(chunks, { objectMode: false });
}

/** A stdout stand-in that records what is written. */
export function memoryStream(): Writable & { text(): string } {
  const parts: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      parts.push(chunk);
      done();
    },
  });
  return Object.assign(stream, { text: () => Buffer.concat(parts).toString('utf8') });
}

/** Compares with tests/fixtures/io/golden/<name>; UPDATE_GOLDEN=1 rewrites the file instead. */
export function expectGolden(name: string, actual: string): void {
  const path = `${FIXTURES}golden/${name}`;
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
