/** The registry as people read it (`basira eval --list-datasets`): which datasets there are, and which are here. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { manifestPath, type Dataset, type FileDataset, type Registry } from './registry.js';
import { readManifest } from './split.js';
import { textTable } from './table.js';

/** One line per dataset, for `basira eval --list-datasets`: name, kind, rows, languages, licence, and whether it is here. */
export function renderRegistry(registry: Registry, data: { dir: string; from: string }): string {
  const here = (d: FileDataset): boolean => existsSync(join(data.dir, d.path));
  const present = (d: Dataset): string => {
    if (d.kind === 'file') return here(d) ? 'yes' : 'missing';
    if (!existsSync(manifestPath(registry, d))) return 'missing manifest';
    const missing = readManifest(registry, d).filter((f) => !here(f.dataset)).length;
    return missing === 0 ? 'yes' : `missing ${missing} source files`;
  };
  const rows = registry.datasets.map((d) => [d.name, d.kind, d.rows === undefined ? '' : String(d.rows), d.languages, d.licence, present(d)]);
  const table = textTable(['name', 'kind', 'rows', 'languages', 'licence', 'here'], rows, ['left', 'left', 'right', 'left', 'left', 'left']);
  const sources = registry.datasets.map((d) => `  ${d.name}: ${d.description} Get it: ${d.source}.`);
  return `${table}\n\nData folder: ${data.dir} (${data.from})\n\n${sources.join('\n')}\n`;
}
