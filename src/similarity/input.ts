/** The input options the similarity commands share with `score` (same flags, same meaning). */
import type { InputFormat, ReadOptions } from '../io/read.js';

export interface InputOptions {
  /** A path, or '-' for stdin. */
  input: string;
  inputFormat?: InputFormat;
  textCol?: string;
  idCol?: string;
  delimiter?: string;
}

export function readOptionsOf(opts: InputOptions): ReadOptions {
  return {
    ...(opts.inputFormat ? { format: opts.inputFormat } : {}),
    ...(opts.textCol ? { textCol: opts.textCol } : {}),
    ...(opts.idCol ? { idCol: opts.idCol } : {}),
    ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
  };
}
