/** Loads, validates and compiles the rule packs of a folder. */
import { BasiraError } from '../errors.js';
import type { PackFile } from './pack.js';
import { DEFAULT_RULES_DIR, displayPath } from './paths.js';
import { readPackDir } from './read.js';
import { buildRuleSet, type RuleSet } from './ruleset.js';

export type { RuleSet } from './ruleset.js';

/** The packs of a folder, or an E_RULES error that lists every problem in them. */
export function readValidPacks(dir: string = DEFAULT_RULES_DIR): PackFile[] {
  const { packs, errors } = readPackDir(dir);
  if (errors.length > 0) {
    throw new BasiraError(
      'E_RULES',
      `invalid rule packs in ${displayPath(dir)}:\n${errors.map((e) => `  ${e}`).join('\n')}`,
      `fix the packs listed above; \`basira rules check ${displayPath(dir)}\` lists every problem`,
    );
  }
  return packs;
}

export function loadRulePacks(dir: string = DEFAULT_RULES_DIR): RuleSet {
  return buildRuleSet(readValidPacks(dir));
}
