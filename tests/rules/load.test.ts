import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BasiraError } from '../../src/errors.js';
import { loadRulePacks } from '../../src/rules/load.js';
import { DEFAULT_RULES_DIR, SCHEMA_FILE } from '../../src/rules/paths.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/rules/', import.meta.url));

function loadError(dir: string): BasiraError {
  try {
    loadRulePacks(dir);
  } catch (e) {
    if (e instanceof BasiraError) return e;
    throw e;
  }
  throw new Error(`loading ${dir} did not fail`);
}

describe('loadRulePacks', () => {
  it('defaults to models/rules of the package', () => {
    expect(DEFAULT_RULES_DIR).toBe(fileURLToPath(new URL('../../models/rules', import.meta.url)));
    expect(SCHEMA_FILE).toBe(path.join(DEFAULT_RULES_DIR, 'pack.schema.json'));
  });

  it('loads a folder of packs', () => {
    expect(loadRulePacks(path.join(FIXTURES, 'basic')).languages).toEqual(['ar', 'en', 'fr']);
  });

  it('fails with E_RULES naming the file, line and column of broken JSON', () => {
    const error = loadError(path.join(FIXTURES, 'bad_json'));
    expect(error.code).toBe('E_RULES');
    expect(error.message).toMatch(/bad_json\/en\.json: invalid JSON: .*\(line 4, column 3\)/);
    expect(error.hint).toMatch(/basira rules check/);
  });

  it('fails with E_RULES for a missing folder and for a folder without packs', () => {
    expect(loadError(path.join(FIXTURES, 'no_such_folder')).message).toMatch(/no_such_folder: rule pack folder not found/);
    const empty = mkdtempSync(path.join(tmpdir(), 'basira-rules-'));
    try {
      expect(loadError(empty).message).toMatch(/no rule packs \(<lang>\.json\) found/);
    } finally {
      rmSync(empty, { recursive: true });
    }
  });
});
