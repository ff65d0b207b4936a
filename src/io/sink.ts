/** Where formatted text goes: a stream we must not end (stdout) or an atomically replaced file. */

export interface Sink {
  /** Resolves when the stream can take more (backpressure); rejects once the stream has failed. */
  write(text: string): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Writes text to a Node stream, waiting when its buffer is full. A stream error (a closed pipe, a full
 * disk) is kept and thrown by the next call rather than crashing the process as an unhandled event.
 */
export class StreamWriter {
  private failure: Error | null = null;
  /** Settles when the latest chunk has been written out, and so every chunk before it. */
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly stream: NodeJS.WritableStream) {
    // Kept for the stream's life: a failed stream may still emit 'error' after we have given up on it.
    stream.on('error', (err: Error) => {
      this.failure ??= err;
    });
  }

  async write(text: string): Promise<void> {
    this.check();
    let accepted = true;
    this.last = new Promise((resolve) => {
      accepted = this.stream.write(text, (err) => {
        if (err) this.failure ??= err;
        resolve();
      });
    });
    // Waiting for this chunk's callback is waiting for the buffer to empty; unlike 'drain', it also
    // comes when the stream has failed or was destroyed.
    if (!accepted) await this.flush();
  }

  /** Resolves once everything written so far is out of the stream's buffer; throws a stream failure. */
  async flush(): Promise<void> {
    await this.last;
    this.check();
  }

  private check(): void {
    if (this.failure !== null) throw this.failure;
  }
}

/** A stream that outlives us (stdout): never ended, only flushed. */
export function streamSink(stream: NodeJS.WritableStream): Sink {
  const out = new StreamWriter(stream);
  return {
    write: (text) => out.write(text),
    close: () => out.flush(),
    // Nothing to undo: what reached stdout has been read.
    abort: async () => undefined,
  };
}

/** Runs a step of writing to `sink`; when it fails, the sink is aborted (a file destination removed) before the error goes on. */
export function abortOnFailure(sink: Sink): (work: () => Promise<void>) => Promise<void> {
  return async (work) => {
    try {
      await work();
    } catch (err) {
      await sink.abort();
      throw err;
    }
  };
}
