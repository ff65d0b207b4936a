/**
 * A file that appears complete or not at all: rows go to `.<name>.<pid>.tmp` beside the destination,
 * which is synced and renamed over it on close; abort removes it. The destination is never half-written.
 */
import { once } from 'node:events';
import { lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BasiraError } from '../errors.js';
import type { Sink } from './sink.js';

export function tempPathFor(dest: string): string {
  return join(dirname(dest), `.${basename(dest)}.${process.pid}.tmp`);
}

/** Throws E_OUTPUT_EXISTS unless `force`, or E_USAGE when `dest` is a directory. */
export async function checkDestination(dest: string, force: boolean): Promise<void> {
  const existing = await lstat(dest).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw new BasiraError('E_USAGE', `${dest}: cannot write: ${err.message}`);
  });
  if (existing === null) return;
  if (existing.isDirectory()) throw new BasiraError('E_USAGE', `${dest}: is a directory`, 'give a file name');
  if (!force) throw new BasiraError('E_OUTPUT_EXISTS', `${dest}: already exists`, 'use --force');
}

export async function openAtomicFile(dest: string, force: boolean): Promise<Sink> {
  await checkDestination(dest, force);
  const temp = tempPathFor(dest);
  // 'wx' refuses an existing path, so a planted link at the temp name cannot redirect the output.
  const handle = await open(temp, 'wx').catch((err: NodeJS.ErrnoException) => {
    throw new BasiraError('E_USAGE', `${dest}: cannot write ${temp}: ${err.code ?? err.message}`, 'check the directory exists and is writable');
  });
  const stream = handle.createWriteStream({ autoClose: false });
  let failure: Error | null = null;
  stream.on('error', (err) => {
    failure ??= err;
  });
  let state: 'open' | 'closed' | 'aborted' = 'open';
  const discard = async (): Promise<void> => {
    state = 'aborted';
    stream.destroy();
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
  };
  return {
    async write(text) {
      if (state !== 'open') throw new Error(`${dest}: write after ${state}`);
      if (failure !== null) throw failure;
      if (!stream.write(text)) await once(stream, 'drain');
    },
    async close() {
      if (state === 'closed') return;
      if (state === 'aborted') throw new Error(`${dest}: close after abort`);
      try {
        if (failure !== null) throw failure;
        stream.end();
        await once(stream, 'finish');
        await handle.sync();
        await handle.close();
        state = 'closed';
        // Re-checked here: something may have created the destination while we were writing.
        await checkDestination(dest, force);
        await rename(temp, dest);
      } catch (err) {
        await discard();
        throw err;
      }
    },
    async abort() {
      if (state === 'open') await discard();
    },
  };
}
