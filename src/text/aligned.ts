/**
 * Text that remembers where each of its characters came from in the original.
 *
 * Steps work on JS strings (so they can use native regexes), so the alignment is kept per UTF-16 unit:
 * unit u came from the original code points [st[u], en[u]). Both units of a surrogate pair carry the
 * same range. Ranges never overlap out of order; characters produced together from one piece of input
 * (ﻻ → لا, a mention → "@user") share one range, and deleted input either widens the range of the
 * character before it (`drop(..., true)`: marks, tatweel, repeated letters) or is left as a gap.
 */
import type { Normalized } from '../types.js';

export interface Aligned {
  readonly text: string;
  readonly st: number[];
  readonly en: number[];
  /** Length of the original text in code points. */
  readonly origLen: number;
}

export function fromString(text: string): Aligned {
  const n = text.length;
  const st = new Array<number>(n);
  const en = new Array<number>(n);
  let cp = 0;
  for (let u = 0; u < n; u++) {
    const c = text.charCodeAt(u);
    const next = u + 1 < n ? text.charCodeAt(u + 1) : 0;
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      st[u] = st[u + 1] = cp;
      en[u] = en[u + 1] = cp + 1;
      u++;
    } else {
      st[u] = cp;
      en[u] = cp + 1;
    }
    cp++;
  }
  return { text, st, en, origLen: cp };
}

/** Same text, new string content of equal UTF-16 length that is aligned unit for unit (e.g. toLowerCase). */
export function withText(a: Aligned, text: string): Aligned {
  return { text, st: a.st, en: a.en, origLen: a.origLen };
}

/** Accumulates the output of one step over a source Aligned. Indices are UTF-16 units of the source. */
export class Builder {
  private readonly parts: string[] = [];
  private readonly st: number[] = [];
  private readonly en: number[] = [];

  constructor(private readonly src: Aligned) {}

  /** Keeps source units [i, j) unchanged. */
  copy(i: number, j: number): void {
    if (i >= j) return;
    this.parts.push(this.src.text.slice(i, j));
    for (let u = i; u < j; u++) {
      this.st.push(this.src.st[u]!);
      this.en.push(this.src.en[u]!);
    }
  }

  /** Replaces source units [i, j) (non-empty) by `out`; every unit of `out` maps to the whole source range. */
  emit(out: string, i: number, j: number): void {
    const s = this.src.st[i]!;
    const e = this.src.en[j - 1]!;
    this.parts.push(out);
    for (let u = 0; u < out.length; u++) {
      this.st.push(s);
      this.en.push(e);
    }
  }

  /**
   * Deletes source units [i, j). With `attach`, the deleted input becomes part of the previous output
   * character (a diacritic belongs to its letter); otherwise it is a gap that no character claims.
   */
  drop(i: number, j: number, attach: boolean): void {
    const last = this.en.length - 1;
    if (attach && last >= 0 && i < j) this.en[last] = Math.max(this.en[last]!, this.src.en[j - 1]!);
  }

  finish(): Aligned {
    return { text: this.parts.join(''), st: this.st, en: this.en, origLen: this.src.origLen };
  }
}

/**
 * Runs `re` (must have the g flag) over the text and lets `fn` write each match into the builder; the
 * text between matches is copied. Returns `a` itself when the text did not change.
 */
export function rewrite(a: Aligned, re: RegExp, fn: (m: RegExpExecArray, b: Builder) => void): Aligned {
  re.lastIndex = 0;
  let m = re.exec(a.text);
  if (m === null) return a;
  const b = new Builder(a);
  let pos = 0;
  while (m !== null) {
    b.copy(pos, m.index);
    fn(m, b);
    pos = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
    m = re.exec(a.text);
  }
  b.copy(pos, a.text.length);
  const out = b.finish();
  return out.text === a.text ? a : out;
}

/**
 * Converts to the public shape: map[i] is where normalised code point i starts in the original. A
 * character after a gap starts where the previous character ended, so a span [map[s], map[e]) ends
 * exactly at the end of its last character and leaves out the dropped input that follows it.
 */
export function toNormalized(a: Aligned, steps: string[]): Normalized {
  const { text, st, en } = a;
  const map: number[] = [];
  let prevEnd = -1;
  for (let u = 0; u < text.length; u++) {
    const cp = text.codePointAt(u)!;
    const last = cp > 0xffff ? u + 1 : u;
    const s = st[u]!;
    map.push(prevEnd < 0 ? s : Math.min(s, prevEnd));
    prevEnd = en[last]!;
    u = last;
  }
  map.push(a.origLen);
  return { text, map, steps };
}
