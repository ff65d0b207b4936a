/**
 * Work that `npm run build` does once so that every run need not (src/precompile.ts writes it): JSON-schema
 * validators compiled to code, and the rule packs' term tokens. It lives in dist/precompiled/; running from the
 * sources (tests, tsx) there is none, and everything is worked out at run time as before.
 * Each artifact says what it was made from, and is used only when that still matches.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { AnySchema, Options, ValidateFunction } from 'ajv';

export const PRECOMPILED_DIR = fileURLToPath(new URL('./precompiled/', import.meta.url));

const require = createRequire(import.meta.url);

/** What a validator was compiled from: a precompiled one serves only the same schema and options. */
export function validatorSource(schema: AnySchema, options: Options): string {
  return JSON.stringify({ schema, options });
}

/**
 * A validator for `schema`: the one `npm run build` compiled when it was made from the same schema and options,
 * else compiled now. ajv is loaded only then: its import and compilation took a quarter of a second of every start.
 */
export function schemaValidator<T>(name: string, schema: AnySchema, options: Options, dir = PRECOMPILED_DIR): ValidateFunction<T> {
  const file = `${dir}/${name}.validate.cjs`;
  if (existsSync(file)) {
    const compiled = require(file) as ValidateFunction<T> & { source?: string };
    if (compiled.source === validatorSource(schema, options)) return compiled;
  }
  const { Ajv } = require('ajv') as typeof import('ajv');
  return new Ajv(options).compile<T>(schema);
}

/** A JSON artifact, or null when the build wrote none. */
export function readPrecompiled<T>(name: string, dir = PRECOMPILED_DIR): T | null {
  const file = `${dir}/${name}.json`;
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null;
}
