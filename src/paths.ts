import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The package root, from src/ (tests) and dist/ (the CLI) alike: both sit one level below it. */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

export const DEFAULTS = {
  transformer: join(PACKAGE_ROOT, 'models', 'transformer'),
  lexical: join(PACKAGE_ROOT, 'models', 'lexical'),
  rules: join(PACKAGE_ROOT, 'models', 'rules'),
  fusion: join(PACKAGE_ROOT, 'models', 'fusion.json'),
} as const;
