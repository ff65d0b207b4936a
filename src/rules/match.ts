/** Finds a compiled pack's rules in a token sequence: one automaton pass per channel, then near and negation checks. */
import type { Occurrence } from './automaton.js';
import type { Channel, CompiledPack, CompiledRule } from './compile.js';

/** Negation cues govern a category match when they end within this many tokens before it. */
export const NEGATION_WINDOW = 3;

export interface PackScan {
  /** Term and near-term occurrences per rule index. */
  terms: Map<number, Occurrence[]>;
  near: Map<number, Occurrence[]>;
  /** Token index just past each negation cue found. */
  negationEnds: number[];
}

export interface TokenHit {
  rule: CompiledRule;
  /** Token span [start, end). */
  start: number;
  end: number;
  negated: boolean;
}

function push(map: Map<number, Occurrence[]>, key: number, value: Occurrence): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function scanChannel(channel: Channel, words: readonly string[], scan: PackScan): void {
  const symbols = words.map(channel.symbol);
  for (const occ of channel.automaton.find(symbols)) {
    const role = channel.roles[occ.pattern];
    if (role === undefined) continue;
    if (role.role === 'negation') scan.negationEnds.push(occ.end);
    else push(role.role === 'term' ? scan.terms : scan.near, role.rule, occ);
  }
}

/** Runs both automata of a pack over the tokens (surface forms, as tokenize() gives them). */
export function scanPack(pack: CompiledPack, tokens: readonly string[]): PackScan {
  const scan: PackScan = { terms: new Map(), near: new Map(), negationEnds: [] };
  if (pack.surface !== null) scanChannel(pack.surface, tokens, scan);
  if (pack.stemmed !== null) scanChannel(pack.stemmed, tokens, scan);
  return scan;
}

/** Index of the first element of the ascending `values` that is >= `target`. */
function lowerBound(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Near-term occurrences of one rule, indexed so that each check is a binary search, not a scan. */
interface NearIndex {
  ends: number[];
  starts: number[];
}

function nearIndex(occurrences: readonly Occurrence[]): NearIndex {
  return {
    ends: occurrences.map((o) => o.end).sort((a, b) => a - b),
    starts: occurrences.map((o) => o.start).sort((a, b) => a - b),
  };
}

/** Whether a near term lies outside `occ` and within `window` tokens of it (1 = adjacent) on either side. */
function hasNear(index: NearIndex, occ: Occurrence, window: number): boolean {
  const before = index.ends[lowerBound(index.ends, occ.start - window + 1)];
  if (before !== undefined && before <= occ.start) return true;
  const after = index.starts[lowerBound(index.starts, occ.end)];
  return after !== undefined && after <= occ.end + window - 1;
}

function cueBefore(negationEnds: ReadonlySet<number>, start: number): boolean {
  for (let end = start; end > start - NEGATION_WINDOW; end--) if (negationEnds.has(end)) return true;
  return false;
}

/**
 * The rule hits of one pack: term occurrences whose rule's near condition holds, each marked negated when it is
 * a category rule and one of `negationEnds` (token index just past a cue) lies within NEGATION_WINDOW before it.
 */
export function resolveHits(pack: CompiledPack, scan: PackScan, negationEnds: ReadonlySet<number>): TokenHit[] {
  const hits: TokenHit[] = [];
  for (const [index, occurrences] of scan.terms) {
    const rule = pack.rules[index];
    if (rule === undefined) continue;
    const window = rule.window;
    const near = window === undefined ? undefined : nearIndex(scan.near.get(index) ?? []);
    for (const occ of occurrences) {
      if (window !== undefined && near !== undefined && !hasNear(near, occ, window)) continue;
      const negated = rule.kind === 'category' && cueBefore(negationEnds, occ.start);
      hits.push({ rule, start: occ.start, end: occ.end, negated });
    }
  }
  return hits;
}
