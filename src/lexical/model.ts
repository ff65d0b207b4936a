/**
 * The lexical model: hashed character n-grams and one logistic unit per output (trained by training/lexical/train.py).
 * Two feature blocks share the weights: n-grams of the normalised text and, when the model has `raw_features`,
 * n-grams of the post as written, lowercased, which keep what normalising folds away.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { BasiraError } from '../errors.js';
import { schemaValidator } from '../precompiled.js';
import { hashedFeatures, splitWords, type FeatureSpec } from './features.js';

export interface LexicalModel {
  id: string;
  /** sha256 of weights.bin. */
  sha256: string;
  outputs: string[];
  /** Sigmoid probability per output, from the normalised text and the post as written. */
  predict(normalizedText: string, text: string): Record<string, number>;
}

interface ModelFile {
  id: string;
  version: string;
  buckets: number;
  features: FeatureSpec;
  raw_features?: RawFeatures;
  outputs: string[];
  bias: number[];
  weights: { file: string; dtype: 'float32le'; sha256: string };
  windows: { words: number; combine: 'mean_logit' };
  normalizer_version: string;
}

/** The raw block: the `features` spec with its own n-gram lengths, over the post lowercased. */
interface RawFeatures {
  case: 'lower';
  char_min: number;
  char_max: number;
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
    raw_features: {
      type: 'object',
      required: ['case', 'char_min', 'char_max'],
      additionalProperties: false,
      properties: {
        case: { const: 'lower' },
        char_min: { type: 'integer', minimum: 1 },
        char_max: { type: 'integer', minimum: 1 },
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

/** For the build, which compiles it to code (src/precompile.ts). */
export const LEXICAL_VALIDATOR = { name: 'lexical-model', schema: SCHEMA, options: { allErrors: true } } as const;

const validate = schemaValidator<ModelFile>(LEXICAL_VALIDATOR.name, LEXICAL_VALIDATOR.schema, LEXICAL_VALIDATOR.options);

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
  const rawBlock = data.raw_features;
  if (rawBlock && rawBlock.char_min > rawBlock.char_max) {
    fail(`${file}: raw_features char_min ${rawBlock.char_min} > char_max ${rawBlock.char_max}`);
  }
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

/**
 * The weights, transposed to buckets × outputs so that one feature's weights for every output sit side by side in
 * memory, and the sha256 of the file. Read one output row at a time straight into the transposed array: reading the
 * whole file first cost a second 9 MB of fresh memory to fault in, a third of the model's load time.
 */
function readWeights(file: string, nOut: number, buckets: number): { weights: Float32Array; sha256: string } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    fail(`${file}: cannot read lexical weights (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    const size = fstatSync(fd).size;
    const expected = nOut * buckets * 4;
    if (size !== expected) fail(`${file}: ${size} bytes, expected ${expected} (outputs × buckets × 4)`);
    const weights = new Float32Array(nOut * buckets);
    // A buffer of its own (offset 0), so that the row is viewed as float32 in place.
    const row = Buffer.allocUnsafeSlow(buckets * 4);
    const hash = createHash('sha256');
    for (let o = 0; o < nOut; o++) {
      for (let got = 0; got < row.length; ) {
        const n = readSync(fd, row, got, row.length - got, o * row.length + got);
        if (n === 0) fail(`${file}: cannot read lexical weights (file shrank while reading)`);
        got += n;
      }
      hash.update(row);
      const values = toFloat32(row);
      for (let b = 0, k = o; b < buckets; b++, k += nOut) weights[k] = values[b] as number;
    }
    return { weights, sha256: hash.digest('hex') };
  } finally {
    closeSync(fd);
  }
}

export function loadLexical(dir: string): LexicalModel {
  const model = readModelFile(dir);
  const file = join(dir, model.weights.file);
  const outputs = [...model.outputs];
  const nOut = outputs.length;
  const { weights, sha256 } = readWeights(file, nOut, model.buckets);
  if (sha256 !== model.weights.sha256) fail(`${file}: sha256 ${sha256} does not match model.json (${model.weights.sha256})`);
  const bias = Float64Array.from(model.bias);
  const spec = model.features;
  const rawSpec: FeatureSpec | null = model.raw_features
    ? { ...spec, char_min: model.raw_features.char_min, char_max: model.raw_features.char_max }
    : null;
  const windowWords = model.windows.words;

  /** Adds scale · w · x for the features of one text to z. */
  const accumulate = (text: string, blockSpec: FeatureSpec, z: Float64Array, scale: number): void => {
    const { index, value } = hashedFeatures(text, blockSpec);
    for (let k = 0; k < index.length; k++) {
      const base = (index[k] as number) * nOut;
      const v = (value[k] as number) * scale;
      for (let o = 0; o < nOut; o++) z[o]! += (weights[base + o] as number) * v;
    }
  };

  /**
   * Adds the mean of w · x over the text's windows to z. The model was trained on posts of up to a few dozen
   * words; a longer text is cut into near-equal windows of at most windowWords words and their logits averaged,
   * since summed n-gram evidence of an article would otherwise grow with its length and push every long text to
   * an extreme. Each block (normalised text, post as written) is windowed on its own words.
   */
  const windowed = (text: string, blockSpec: FeatureSpec, z: Float64Array): void => {
    // A word and its separator take at least two UTF-16 units, so short texts skip the split.
    const words = text.length < 2 * windowWords ? [] : splitWords(text, blockSpec);
    const windows = Math.ceil(words.length / windowWords);
    if (windows <= 1) {
      accumulate(text, blockSpec, z, 1);
      return;
    }
    for (let j = 0; j < windows; j++) {
      const from = Math.floor((j * words.length) / windows);
      accumulate(words.slice(from, Math.floor(((j + 1) * words.length) / windows)).join(' '), blockSpec, z, 1 / windows);
    }
  };

  return {
    id: model.id,
    sha256,
    outputs,
    predict(normalizedText: string, text: string): Record<string, number> {
      const z = new Float64Array(nOut);
      windowed(normalizedText, spec, z);
      if (rawSpec) windowed(text.toLowerCase(), rawSpec, z);
      const probs: Record<string, number> = {};
      for (let o = 0; o < nOut; o++) probs[outputs[o] as string] = 1 / (1 + Math.exp(-((bias[o] as number) + (z[o] as number))));
      return probs;
    },
  };
}
