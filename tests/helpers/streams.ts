import { PassThrough, Readable } from 'node:stream';
import type { Streams } from '../../src/streams.js';

/** In-memory process streams for running commands in-process; stdout and stderr are collected as text. */
export function memoryStreams(stdin = '', opts: { stdoutTTY?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const stdout = new PassThrough() as PassThrough & { isTTY?: boolean };
  const stderr = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdout.isTTY = opts.stdoutTTY ?? false;
  stderr.isTTY = false;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const streams: Streams = { stdin: Readable.from([Buffer.from(stdin)]), stdout, stderr, env: opts.env ?? { NO_COLOR: '1' } };
  return {
    streams,
    out: () => Buffer.concat(out).toString('utf8'),
    err: () => Buffer.concat(err).toString('utf8'),
  };
}
