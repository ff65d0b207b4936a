/**
 * Unicode NFKC (presentation forms ﻻ ﷲ → base letters, fullwidth and styled letters → plain ones,
 * "…" → "..."), done piece by piece so each output character still knows its source: per code point
 * where that gives the same text as whole-chunk NFKC (almost always), else per grapheme cluster, else
 * (halfwidth Hangul jamo compose across clusters) the chunk as one piece.
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
    if (whole === chunk) return;
    if (!inPieces(ed, m.index, whole, Array.from(chunk))) {
      if (!inPieces(ed, m.index, whole, Array.from(graphemes.segment(chunk), (g) => g.segment))) {
        ed.replace(m.index, m.index + chunk.length, whole);
      }
    }
  });
});

/** Edits piece by piece if that gives the same text as whole-chunk NFKC; false (nothing edited) if not. */
function inPieces(ed: Editor, offset: number, whole: string, pieces: string[]): boolean {
  const outs = pieces.map((p) => p.normalize('NFKC'));
  if (outs.join('') !== whole) return false;
  let u = offset;
  pieces.forEach((p, k) => {
    if (outs[k] !== p) ed.replace(u, u + p.length, outs[k]!);
    u += p.length;
  });
  return true;
}
