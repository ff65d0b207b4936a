/**
 * The dataset registry (datasets/registry.json): public labelled sets by name, with their columns, label
 * mapping, licence and where to get them, and the project's split manifests. basira never downloads data:
 * names resolve to files in a data folder the user already has.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { Ajv } from 'ajv';
import { BasiraError } from '../errors.js';
import type { ReadOptions } from '../io/read.js';
import { PACKAGE_ROOT } from '../paths.js';
import { LABELS } from '../types.js';
import { NOT_PROPAGANDA, type LabelMap } from './gold.js';

export const REGISTRY_DIR = join(PACKAGE_ROOT, 'datasets');
export const REGISTRY_FILE = join(REGISTRY_DIR, 'registry.json');

/** Column names in a dataset's file; the optional ones are absent when the file has no such column. */
export interface DatasetColumns {
  readonly id: string;
  readonly text: string;
  readonly label: string;
  readonly categories?: string;
  readonly lang?: string;
  /** Where each post comes from, within the file (a sub-source), and the annotator's confidence: for `eval --by`. */
  readonly source?: string;
  readonly confidence?: string;
}

/** Optional columns a dataset may name, besides id, text and label. */
export const OPTIONAL_COLUMNS = ['categories', 'lang', 'source', 'confidence'] as const;

interface DatasetCommon {
  readonly name: string;
  readonly description: string;
  readonly languages: string;
  readonly rows?: number;
  readonly licence: string;
  /** Where to get it, for people. */
  readonly source: string;
}

/** A labelled file in the data folder. */
export interface FileDataset extends DatasetCommon {
  readonly kind: 'file';
  /** Relative to the data folder. */
  readonly path: string;
  readonly columns: DatasetColumns;
  /** Their label values → ours; absent when the file already uses our labels. */
  readonly map?: LabelMap;
}

/** A manifest (id, source_file, sha256) whose rows are read from the file datasets it names. */
export interface SplitDataset extends DatasetCommon {
  readonly kind: 'split';
  /** Relative to the registry's folder. */
  readonly manifest: string;
}

export type Dataset = FileDataset | SplitDataset;

export interface Registry {
  /** Folder the split manifests are relative to. */
  readonly dir: string;
  readonly datasets: readonly Dataset[];
}

const GOLD = [...LABELS, NOT_PROPAGANDA];
const COMMON = {
  name: { type: 'string', pattern: '^[a-z0-9_]+(:[a-z0-9_]+)?$' },
  description: { type: 'string' },
  languages: { type: 'string' },
  rows: { type: 'integer', minimum: 0 },
  licence: { type: 'string', minLength: 1 },
  source: { type: 'string', minLength: 1 },
} as const;
const REQUIRED = ['name', 'kind', 'description', 'languages', 'licence', 'source'] as const;

const SCHEMA = {
  type: 'object',
  required: ['version', 'datasets'],
  properties: {
    version: { const: 1 },
    description: { type: 'string' },
    datasets: {
      type: 'array',
      items: {
        oneOf: [
          {
            type: 'object',
            additionalProperties: false,
            required: [...REQUIRED, 'path', 'columns'],
            properties: {
              ...COMMON,
              kind: { const: 'file' },
              path: { type: 'string', minLength: 1 },
              columns: {
                type: 'object',
                additionalProperties: false,
                required: ['id', 'text', 'label'],
                properties: Object.fromEntries(['id', 'text', 'label', ...OPTIONAL_COLUMNS].map((k) => [k, { type: 'string', minLength: 1 }])),
              },
              map: { type: 'object', minProperties: 1, additionalProperties: { enum: GOLD } },
            },
          },
          {
            type: 'object',
            additionalProperties: false,
            required: [...REQUIRED, 'manifest'],
            properties: { ...COMMON, kind: { const: 'split' }, manifest: { type: 'string', minLength: 1 } },
          },
        ],
      },
    },
  },
} as const;

const validate = new Ajv({ allErrors: true }).compile<{ datasets: Dataset[] }>(SCHEMA);

/** Reads and checks a registry file; a broken registry is a bug in the package (or the user's own registry). */
export function loadRegistry(file: string = REGISTRY_FILE, dir: string = REGISTRY_DIR): Registry {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BasiraError('E_DATA', `${file}: cannot read the dataset registry: ${(e as Error).message}`);
  }
  if (!validate(data)) {
    const why = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new BasiraError('E_DATA', `${file}: not a dataset registry: ${why}`);
  }
  const seen = new Set<string>();
  for (const d of data.datasets) {
    if (seen.has(d.name)) throw new BasiraError('E_DATA', `${file}: dataset "${d.name}" is listed twice`);
    seen.add(d.name);
  }
  return { dir, datasets: data.datasets };
}

export function findDataset(registry: Registry, name: string): Dataset | undefined {
  return registry.datasets.find((d) => d.name === name);
}

/** The file dataset a split's manifest row points at, by its path in the data folder. */
export function datasetAt(registry: Registry, path: string): FileDataset | undefined {
  return registry.datasets.find((d): d is FileDataset => d.kind === 'file' && d.path === path);
}

/** Where the data lives: --data-dir, else $BASIRA_DATA, else ../shared/data next to the package root; `from` says which, for messages. */
export function resolveDataDir(given: string | undefined, env: NodeJS.ProcessEnv): { dir: string; from: string } {
  if (given !== undefined) return { dir: given, from: 'from --data-dir' };
  const fromEnv = env.BASIRA_DATA;
  if (fromEnv !== undefined && fromEnv !== '') return { dir: fromEnv, from: 'from $BASIRA_DATA' };
  return { dir: join(PACKAGE_ROOT, '..', 'shared', 'data'), from: 'the default: ../shared/data next to basira' };
}

export function manifestPath(registry: Registry, d: SplitDataset): string {
  return isAbsolute(d.manifest) ? d.manifest : join(registry.dir, d.manifest);
}

/** How to read a dataset's file: its text and id columns, and every gold column it names. */
export function datasetReadOptions(d: FileDataset): ReadOptions {
  const c = d.columns;
  return {
    format: 'csv',
    textCol: c.text,
    idCol: c.id,
    labelCols: [c.label, ...OPTIONAL_COLUMNS.flatMap((k) => (c[k] !== undefined ? [c[k]] : []))],
  };
}

/** The dataset's data file, or an E_INPUT error saying what is missing and where to get it. */
export function requireFile(d: FileDataset, data: { dir: string; from: string }, forDataset: string = d.name): string {
  const path = join(data.dir, d.path);
  if (!existsSync(path)) {
    throw new BasiraError(
      'E_INPUT',
      `${forDataset}: ${path} is missing (data folder ${data.from})`,
      `get ${d.name} from ${d.source}; put it at ${d.path} under a data folder named with --data-dir DIR or $BASIRA_DATA`,
    );
  }
  return path;
}
