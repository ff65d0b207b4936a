/**
 * Text that remembers where each of its characters came from in the original.
 *
 * Steps work on JS strings (so they can use native regexes), so the alignment is kept per UTF-16 unit,
 * as a list of segments: in a `run`, unit u0+k came from original code point s+k; in a group, every
 * unit came from the original code points [s, e). Characters produced together from one piece of
 * input (ﻻ → لا, a mention → "@user", a surrogate pair) form a group; deleted input either widens the
 * range of the character before it (`remove(..., true)`: marks, tatweel, repeated letters) or is left
 * as a gap. Segments rather than one entry per unit, because most edits touch a few characters.
 */
import type { Normalized } from '../types.js';

export interface Segment {
  /** First unit of the segment in this text. */
  u: number;
  len: number;
  s: number;
  /** For a run, s + len. */
  e: number;
  run: boolean;
}

export interface Aligned {
  readonly text: string;
  /** Cover the text's units in order, without gaps. */
  readonly segs: readonly Segment[];
  /** Length of the original text in code points. */
  readonly origLen: number;
}

export function fromString(text: string): Aligned {
  const segs: Segment[] = [];
  let cp = 0;
  let runStart = 0;
  const n = text.length;
  for (let u = 0; u < n; u++) {
    const c = text.charCodeAt(u);
    if (c < 0xd800 || c > 0xdbff || u + 1 >= n) continue;
    const d = text.charCodeAt(u + 1);
    if (d < 0xdc00 || d > 0xdfff) continue;
    // A surrogate pair: close the run before it; the pair is one code point, so a group of two units.
    cp += u - runStart;
    if (u > runStart) segs.push({ u: runStart, len: u - runStart, s: cp - (u - runStart), e: cp, run: true });
    segs.push({ u, len: 2, s: cp, e: cp + 1, run: false });
    cp++;
    u++;
    runStart = u + 1;
  }
  if (n > runStart) segs.push({ u: runStart, len: n - runStart, s: cp, e: cp + n - runStart, run: true });
  return { text, segs, origLen: cp + n - runStart };
}

/** Same alignment, new content of equal UTF-16 length that lines up unit for unit (e.g. toLowerCase). */
export function withText(a: Aligned, text: string): Aligned {
  return { text, segs: a.segs, origLen: a.origLen };
}

/** Finds the segment of a unit; lookups mostly move forward, so it remembers where it was. */
class Locator {
  private i = 0;
  constructor(private readonly segs: readonly Segment[]) {}

  at(u: number): Segment {
    const { segs } = this;
    if (segs[this.i]!.u > u) this.i = 0;
    while (segs[this.i]!.u + segs[this.i]!.len <= u) this.i++;
    return segs[this.i]!;
  }

  start(u: number): number {
    const g = this.at(u);
    return g.run ? g.s + u - g.u : g.s;
  }

  end(u: number): number {
    const g = this.at(u);
    return g.run ? g.s + u - g.u + 1 : g.e;
  }
}

/**
 * Edits one source text left to right. Only the changes are stated; the text between them is kept as
 * it is. Indices are UTF-16 units of the source, and edits must come in order without overlapping.
 */
export class Editor {
  private readonly parts: string[] = [];
  private readonly out: Segment[] = [];
  private outLen = 0;
  private cursor = 0;
  private edited = false;
  private readonly loc: Locator;

  constructor(private readonly src: Aligned) {
    this.loc = new Locator(src.segs);
  }

  /** Replaces source units [i, j) (non-empty) by `out`; every unit of `out` maps to the whole source range. */
  replace(i: number, j: number, out: string): void {
    this.keepTo(i);
    const s = this.loc.start(i);
    const e = this.loc.end(j - 1);
    this.parts.push(out);
    // One unit from one code point is just a one-unit run, which can merge with its neighbours.
    if (out.length > 0) this.push({ u: this.outLen, len: out.length, s, e, run: out.length === 1 && e === s + 1 });
    this.cursor = j;
  }

  /**
   * Deletes source units [i, j). With `attach`, the deleted input becomes part of the character written
   * before it (a diacritic belongs to its letter); otherwise it is a gap that no character claims.
   */
  remove(i: number, j: number, attach: boolean): void {
    this.keepTo(i);
    const last = this.out[this.out.length - 1];
    if (attach && last !== undefined && i < j) {
      const end = this.loc.end(j - 1);
      if (!last.run) last.e = Math.max(last.e, end);
      else if (end > last.e) {
        // Split the run's last unit off into a group that also covers the deleted input.
        last.len--;
        last.e--;
        const tail = { u: last.u + last.len, len: 1, s: last.e, e: end, run: false };
        if (last.len === 0) this.out.pop();
        this.out.push(tail);
      }
    }
    this.cursor = j;
  }

  /** The edited text; the source itself when the text did not change. */
  finish(): Aligned {
    if (!this.edited) return this.src;
    this.keepTo(this.src.text.length);
    const text = this.parts.join('');
    if (text === this.src.text) return this.src;
    return { text, segs: this.out, origLen: this.src.origLen };
  }

  private keepTo(i: number): void {
    this.edited = true;
    if (i <= this.cursor) return;
    this.parts.push(this.src.text.slice(this.cursor, i));
    let u = this.cursor;
    while (u < i) {
      const g = this.loc.at(u);
      const len = Math.min(g.u + g.len, i) - u;
      const s = g.run ? g.s + u - g.u : g.s;
      this.push({ u: this.outLen, len, s, e: g.run ? s + len : g.e, run: g.run });
      u += len;
    }
    this.cursor = i;
  }

  private push(g: Segment): void {
    const prev = this.out[this.out.length - 1];
    if (prev !== undefined && prev.run && g.run && prev.e === g.s) {
      prev.len += g.len;
      prev.e += g.len;
    } else {
      this.out.push(g);
    }
    this.outLen += g.len;
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
  let afterHigh = false;
  for (const g of a.segs) {
    for (let k = 0; k < g.len; k++) {
      const c = text.charCodeAt(g.u + k);
      const s = g.run ? g.s + k : g.s;
      const e = g.run ? s + 1 : g.e;
      if (afterHigh && (c & 0xfc00) === 0xdc00) {
        // Second half of a surrogate pair: the same code point as the unit before.
        afterHigh = false;
        prevEnd = Math.max(prevEnd, e);
        continue;
      }
      map.push(prevEnd < 0 ? s : Math.min(s, prevEnd));
      prevEnd = e;
      afterHigh = (c & 0xfc00) === 0xd800;
    }
  }
  map.push(a.origLen);
  return { text, map, steps };
}
