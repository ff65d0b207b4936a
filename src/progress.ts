import { createRequire } from 'node:module';
import type * as CliProgress from 'cli-progress';
import type { Streams } from './streams.js';

export interface Progress {
  tick(): void;
  stop(): void;
}

const SILENT: Progress = { tick: () => undefined, stop: () => undefined };

/** Rows and rows per second on stderr, only when stderr is a terminal (never in pipes, logs or CI). */
export function startProgress(streams: Streams, quiet: boolean): Progress {
  if (quiet || streams.stderr.isTTY !== true) return SILENT;
  const started = performance.now();
  let count = 0;
  // Required here, not imported at the top: only a terminal shows a bar, and pipes and files are most runs.
  const { SingleBar } = createRequire(import.meta.url)('cli-progress') as typeof CliProgress;
  const bar = new SingleBar({
    stream: streams.stderr as NodeJS.WriteStream,
    format: 'basira: {value} posts | {rate} posts/s | {duration_formatted}',
    hideCursor: true,
    clearOnComplete: true,
    fps: 5,
  });
  bar.start(0, 0, { rate: 0 });
  return {
    tick() {
      count++;
      if (count % 256 === 0) {
        const seconds = (performance.now() - started) / 1000;
        bar.update(count, { rate: Math.round(count / Math.max(seconds, 1e-3)) });
      }
    },
    stop() {
      bar.stop();
    },
  };
}
