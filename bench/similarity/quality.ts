/**
 * The perturbation benchmark: originals sampled from the shared data (Arabic and Latin script), copies
 * of each edited one to three ways, and every other distinct post as an unrelated query.
 *
 * Ground truth for "unrelated": the data already holds near-duplicates (retweets, truncated re-posts), and
 * calling those false matches would measure the data, not the signature. A post whose set of canonical
 * words has Jaccard similarity ≥ 0.5 with an original's is set aside before anything is matched (a
 * criterion on words, independent of the character shingles the signature uses); the count is printed.
 */
import { canonicalWords } from '../../src/similarity/canonical.js';
import type { SignatureList } from '../../src/similarity/list.js';
import { signText } from '../../src/similarity/signature.js';
import { prng } from '../synthetic.js';
import type { CorpusPost, Script } from './corpus.js';
import { EDITS, hashtagsOf, perturb, randomEdits, type Edit } from './perturb.js';

export const SCRIPTS: readonly Script[] = ['ar', 'latin'];
/** Word-set Jaccard at which a data post counts as a near-duplicate of an original. */
const RELATED_WORD_JACCARD = 0.5;

export interface Prepared {
  word: string[];
  post: CorpusPost;
}

export interface Benchmark {
  originals: Prepared[];
  /** Copies edited 1–3 ways: `original` indexes `originals`. */
  mixed: { original: number; edits: Edit[]; text: string }[];
  /** One copy per original per edit kind. */
  single: { original: number; edit: Edit; text: string }[];
  unrelated: Prepared[];
  /** Posts read, distinct after canonicalisation, and set aside as near-duplicates of an original. */
  counts: { posts: number; distinct: number; related: number };
}

export interface BuildOptions {
  perScript: number;
  copiesPerOriginal: number;
  /** Originals need at least this many canonical words (the signature needs MIN_WORDS; edits take some away). */
  minWords: number;
  seed: number;
}

/** Sets aside near-duplicates of the originals with an inverted index on words (exact, no sampling). */
class WordIndex {
  private readonly postings = new Map<string, number[]>();
  private readonly sets: Set<string>[] = [];

  add(words: readonly string[]): void {
    const set = new Set(words);
    const id = this.sets.length;
    this.sets.push(set);
    for (const w of set) {
      const list = this.postings.get(w);
      if (list) list.push(id);
      else this.postings.set(w, [id]);
    }
  }

  related(words: readonly string[]): boolean {
    const set = new Set(words);
    const shared = new Map<number, number>();
    for (const w of set) for (const id of this.postings.get(w) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    for (const [id, n] of shared) if (n / (set.size + this.sets[id]!.size - n) >= RELATED_WORD_JACCARD) return true;
    return false;
  }
}

export function buildBenchmark(posts: readonly CorpusPost[], opts: BuildOptions): Benchmark {
  const rand = prng(opts.seed);
  const seen = new Set<string>();
  const distinct: Prepared[] = [];
  for (const post of posts) {
    const word = canonicalWords(post.text);
    const key = word.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    distinct.push({ word, post });
  }
  const shuffled = distinct.map((p) => ({ p, r: rand() })).sort((a, b) => a.r - b.r).map((x) => x.p);

  const index = new WordIndex();
  const originals: Prepared[] = [];
  const chosen = new Set<Prepared>();
  for (const script of SCRIPTS) {
    let taken = 0;
    for (const p of shuffled) {
      if (taken === opts.perScript) break;
      if (p.post.script !== script || p.word.length < opts.minWords || index.related(p.word)) continue;
      index.add(p.word);
      originals.push(p);
      chosen.add(p);
      taken++;
    }
  }
  let related = 0;
  const unrelated = shuffled.filter((p) => {
    if (chosen.has(p)) return false;
    if (index.related(p.word)) {
      related++;
      return false;
    }
    return true;
  });

  // Inserted words and added hashtags come from posts that are not originals, in the same script.
  const vocabulary: Record<Script, string[]> = { ar: [], latin: [] };
  const hashtags: string[] = [];
  for (const p of unrelated.slice(0, 20_000)) {
    if (p.post.script) vocabulary[p.post.script].push(...p.post.text.split(/\s+/).filter((w) => /^\p{L}+$/u.test(w)));
    hashtags.push(...hashtagsOf(p.post.text));
  }
  const mixed: Benchmark['mixed'] = [];
  const single: Benchmark['single'] = [];
  originals.forEach((o, original) => {
    const ctx = { rand, script: o.post.script!, vocabulary: vocabulary[o.post.script!], hashtags };
    for (let c = 0; c < opts.copiesPerOriginal; c++) {
      const edits = randomEdits(rand);
      mixed.push({ original, edits, text: perturb(o.post.text, edits, ctx) });
    }
    for (const edit of EDITS) single.push({ original, edit, text: perturb(o.post.text, [edit], ctx) });
  });
  return { originals, mixed, single, unrelated, counts: { posts: posts.length, distinct: distinct.length, related } };
}

/** A share with its counts, for tables. */
export interface Rate {
  hits: number;
  total: number;
}

export const rate = (r: Rate): number => (r.total === 0 ? NaN : r.hits / r.total);

export interface QualityFigures {
  thresholds: number[];
  /** Per threshold: recall of 1–3-edit copies, per script and overall. */
  recall: Record<Script | 'all', Rate>[];
  /** Per threshold: share of unrelated posts matched to any original, per script and overall. */
  falseMatch: Record<Script | 'all', Rate>[];
  /** At the default threshold, per edit kind: recall of copies with only that edit, and of mixed copies that include it. */
  perEdit: Record<Edit, Record<Script, { alone: Rate; mixed: Rate }>>;
  /** Posts of each kind with no signature (fewer than MIN_WORDS canonical words). */
  unsigned: { copies: number; unrelated: number };
}

const blank = (): Rate => ({ hits: 0, total: 0 });
const perScript = (): Record<Script | 'all', Rate> => ({ ar: blank(), latin: blank(), all: blank() });

/** Matches every copy and unrelated post against `list` (the originals, in order) at each threshold. */
export function evaluate(bench: Benchmark, list: SignatureList, thresholds: number[], defaultThreshold: number): QualityFigures {
  const low = Math.min(...thresholds);
  const best = (text: string): { item: number; similarity: number } | null | undefined => {
    const { signature } = signText(text);
    if (signature === null) return undefined;
    const m = list.best(signature, low);
    return m && { item: Number(m.id), similarity: m.similarity };
  };
  const figures: QualityFigures = {
    thresholds,
    recall: thresholds.map(perScript),
    falseMatch: thresholds.map(perScript),
    perEdit: Object.fromEntries(EDITS.map((e) => [e, { ar: { alone: blank(), mixed: blank() }, latin: { alone: blank(), mixed: blank() } }])) as QualityFigures['perEdit'],
    unsigned: { copies: 0, unrelated: 0 },
  };
  const found = (m: ReturnType<typeof best>, original: number, t: number): boolean => m != null && m.item === original && m.similarity >= t;

  for (const copy of bench.mixed) {
    const script = bench.originals[copy.original]!.post.script!;
    const m = best(copy.text);
    if (m === undefined) figures.unsigned.copies++;
    thresholds.forEach((t, i) => {
      for (const key of [script, 'all'] as const) {
        figures.recall[i]![key].total++;
        if (found(m, copy.original, t)) figures.recall[i]![key].hits++;
      }
    });
    for (const edit of copy.edits) {
      const r = figures.perEdit[edit][script].mixed;
      r.total++;
      if (found(m, copy.original, defaultThreshold)) r.hits++;
    }
  }
  for (const copy of bench.single) {
    const r = figures.perEdit[copy.edit][bench.originals[copy.original]!.post.script!].alone;
    r.total++;
    if (found(best(copy.text), copy.original, defaultThreshold)) r.hits++;
  }
  for (const p of bench.unrelated) {
    const m = best(p.post.text);
    if (m === undefined) figures.unsigned.unrelated++;
    thresholds.forEach((t, i) => {
      for (const key of p.post.script ? ([p.post.script, 'all'] as const) : (['all'] as const)) {
        figures.falseMatch[i]![key].total++;
        if (m != null && m.similarity >= t) figures.falseMatch[i]![key].hits++;
      }
    });
  }
  return figures;
}
