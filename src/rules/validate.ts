/** Checks a parsed rule pack against models/rules/pack.schema.json and the rules a schema cannot say. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { PackFile, RulePack } from './pack.js';
import { SCHEMA_FILE, displayPath } from './paths.js';
import { termTokens } from './terms.js';

let compiled: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  // strictRequired would reject the anyOf/not branches that express "exactly one of category or context".
  compiled ??= new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
  return compiled;
}

/** Where an error is: "rule #3 "en.x.y": " for a rule (1-based, as people count), nothing for the pack itself. */
function ruleLabel(data: unknown, index: number): string {
  const rules = (data as { rules?: unknown } | null)?.rules;
  const id = Array.isArray(rules) ? (rules[index] as { id?: unknown } | null)?.id : undefined;
  return typeof id === 'string' ? `rule #${index + 1} "${id}": ` : `rule #${index + 1}: `;
}

/** JSON pointer segments → "near.terms[0]". */
function fieldName(segments: string[]): string {
  return segments.reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc === '' ? s : `${acc}.${s}`), '');
}

function describe(error: ErrorObject): { field: string[]; message: string } {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { field: [String(p['missingProperty'])], message: 'is required' };
    case 'additionalProperties':
      return { field: [String(p['additionalProperty'])], message: 'is not a known field' };
    case 'enum':
      return { field: [], message: `must be one of ${(p['allowedValues'] as unknown[]).join(', ')}` };
    case 'anyOf':
      return { field: ['category'], message: 'or context is required (exactly one of them)' };
    case 'not':
      return { field: ['category'], message: 'and context are both set (set exactly one)' };
    default:
      return { field: [], message: error.message ?? `fails ${error.keyword}` };
  }
}

function schemaErrors(data: unknown, file: string): string[] {
  const validate = schemaValidator();
  if (validate(data)) return [];
  return (validate.errors ?? [])
    // The anyOf branches' own "required" errors only restate the anyOf error.
    .filter((e) => !e.schemaPath.includes('/anyOf/'))
    .map((e) => {
      const segments = e.instancePath.split('/').slice(1);
      const { field, message } = describe(e);
      let where = '';
      if (segments[0] === 'rules' && segments[1] !== undefined) {
        where = ruleLabel(data, Number(segments[1]));
        segments.splice(0, 2);
      }
      const name = fieldName([...segments, ...field]);
      return `${file}: ${where}${name === '' ? '' : `${name} `}${message}`;
    });
}

function emptyTermErrors(terms: readonly string[], prefix: string, field: string): string[] {
  return terms.flatMap((term, i) =>
    termTokens(term).length === 0 ? [`${prefix}${field}[${i}] ${JSON.stringify(term)} has no words after normalisation`] : [],
  );
}

function semanticErrors(pack: RulePack, file: string, filePath: string): string[] {
  const errors: string[] = [];
  if (path.basename(filePath) !== `${pack.lang}.json`) {
    errors.push(`${file}: lang "${pack.lang}" does not match the file name (expected ${pack.lang}.json)`);
  }
  errors.push(...emptyTermErrors(pack.negations, `${file}: `, 'negations'));
  pack.rules.forEach((rule, i) => {
    const at = `${file}: rule #${i + 1} "${rule.id}": `;
    if (!rule.id.startsWith(`${pack.lang}.`)) errors.push(`${at}id must start with "${pack.lang}."`);
    errors.push(...emptyTermErrors(rule.terms, at, 'terms'));
    if (rule.near) errors.push(...emptyTermErrors(rule.near.terms, at, 'near.terms'));
  });
  return errors;
}

/** Every problem with one parsed pack file; an empty list means `data` is a valid RulePack. */
export function validatePack(data: unknown, filePath: string): string[] {
  const file = displayPath(filePath);
  const errors = schemaErrors(data, file);
  return errors.length > 0 ? errors : semanticErrors(data as RulePack, file, filePath);
}

/** Problems between packs: rule ids must be unique across all of them. */
export function crossPackErrors(packs: readonly PackFile[]): string[] {
  const seen = new Map<string, string>();
  const errors: string[] = [];
  for (const { file, pack } of packs) {
    pack.rules.forEach((rule, i) => {
      const here = `${displayPath(file)}: rule #${i + 1} "${rule.id}"`;
      const first = seen.get(rule.id);
      if (first === undefined) seen.set(rule.id, here);
      else errors.push(`${here}: id duplicates ${first}`);
    });
  }
  return errors;
}
