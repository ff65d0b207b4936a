import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { RuleSet } from './rules/ruleset.js';
import type { LexicalModel } from './lexical/model.js';
import { startTransformerThread, type TransformerThread } from './model/worker.js';
import { fuse, headKey, type Fusion, type Scorer } from './fuse.js';
import { DEFAULTS } from './paths.js';
import type { KnownList } from './similarity/enrich.js';
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

/** What the main thread runs for each post, loaded together. */
interface Stages {
  normalize: (text: string) => Normalized;
  normalizerVersion: string;
  detectLanguage: (text: string) => string;
  rules: RuleSet;
  lexical: LexicalModel | null;
  matchEvidence: typeof import('./similarity/enrich.js').matchEvidence | null;
}

/**
 * Imported here rather than at the top so that the transformer worker, started before this, loads the model on the
 * other core while this thread imports and builds these (language data, rule automata, lexical weights).
 */
async function loadStages(opts: PipelineOptions): Promise<Stages> {
  const [text, lang, rulesModule, lexicalModule, enrich] = await Promise.all([
    import('./text/normalize.js'),
    import('./lang/detect.js'),
    import('./rules/snapshot.js'),
    import('./lexical/model.js'),
    opts.knownList ? import('./similarity/enrich.js') : null,
  ]);
  const rules = await rulesModule.openRuleSet(opts.rulesDir ?? DEFAULTS.rules);
  const lexicalDir = resolveModelDir(opts.lexicalDir, DEFAULTS.lexical, 'model.json');
  return {
    normalize: text.normalize,
    normalizerVersion: text.NORMALIZER_VERSION,
    detectLanguage: lang.detectLanguage,
    rules,
    lexical: lexicalDir === null ? null : lexicalModule.loadLexical(lexicalDir),
    matchEvidence: enrich?.matchEvidence ?? null,
  };
}

async function loadFusionOption(opts: PipelineOptions): Promise<{ fusion: Fusion; id: string }> {
  if (opts.fusion) return opts.fusion;
  const { loadFusion } = await import('./fusion-file.js');
  return loadFusion(opts.fusionFile ?? DEFAULTS.fusion);
}

/** Posts in chunks of `size`. */
async function* chunks(posts: AsyncIterable<Post>, size: number): AsyncIterable<Post[]> {
  let chunk: Post[] = [];
  for await (const post of posts) {
    chunk.push(post);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

export async function createPipeline(opts: PipelineOptions = {}): Promise<Pipeline> {
  const batchSize = opts.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new BasiraError('E_USAGE', `batch size must be a positive integer, got ${batchSize}`);
  const modelDir = resolveModelDir(opts.modelDir, DEFAULTS.transformer, 'config.json');
  // onnxruntime gets every core but one: the main thread keeps that one for normalising, rules and the lexical model.
  const threads = Math.max(1, availableParallelism() - 1);
  const thread: TransformerThread | null = modelDir === null ? null : startTransformerThread({ dir: modelDir, batchSize, threads });
  try {
    return await assemble(opts, batchSize, thread);
  } catch (e) {
    await thread?.close();
    throw e;
  }
}

async function assemble(opts: PipelineOptions, batchSize: number, transformer: TransformerThread | null): Promise<Pipeline> {
  const [stages, { fusion, id: fusionId }] = await Promise.all([loadStages(opts), loadFusionOption(opts)]);
  const { rules, lexical } = stages;
  const model = transformer && (await transformer.ready);

  const scorers: Scorer[] = ['rules'];
  if (lexical) scorers.push('lexical');
  if (model) scorers.push('transformer');
  const key = headKey(scorers);
  if (!fusion.heads[key]) {
    throw new BasiraError(
      'E_FUSION',
      `fusion ${fusionId} has no weights for the scorers in use (${key})`,
      'run `basira calibrate` with these models, or pass --fusion FILE',
    );
  }
  if (!model) opts.notice?.(`no transformer model: scoring with ${scorers.join(' + ')} only`);

  const provenance: Provenance = {
    model: model ? { id: model.id, sha256: model.sha256 } : null,
    lexical: lexical ? { id: lexical.id, sha256: lexical.sha256 } : null,
    rules: rules.version,
    normalizer: stages.normalizerVersion,
    fusion: fusionId,
  };
  let truncated = 0;
  // The transformer sorts each chunk by length into batches of batchSize, so a chunk of several batches wastes
  // less padding; memory stays bounded by the two chunks in flight.
  const chunkSize = batchSize * 8;

  /** Prepares the chunk at once (synchronously) and hands its texts to the worker; resolves when it has been scored. */
  async function scoreChunk(chunk: Post[]): Promise<ScoredRow[]> {
    const prepared = chunk.map((post) => (post.error ? null : prepare(post, stages, opts.knownList)));
    const live = prepared.filter((p): p is Prepared => p !== null);
    if (transformer && model && live.length > 0) {
      const out = await transformer.score(live.map((p) => (model.input === 'normalized' ? p.norm.text : p.text)));
      truncated += out.truncated;
      live.forEach((p, i) => {
        p.models.transformer = Object.fromEntries(model.labels.map((l, j) => [l, out.probs[i]![j]!]));
      });
    }
    return chunk.map((post, i) => finish(post, prepared[i] ?? null, fusion, provenance));
  }

  return {
    info: { scorers, provenance },
    truncated: () => truncated,
    async *score(posts) {
      // While the worker scores one chunk, this thread reads and prepares the next one and writes the one before.
      let pending: Promise<ScoredRow[]> | null = null;
      for await (const chunk of chunks(posts, chunkSize)) {
        const next = scoreChunk(chunk);
        // Awaited below, after the rows before it; until then its failure must not count as unhandled.
        next.catch(() => undefined);
        if (pending) yield* await pending;
        pending = next;
      }
      if (pending) yield* await pending;
    },
    async close() {
      await transformer?.close();
    },
  };
}

interface Prepared {
  text: string;
  norm: Normalized;
  lang: string;
  evidence: ScoredRow['evidence'];
  models: ScoredRow['models'];
  extra?: ScoredRow['extra'];
}

function prepare(post: Post, stages: Stages, known: KnownList | undefined): Prepared {
  const norm = stages.normalize(post.text);
  const lang = stages.detectLanguage(post.text);
  const evidence = stages.rules.match(post.text, norm, lang);
  const models: ScoredRow['models'] = {};
  if (stages.lexical) models.lexical = stages.lexical.predict(norm.text, post.text);
  if (!known || !stages.matchEvidence) return { text: post.text, norm, lang, evidence, models };
  const match = known.best(post.text);
  const matched = match && stages.matchEvidence(post.text, match);
  if (matched) evidence.push(matched);
  return { text: post.text, norm, lang, evidence, models, extra: { match_id: match?.id ?? null, match_similarity: match?.similarity ?? null } };
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
