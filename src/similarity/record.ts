/**
 * One line of a signature list (JSONL), as `basira hash` writes it and `match`/`score --list` read it.
 * Every line names its algorithm, parameters and canonicaliser version, so lists from different teams
 * can be concatenated and a list from an incompatible version is refused line by line, never misread.
 */
import { CANONICAL_VERSION } from './canonical.js';
import { ALGORITHM, PARAMS, type SignatureParams } from './signature.js';

export interface SignatureRecord {
  id: string;
  algorithm: string;
  params: SignatureParams;
  normalizer: string;
  /** Base64 slots; null for a post that has none (too short, or unreadable: see `error`). */
  signature: string | null;
  error?: string;
}

export function signatureRecord(id: string, signature: string | null, error?: string): SignatureRecord {
  return {
    id,
    algorithm: ALGORITHM,
    params: { ...PARAMS },
    normalizer: CANONICAL_VERSION,
    signature,
    ...(error !== undefined ? { error } : {}),
  };
}

export type ParsedLine =
  | { ok: true; id: string; signature: string | null }
  /** `version`: the line is well-formed but made by another algorithm, parameters or canonicaliser. */
  | { ok: false; problem: string; version: boolean };

const PARAM_NAMES = Object.keys(PARAMS) as (keyof SignatureParams)[];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const malformed = (problem: string): ParsedLine => ({ ok: false, problem, version: false });
const otherVersion = (problem: string): ParsedLine => ({ ok: false, problem, version: true });

/** Checks one list line; the problem, when there is one, says what was found and what basira reads. */
export function parseRecordLine(text: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return malformed(`not a JSON object (${(e as Error).message})`);
  }
  if (!isObject(value)) return malformed('not a JSON object');
  const { id, algorithm, params, normalizer, signature } = value;
  if (typeof id !== 'string') return malformed('"id" must be a string');
  if (algorithm !== ALGORITHM) return otherVersion(`algorithm ${JSON.stringify(algorithm)}; this basira reads "${ALGORITHM}"`);
  if (!isObject(params)) return malformed('"params" must be an object');
  const differ = PARAM_NAMES.filter((name) => params[name] !== PARAMS[name]);
  if (differ.length > 0) {
    const found = differ.map((name) => `${name}=${JSON.stringify(params[name])}`).join(', ');
    const wanted = differ.map((name) => `${name}=${PARAMS[name]}`).join(', ');
    return otherVersion(`params ${found}; this basira reads ${wanted}`);
  }
  if (normalizer !== CANONICAL_VERSION) {
    return otherVersion(`normalizer ${JSON.stringify(normalizer)}; this basira reads "${CANONICAL_VERSION}"`);
  }
  if (signature !== null && typeof signature !== 'string') return malformed('"signature" must be a string or null');
  // A row `hash` could not read has no id to give; it has no signature either, so nothing will name it.
  if (signature !== null && id === '') return malformed('"id" must not be empty');
  return { ok: true, id, signature };
}
