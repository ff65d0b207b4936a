/** Messages between the main thread and the transformer worker, and how errors cross between them. */
import { BasiraError, type ErrorCode } from '../errors.js';
import type { TransformerInfo, TransformerScores } from './transformer.js';

export interface WorkerOptions {
  dir: string;
  batchSize: number;
  threads: number;
}

/** 'load' comes first, once: the thread may start before the command line that gives its options is parsed. */
export type ToWorker = { kind: 'load'; options: WorkerOptions } | { kind: 'score'; id: number; texts: string[] } | { kind: 'close' };

export type FromWorker =
  | { kind: 'ready'; info: TransformerInfo }
  | { kind: 'failed'; error: SerializedError }
  | { kind: 'scored'; id: number; scores: TransformerScores }
  | { kind: 'error'; id: number; error: SerializedError };

/** Structured clone keeps an Error's message but not its class or fields: a BasiraError travels as its parts. */
export type SerializedError =
  | { basira: true; code: ErrorCode; message: string; hint?: string; exitCode: number }
  | { basira: false; message: string; stack?: string };

export function serializeError(err: unknown): SerializedError {
  if (err instanceof BasiraError) {
    return { basira: true, code: err.code, message: err.message, exitCode: err.exitCode, ...(err.hint !== undefined ? { hint: err.hint } : {}) };
  }
  if (err instanceof Error) return { basira: false, message: err.message, ...(err.stack !== undefined ? { stack: err.stack } : {}) };
  return { basira: false, message: String(err) };
}

export function deserializeError(e: SerializedError): Error {
  if (e.basira) return new BasiraError(e.code, e.message, e.hint, e.exitCode);
  const err = new Error(e.message);
  if (e.stack !== undefined) err.stack = e.stack;
  return err;
}
