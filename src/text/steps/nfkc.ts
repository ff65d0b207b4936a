/**
 * Unicode NFKC (presentation forms ﻻ ﷲ → base letters, fullwidth and styled letters → plain ones), done
 * one grapheme cluster at a time so each output character still knows its source. Composition never
 * crosses a grapheme boundary, so the result equals whole-string NFKC for the texts we see.
 */
import { rewrite } from '../aligned.js';
import { named } from './step.js';

// An ASCII space never composes with its neighbours, so chunks between spaces normalise independently.
const CHUNK = /[^ ]+/g;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export const nfkc = named('nfkc', (a) => {
  if (a.text.normalize('NFKC') === a.text) return a;
  return rewrite(a, CHUNK, (m, b) => {
    const chunk = m[0];
    if (chunk.normalize('NFKC') === chunk) {
      b.copy(m.index, m.index + chunk.length);
      return;
    }
    for (const g of graphemes.segment(chunk)) {
      const i = m.index + g.index;
      const j = i + g.segment.length;
      const out = g.segment.normalize('NFKC');
      if (out === g.segment) b.copy(i, j);
      else b.emit(out, i, j);
    }
  });
});
