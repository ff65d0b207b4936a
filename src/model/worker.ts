/**
 * The transformer in a worker thread. onnxruntime-node runs a session synchronously on the thread that calls it,
 * so in the main thread the model cannot overlap the rules and lexical stages; in a worker it runs on the other
 * core while the main thread prepares the next chunk, and its start-up (transformers.js import and session
 * creation, about half a second) overlaps the main thread's own.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TransformerInfo, TransformerScores } from './transformer.js';
import { deserializeError, type FromWorker, type ToWorker, type WorkerOptions } from './worker-protocol.js';

export type { WorkerOptions } from './worker-protocol.js';

export interface TransformerThread {
  /** The model's info once it is loaded; rejects with the load error. */
  ready: Promise<TransformerInfo>;
  /** As TransformerScorer.score; requests are answered in the order they were made. */
  score(texts: string[]): Promise<TransformerScores>;
  /** Stops the worker; safe at any time, also while the model is loading. */
  close(): Promise<void>;
}

const FROM_SOURCE = import.meta.url.endsWith('.ts');
const ENTRY = new URL(FROM_SOURCE ? './worker-entry.ts' : './worker-entry.js', import.meta.url);

/**
 * Under tsx or vitest this module runs from its TypeScript source. Node 20 gives a worker no ESM loader hooks (neither
 * --import in its execArgv nor module.register inside it), so the worker loads its TypeScript through tsx's CommonJS
 * hook (tsx is a dev dependency); the compiled package loads the compiled entry.
 */
function spawn(): Worker {
  if (!FROM_SOURCE) return new Worker(ENTRY);
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const code = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(fileURLToPath(ENTRY))});`;
  return new Worker(code, { eval: true });
}

let prestarted: Worker | undefined;

/**
 * Starts the worker before its options are known (main.ts calls it before it parses the command line), so that it
 * imports transformers.js, most of its start-up, while this thread loads the rest; the next startTransformerThread
 * takes it over. Until then it never keeps the process alive, and releasePrestartedThread stops it.
 */
export function prestartTransformerThread(): void {
  if (prestarted !== undefined) return;
  const worker = spawn();
  worker.unref();
  // One that fails before it is taken is dropped; startTransformerThread then starts a fresh one, which reports why.
  worker.on('error', () => undefined);
  worker.once('exit', () => {
    if (prestarted === worker) prestarted = undefined;
  });
  prestarted = worker;
}

/** Stops a prestarted worker that no pipeline took (the command needed no transformer); true if there was one. */
export async function releasePrestartedThread(): Promise<boolean> {
  const worker = prestarted;
  prestarted = undefined;
  if (worker === undefined) return false;
  await worker.terminate();
  return true;
}

function takeWorker(): Worker {
  const worker = prestarted ?? spawn();
  prestarted = undefined;
  // Referenced while it loads, as a fresh one is: the main thread may be waiting for nothing but its answer.
  worker.ref();
  return worker;
}

interface Waiting {
  resolve: (scores: TransformerScores) => void;
  reject: (err: Error) => void;
}

export function startTransformerThread(options: WorkerOptions): TransformerThread {
  const worker = takeWorker();
  let loaded = false;
  let exited = false;
  let nextId = 0;
  const waiting = new Map<number, Waiting>();
  let settleReady: { resolve: (info: TransformerInfo) => void; reject: (err: Error) => void } | undefined;
  const ready = new Promise<TransformerInfo>((resolve, reject) => {
    settleReady = { resolve, reject };
  });
  // Awaited later (createPipeline loads the other stages first): a load error must not count as unhandled meanwhile.
  ready.catch(() => undefined);

  // An idle worker must not keep the process alive: a caller that never closes the pipeline still exits.
  const idle = (): void => {
    if (loaded && waiting.size === 0) worker.unref();
  };
  const failAll = (err: Error): void => {
    settleReady?.reject(err);
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };

  worker.on('message', (message: FromWorker) => {
    switch (message.kind) {
      case 'ready':
        loaded = true;
        settleReady?.resolve(message.info);
        idle();
        return;
      case 'failed':
        failAll(deserializeError(message.error));
        void worker.terminate();
        return;
      case 'scored':
      case 'error': {
        const w = waiting.get(message.id);
        waiting.delete(message.id);
        if (message.kind === 'scored') w?.resolve(message.scores);
        else w?.reject(deserializeError(message.error));
        idle();
        return;
      }
    }
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => {
    exited = true;
    failAll(new Error(`the transformer worker stopped (exit code ${code})`));
  });

  const post = (message: ToWorker): void => worker.postMessage(message);
  post({ kind: 'load', options });

  return {
    ready,
    score(texts) {
      if (exited) return Promise.reject(new Error('the transformer worker has stopped'));
      const id = nextId++;
      worker.ref();
      return new Promise<TransformerScores>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        post({ kind: 'score', id, texts });
      });
    },
    async close() {
      if (exited) return;
      const stopped = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      // A loaded model is disposed by the worker itself; one still loading is simply stopped.
      if (loaded) {
        worker.ref();
        post({ kind: 'close' });
      } else await worker.terminate();
      await stopped;
    },
  };
}
