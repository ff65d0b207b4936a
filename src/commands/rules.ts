/** `basira rules check|test`: validate the packs, and run every rule's own examples. */
import { normalize } from '../text/normalize.js';
import { DEFAULT_RULES_DIR, displayPath } from '../rules/paths.js';
import { readPackDir } from '../rules/read.js';
import { readValidPacks } from '../rules/load.js';
import { buildRuleSet } from '../rules/ruleset.js';

export function rulesCheck(dir: string = DEFAULT_RULES_DIR): {
  packs: { file: string; lang: string; rules: number }[];
  errors: string[];
} {
  const { packs, errors } = readPackDir(dir);
  return {
    packs: packs.map(({ file, pack }) => ({ file: displayPath(file), lang: pack.lang, rules: pack.rules.length })),
    errors,
  };
}

/** Each example is scored the way a post in the pack's language would be, with every pack of the folder loaded. */
export function rulesTest(dir: string = DEFAULT_RULES_DIR): {
  passed: number;
  failed: { rule: string; example: string; expected: 'match' | 'no_match' }[];
} {
  const packs = readValidPacks(dir);
  const ruleSet = buildRuleSet(packs);
  let passed = 0;
  const failed: { rule: string; example: string; expected: 'match' | 'no_match' }[] = [];
  for (const { pack } of packs) {
    for (const rule of pack.rules) {
      const cases = [
        ...rule.examples.match.map((example) => ({ example, expected: 'match' as const })),
        ...rule.examples.no_match.map((example) => ({ example, expected: 'no_match' as const })),
      ];
      for (const { example, expected } of cases) {
        const fired = ruleSet.match(example, normalize(example), pack.lang).some((e) => e.rule === rule.id);
        if (fired === (expected === 'match')) passed++;
        else failed.push({ rule: rule.id, example, expected });
      }
    }
  }
  return { passed, failed };
}
