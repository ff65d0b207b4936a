/** Reads every rule pack in a folder: the one place in src/rules that touches the file system for packs. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PackFile, RulePack } from './pack.js';
import { displayPath } from './paths.js';
import { crossPackErrors, validatePack } from './validate.js';

const SCHEMA_NAME = 'pack.schema.json';

/** "at position 123" in JSON.parse's message → "line 4, column 7". */
function jsonErrorAt(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (m === null) return message;
  const before = text.slice(0, Number(m[1]));
  const lines = before.split('\n');
  const column = Array.from(lines[lines.length - 1] ?? '').length + 1;
  return `${message} (line ${lines.length}, column ${column})`;
}

/** Pack files in a folder, sorted by name so that everything downstream is deterministic. */
export function packFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json') && name !== SCHEMA_NAME)
    .sort()
    .map((name) => path.join(dir, name));
}

export function readPackDir(dir: string): { packs: PackFile[]; errors: string[] } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { packs: [], errors: [`${displayPath(dir)}: rule pack folder not found`] };
  }
  const files = packFiles(dir);
  if (files.length === 0) return { packs: [], errors: [`${displayPath(dir)}: no rule packs (<lang>.json) found`] };
  const packs: PackFile[] = [];
  const errors: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      errors.push(`${displayPath(file)}: invalid JSON: ${jsonErrorAt(text, (e as Error).message)}`);
      continue;
    }
    const problems = validatePack(data, file);
    if (problems.length > 0) errors.push(...problems);
    else packs.push({ file, pack: data as RulePack });
  }
  errors.push(...crossPackErrors(packs));
  return { packs, errors };
}
