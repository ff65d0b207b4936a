/**
 * A split manifest (datasets/splits/{dev,test}.csv: id, source_file, sha256, no text) read back into posts,
 * the way training/split.py materialises it: each source file is streamed from the data folder, the rows the
 * manifest names are kept (with the manifest's ids, in the manifest's order), each text must hash to the
 * manifest's sha256 (UTF-8, as written), and labels are mapped by the registry entry of their file (the
 * negatives' not_propaganda → other), so `basira eval split:test` measures exactly the rows the trainers do.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { BasiraError } from '../errors.js';
import { readPosts } from '../io/read.js';
import type { Post } from '../types.js';
import { parseGold } from './gold.js';
import { datasetAt, datasetReadOptions, manifestPath, OPTIONAL_COLUMNS, requireFile, type FileDataset, type Registry, type SplitDataset } from './registry.js';

/** Keys of Post.gold for split rows. */
export const SPLIT_COLUMNS = { label: 'label', categories: 'categories', lang: 'lang', source: 'source', confidence: 'confidence' } as const;

interface Wanted {
  /** Position in the manifest, 0-based. */
  index: number;
  sha256: string;
}

interface ManifestFile {
  path: string;
  dataset: FileDataset;
  wanted: Map<string, Wanted>;
}

export function sha256Text(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The manifest's rows grouped by source file, in order of first appearance; every file must be in the registry. */
export function readManifest(registry: Registry, split: SplitDataset): ManifestFile[] {
  const path = manifestPath(registry, split);
  let records: string[][];
  try {
    records = parse(readFileSync(path), { bom: true, skip_empty_lines: true }) as string[][];
  } catch (e) {
    throw new BasiraError('E_INPUT', `${split.name}: cannot read the manifest ${path}: ${(e as Error).message}`);
  }
  const [header, ...rows] = records;
  if (header?.join(',') !== 'id,source_file,sha256') {
    throw new BasiraError('E_DATA', `${path}: a split manifest has the columns id,source_file,sha256, not ${header?.join(',') ?? '(nothing)'}`);
  }
  const files = new Map<string, ManifestFile>();
  rows.forEach((row, index) => {
    const [id = '', file = '', sha256 = ''] = row;
    const line = index + 2;
    let entry = files.get(file);
    if (entry === undefined) {
      const dataset = datasetAt(registry, file);
      if (dataset === undefined) {
        throw new BasiraError('E_DATA', `${path}:${line}: source file "${file}" is not in the dataset registry`, 'add it to datasets/registry.json');
      }
      entry = { path: file, dataset, wanted: new Map() };
      files.set(file, entry);
    }
    if (entry.wanted.has(id)) throw new BasiraError('E_DATA', `${path}:${line}: id ${id} of ${file} is listed twice`);
    entry.wanted.set(id, { index, sha256 });
  });
  return [...files.values()];
}

/**
 * The split's posts: `row` is the position in the manifest (1-based), `line` the line in the source file,
 * gold under SPLIT_COLUMNS with labels already ours. `where` names the source file and line of a post.
 */
export function readSplit(
  registry: Registry,
  split: SplitDataset,
  data: { dir: string; from: string },
): { posts: AsyncIterable<Post>; where: (post: Pick<Post, 'row' | 'line'>) => string } {
  const files = readManifest(registry, split);
  // Checked before any row is read, so a missing file is reported before a long run, not in the middle of it.
  const paths = files.map((f) => requireFile(f.dataset, data, split.name));
  const fileOfRow = new Map<number, string>();
  async function* posts(): AsyncGenerator<Post> {
    for (const [i, file] of files.entries()) {
      const path = paths[i] as string;
      const kept: Post[] = [];
      for await (const post of readPosts(path, datasetReadOptions(file.dataset))) {
        const want = file.wanted.get(post.id);
        if (want === undefined) continue;
        const where = `${path}:${post.line}`;
        if (post.error === undefined && sha256Text(post.text) !== want.sha256) {
          throw new BasiraError('E_DATA', `${where}: the text of ${post.id} is not the one ${split.name} was built from (sha256 differs)`, rebuildHint);
        }
        file.wanted.delete(post.id);
        kept.push({ ...post, row: want.index + 1, ...(post.gold ? { gold: goldOf(post.gold, file.dataset, where) } : {}) });
        fileOfRow.set(want.index + 1, path);
      }
      const [missing] = file.wanted.keys();
      if (missing !== undefined) {
        throw new BasiraError('E_DATA', `${split.name}: ${path} has no row with id ${missing} (${file.wanted.size} missing)`, rebuildHint);
      }
      yield* kept.sort((a, b) => a.row - b.row);
    }
  }
  return {
    posts: posts(),
    where: (post) => `${fileOfRow.get(post.row) ?? split.name}:${post.line}`,
  };
}

const rebuildHint = 'the data folder holds another version of this file: use the one listed in its SOURCES.md, or rebuild the splits with training/split.py';

/** Gold cells under the split's own keys (empty where the file has no such column), the label mapped to ours by the file's registry entry. */
function goldOf(gold: Record<string, string>, d: FileDataset, where: string): Record<string, string> {
  let label: string | null;
  try {
    label = parseGold(gold[d.columns.label], d.map !== undefined ? { map: d.map } : {});
  } catch (e) {
    if (e instanceof BasiraError) throw new BasiraError(e.code, `${where}: ${e.message}`, e.hint);
    throw e;
  }
  const carried = OPTIONAL_COLUMNS.map((k) => {
    const col = d.columns[k];
    return [SPLIT_COLUMNS[k], col === undefined ? '' : (gold[col] ?? '')] as const;
  });
  return { [SPLIT_COLUMNS.label]: label ?? '', ...Object.fromEntries(carried) };
}
