/** The lexical model: hashed character n-grams and one logistic unit per output (trained by training/lexical/train.py). */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { BasiraError } from '../errors.js';
import { hashedFeatures, splitWords, type FeatureSpec } from './features.js';

export interface LexicalModel {
  id: string;
  /** sha256 of weights.bin. */
  sha256: string;
  outputs: string[];
  /** Sigmoid probability per output. */
  predict(normalizedText: string): Record<string, number>;
}

interface ModelFile {
  id: string;
  version: string;
  buckets: number;
  features: FeatureSpec;
  outputs: string[];
  bias: number[];
  weights: { file: string; dtype: 'float32le'; sha256: string };
  windows: { words: number; combine: 'mean_logit' };
  normalizer_version: string;
}

// Every feature field is pinned to what hashedFeatures implements: a model built with another spec must fail to
// load rather than score with features it was not trained on.
const SCHEMA = {
  type: 'object',
  required: ['id', 'version', 'buckets', 'features', 'outputs', 'bias', 'weights', 'windows', 'normalizer_version'],
  properties: {
    id: { type: 'string', minLength: 1 },
    version: { type: 'string', minLength: 1 },
    buckets: { type: 'integer', minimum: 2 },
    features: {
      type: 'object',
      required: ['type', 'hash', 'buckets_log2', 'whitespace', 'pad', 'char_min', 'char_max', 'value'],
      additionalProperties: false,
      properties: {
        type: { const: 'hashed_ngrams' },
        hash: { const: 'fnv1a32_utf8' },
        buckets_log2: { type: 'integer', minimum: 1, maximum: 30 },
        whitespace: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 0x10ffff } },
        pad: { type: 'string' },
        char_min: { type: 'integer', minimum: 1 },
        char_max: { type: 'integer', minimum: 1 },
        value: { const: 'sqrt_count_l2' },
      },
    },
    outputs: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } },
    bias: { type: 'array', items: { type: 'number' } },
    weights: {
      type: 'object',
      required: ['file', 'dtype', 'sha256'],
      properties: {
        file: { type: 'string', pattern: '^[^/\\\\]+$' },
        dtype: { const: 'float32le' },
        sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      },
    },
    windows: {
      type: 'object',
      required: ['words', 'combine'],
      properties: { words: { type: 'integer', minimum: 1 }, combine: { const: 'mean_logit' } },
    },
    normalizer_version: { type: 'string' },
  },
} as const;

const validate = new Ajv({ allErrors: true }).compile<ModelFile>(SCHEMA);

function fail(message: string): never {
  throw new BasiraError('E_MODEL', message, 'rebuild it with training/lexical/train.py or pass --no-lexical');
}

function readModelFile(dir: string): ModelFile {
  const file = join(dir, 'model.json');
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    fail(`${file}: cannot read lexical model (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    fail(`${file}: invalid JSON: ${(e as Error).message}`);
  }
  if (!validate(data)) {
    fail(`${file}: not a lexical model: ${(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`);
  }
  const { features, buckets, outputs, bias } = data;
  if (buckets !== 2 ** features.buckets_log2) fail(`${file}: buckets ${buckets} is not 2^${features.buckets_log2}`);
  if (features.char_min > features.char_max) fail(`${file}: char_min ${features.char_min} > char_max ${features.char_max}`);
  if (bias.length !== outputs.length) fail(`${file}: ${bias.length} biases for ${outputs.length} outputs`);
  return data;
}

/** float32 little-endian bytes as a Float32Array (a view when the host allows, else decoded). */
function toFloat32(bytes: Buffer): Float32Array {
  if (endianness() === 'LE' && bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}

export function loadLexical(dir: string): LexicalModel {
  const model = readModelFile(dir);
  const file = join(dir, model.weights.file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    fail(`${file}: cannot read lexical weights (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const expected = model.outputs.length * model.buckets * 4;
  if (bytes.length !== expected) fail(`${file}: ${bytes.length} bytes, expected ${expected} (outputs × buckets × 4)`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== model.weights.sha256) fail(`${file}: sha256 ${sha256} does not match model.json (${model.weights.sha256})`);

  const outputs = [...model.outputs];
  const nOut = outputs.length;
  // Transposed to buckets × outputs so that one feature's weights for every output sit side by side in memory.
  const rowMajor = toFloat32(bytes);
  const weights = new Float32Array(rowMajor.length);
  for (let o = 0; o < nOut; o++) {
    for (let b = 0; b < model.buckets; b++) weights[b * nOut + o] = rowMajor[o * model.buckets + b] as number;
  }
  const bias = Float64Array.from(model.bias);
  const spec = model.features;
  const windowWords = model.windows.words;

  /** Adds w · x for one window's features to z. */
  const accumulate = (text: string, z: Float64Array): void => {
    const { index, value } = hashedFeatures(text, spec);
    for (let k = 0; k < index.length; k++) {
      const base = (index[k] as number) * nOut;
      const v = value[k] as number;
      for (let o = 0; o < nOut; o++) z[o]! += (weights[base + o] as number) * v;
    }
  };

  return {
    id: model.id,
    sha256,
    outputs,
    predict(normalizedText: string): Record<string, number> {
      const z = new Float64Array(nOut);
      // The model was trained on posts of up to a few dozen words. A longer text is cut into near-equal windows
      // of at most windowWords words and the logits averaged: summed n-gram evidence of an article would
      // otherwise grow with its length and push every long text to an extreme.
      // A word and its separator take at least two UTF-16 units, so short texts skip the split.
      const words = normalizedText.length < 2 * windowWords ? [] : splitWords(normalizedText, spec);
      const windows = Math.ceil(words.length / windowWords);
      if (windows <= 1) accumulate(normalizedText, z);
      else {
        for (let j = 0; j < windows; j++) {
          const from = Math.floor((j * words.length) / windows);
          accumulate(words.slice(from, Math.floor(((j + 1) * words.length) / windows)).join(' '), z);
        }
      }
      const probs: Record<string, number> = {};
      for (let o = 0; o < nOut; o++) {
        probs[outputs[o] as string] = 1 / (1 + Math.exp(-((bias[o] as number) + (z[o] as number) / Math.max(1, windows))));
      }
      return probs;
    },
  };
}
