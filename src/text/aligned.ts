/**
 * Text that remembers where each of its characters came from in the original.
 *
 * Steps work on JS strings (so they can use native regexes), so the alignment is kept per UTF-16 unit:
 * unit u came from the original code points [st[u], en[u]). Both units of a surrogate pair carry the
 * same range. Ranges never go backwards; characters produced together from one piece of input
 * (ﻻ → لا, a mention → "@user") share one range, and deleted input either widens the range of the
 * character before it (`remove(..., true)`: marks, tatweel, repeated letters) or is left as a gap.
 */
import type { Normalized } from '../types.js';

export interface Aligned {
  readonly text: string;
  /** null while the text is still the original without surrogate pairs: unit u is code point u. */
  readonly st: readonly number[] | null;
  readonly en: readonly number[] | null;
  /** Length of the original text in code points. */
  readonly origLen: number;
}

const SURROGATE = /[\uD800-\uDFFF]/;

export function fromString(text: string): Aligned {
  if (!SURROGATE.test(text)) return { text, st: null, en: null, origLen: text.length };
  const n = text.length;
  const st: number[] = [];
  const en: number[] = [];
  let cp = 0;
  for (let u = 0; u < n; u++) {
    const c = text.charCodeAt(u);
    const next = u + 1 < n ? text.charCodeAt(u + 1) : 0;
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      st.push(cp, cp);
      en.push(cp + 1, cp + 1);
      u++;
    } else {
      st.push(cp);
      en.push(cp + 1);
    }
    cp++;
  }
  return { text, st, en, origLen: cp };
}

function startOf(a: Aligned, u: number): number {
  return a.st === null ? u : a.st[u]!;
}

function endOf(a: Aligned, u: number): number {
  return a.en === null ? u + 1 : a.en[u]!;
}

/** Same alignment, new content of equal UTF-16 length that lines up unit for unit (e.g. toLowerCase). */
export function withText(a: Aligned, text: string): Aligned {
  return { text, st: a.st, en: a.en, origLen: a.origLen };
}

/**
 * Edits one source text left to right. Only the changes are stated; the text between them is kept as
 * it is. Indices are UTF-16 units of the source, and edits must come in order without overlapping.
 */
export class Editor {
  private readonly parts: string[] = [];
  private readonly st: number[] = [];
  private readonly en: number[] = [];
  private cursor = 0;
  private edited = false;

  constructor(private readonly src: Aligned) {}

  /** Replaces source units [i, j) (non-empty) by `out`; every unit of `out` maps to the whole source range. */
  replace(i: number, j: number, out: string): void {
    this.keepTo(i);
    const s = startOf(this.src, i);
    const e = endOf(this.src, j - 1);
    this.parts.push(out);
    for (let u = 0; u < out.length; u++) {
      this.st.push(s);
      this.en.push(e);
    }
    this.cursor = j;
  }

  /**
   * Deletes source units [i, j). With `attach`, the deleted input becomes part of the character written
   * before it (a diacritic belongs to its letter); otherwise it is a gap that no character claims.
   */
  remove(i: number, j: number, attach: boolean): void {
    this.keepTo(i);
    const last = this.en.length - 1;
    if (attach && last >= 0 && i < j) this.en[last] = Math.max(this.en[last]!, endOf(this.src, j - 1));
    this.cursor = j;
  }

  /** The edited text; the source itself when the text did not change. */
  finish(): Aligned {
    if (!this.edited) return this.src;
    this.keepTo(this.src.text.length);
    const text = this.parts.join('');
    if (text === this.src.text) return this.src;
    return { text, st: this.st, en: this.en, origLen: this.src.origLen };
  }

  private keepTo(i: number): void {
    this.edited = true;
    if (i <= this.cursor) return;
    const { src } = this;
    this.parts.push(src.text.slice(this.cursor, i));
    for (let u = this.cursor; u < i; u++) {
      this.st.push(startOf(src, u));
      this.en.push(endOf(src, u));
    }
    this.cursor = i;
  }
}

/** Runs `re` (g flag) over the text and lets `fn` state the edits for each match; matches it leaves alone stay as they are. */
export function rewrite(a: Aligned, re: RegExp, fn: (m: RegExpExecArray, ed: Editor) => void): Aligned {
  re.lastIndex = 0;
  let m = re.exec(a.text);
  if (m === null) return a;
  const ed = new Editor(a);
  while (m !== null) {
    fn(m, ed);
    if (m[0].length === 0) re.lastIndex++;
    m = re.exec(a.text);
  }
  return ed.finish();
}

/**
 * Converts to the public shape: map[i] is where normalised code point i starts in the original. A
 * character after a gap starts where the previous character ended, so a span [map[s], map[e]) ends
 * exactly at the end of its last character and leaves out the dropped input that follows it.
 */
export function toNormalized(a: Aligned, steps: string[]): Normalized {
  const { text } = a;
  const map: number[] = [];
  let prevEnd = -1;
  for (let u = 0; u < text.length; u++) {
    const cp = text.codePointAt(u)!;
    const last = cp > 0xffff ? u + 1 : u;
    const s = startOf(a, u);
    map.push(prevEnd < 0 ? s : Math.min(s, prevEnd));
    prevEnd = endOf(a, last);
    u = last;
  }
  map.push(a.origLen);
  return { text, map, steps };
}
