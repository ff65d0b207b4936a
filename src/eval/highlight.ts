/**
 * A post as HTML with its evidence spans marked. Offsets are code points of the original text; spans may
 * overlap, so the text is cut at every span edge and each piece is marked by the spans that cover it.
 */
import { CATEGORIES, CONTEXTS, type Evidence } from '../types.js';
import { cleanText, escapeHtml } from './html.js';

const KINDS: readonly string[] = [...CATEGORIES, ...CONTEXTS];

/** CSS class for an evidence category: `ev-<category>`, or `ev-unknown` for anything outside the taxonomy. */
export function evidenceClass(category: string): string {
  return KINDS.includes(category) ? `ev-${category}` : 'ev-unknown';
}

function describe(e: Evidence): string {
  return `${e.rule} (${e.category}${e.negated === true ? ', negated' : ''})`;
}

export function highlightEvidence(text: string, evidence: readonly Evidence[]): string {
  const cps = Array.from(cleanText(text));
  const clamp = (x: number): number => Math.max(0, Math.min(cps.length, Math.trunc(x)));
  const spans = evidence
    .map((e) => ({ e, start: clamp(e.start), end: clamp(e.end) }))
    .filter((s) => s.end > s.start)
    // The strongest span decides the colour of a piece; the title names them all.
    .sort((a, b) => b.e.weight - a.e.weight);
  const cuts = [...new Set([0, cps.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  let html = '';
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k] as number;
    const b = cuts[k + 1] as number;
    const piece = escapeHtml(cps.slice(a, b).join(''));
    const cover = spans.filter((s) => s.start <= a && s.end >= b).map((s) => s.e);
    const top = cover[0];
    if (top === undefined) {
      html += piece;
      continue;
    }
    const negated = cover.every((e) => e.negated === true) ? ' ev-negated' : '';
    const title = escapeHtml(cover.map(describe).join('; '));
    html += `<mark class="ev ${evidenceClass(top.category)}${negated}" title="${title}">${piece}</mark>`;
  }
  return html;
}
