import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { normalize, NORMALIZER_VERSION } from './text/normalize.js';
import { detectLanguage } from './lang/detect.js';
import { loadRulePacks, type RuleSet } from './rules/load.js';
import { loadLexical, type LexicalModel } from './lexical/model.js';
import type { TransformerScorer } from './model/transformer.js';
import { fuse, headKey, type Fusion, type Scorer } from './fuse.js';
import { loadFusion } from './fusion-file.js';
import { DEFAULTS } from './paths.js';
import { matchEvidence, type KnownList } from './similarity/enrich.js';
import { BasiraError } from './errors.js';
import { CATEGORIES, CONTEXTS } from './types.js';
import type { Category, Context, Normalized, Post, Provenance, ScoredRow } from './types.js';

export interface PipelineOptions {
  /** Transformer folder; null disables the transformer; undefined uses models/transformer when it is installed. */
  modelDir?: string | null;
  /** Lexical model folder; null disables it; undefined uses models/lexical when it is installed. */
  lexicalDir?: string | null;
  rulesDir?: string;
  fusionFile?: string;
  /** A fusion given in memory (calibration scores with neutral heads before any file exists); wins over fusionFile. */
  fusion?: { fusion: Fusion; id: string };
  batchSize?: number;
  /** A shared list of known propaganda (`--list`): a near-copy adds evidence and match_id/match_similarity. */
  knownList?: KnownList;
  /** Called once per notice a person should see (e.g. which scorers run); the CLI routes it to stderr. */
  notice?: (message: string) => void;
}

/** The scorer choices every command takes from the command line (--model, --no-lexical, --rules, …). */
export interface ScorerChoice {
  model?: string | null;
  lexical?: string | null;
  rules?: string;
  batchSize: number;
}

export function scorerOptions(o: ScorerChoice): Pick<PipelineOptions, 'modelDir' | 'lexicalDir' | 'rulesDir' | 'batchSize'> {
  return {
    ...(o.model !== undefined ? { modelDir: o.model } : {}),
    ...(o.lexical !== undefined ? { lexicalDir: o.lexical } : {}),
    ...(o.rules !== undefined ? { rulesDir: o.rules } : {}),
    batchSize: o.batchSize,
  };
}

export interface PipelineInfo {
  scorers: Scorer[];
  provenance: Provenance;
}

export interface Pipeline {
  info: PipelineInfo;
  /** Scores posts in input order, in chunks of a few batches; memory is bounded by the chunk, not the input. */
  score(posts: AsyncIterable<Post>): AsyncIterable<ScoredRow>;
  /** Texts the transformer truncated so far. */
  truncated(): number;
  close(): Promise<void>;
}

const ZERO_CATEGORIES = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
const ZERO_CONTEXT = Object.fromEntries(CONTEXTS.map((c) => [c, 0])) as Record<Context, number>;

/** A folder given explicitly must exist; the default one is optional until the shipped model lands. */
function resolveModelDir(given: string | null | undefined, fallback: string, marker: string): string | null {
  if (given === null) return null;
  if (given !== undefined) return given;
  return existsSync(join(fallback, marker)) ? fallback : null;
}

async function openTransformer(dir: string | null, batchSize: number): Promise<TransformerScorer | null> {
  if (dir === null) return null;
  // Lazy: transformers.js and onnxruntime take most of the start-up time, so rules-only runs never load them.
  const { loadTransformer } = await import('./model/transformer.js');
  return loadTransformer(dir, { batchSize });
}

export async function createPipeline(opts: PipelineOptions = {}): Promise<Pipeline> {
  const batchSize = opts.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new BasiraError('E_USAGE', `batch size must be a positive integer, got ${batchSize}`);
  const rules: RuleSet = loadRulePacks(opts.rulesDir ?? DEFAULTS.rules);
  const lexicalDir = resolveModelDir(opts.lexicalDir, DEFAULTS.lexical, 'model.json');
  const lexical: LexicalModel | null = lexicalDir === null ? null : loadLexical(lexicalDir);
  const transformer = await openTransformer(resolveModelDir(opts.modelDir, DEFAULTS.transformer, 'config.json'), batchSize);
  const { fusion, id: fusionId } = opts.fusion ?? loadFusion(opts.fusionFile ?? DEFAULTS.fusion);

  const scorers: Scorer[] = ['rules'];
  if (lexical) scorers.push('lexical');
  if (transformer) scorers.push('transformer');
  const key = headKey(scorers);
  if (!fusion.heads[key]) {
    throw new BasiraError(
      'E_FUSION',
      `fusion ${fusionId} has no weights for the scorers in use (${key})`,
      'run `basira calibrate` with these models, or pass --fusion FILE',
    );
  }
  if (!transformer) opts.notice?.(`no transformer model: scoring with ${scorers.join(' + ')} only`);

  const provenance: Provenance = {
    model: transformer ? { id: transformer.info.id, sha256: transformer.info.sha256 } : null,
    lexical: lexical ? { id: lexical.id, sha256: lexical.sha256 } : null,
    rules: rules.version,
    normalizer: NORMALIZER_VERSION,
    fusion: fusionId,
  };
  let truncated = 0;
  // The transformer sorts each chunk by length into batches of batchSize, so a chunk of several batches wastes
  // less padding; memory stays bounded by the chunk.
  const chunkSize = batchSize * 8;

  async function scoreBatch(batch: Post[]): Promise<ScoredRow[]> {
    const prepared = batch.map((post) => (post.error ? null : prepare(post, rules, lexical, opts.knownList)));
    const live = prepared.filter((p): p is Prepared => p !== null);
    const livePosts = batch.filter((_, i) => prepared[i] !== null);
    if (transformer && live.length > 0) {
      const out = await transformer.score(live.map((p, i) => (transformer.info.input === 'normalized' ? p.norm.text : livePosts[i]!.text)));
      truncated += out.truncated;
      live.forEach((p, i) => {
        p.models.transformer = Object.fromEntries(transformer.info.labels.map((l, j) => [l, out.probs[i]![j]!]));
      });
    }
    return batch.map((post, i) => finish(post, prepared[i] ?? null, fusion, provenance));
  }

  return {
    info: { scorers, provenance },
    truncated: () => truncated,
    async *score(posts) {
      let batch: Post[] = [];
      for await (const post of posts) {
        batch.push(post);
        if (batch.length >= chunkSize) {
          yield* await scoreBatch(batch);
          batch = [];
        }
      }
      if (batch.length > 0) yield* await scoreBatch(batch);
    },
    async close() {
      await transformer?.dispose();
    },
  };
}

interface Prepared {
  norm: Normalized;
  lang: string;
  evidence: ScoredRow['evidence'];
  models: ScoredRow['models'];
  extra?: ScoredRow['extra'];
}

function prepare(post: Post, rules: RuleSet, lexical: LexicalModel | null, known: KnownList | undefined): Prepared {
  const norm = normalize(post.text);
  const lang = detectLanguage(post.text);
  const evidence = rules.match(post.text, norm, lang);
  const models: ScoredRow['models'] = {};
  if (lexical) models.lexical = lexical.predict(norm.text);
  if (!known) return { norm, lang, evidence, models };
  const match = known.best(post.text);
  const matched = match && matchEvidence(post.text, match);
  if (matched) evidence.push(matched);
  return { norm, lang, evidence, models, extra: { match_id: match?.id ?? null, match_similarity: match?.similarity ?? null } };
}

function finish(post: Post, p: Prepared | null, fusion: Fusion, provenance: Provenance): ScoredRow {
  const base = { row: post.row, id: post.id, provenance, text: post.text, ...(post.keep ? { keep: post.keep } : {}) };
  if (p === null) {
    return {
      ...base,
      lang: 'und',
      label: null,
      score: null,
      review: false,
      categories: { ...ZERO_CATEGORIES },
      context: { ...ZERO_CONTEXT },
      evidence: [],
      models: {},
      error: post.error ?? 'unreadable row',
    };
  }
  const fused = fuse({ lang: p.lang, evidence: p.evidence, models: p.models }, fusion);
  return { ...base, lang: p.lang, ...fused, evidence: p.evidence, models: p.models, error: null, ...(p.extra ? { extra: p.extra } : {}) };
}
