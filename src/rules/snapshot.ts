/**
 * The shipped rule packs as `npm run build` left them (src/precompile.ts): a fingerprint and the tokens of their
 * terms. A run that finds the same packs, read by the same code, knows they passed validation and how their terms
 * tokenise, and skips both (and with them the schema compiler); any other folder, changed packs or changed code
 * (a bare `tsc` after the build) are read, validated and compiled as load.ts does.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPrecompiled } from '../precompiled.js';
import { packPhrases, usePrebuiltPhrases } from './compile.js';
import type { PackFile, RulePack } from './pack.js';
import { DEFAULT_RULES_DIR, SCHEMA_FILE } from './paths.js';
import { buildRuleSet, type RuleSet } from './ruleset.js';

/** The code that validates packs and turns terms into tokens: this folder, the normaliser's, and natural's stemmers. */
const CODE_DIRS = ['rules', 'text'].map((dir) => fileURLToPath(new URL(`../${dir}/`, import.meta.url)));
const NATURAL_VERSION = (createRequire(import.meta.url)('natural/package.json') as { version: string }).version;

export interface RulesSnapshot {
  /** Of every .json file of the folder, the schema that validated them and the code that read them. */
  fingerprint: string;
  /** The file names that are packs, as read.ts found them. */
  packs: string[];
  /** compile.ts's tokens of every term. */
  phrases: [string, readonly string[]][];
}

/** Texts of the folder's .json files by name; null when the folder cannot be read (load.ts then says why). */
function jsonFiles(dir: string): Map<string, string> | null {
  try {
    const names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
    return new Map(names.map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]));
  } catch {
    return null;
  }
}

function fingerprintOf(files: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256').update(readFileSync(SCHEMA_FILE, 'utf8')).update(`\u0000natural@${NATURAL_VERSION}`);
  for (const [name, text] of files) hash.update(`\u0000${name}\u0000${text}`);
  for (const dir of CODE_DIRS) {
    const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.[jt]s$/.test(f)).sort();
    for (const source of sources) hash.update(`\u0000${source}\u0000`).update(readFileSync(path.join(dir, source)));
  }
  return hash.digest('hex');
}

function parsePack(files: ReadonlyMap<string, string>, name: string): RulePack {
  const text = files.get(name);
  // The fingerprint covers every file name, so a pack the snapshot lists is there.
  if (text === undefined) throw new Error(`rule pack ${name} is missing although the fingerprint matched`);
  return JSON.parse(text) as RulePack;
}

/** For the build: the snapshot of a folder of valid packs. */
export function rulesSnapshot(dir: string, packs: readonly PackFile[]): RulesSnapshot {
  const files = jsonFiles(dir);
  if (files === null) throw new Error(`${dir}: cannot read the rule packs`);
  return {
    fingerprint: fingerprintOf(files),
    packs: packs.map((p) => path.basename(p.file)),
    phrases: packs.flatMap((p) => packPhrases(p.pack)),
  };
}

/** The packs of a folder as a RuleSet: from the snapshot when they are the ones it was made from. */
export async function openRuleSet(dir: string = DEFAULT_RULES_DIR, snapshot = readPrecompiled<RulesSnapshot>('rules')): Promise<RuleSet> {
  const files = snapshot === null ? null : jsonFiles(dir);
  if (snapshot !== null && files !== null && fingerprintOf(files) === snapshot.fingerprint) {
    usePrebuiltPhrases(snapshot.phrases);
    return buildRuleSet(snapshot.packs.map((name) => ({ file: path.join(dir, name), pack: parsePack(files, name) })));
  }
  // Imported only now: validation loads the schema compiler.
  const { loadRulePacks } = await import('./load.js');
  return loadRulePacks(dir);
}
