import type { Normalized } from '../types.js';

/**
 * Maps a span [start, end) of normalised code points to the original code points it came from.
 * Characters that were produced together (ﻻ → لا, ﷺ → a phrase, a mention → "@user") share one map
 * entry; a span that ends inside such a group is widened to the whole group, because the original has
 * no smaller piece to point at. Input the normaliser dropped after the span's last character (a
 * trailing zero-width, the gap before the next word) is left out, except at the very end of the text,
 * where the map's last entry is by contract the original length.
 */
export function toOriginalSpan(n: Normalized, start: number, end: number): { start: number; end: number } {
  const map = n.map;
  const len = map.length - 1;
  const s = clamp(start, len);
  const e = clamp(end, len);
  if (e <= s) return { start: map[s]!, end: map[s]! };
  const groupStart = map[e - 1]!;
  let j = e;
  while (j < len && map[j] === groupStart) j++;
  return { start: map[s]!, end: map[j]! };
}

function clamp(i: number, len: number): number {
  return Math.min(Math.max(Math.trunc(i), 0), len);
}
