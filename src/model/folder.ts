import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BasiraError } from '../errors.js';

export type ProblemType = 'single_label_classification' | 'multi_label_classification';

/** What basira needs from a Hugging Face-layout model folder, read before transformers.js touches it. */
export interface ModelFolder {
  /** Absolute: transformers.js treats relative paths that look like "org/name" as Hub ids. */
  dir: string;
  onnxPath: string;
  id: string;
  labels: string[];
  problemType: ProblemType;
  maxLength: number;
  /**
   * What the model reads: basira's own models were trained on normalised text (config `basira_input:
   * "normalized"`); any other Hugging Face model gets the post as written, as its tokenizer expects.
   */
  input: 'normalized' | 'original';
}

const HINT = 'export a Hugging Face-layout model or use --no-model';
const REQUIRED = ['onnx/model.onnx', 'config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;

/** Tokenizer configs use 1e30 for "no limit"; anything this large is not a real limit. */
const NO_LIMIT = 1_000_000;

function modelError(message: string): BasiraError {
  return new BasiraError('E_MODEL', message, HINT);
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function readJson(dir: string, name: string): Promise<Record<string, unknown>> {
  const file = path.join(dir, name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw modelError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw modelError(`${file}: expected a JSON object`);
  return parsed as Record<string, unknown>;
}

/** Labels in logit order: id2label keys must be exactly 0..n-1. */
function labelsOf(config: Record<string, unknown>, dir: string): string[] {
  const id2label = config['id2label'];
  if (typeof id2label !== 'object' || id2label === null) throw modelError(`${dir}/config.json: no id2label`);
  const entries = Object.entries(id2label as Record<string, unknown>);
  const labels: string[] = [];
  for (const [key, value] of entries) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= entries.length || typeof value !== 'string') {
      throw modelError(`${dir}/config.json: id2label must map 0..${entries.length - 1} to label names, got "${key}"`);
    }
    labels[index] = value;
  }
  if (labels.length === 0) throw modelError(`${dir}/config.json: id2label is empty`);
  return labels;
}

function problemTypeOf(config: Record<string, unknown>, labels: string[], dir: string): ProblemType {
  const declared = config['problem_type'];
  if (declared === 'regression') throw modelError(`${dir}/config.json: regression models are not classifiers`);
  // A single output can only be a yes/no score, as in the Hugging Face text-classification pipeline.
  return declared === 'multi_label_classification' || labels.length === 1
    ? 'multi_label_classification'
    : 'single_label_classification';
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < NO_LIMIT ? value : undefined;
}

/** The tighter of the position table and the tokenizer limit (RoBERTa: 514 positions but 512 tokens). */
function maxLengthOf(config: Record<string, unknown>, tokenizerConfig: Record<string, unknown>, dir: string): number {
  const limits = [positive(config['max_position_embeddings']), positive(tokenizerConfig['model_max_length'])].filter(
    (n): n is number => n !== undefined,
  );
  if (limits.length === 0) {
    throw modelError(`${dir}: neither config.json max_position_embeddings nor tokenizer_config.json model_max_length is set`);
  }
  return Math.min(...limits);
}

export async function readModelFolder(dir: string): Promise<ModelFolder> {
  const abs = path.resolve(dir);
  for (const name of REQUIRED) {
    if (!(await isFile(path.join(abs, name)))) throw modelError(`${dir}: no ${name}`);
  }
  const [config, tokenizerConfig] = await Promise.all([readJson(abs, 'config.json'), readJson(abs, 'tokenizer_config.json')]);
  const labels = labelsOf(config, dir);
  const named = config['_name_or_path'];
  return {
    dir: abs,
    onnxPath: path.join(abs, 'onnx', 'model.onnx'),
    id: typeof named === 'string' && named.trim() !== '' ? named : path.basename(abs),
    labels,
    problemType: problemTypeOf(config, labels, dir),
    maxLength: maxLengthOf(config, tokenizerConfig, dir),
    input: config['basira_input'] === 'normalized' ? 'normalized' : 'original',
  };
}

/**
 * Read in pieces into one reused buffer, so a large model is never held in memory twice and no fresh memory is
 * faulted in per piece (a stream's 64 kB pieces, or one big piece copied out of its read buffer, cost tens of ms).
 */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(file);
  try {
    const piece = Buffer.allocUnsafeSlow(1 << 20);
    for (let n; (n = (await handle.read(piece, 0, piece.length, null)).bytesRead) > 0; ) hash.update(piece.subarray(0, n));
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
