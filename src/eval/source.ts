/**
 * What `basira eval` and `basira calibrate` read: a labelled file (or stdin) with the user's column names and
 * label reading, or a dataset named in the registry, whose columns and label mapping come from the registry.
 * Either way the commands get posts whose gold cells sit under `columns`, read through `reading`.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { BasiraError } from '../errors.js';
import { readPosts, type InputFormat } from '../io/read.js';
import type { Post } from '../types.js';
import type { GoldReading, LabelMap } from './gold.js';
import { datasetReadOptions, findDataset, loadRegistry, manifestPath, OPTIONAL_COLUMNS, requireFile, resolveDataDir, type Registry } from './registry.js';
import { readSplit, SPLIT_COLUMNS } from './split.js';

export interface LabelledInput {
  /** A file, '-' for stdin, or a dataset name from the registry (a file of that name wins). */
  input: string;
  inputFormat?: InputFormat;
  textCol?: string;
  idCol?: string;
  delimiter?: string;
  /** Gold label column; required for files, given by the registry for its datasets. */
  labelCol?: string;
  positive?: string;
  map?: LabelMap;
  categoriesCol?: string;
  langCol?: string;
  /**
   * Slice the figures by this gold column too: a column (or key) of a file, or for a registry dataset one of the
   * column roles it may name (categories, lang, source, confidence).
   */
  by?: string;
  /** Data folder for registry datasets (else $BASIRA_DATA, else ../shared/data next to basira). */
  dataDir?: string;
}

export interface LabelledSource {
  /** What was read, for messages and provenance: the path, 'stdin', or the dataset name. */
  readonly name: string;
  /** Keys of Post.gold holding each gold column. */
  readonly columns: { readonly label: string; readonly categories?: string; readonly lang?: string; readonly by?: string };
  readonly reading: GoldReading;
  readonly posts: AsyncIterable<Post>;
  /** "file:line" of a post, for messages. */
  where(post: Pick<Post, 'row' | 'line'>): string;
  /** sha256 of what was read: the file, or a split's manifest (which pins each text by its hash); null for stdin. */
  sha256(): Promise<string | null>;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();

/** Options that describe a file's columns; a registry dataset brings its own. */
function columnOptions(opts: LabelledInput): string[] {
  const flags: [unknown, string][] = [
    [opts.inputFormat, '--input-format'],
    [opts.textCol, '--text-col'],
    [opts.idCol, '--id-col'],
    [opts.delimiter, '--delimiter'],
    [opts.labelCol, '--label-col'],
    [opts.positive, '--positive'],
    [opts.map, '--map'],
    [opts.categoriesCol, '--categories-col'],
    [opts.langCol, '--lang-col'],
  ];
  return flags.filter(([v]) => v !== undefined).map(([, flag]) => flag);
}

export function openLabelled(opts: LabelledInput, stdin: NodeJS.ReadableStream, env: NodeJS.ProcessEnv, registry?: Registry): LabelledSource {
  if (opts.positive !== undefined && opts.map !== undefined) {
    throw new BasiraError('E_USAGE', '--positive and --map both say how to read the labels', 'give one of them');
  }
  if (opts.input !== '-' && !isFile(opts.input)) {
    const reg = registry ?? loadRegistry();
    const dataset = findDataset(reg, opts.input);
    if (dataset !== undefined) return openDataset(opts, reg, dataset, env);
    if (opts.labelCol === undefined) {
      throw new BasiraError('E_INPUT', `${opts.input}: no such file or dataset`, `datasets: ${reg.datasets.map((d) => d.name).join(', ')} (basira eval --list-datasets)`);
    }
  }
  if (opts.labelCol === undefined) {
    throw new BasiraError('E_USAGE', `${opts.input === '-' ? 'stdin' : opts.input}: which column holds the gold label?`, 'use --label-col NAME, or name a dataset from basira eval --list-datasets');
  }
  if (opts.dataDir !== undefined) throw new BasiraError('E_USAGE', '--data-dir applies to datasets named from the registry, not to files');
  return openFile(opts, opts.labelCol, stdin);
}

function openFile(opts: LabelledInput, labelCol: string, stdin: NodeJS.ReadableStream): LabelledSource {
  const name = opts.input === '-' ? 'stdin' : opts.input;
  const labelCols = [...new Set([labelCol, opts.categoriesCol, opts.langCol, opts.by].filter((c): c is string => c !== undefined))];
  return {
    name,
    columns: {
      label: labelCol,
      ...(opts.categoriesCol !== undefined ? { categories: opts.categoriesCol } : {}),
      ...(opts.langCol !== undefined ? { lang: opts.langCol } : {}),
      ...(opts.by !== undefined ? { by: opts.by } : {}),
    },
    reading: { ...(opts.positive !== undefined ? { positive: opts.positive } : {}), ...(opts.map !== undefined ? { map: opts.map } : {}) },
    posts: readPosts(
      opts.input,
      {
        ...(opts.inputFormat ? { format: opts.inputFormat } : {}),
        ...(opts.textCol ? { textCol: opts.textCol } : {}),
        ...(opts.idCol ? { idCol: opts.idCol } : {}),
        ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
        labelCols,
      },
      stdin,
    ),
    where: (post) => `${name}:${post.line}`,
    sha256: async () => (opts.input === '-' ? null : sha256File(opts.input)),
  };
}

/** A registry dataset is sliced by a column role, not by a file's column name (a split spans several files). */
function byRole(by: string | undefined, dataset: string): (typeof OPTIONAL_COLUMNS)[number] | undefined {
  if (by === undefined) return undefined;
  const role = OPTIONAL_COLUMNS.find((k) => k === by);
  if (role === undefined) throw new BasiraError('E_USAGE', `--by ${by}: dataset ${dataset} is sliced by ${OPTIONAL_COLUMNS.join(', ')}`);
  return role;
}

function openDataset(opts: LabelledInput, registry: Registry, dataset: NonNullable<ReturnType<typeof findDataset>>, env: NodeJS.ProcessEnv): LabelledSource {
  const given = columnOptions(opts);
  if (given.length > 0) {
    throw new BasiraError('E_USAGE', `${given.join(', ')} do not apply to dataset ${dataset.name}: its columns and labels come from the registry`, 'drop them, or pass the file path instead of the name');
  }
  const role = byRole(opts.by, dataset.name);
  const data = resolveDataDir(opts.dataDir, env);
  if (dataset.kind === 'split') {
    const { posts, where } = readSplit(registry, dataset, data);
    const columns = { ...SPLIT_COLUMNS, ...(role !== undefined ? { by: SPLIT_COLUMNS[role] } : {}) };
    return { name: dataset.name, columns, reading: {}, posts, where, sha256: () => sha256File(manifestPath(registry, dataset)) };
  }
  const c = dataset.columns;
  const by = role === undefined ? undefined : c[role];
  if (role !== undefined && by === undefined) {
    const has = OPTIONAL_COLUMNS.filter((k) => c[k] !== undefined);
    throw new BasiraError('E_USAGE', `--by ${role}: dataset ${dataset.name} has no ${role} column`, has.length > 0 ? `it has ${has.join(', ')}` : undefined);
  }
  const path = requireFile(dataset, data);
  return {
    name: dataset.name,
    columns: {
      label: c.label,
      ...(c.categories !== undefined ? { categories: c.categories } : {}),
      ...(c.lang !== undefined ? { lang: c.lang } : {}),
      ...(by !== undefined ? { by } : {}),
    },
    reading: dataset.map !== undefined ? { map: dataset.map } : {},
    posts: readPosts(path, datasetReadOptions(dataset)),
    where: (post) => `${path}:${post.line}`,
    sha256: () => sha256File(path),
  };
}
