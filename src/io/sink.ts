/** Where formatted text goes: a stream we must not end (stdout) or an atomically replaced file. */
import { once } from 'node:events';

export interface Sink {
  /** Resolves when the stream can take more (backpressure); rejects once the stream has failed. */
  write(text: string): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Writes to a stream that outlives us (stdout): it is never ended, only drained. A stream error (a
 * closed pipe) is kept and reported by the next call instead of crashing the process.
 */
export function streamSink(stream: NodeJS.WritableStream): Sink {
  let failure: Error | null = null;
  const onError = (err: Error): void => {
    failure ??= err;
  };
  stream.on('error', onError);
  const drain = async (): Promise<void> => {
    if (failure !== null) throw failure;
    if ((stream as { writableNeedDrain?: boolean }).writableNeedDrain === true) await once(stream, 'drain');
  };
  return {
    async write(text) {
      if (failure !== null) throw failure;
      if (!stream.write(text)) await drain();
    },
    async close() {
      try {
        await drain();
      } finally {
        stream.off('error', onError);
      }
    },
    async abort() {
      stream.off('error', onError);
    },
  };
}
