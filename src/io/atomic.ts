/**
 * A file that appears complete or not at all: rows go to `.<name>.<pid>.tmp` beside the destination,
 * which is synced and renamed over it on close; abort removes it. The destination is never half-written.
 */
import { once } from 'node:events';
import { createWriteStream, rmSync } from 'node:fs';
import { lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BasiraError } from '../errors.js';
import { StreamWriter, type Sink } from './sink.js';

function tempPathFor(dest: string): string {
  return join(dirname(dest), `.${basename(dest)}.${process.pid}.tmp`);
}

/** Throws E_OUTPUT_EXISTS unless `force`, or E_USAGE when `dest` is a directory. */
async function checkDestination(dest: string, force: boolean): Promise<void> {
  const existing = await lstat(dest).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw new BasiraError('E_USAGE', `${dest}: cannot write: ${err.message}`);
  });
  if (existing === null) return;
  if (existing.isDirectory()) throw new BasiraError('E_USAGE', `${dest}: is a directory`, 'give a file name');
  if (!force) throw new BasiraError('E_OUTPUT_EXISTS', `${dest}: already exists`, 'use --force');
}

/** fsync through a second descriptor: it flushes the file, whichever descriptor wrote it. */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Temp files being written now, so an interrupted run (Ctrl-C) can remove them before it exits. */
const live = new Set<string>();

export function removeLiveTempFilesSync(): void {
  for (const temp of live) rmSync(temp, { force: true });
  live.clear();
}

export async function openAtomicFile(dest: string, force: boolean): Promise<Sink> {
  await checkDestination(dest, force);
  const temp = tempPathFor(dest);
  live.add(temp);
  // 'wx' refuses an existing path, so a planted link at the temp name cannot redirect the output.
  const stream = createWriteStream(temp, { flags: 'wx' });
  await once(stream, 'open').catch((err: NodeJS.ErrnoException) => {
    throw new BasiraError('E_USAGE', `${dest}: cannot create ${temp}: ${err.code ?? err.message}`, 'check that the directory exists and is writable');
  });
  const out = new StreamWriter(stream);
  let state: 'open' | 'closed' | 'aborted' = 'open';
  const discard = async (): Promise<void> => {
    state = 'aborted';
    if (!stream.closed) {
      // Not once(stream, 'close'): writes cut short by destroy() make the stream emit 'error' first.
      const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
      stream.destroy();
      await closed;
    }
    await unlink(temp).catch(() => undefined);
    live.delete(temp);
  };
  return {
    async write(text) {
      if (state !== 'open') throw new Error(`${dest}: write after ${state}`);
      await out.write(text);
    },
    async close() {
      if (state === 'closed') return;
      if (state === 'aborted') throw new Error(`${dest}: close after abort`);
      try {
        await out.flush();
        stream.end();
        await once(stream, 'close');
        await syncFile(temp);
        // Checked again: something may have created the destination while we were writing.
        await checkDestination(dest, force);
        await rename(temp, dest);
        live.delete(temp);
        state = 'closed';
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
