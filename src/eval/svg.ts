/** Small SVG building blocks for the report's charts: scales, axes and paths, written as strings. */
import { escapeHtml } from './html.js';

/** Okabe–Ito colours, readable with the common colour-vision deficiencies; yellow last (weak on white). */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#E69F00', '#CC79A7', '#56B4E9', '#000000', '#F0E442'] as const;
/** Dash patterns, so series differ by more than colour. */
export const DASHES = ['', '6 3', '2 3', '9 3 2 3'] as const;

export interface SeriesStyle {
  readonly color: string;
  readonly dash: string;
}

export function seriesStyle(i: number): SeriesStyle {
  return { color: PALETTE[i % PALETTE.length] as string, dash: DASHES[i % DASHES.length] as string };
}

/** Coordinates rounded to 0.1 px: smaller files, and the same text on every platform. */
export function fmt(x: number): string {
  const r = Math.round(x * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

export function linear(domain: readonly [number, number], range: readonly [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** The plot area's scales for a frame: x left to right, y bottom to top. */
export function scales(f: Frame, x: readonly [number, number], y: readonly [number, number]): { x: (v: number) => number; y: (v: number) => number } {
  return { x: linear(x, [f.left, f.width - f.right]), y: linear(y, [f.height - f.bottom, f.top]) };
}

/** Inline SVG in HTML needs no xmlns, and leaving it out keeps the file free of URLs. */
export function svgOpen(f: Frame, label: string): string {
  return `<svg viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" role="img" aria-label="${escapeHtml(label)}">`;
}

export interface AxisOptions {
  readonly xTicks: readonly number[];
  readonly yTicks: readonly number[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly tickFormat?: (v: number) => string;
}

/** Grid lines, tick labels, the frame and the axis titles of a 2-D plot. */
export function axes(f: Frame, s: { x: (v: number) => number; y: (v: number) => number }, o: AxisOptions): string {
  const tick = o.tickFormat ?? ((v: number) => v.toFixed(1));
  const x0 = f.left;
  const x1 = f.width - f.right;
  const y0 = f.height - f.bottom;
  const y1 = f.top;
  const parts: string[] = ['<g class="axes">'];
  for (const v of o.xTicks) {
    const x = fmt(s.x(v));
    parts.push(`<line class="grid" x1="${x}" y1="${fmt(y1)}" x2="${x}" y2="${fmt(y0)}"/>`);
    parts.push(`<text class="tick" x="${x}" y="${fmt(y0 + 16)}" text-anchor="middle">${escapeHtml(tick(v))}</text>`);
  }
  for (const v of o.yTicks) {
    const y = fmt(s.y(v));
    parts.push(`<line class="grid" x1="${fmt(x0)}" y1="${y}" x2="${fmt(x1)}" y2="${y}"/>`);
    parts.push(`<text class="tick" x="${fmt(x0 - 6)}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeHtml(tick(v))}</text>`);
  }
  parts.push(`<rect class="frame" x="${fmt(x0)}" y="${fmt(y1)}" width="${fmt(x1 - x0)}" height="${fmt(y0 - y1)}"/>`);
  parts.push(`<text class="axis-title" x="${fmt((x0 + x1) / 2)}" y="${fmt(f.height - 6)}" text-anchor="middle">${escapeHtml(o.xLabel)}</text>`);
  parts.push(
    `<text class="axis-title" transform="translate(14 ${fmt((y0 + y1) / 2)}) rotate(-90)" text-anchor="middle">${escapeHtml(o.yLabel)}</text>`,
  );
  parts.push('</g>');
  return parts.join('');
}

/** Path data through the points in order; `step` holds each y until the next x is reached from below (PR curves). */
export function pathData(points: readonly (readonly [number, number])[], step = false): string {
  return points
    .map(([x, y], i) => {
      if (i === 0) return `M${fmt(x)} ${fmt(y)}`;
      return step ? `V${fmt(y)}H${fmt(x)}` : `L${fmt(x)} ${fmt(y)}`;
    })
    .join('');
}

export function strokeAttrs(style: SeriesStyle, width: number): string {
  const dash = style.dash === '' ? '' : ` stroke-dasharray="${style.dash}"`;
  return `fill="none" stroke="${style.color}" stroke-width="${width}"${dash}`;
}
