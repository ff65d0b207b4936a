/**
 * Unicode NFKC (presentation forms ﻻ ﷲ → base letters, fullwidth and styled letters → plain ones), done
 * one grapheme cluster at a time so each output character still knows its source. Composition stays
 * inside a grapheme cluster except for a few scripts' conjoining letters (halfwidth Hangul jamo): when
 * the clusters disagree with the whole chunk, the chunk is replaced as one piece.
 */
import { rewrite, type Builder } from '../aligned.js';
import { named } from './step.js';

// An ASCII space never composes with its neighbours, so chunks between spaces normalise independently.
const CHUNK = /[^ ]+/g;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export const nfkc = named('nfkc', (a) => {
  if (a.text.normalize('NFKC') === a.text) return a;
  return rewrite(a, CHUNK, (m, b) => {
    const chunk = m[0];
    const whole = chunk.normalize('NFKC');
    if (whole === chunk) b.copy(m.index, m.index + chunk.length);
    else if (!byCluster(b, chunk, m.index, whole)) b.emit(whole, m.index, m.index + chunk.length);
  });
});

/** Writes the chunk cluster by cluster if that gives the same text as whole-chunk NFKC; false (nothing written) if not. */
function byCluster(b: Builder, chunk: string, offset: number, whole: string): boolean {
  const parts: { out: string; i: number; j: number }[] = [];
  for (const g of graphemes.segment(chunk)) {
    parts.push({ out: g.segment.normalize('NFKC'), i: offset + g.index, j: offset + g.index + g.segment.length });
  }
  if (parts.map((p) => p.out).join('') !== whole) return false;
  for (const p of parts) {
    if (p.out === chunk.slice(p.i - offset, p.j - offset)) b.copy(p.i, p.j);
    else b.emit(p.out, p.i, p.j);
  }
  return true;
}
