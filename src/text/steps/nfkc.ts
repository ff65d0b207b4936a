/**
 * Unicode NFKC (presentation forms ﻻ ﷲ → base letters, fullwidth and styled letters → plain ones), done
 * one grapheme cluster at a time so each output character still knows its source. Composition stays
 * inside a grapheme cluster except for a few scripts' conjoining letters (halfwidth Hangul jamo): when
 * the clusters disagree with the whole chunk, the chunk is replaced as one piece.
 */
import { rewrite, type Editor } from '../aligned.js';
import { named } from './step.js';

// An ASCII space never composes with its neighbours, so chunks between spaces normalise independently.
const CHUNK = /[^ ]+/g;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export const nfkc = named('nfkc', (a) => {
  if (a.text.normalize('NFKC') === a.text) return a;
  return rewrite(a, CHUNK, (m, ed) => {
    const chunk = m[0];
    const whole = chunk.normalize('NFKC');
    if (whole !== chunk && !byCluster(ed, chunk, m.index, whole)) ed.replace(m.index, m.index + chunk.length, whole);
  });
});

/** Edits the chunk cluster by cluster if that gives the same text as whole-chunk NFKC; false (nothing edited) if not. */
function byCluster(ed: Editor, chunk: string, offset: number, whole: string): boolean {
  const parts: { seg: string; out: string; at: number }[] = [];
  for (const g of graphemes.segment(chunk)) parts.push({ seg: g.segment, out: g.segment.normalize('NFKC'), at: g.index });
  if (parts.map((p) => p.out).join('') !== whole) return false;
  for (const p of parts) {
    if (p.out !== p.seg) ed.replace(offset + p.at, offset + p.at + p.seg.length, p.out);
  }
  return true;
}
