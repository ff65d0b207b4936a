/**
 * The transformer stage: a Hugging Face-layout folder (config.json, tokenizer.json,
 * tokenizer_config.json, onnx/model.onnx) run through transformers.js + onnxruntime, offline.
 * This and offline.ts are the only modules that touch transformers.js.
 */
import { availableParallelism } from 'node:os';
import { BasiraError } from '../errors.js';
import { toProbabilities } from './activation.js';
import { lengthBatches, packBatch, specialLayout, type TokenizedBatch } from './batch.js';
import { readModelFolder, sha256File, type ProblemType } from './folder.js';
import { offlineTransformers } from './offline.js';

export type { TokenizedBatch } from './batch.js';
export { scoreBatched } from './batched.js';

export interface TransformerInfo {
  id: string;
  /** Of onnx/model.onnx. */
  sha256: string;
  labels: string[];
  problemType: ProblemType;
  maxLength: number;
  input: 'normalized' | 'original';
}

export interface TransformerScores {
  /** Per text, in labels order: softmax for single-label models, sigmoid for multi-label ones. */
  probs: number[][];
  logits: number[][];
  /** How many texts were longer than maxLength tokens and cut. */
  truncated: number;
  /** Per text: whether it was cut. */
  truncatedRows: boolean[];
}

export interface TransformerScorer {
  info: TransformerInfo;
  /**
   * Scores texts, order kept. Runs batches of the scorer's batch size, grouped by token length so
   * that little is padded: pass several batches' worth of texts per call to benefit.
   */
  score(texts: string[]): Promise<TransformerScores>;
  /** The two halves of score(), for benchmarks against a bare onnxruntime session on onnxPath. */
  tokenize(texts: string[]): TokenizedBatch;
  /** Row-major logits, [batch.size, labels.length]. */
  runTokenized(batch: TokenizedBatch): Promise<Float32Array>;
  onnxPath: string;
  dispose(): Promise<void>;
}

export interface LoadOptions {
  /** Texts per ONNX run in score(); default 32. */
  batchSize?: number;
  /** onnxruntime intra-op threads; default: the cores Node may use. */
  threads?: number;
}

const HINT = 'export a Hugging Face-layout model or use --no-model';

/** onnxruntime session options; exported so that benchmarks run a bare session exactly as the scorer does. */
export function sessionOptions(threads: number) {
  return {
    intraOpNumThreads: threads,
    // One graph, run node by node: inter-op threads would only compete with intra-op ones.
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // Idle pool threads that spin hold a core the other stages (and other processes) need: measured on two busy
    // cores, spinning halved the posts per second at batch 32.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  } as const;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new BasiraError('E_USAGE', `${name} must be a positive integer, got ${value}`);
  return value;
}

export async function loadTransformer(dir: string, opts: LoadOptions = {}): Promise<TransformerScorer> {
  const batchSize = positiveInteger('batch size', opts.batchSize ?? 32);
  const threads = positiveInteger('threads', opts.threads ?? availableParallelism());
  const folder = await readModelFolder(dir);
  // Hashed while transformers.js loads: the hash needs this thread between file reads, and the load yields to them.
  const hashing = sha256File(folder.onnxPath);
  hashing.catch(() => undefined);
  const { AutoTokenizer, AutoModelForSequenceClassification, Tensor } = await offlineTransformers();

  const loading = Promise.all([
    AutoTokenizer.from_pretrained(folder.dir, { local_files_only: true }),
    AutoModelForSequenceClassification.from_pretrained(folder.dir, {
      local_files_only: true,
      device: 'cpu',
      dtype: 'fp32',
      session_options: sessionOptions(threads),
    }),
    hashing,
  ]);
  const [tokenizer, model, sha256] = await loading.catch((err: unknown) => {
    if (err instanceof BasiraError) throw err;
    throw new BasiraError('E_MODEL', `${dir}: cannot load the model (${err instanceof Error ? err.message : String(err)})`, HINT);
  });

  const { labels, maxLength, problemType } = folder;
  const { suffix } = specialLayout(tokenizer.encode('a'), tokenizer.encode('a', { add_special_tokens: false }));
  const packOptions = {
    maxLength,
    suffix,
    padId: tokenizer.pad_token_id ?? 0,
    padLeft: tokenizer.padding_side === 'left',
  };

  // Untruncated and unpadded: packBatch counts and cuts over-long texts itself.
  const encode = (texts: string[]) => tokenizer(texts, { padding: false, truncation: false, return_tensor: false });

  function tokenize(texts: string[]): TokenizedBatch {
    if (texts.length === 0) return packBatch([], undefined, packOptions);
    const { input_ids, token_type_ids } = encode(texts);
    return packBatch(input_ids, token_type_ids, packOptions);
  }

  async function runTokenized(batch: TokenizedBatch): Promise<Float32Array> {
    if (batch.size === 0) return new Float32Array(0);
    const dims = [batch.size, batch.seqLength];
    // Models that take no token_type_ids never see them: transformers.js feeds only the session's inputs.
    const output = await model({
      input_ids: new Tensor('int64', batch.inputIds, dims),
      attention_mask: new Tensor('int64', batch.attentionMask, dims),
      token_type_ids: new Tensor('int64', batch.tokenTypeIds, dims),
    }).catch((err: unknown) => {
      throw new BasiraError('E_MODEL', `${dir}: the model failed to run (${err instanceof Error ? err.message : String(err)})`, HINT);
    });
    const logits = output['logits'];
    if (!(logits instanceof Tensor) || logits.dims.join() !== [batch.size, labels.length].join()) {
      throw new BasiraError(
        'E_MODEL',
        `${dir}: the model's logits have shape [${logits instanceof Tensor ? logits.dims.join(', ') : 'none'}], expected [${batch.size}, ${labels.length}] (one per id2label entry)`,
        HINT,
      );
    }
    return logits.data instanceof Float32Array ? logits.data : Float32Array.from(logits.data as ArrayLike<number>);
  }

  return {
    info: { id: folder.id, sha256, labels, problemType, maxLength, input: folder.input },
    onnxPath: folder.onnxPath,
    tokenize,
    runTokenized,
    async score(texts) {
      if (texts.length === 0) return { probs: [], logits: [], truncated: 0, truncatedRows: [] };
      const { input_ids: ids, token_type_ids: types } = encode(texts);
      const probs: number[][] = new Array(texts.length);
      const logits: number[][] = new Array(texts.length);
      const truncatedRows: boolean[] = new Array(texts.length);
      for (const group of lengthBatches(ids.map((row) => row.length), batchSize)) {
        const batch = packBatch(
          group.map((i) => ids[i]!),
          types && group.map((i) => types[i]!),
          packOptions,
        );
        const out = toProbabilities(await runTokenized(batch), labels.length, problemType);
        group.forEach((index, row) => {
          probs[index] = out.probs[row]!;
          logits[index] = out.logits[row]!;
          truncatedRows[index] = batch.truncated[row]!;
        });
      }
      return { probs, logits, truncated: truncatedRows.filter(Boolean).length, truncatedRows };
    },
    async dispose() {
      await model.dispose();
    },
  };
}
