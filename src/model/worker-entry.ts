/**
 * The worker side of worker.ts: loads the transformer in this thread and scores the texts the main thread sends,
 * one request at a time, in the order they arrive.
 */
import { parentPort } from 'node:worker_threads';
import { offlineTransformers } from './offline.js';
import { loadTransformer, type TransformerScorer } from './transformer.js';
import { serializeError, type FromWorker, type ToWorker, type WorkerOptions } from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('worker-entry must run in a worker thread');
const send = (message: FromWorker): void => port.postMessage(message);

// Importing transformers.js is most of the start-up and needs no options: it begins before they arrive. A failure
// here is the one loadTransformer meets again, and reports.
offlineTransformers().catch(() => undefined);

// The model is loaded once the main thread names it (the first message, 'load').
let load: (options: WorkerOptions) => void = () => undefined;
const loading: Promise<TransformerScorer> = new Promise<WorkerOptions>((resolve) => {
  load = resolve;
}).then(({ dir, batchSize, threads }) => loadTransformer(dir, { batchSize, threads }));
// Requests wait for the model and for each other: one ONNX run at a time keeps answers in request order.
let queue: Promise<unknown> = loading.then(
  (scorer) => send({ kind: 'ready', info: scorer.info }),
  (err: unknown) => send({ kind: 'failed', error: serializeError(err) }),
);

port.on('message', (message: ToWorker) => {
  if (message.kind === 'load') {
    load(message.options);
    return;
  }
  if (message.kind === 'close') {
    queue = queue.then(async () => {
      await (await loading.catch(() => null))?.dispose();
      port.close();
    });
    return;
  }
  const { id, texts } = message;
  queue = queue.then(async () => {
    try {
      send({ kind: 'scored', id, scores: await (await loading).score(texts) });
    } catch (err) {
      send({ kind: 'error', id, error: serializeError(err) });
    }
  });
});
