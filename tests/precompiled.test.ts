import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUSION_VALIDATOR } from '../src/fusion-file.js';
import { LEXICAL_VALIDATOR } from '../src/lexical/model.js';
import { DEFAULTS, PACKAGE_ROOT } from '../src/paths.js';
import { readPrecompiled, schemaValidator } from '../src/precompiled.js';
import { writePrecompiled } from '../src/precompile.js';
import type { RulesSnapshot } from '../src/rules/snapshot.js';

const fusion = JSON.parse(readFileSync(DEFAULTS.fusion, 'utf8')) as Record<string, unknown>;
const lexical = JSON.parse(readFileSync(path.join(DEFAULTS.lexical, 'model.json'), 'utf8')) as Record<string, unknown>;

const CASES = [
  { spec: FUSION_VALIDATOR, docs: [fusion, { ...fusion, threshold: 2 }, { ...fusion, review: [0.5] }, { version: '' }, 'text'] },
  { spec: LEXICAL_VALIDATOR, docs: [lexical, { ...lexical, outputs: ['a', 'a'] }, { ...lexical, features: { type: 'other' } }, {}, null] },
];

describe('writePrecompiled and schemaValidator', () => {
  let dir: string;
  beforeAll(() => {
    // Inside the package (in its ignored .tmp/), as dist/ is: the compiled validators require ajv's runtime helpers.
    mkdirSync(path.join(PACKAGE_ROOT, '.tmp'), { recursive: true });
    dir = mkdtempSync(path.join(PACKAGE_ROOT, '.tmp', 'precompiled-'));
    writePrecompiled(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the validators and the rules snapshot', () => {
    expect(existsSync(path.join(dir, 'fusion.validate.cjs'))).toBe(true);
    expect(existsSync(path.join(dir, 'lexical-model.validate.cjs'))).toBe(true);
    expect(readPrecompiled<RulesSnapshot>('rules', dir)?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(CASES)('uses the compiled $spec.name validator, which judges and explains as ajv does', ({ spec, docs }) => {
    const compiled = schemaValidator(spec.name, spec.schema, spec.options, dir);
    expect(compiled).toHaveProperty('source');
    const reference = new Ajv(spec.options).compile(spec.schema);
    for (const doc of docs) {
      expect(compiled(doc)).toBe(reference(doc));
      expect(compiled.errors ?? null).toEqual(reference.errors ?? null);
    }
    expect(compiled(docs[0])).toBe(true);
    expect(docs.slice(1).every((doc) => !compiled(doc))).toBe(true);
  });

  it('compiles anew when the schema is not the one the build compiled', () => {
    const schema = { ...FUSION_VALIDATOR.schema, required: ['version'] };
    const validator = schemaValidator(FUSION_VALIDATOR.name, schema, FUSION_VALIDATOR.options, dir);
    expect(validator).not.toHaveProperty('source');
    expect(validator({ version: '1' })).toBe(true);
  });

  it('still writes the validators when the rule packs are invalid, and leaves no old snapshot behind', () => {
    const other = mkdtempSync(path.join(PACKAGE_ROOT, '.tmp', 'precompiled-'));
    try {
      writePrecompiled(other);
      expect(readPrecompiled('rules', other)).not.toBeNull();
      const { written, skipped } = writePrecompiled(other, path.join(other, 'no-such-rules'));
      expect(written).toEqual(['fusion.validate.cjs', 'lexical-model.validate.cjs']);
      expect(skipped).toEqual([expect.stringMatching(/^rules\.json \(.*rule pack folder not found/)]);
      expect(readPrecompiled('rules', other)).toBeNull();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('compiles anew, and reads no artifact, where the build wrote none', () => {
    const empty = path.join(dir, 'empty');
    expect(schemaValidator(FUSION_VALIDATOR.name, FUSION_VALIDATOR.schema, FUSION_VALIDATOR.options, empty)(fusion)).toBe(true);
    expect(readPrecompiled('rules', empty)).toBeNull();
  });
});
