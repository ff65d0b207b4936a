/** The shape of a rule pack file (models/rules/<lang>.json), as guaranteed by models/rules/pack.schema.json. */
import type { Category, Context } from '../types.js';

export interface RuleSpec {
  id: string;
  category?: Category;
  context?: Context;
  weight: number;
  terms: string[];
  near?: { terms: string[]; window: number };
  stem?: boolean;
  examples: { match: string[]; no_match: string[] };
  note?: string;
}

export interface RulePack {
  lang: string;
  version: string;
  description: string;
  negations: string[];
  rules: RuleSpec[];
}

/** A pack that passed validation, with the file it came from (for messages). */
export interface PackFile {
  file: string;
  pack: RulePack;
}

/** Stemming is on by default for European packs only: the Arabic light stemmer conflates more words, so ar rules opt in. */
export function stemsByDefault(lang: string): boolean {
  return lang !== 'ar';
}
