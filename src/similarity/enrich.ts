/**
 * What `score` needs from the similarity module, as pure parts for the pipeline to call:
 * `--list known.jsonl` adds match_id / match_similarity and a documented piece of evidence that raises
 * the propaganda score; `--clusters` adds cluster_id / cluster_size from a first pass over the file.
 */
import { BasiraError } from '../errors.js';
import type { ReadOptions } from '../io/read.js';
import { readPosts } from '../io/read.js';
import type { Evidence } from '../types.js';
import { clusterPosts, type PostCluster } from './dedup.js';
import { loadSignatureList, type ListMatch } from './list.js';
import { MATCH_THRESHOLD, signText } from './signature.js';

export type { ListMatch } from './list.js';
export type { PostCluster } from './dedup.js';

export interface KnownList {
  size: number;
  /** Best list entry for a post's original text at or above MATCH_THRESHOLD; null when none or the post is too short to sign. */
  best(text: string): ListMatch | null;
}

export async function loadKnownList(file: string): Promise<KnownList> {
  const list = await loadSignatureList(file);
  return {
    size: list.size,
    best(text) {
      const { signature } = signText(text);
      return signature === null ? null : list.best(signature);
    },
  };
}

export const KNOWN_MATCH_RULE = 'list.known_match';

/**
 * Evidence weight per unit of similarity. Fusion reads rule evidence as log(1 + weight) per category, so
 * a match adds d·log(1 + 5s) to the logit, d being the head's rules.dissemination weight: with the hand-set
 * prior (d = 1.6, bias −2.5) a match alone scores 0.38 at s = 0.5 (review band), 0.52 at 0.8 and 0.59 for
 * an exact copy. Other evidence adds to it, and news or counter-speech cues still pull it down (a report
 * quoting a known post is not a re-post).
 */
export const KNOWN_MATCH_WEIGHT = 5;

/** Evidence text is the post's opening, not the whole post: outputs should not copy posts around (the match itself is in match_id). */
const EVIDENCE_CHARS = 80;

/**
 * The rule: a post whose estimated similarity to a known-list entry is at least MATCH_THRESHOLD is a
 * re-post of known propaganda: category dissemination, weight KNOWN_MATCH_WEIGHT × similarity, span
 * the whole post (code points). Below the threshold, no evidence.
 */
export function matchEvidence(original: string, m: ListMatch): Evidence | null {
  if (m.similarity < MATCH_THRESHOLD) return null;
  const chars = Array.from(original);
  const text = chars.length > EVIDENCE_CHARS ? `${chars.slice(0, EVIDENCE_CHARS).join('')}…` : original;
  return {
    rule: KNOWN_MATCH_RULE,
    kind: 'category',
    category: 'dissemination',
    weight: KNOWN_MATCH_WEIGHT * m.similarity,
    text,
    start: 0,
    end: chars.length,
  };
}

/**
 * First pass for `score --clusters`: clusters of the whole file, keyed by row number (ids may repeat or be
 * absent; rows are what a second read of the same file yields again). A file only: stdin cannot be read twice.
 */
export async function clusterFile(source: string, readOpts: ReadOptions): Promise<Map<number, PostCluster>> {
  if (source === '-') throw new BasiraError('E_USAGE', '--clusters needs a file: stdin cannot be read twice', 'save the input to a file, or run `basira dedup` on it');
  const clusters = await clusterPosts(readPosts(source, readOpts));
  return new Map(clusters.map((c) => [c.row, c]));
}
