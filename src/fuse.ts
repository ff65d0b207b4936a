import { CATEGORIES, CONTEXTS } from './types.js';
import type { Category, Context, Evidence, Label, ModelScores, ScoredRow } from './types.js';

/**
 * Fusion: one logistic head per combination of scorers that can be present, so that a missing or dropped scorer
 * (no model installed, `--no-model`, an ablation in eval) is scored by weights fitted without it rather than by
 * weights that silently assume it.
 */
export type Scorer = 'rules' | 'lexical' | 'transformer';
export const SCORERS: readonly Scorer[] = ['rules', 'lexical', 'transformer'];

export interface Head {
  bias: number;
  weights: Record<string, number>;
}

export interface Fusion {
  version: string;
  /** Keyed by scorer combination, e.g. "rules+lexical+transformer" (always in SCORERS order). */
  heads: Record<string, Head>;
  /** Operating threshold on the fused score, overall and per language where calibrated. */
  threshold: number;
  thresholdByLang?: Record<string, number>;
  /** Scores inside [low, high] are flagged for human review. */
  review: [number, number];
  /** Where the weights came from (data hash, date, metrics), written by `basira calibrate`. */
  provenance?: Record<string, unknown>;
}

export interface FuseInput {
  lang: string;
  evidence: Evidence[];
  models: ModelScores;
}

export interface FuseOutput {
  score: number;
  label: Label;
  review: boolean;
  categories: Record<Category, number>;
  context: Record<Context, number>;
}

/** Languages with their own intercept shift; others share the base intercept. */
export const LANG_FEATURES = ['ar', 'en'] as const;

const LOGIT_CLIP = 8;

export function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.max(-LOGIT_CLIP, Math.min(LOGIT_CLIP, Math.log(q / (1 - q))));
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function headKey(scorers: Iterable<Scorer>): string {
  const set = new Set(scorers);
  return SCORERS.filter((s) => set.has(s)).join('+');
}

/**
 * The same words can fire the same category from two packs (a transliteration like "khilafah" sits in the en pack,
 * which runs on every Latin-script post, and in the post's own pack); they count once, at the higher weight.
 */
function distinctSpans(evidence: Evidence[]): Evidence[] {
  const best = new Map<string, Evidence>();
  for (const e of evidence) {
    const key = `${e.category}|${e.negated ? 1 : 0}|${e.start}|${e.end}`;
    const seen = best.get(key);
    if (!seen || e.weight > seen.weight) best.set(key, e);
  }
  return [...best.values()];
}

/** Sum of rule weights per category/context; negated category matches are pooled separately. */
export function ruleMass(evidence: Evidence[]): { categories: Record<Category, number>; contexts: Record<Context, number>; negated: number } {
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const contexts = Object.fromEntries(CONTEXTS.map((c) => [c, 0])) as Record<Context, number>;
  let negated = 0;
  for (const e of distinctSpans(evidence)) {
    if (e.kind === 'context') contexts[e.category as Context] += e.weight;
    else if (e.negated) negated += e.weight;
    else categories[e.category as Category] += e.weight;
  }
  return { categories, contexts, negated };
}

/** Which scorers produced something for this post, minus the dropped ones. */
export function presentScorers(input: FuseInput, drop: ReadonlySet<Scorer> = new Set()): Scorer[] {
  const present: Scorer[] = [];
  if (!drop.has('rules')) present.push('rules');
  if (input.models.lexical && !drop.has('lexical')) present.push('lexical');
  if (input.models.transformer && !drop.has('transformer')) present.push('transformer');
  return present;
}

/** Named features of one post for the given scorers; the same names are used by calibration. */
export function features(input: FuseInput, scorers: readonly Scorer[]): Record<string, number> {
  const f: Record<string, number> = {};
  if (scorers.includes('rules')) {
    const mass = ruleMass(input.evidence);
    for (const c of CATEGORIES) f[`rules.${c}`] = Math.log1p(mass.categories[c]);
    for (const c of CONTEXTS) f[`rules.${c}`] = Math.log1p(mass.contexts[c]);
    f['rules.negated'] = Math.log1p(mass.negated);
  }
  if (scorers.includes('lexical')) f['lexical.propaganda'] = logit(input.models.lexical?.propaganda ?? 0.5);
  if (scorers.includes('transformer')) f['transformer.propaganda'] = logit(input.models.transformer?.propaganda ?? 0.5);
  for (const l of LANG_FEATURES) f[`lang.${l}`] = input.lang === l ? 1 : 0;
  return f;
}

export function applyHead(head: Head, f: Record<string, number>): number {
  let z = head.bias;
  for (const [name, value] of Object.entries(f)) z += (head.weights[name] ?? 0) * value;
  return sigmoid(z);
}

/** Mean of the probabilities the available models give for one output, or null when none gives it. */
function modelProb(models: ModelScores, output: string, scorers: readonly Scorer[]): number | null {
  const values: number[] = [];
  if (scorers.includes('lexical') && models.lexical?.[output] !== undefined) values.push(models.lexical[output]!);
  if (scorers.includes('transformer') && models.transformer?.[output] !== undefined) values.push(models.transformer[output]!);
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

export function thresholdFor(fusion: Fusion, lang: string): number {
  return fusion.thresholdByLang?.[lang] ?? fusion.threshold;
}

export function fuse(input: FuseInput, fusion: Fusion, drop: ReadonlySet<Scorer> = new Set()): FuseOutput {
  const scorers = presentScorers(input, drop);
  const key = headKey(scorers);
  const head = fusion.heads[key];
  if (!head) throw new Error(`fusion ${fusion.version} has no head for "${key}"`);
  const score = applyHead(head, features(input, scorers));
  const mass = ruleMass(scorers.includes('rules') ? input.evidence : []);

  // A category's score is the fused score times how strongly that category is indicated: by the models' category
  // outputs where present, raised by each unit of rule weight for it.
  const categories = {} as Record<Category, number>;
  for (const c of CATEGORIES) {
    const fromModel = modelProb(input.models, c, scorers) ?? 0;
    const share = 1 - (1 - fromModel) * Math.exp(-mass.categories[c]);
    categories[c] = score * share;
  }
  const context = {} as Record<Context, number>;
  for (const c of CONTEXTS) {
    const fromModel = modelProb(input.models, c, scorers) ?? 0;
    context[c] = 1 - (1 - fromModel) * Math.exp(-mass.contexts[c]);
  }

  const threshold = thresholdFor(fusion, input.lang);
  let label: Label = 'propaganda';
  if (score < threshold) {
    label = 'other';
    let best = modelProb(input.models, 'other', scorers) ?? 0.5;
    for (const c of CONTEXTS) {
      if (context[c] > best) {
        best = context[c];
        label = c;
      }
    }
  }
  return { score, label, review: score >= fusion.review[0] && score <= fusion.review[1], categories, context };
}

export function fuseInputOf(row: Pick<ScoredRow, 'lang' | 'evidence' | 'models'>): FuseInput {
  return { lang: row.lang, evidence: row.evidence, models: row.models };
}
