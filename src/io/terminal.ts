/** Makes untrusted text safe to print on a terminal, keeping each character's original offset. */
import ansiRegex from 'ansi-regex';

/** One printable code point and its code-point offset in the original text. */
export interface Cell {
  ch: string;
  at: number;
}

/** Bidi embeddings, overrides, isolates and marks: they would reorder our own output around the post. */
const BIDI_CONTROL = /^[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]$/u;
/** C0 and C1 controls and DEL; LF is kept (it is how a post's lines are shown). */
const CONTROL = /^[\u0000-\u0009\u000B-\u001F\u007F-\u009F]$/u;

/**
 * The code points of `text` that may be printed: escape sequences are removed whole (not just their
 * ESC, which would leave "[31m" behind), then controls and bidi formatting characters are dropped.
 * A tab becomes a space so that the words on either side stay apart.
 */
export function printableCells(text: string): Cell[] {
  const escapes = Array.from(text.matchAll(ansiRegex()), (m) => [m.index, m.index + m[0].length] as const);
  const cells: Cell[] = [];
  let unit = 0;
  let at = 0;
  let nextEscape = 0;
  for (const ch of text) {
    let escape = escapes[nextEscape];
    while (escape !== undefined && unit >= escape[1]) escape = escapes[++nextEscape];
    const inEscape = escape !== undefined && unit >= escape[0];
    if (!inEscape) {
      if (ch === '\t') cells.push({ ch: ' ', at });
      else if (!CONTROL.test(ch) && !BIDI_CONTROL.test(ch)) cells.push({ ch, at });
    }
    unit += ch.length;
    at += 1;
  }
  return cells;
}

/** A short untrusted value (id, error message, kept column) as one safe line. */
export function printableLine(text: string): string {
  return printableCells(text)
    .map((c) => (c.ch === '\n' ? ' ' : c.ch))
    .join('');
}
