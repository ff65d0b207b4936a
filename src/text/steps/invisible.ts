/** Invisible characters used to break up words (zero-width) or reorder them on screen (bidi controls). */
import { rewrite } from '../aligned.js';
import { named } from './step.js';

const ZERO_WIDTH = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u034F\u180E]/g;
const INVISIBLE = /^[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u034F\u180E\u202A-\u202E\u2066-\u2069\u061C]$/;
const ZWJ = 0x200d;
// A ZWJ between two emoji is part of one emoji (👨‍👩‍👧); everywhere else it only hides a word break.
const EMOJI_BEFORE = /\p{Extended_Pictographic}[\p{Emoji_Modifier}\uFE0F]?$/u;
const EMOJI_AFTER = /^\p{Extended_Pictographic}/u;

/** True for a character that zero_width or bidi_controls removes. */
export function isInvisible(c: string): boolean {
  return INVISIBLE.test(c);
}

export const zeroWidth = named('zero_width', (a) =>
  rewrite(a, ZERO_WIDTH, (m, ed) => {
    const i = m.index;
    const keep =
      a.text.charCodeAt(i) === ZWJ &&
      EMOJI_BEFORE.test(a.text.slice(Math.max(0, i - 4), i)) &&
      EMOJI_AFTER.test(a.text.slice(i + 1, i + 3));
    if (!keep) ed.remove(i, i + 1, false);
  }),
);

const BIDI = /[\u202A-\u202E\u2066-\u2069\u061C]/g;

export const bidiControls = named('bidi_controls', (a) => rewrite(a, BIDI, (m, ed) => ed.remove(m.index, m.index + 1, false)));
