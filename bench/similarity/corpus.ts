/** The posts of every CSV under the shared data folder, read in a fixed order so the benchmark is reproducible. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

export type Script = 'ar' | 'latin';

export interface CorpusPost {
  id: string;
  text: string;
  /** Arabic or Latin by the letters it has most of; null for other scripts (left out of the benchmark). */
  script: Script | null;
}

function csvFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return csvFiles(path);
      return name.endsWith('.csv') ? [path] : [];
    });
}

const ARABIC = /\p{Script=Arabic}/gu;
const LATIN = /\p{Script=Latin}/gu;

export function scriptOf(text: string): Script | null {
  const ar = text.match(ARABIC)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (ar === 0 && latin === 0) return null;
  return ar > latin ? 'ar' : 'latin';
}

export function readCorpus(dataDir: string): { posts: CorpusPost[]; files: number } {
  const files = csvFiles(dataDir);
  const posts: CorpusPost[] = [];
  for (const file of files) {
    const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];
    for (const row of rows) {
      const text = row['text'];
      if (text === undefined || text.trim() === '') continue;
      posts.push({ id: row['id'] ?? `${file}:${posts.length}`, text, script: scriptOf(text) });
    }
  }
  return { posts, files: files.length };
}
