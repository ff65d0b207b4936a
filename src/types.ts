/** Shared data shapes that flow between pipeline stages. */

export const LABELS = ['propaganda', 'news', 'counter_speech', 'religious', 'other'] as const;
export type Label = (typeof LABELS)[number];

export const CATEGORIES = ['recruitment', 'incitement', 'glorification', 'dissemination'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CONTEXTS = ['news', 'counter_speech', 'religious'] as const;
export type Context = (typeof CONTEXTS)[number];

/** One input record. `row` is 1-based over data rows; `line` is the physical line in the file where the record starts. */
export interface Post {
  row: number;
  line: number;
  id: string;
  text: string;
  /** Set when the record could not be read; the row is still written out with this error. */
  error?: string;
  /** Input columns the user asked to carry through (--keep). */
  keep?: Record<string, string>;
  /** Optional gold label columns, used by eval. */
  gold?: Record<string, string>;
}

/** Output of the normaliser. `map[i]` is the code-point offset in the original text of normalised code point i; `map[text length]` is the original length. */
export interface Normalized {
  text: string;
  map: number[];
  steps: string[];
}

/** A rule hit, with offsets in Unicode code points of the ORIGINAL text. */
export interface Evidence {
  rule: string;
  kind: 'category' | 'context';
  category: Category | Context;
  weight: number;
  text: string;
  start: number;
  end: number;
  /** True when a negation cue ("never", "لن") governs the match; fusion discounts it. */
  negated?: boolean;
}

export interface ModelScores {
  /** Probability per label from the transformer, when it ran. */
  transformer?: Record<string, number>;
  /** Probability per output from the lexical model, when it ran. */
  lexical?: Record<string, number>;
}

export interface Provenance {
  model: { id: string; sha256: string } | null;
  lexical: { id: string; sha256: string } | null;
  rules: string;
  normalizer: string;
  fusion: string;
}

export interface ScoredRow {
  row: number;
  id: string;
  lang: string;
  label: Label | null;
  score: number | null;
  review: boolean;
  categories: Record<Category, number>;
  context: Record<Context, number>;
  evidence: Evidence[];
  models: ModelScores;
  provenance: Provenance;
  error: string | null;
  /** Original text, kept for the pretty writer and error analysis; writers decide whether to print it. */
  text: string;
  keep?: Record<string, string>;
  /** Fields added by optional stages, written after the fixed ones: match_id, match_similarity (--list), cluster_id, cluster_size (--clusters). */
  extra?: Record<string, string | number | null>;
}
