/** A loaded set of packs: picks the packs for each post, runs them, and reports evidence in original offsets. */
import { createHash } from 'node:crypto';
import type { Evidence, Normalized } from '../types.js';
import { arabiziView } from '../text/normalize.js';
import { toOriginalSpan } from '../text/offsets.js';
import { tokenize } from '../text/tokenize.js';
import { compilePack, type CompiledPack } from './compile.js';
import { resolveHits, scanPack } from './match.js';
import type { PackFile } from './pack.js';
import { packsForPost } from './select.js';

/** Bump when matching semantics change (tokens, stemming, near, negation) so the rules version changes with them. */
const ENGINE_VERSION = '1';

export interface RuleSet {
  /** e.g. "ar@1.0.0+en@1.0.0#3f9a1c2b7d4e": pack versions plus a hash of the packs' content and the engine version. */
  version: string;
  languages: string[];
  /** Evidence ordered by start offset, in code points of `original`; `text` is the original substring. */
  match(original: string, norm: Normalized, lang: string): Evidence[];
}

function rulesVersion(packs: readonly PackFile[]): string {
  const hash = createHash('sha256')
    .update(JSON.stringify({ engine: ENGINE_VERSION, packs: packs.map((p) => p.pack) }))
    .digest('hex')
    .slice(0, 12);
  return `${packs.map((p) => `${p.pack.lang}@${p.pack.version}`).join('+')}#${hash}`;
}

/**
 * Drops repeats (the same rule on the same span, e.g. from the Arabizi view; the first found wins) and spans
 * inside a longer span of the same rule; orders by start offset.
 */
function dedupe(found: readonly Evidence[]): Evidence[] {
  // Stable sort: by rule, then start, then longest first, so a span is covered iff it ends no later than
  // the furthest end seen so far for its rule.
  const byRule = [...found].sort((a, b) => compare(a.rule, b.rule) || a.start - b.start || b.end - a.end);
  const kept: Evidence[] = [];
  let rule = '';
  let furthest = -1;
  for (const e of byRule) {
    if (e.rule !== rule) {
      rule = e.rule;
      furthest = -1;
    }
    if (e.end > furthest) {
      kept.push(e);
      furthest = e.end;
    }
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end || compare(a.rule, b.rule));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface View {
  norm: Normalized;
  packs: CompiledPack[];
}

function matchView(view: View, original: () => string[], out: Evidence[]): void {
  const tokens = tokenize(view.norm.text);
  if (tokens.length === 0) return;
  const words = tokens.map((t) => t.text);
  const scans = view.packs.map((pack) => scanPack(pack, words));
  // A cue in any language that reads the post counts: "I will never join الدولة الإسلامية".
  const negationEnds = new Set(scans.flatMap((s) => s.negationEnds));
  view.packs.forEach((pack, i) => {
    const scan = scans[i];
    if (scan === undefined) return;
    for (const hit of resolveHits(pack, scan, negationEnds)) {
      const first = tokens[hit.start];
      const last = tokens[hit.end - 1];
      if (first === undefined || last === undefined) continue;
      const span = toOriginalSpan(view.norm, first.start, last.end);
      const evidence: Evidence = {
        rule: hit.rule.id,
        kind: hit.rule.kind,
        category: hit.rule.category,
        weight: hit.rule.weight,
        text: original().slice(span.start, span.end).join(''),
        start: span.start,
        end: span.end,
      };
      if (hit.negated) evidence.negated = true;
      out.push(evidence);
    }
  });
}

export function buildRuleSet(packs: readonly PackFile[]): RuleSet {
  const sorted = [...packs].sort((a, b) => compare(a.pack.lang, b.pack.lang));
  const byLang = new Map(sorted.map((p) => [p.pack.lang, compilePack(p.pack)]));
  const available = new Set(byLang.keys());
  const arabic = byLang.get('ar');
  return {
    version: rulesVersion(sorted),
    languages: [...available],
    match(original, norm, lang) {
      const views: View[] = [
        { norm, packs: packsForPost(lang, norm.text, available).flatMap((l) => byLang.get(l) ?? []) },
      ];
      if (arabic !== undefined) {
        const arabizi = arabiziView(original);
        if (arabizi !== null) views.push({ norm: arabizi, packs: [arabic] });
      }
      let chars: string[] | undefined;
      // Code points of the original, split only when something matched.
      const originalChars = (): string[] => (chars ??= Array.from(original));
      const found: Evidence[] = [];
      for (const view of views) matchView(view, originalChars, found);
      return dedupe(found);
    },
  };
}
