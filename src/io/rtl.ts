/**
 * Lays out a paragraph for a terminal: grapheme clusters, word wrap, and, for terminals that cannot
 * shape or reorder right-to-left text themselves, Arabic shaping (presentation forms, arabic-shape.ts) and
 * visual reordering (bidi-js). Every glyph keeps the highlight mark of the characters it came from, so
 * highlighting stays on the right words after shaping and reordering.
 */
import bidiModule, { type Bidi } from 'bidi-js';
import { shapeArabic } from './arabic-shape.js';

// bidi-js is CommonJS whose module.exports is the factory; its typings declare it as `default`.
const bidi: Bidi = (bidiModule as unknown as () => Bidi)();

export interface Marked {
  ch: string;
  /** Highlight key (an evidence category), or null for plain text. */
  mark: string | null;
}

/** What a terminal cell shows: one grapheme cluster (or a lam-alef ligature). */
export interface Glyph {
  text: string;
  mark: string | null;
}

export interface Paragraph {
  /** Display lines, each in visual (left-to-right screen) order. */
  lines: Glyph[][];
  /** True when the paragraph reads right to left (so it is best aligned to the right). */
  rightToLeft: boolean;
}

export type RtlMode = 'on' | 'off' | 'auto';

/**
 * Whether to shape and reorder ourselves. `auto` is on for a TTY unless the terminal is known to do
 * bidi and Arabic shaping itself (reordering twice would scramble the text): macOS Terminal, VTE
 * ≥ 0.58 (GNOME Terminal, Tilix…), Konsole and mlterm. Terminals that show logical order unshaped
 * (xterm, iTerm2, VS Code, Windows Terminal, kitty, Alacritty…) get it on. Off when not a TTY: files
 * and pipes should keep logical order.
 */
export function rtlEnabled(mode: RtlMode, isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  if (mode !== 'auto') return mode === 'on';
  if (!isTTY) return false;
  const shapesItself =
    env['TERM_PROGRAM'] === 'Apple_Terminal' ||
    Number(env['VTE_VERSION'] ?? 0) >= 5800 ||
    env['KONSOLE_VERSION'] !== undefined ||
    env['MLTERM'] !== undefined ||
    (env['TERM'] ?? '').startsWith('mlterm');
  return !shapesItself;
}

const ARABIC = /\p{Script=Arabic}/u;
const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Lays out one paragraph (no line breaks inside) in lines of at most `width` glyphs. */
export function layoutParagraph(chars: Marked[], width: number, rtl: boolean): Paragraph {
  const shaped = rtl && chars.some((c) => ARABIC.test(c.ch)) ? shapeArabic(chars) : chars;
  const text = shaped.map((c) => c.ch).join('');
  const glyphs = clusters(shaped, text);
  const ranges = wrap(glyphs, width);
  if (!rtl || !RIGHT_TO_LEFT.test(text)) {
    return { lines: ranges.map(([s, e]) => glyphs.slice(s, e).map(({ text: t, mark }) => ({ text: t, mark }))), rightToLeft: false };
  }
  const levels = bidi.getEmbeddingLevels(text);
  const glyphOfUnit: number[] = [];
  glyphs.forEach((g, i) => {
    for (let u = 0; u < g.text.length; u++) glyphOfUnit.push(i);
  });
  const lines = ranges.map(([s, e]) => {
    const first = glyphs[s];
    const last = glyphs[e - 1];
    if (first === undefined || last === undefined) return [];
    const from = first.start;
    const to = last.start + last.text.length - 1;
    const order = bidi.getReorderedIndices(text, levels, from, to).slice(from, to + 1);
    const line: Glyph[] = [];
    const emitted = new Set<number>();
    for (const unit of order) {
      const index = glyphOfUnit[unit] ?? -1;
      const glyph = glyphs[index];
      // A cluster's units can land apart (a ZWNJ/ZWJ ending it gets a level of its own): emit it once.
      if (glyph === undefined || emitted.has(index)) continue;
      emitted.add(index);
      const mirrored = (levels.levels[unit] ?? 0) % 2 === 1 && glyph.text.length === 1 ? bidi.getMirroredCharacter(glyph.text) : null;
      line.push({ text: mirrored ?? glyph.text, mark: glyph.mark });
    }
    return line;
  });
  return { lines, rightToLeft: (levels.paragraphs[0]?.level ?? 0) % 2 === 1 };
}

interface Cluster extends Glyph {
  /** UTF-16 offset in the paragraph text. */
  start: number;
}

/** Grapheme clusters, so a base letter and its marks (or an emoji sequence) move and wrap as one. */
function clusters(chars: Marked[], text: string): Cluster[] {
  const unitMarks: Array<string | null> = chars.flatMap((c) => Array.from({ length: c.ch.length }, () => c.mark));
  return Array.from(graphemes.segment(text), ({ segment, index }) => {
    const marks = unitMarks.slice(index, index + segment.length);
    return { text: segment, start: index, mark: marks.find((m) => m !== null) ?? null };
  });
}

/** Greedy word wrap as [start, end) glyph ranges; the space at a break is dropped, over-long words are cut. */
function wrap(glyphs: Glyph[], width: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  while (glyphs.length - start > width) {
    let cut = start + width;
    while (cut > start && glyphs[cut]?.text !== ' ') cut -= 1;
    if (cut === start) {
      ranges.push([start, start + width]);
      start += width;
    } else {
      ranges.push([start, cut]);
      start = cut + 1;
    }
  }
  if (start < glyphs.length || ranges.length === 0) ranges.push([start, glyphs.length]);
  return ranges;
}
