import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { BasiraError } from './errors.js';
import type { Fusion } from './fuse.js';
import { schemaValidator } from './precompiled.js';

const HEAD = {
  type: 'object',
  required: ['bias', 'weights'],
  additionalProperties: false,
  properties: { bias: { type: 'number' }, weights: { type: 'object', additionalProperties: { type: 'number' } } },
} as const;

const SCHEMA = {
  type: 'object',
  required: ['version', 'heads', 'threshold', 'review'],
  properties: {
    version: { type: 'string', minLength: 1 },
    heads: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^(rules|lexical|transformer)(\\+(lexical|transformer))*$' },
      additionalProperties: HEAD,
    },
    threshold: { type: 'number', minimum: 0, maximum: 1 },
    thresholdByLang: { type: 'object', additionalProperties: { type: 'number', minimum: 0, maximum: 1 } },
    review: { type: 'array', items: { type: 'number', minimum: 0, maximum: 1 }, minItems: 2, maxItems: 2 },
    provenance: { type: 'object' },
  },
} as const;

/** For the build, which compiles it to code (src/precompile.ts). */
export const FUSION_VALIDATOR = { name: 'fusion', schema: SCHEMA, options: { allErrors: true } } as const;

const validate = schemaValidator<Fusion>(FUSION_VALIDATOR.name, FUSION_VALIDATOR.schema, FUSION_VALIDATOR.options);

export interface LoadedFusion {
  fusion: Fusion;
  /** version plus a short hash of the file, so two files with the same version string are told apart. */
  id: string;
}

export function loadFusion(file: string): LoadedFusion {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    throw new BasiraError('E_FUSION', `${file}: cannot read fusion file (${(e as NodeJS.ErrnoException).code ?? e})`, 'run `basira calibrate` or pass --fusion FILE');
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    throw new BasiraError('E_FUSION', `${file}: invalid JSON: ${(e as Error).message}`);
  }
  if (!validate(data)) {
    const why = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new BasiraError('E_FUSION', `${file}: not a fusion file: ${why}`);
  }
  const [low, high] = data.review;
  if (low > high) throw new BasiraError('E_FUSION', `${file}: review band [${low}, ${high}] is reversed`);
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 12);
  return { fusion: data, id: `${data.version}#${hash}` };
}
