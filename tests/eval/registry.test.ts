import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findDataset, loadRegistry, requireFile, resolveDataDir, type FileDataset } from '../../src/eval/registry.js';
import { renderRegistry } from '../../src/eval/registry-list.js';
import { readManifest } from '../../src/eval/split.js';
import { PACKAGE_ROOT } from '../../src/paths.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/eval/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'basira-registry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the shipped registry', () => {
  const registry = loadRegistry();

  it('lists every public set of the shared data and the two split manifests', () => {
    expect(registry.datasets.map((d) => d.name)).toEqual([
      'fifthtribe',
      'isextreme',
      'translated',
      'germeval2018',
      'hateval2019_en',
      'hateval2019_es',
      'mlma_ar',
      'mlma_en',
      'osact2022',
      'lhsab',
      'split:dev',
      'split:test',
    ]);
    for (const d of registry.datasets) {
      expect(d.licence.length).toBeGreaterThan(2);
      expect(d.source.length).toBeGreaterThan(10);
    }
  });

  it('maps the negatives to other, as training/split.py does, and keeps the labelled sets as they are', () => {
    const files = registry.datasets.filter((d): d is FileDataset => d.kind === 'file');
    for (const d of files) {
      if (d.path.startsWith('negatives/')) expect(d.map).toEqual({ not_propaganda: 'other' });
      else expect(d.map).toBeUndefined();
    }
  });

  it('describes every source file the split manifests name', () => {
    for (const name of ['split:dev', 'split:test']) {
      const split = findDataset(registry, name);
      if (split?.kind !== 'split') throw new Error(`${name} is not a split`);
      const files = readManifest(registry, split);
      expect(files.map((f) => f.path).sort()).toEqual(registry.datasets.flatMap((d) => (d.kind === 'file' ? [d.path] : [])).sort());
      const rows = files.reduce((n, f) => n + f.wanted.size, 0);
      expect(rows).toBe(split.rows);
    }
  });
});

describe('loadRegistry', () => {
  it('names what is wrong with a broken registry', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 1, datasets: [{ name: 'x', kind: 'file', path: 'a.csv' }] }));
    expect(() => loadRegistry(bad, dir)).toThrow(/not a dataset registry/);
    const twice = join(dir, 'twice.json');
    const entry = JSON.parse(readFileSync(join(FIXTURES, 'registry.json'), 'utf8')).datasets[0];
    writeFileSync(twice, JSON.stringify({ version: 1, datasets: [entry, entry] }));
    expect(() => loadRegistry(twice, dir)).toThrow(/"mini" is listed twice/);
  });
});

describe('resolveDataDir', () => {
  it('takes --data-dir, else $BASIRA_DATA, else ../shared/data next to the package', () => {
    expect(resolveDataDir('/d', { BASIRA_DATA: '/e' }).dir).toBe('/d');
    expect(resolveDataDir(undefined, { BASIRA_DATA: '/e' })).toMatchObject({ dir: '/e', from: 'from $BASIRA_DATA' });
    expect(resolveDataDir(undefined, {}).dir).toBe(join(PACKAGE_ROOT, '..', 'shared', 'data'));
  });
});

describe('requireFile', () => {
  const registry = loadRegistry(join(FIXTURES, 'registry.json'), FIXTURES);
  const data = { dir: join(FIXTURES, 'data'), from: 'from --data-dir' };

  it('finds a dataset in the data folder', () => {
    const d = findDataset(registry, 'mini') as FileDataset;
    expect(existsSync(requireFile(d, data))).toBe(true);
  });

  it('says what is missing, where it was looked for and where to get it', () => {
    const d = findDataset(registry, 'absent') as FileDataset;
    try {
      requireFile(d, data);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'E_INPUT', message: `absent: ${join(data.dir, 'labelled/absent.csv')} is missing (data folder from --data-dir)` });
      expect((e as { hint: string }).hint).toContain('https://example.org/absent');
    }
  });
});

describe('renderRegistry', () => {
  it('shows each dataset and whether it is here', () => {
    const registry = loadRegistry(join(FIXTURES, 'registry.json'), FIXTURES);
    const text = renderRegistry(registry, { dir: join(FIXTURES, 'data'), from: 'from --data-dir' });
    const line = (name: string): string => text.split('\n').find((l) => l.startsWith(`${name} `)) ?? '';
    expect(line('mini')).toMatch(/ yes$/);
    expect(line('absent')).toMatch(/ missing$/);
    expect(line('split:mini')).toMatch(/ yes$/);
    expect(text).toContain(`Data folder: ${join(FIXTURES, 'data')} (from --data-dir)`);
  });
});
