/** Where the rules live, and how paths appear in messages. */
import path from 'node:path';
import { DEFAULTS } from '../paths.js';

export const DEFAULT_RULES_DIR = DEFAULTS.rules;
// The schema always comes from the package, so a user's own pack folder is held to the same format.
export const SCHEMA_FILE = path.join(DEFAULT_RULES_DIR, 'pack.schema.json');

/** A path as people should see it in messages: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
