/** The report's charts as inline SVG strings: curves, reliability, grouped bars and a heat map. */
import type { ReliabilityBin } from './calibration.js';
import { escapeHtml } from './html.js';
import { axes, fmt, type Frame, linear, pathData, scales, type SeriesStyle, strokeAttrs, svgOpen } from './svg.js';

const UNIT_TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];
const PLOT: Frame = { width: 520, height: 400, left: 56, right: 16, top: 16, bottom: 48 };

export interface Series {
  readonly name: string;
  readonly style: SeriesStyle;
  /** Drawn thicker: the system the report is about. */
  readonly primary: boolean;
  readonly points: readonly (readonly [number, number])[];
}

export interface CurveChartOptions {
  readonly label: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Draw as steps (precision–recall) instead of straight segments (ROC). */
  readonly step?: boolean;
  /** A dashed reference line: the diagonal (chance ROC, perfect calibration) or a level y (chance precision). */
  readonly reference?: { readonly kind: 'diagonal' } | { readonly kind: 'level'; readonly y: number };
}

function reference(s: ReturnType<typeof scales>, ref: CurveChartOptions['reference']): string {
  if (ref === undefined) return '';
  const [a, b] = ref.kind === 'diagonal' ? [0, 1] : [ref.y, ref.y];
  return `<line class="reference" x1="${fmt(s.x(0))}" y1="${fmt(s.y(a))}" x2="${fmt(s.x(1))}" y2="${fmt(s.y(b))}"/>`;
}

function seriesPath(s: ReturnType<typeof scales>, series: Series, step: boolean): string {
  const d = pathData(
    series.points.map(([x, y]) => [s.x(x), s.y(y)] as const),
    step,
  );
  return `<path class="series" d="${d}" ${strokeAttrs(series.style, series.primary ? 2.75 : 1.75)}><title>${escapeHtml(series.name)}</title></path>`;
}

/** Unit-square curves, e.g. precision–recall or ROC, one series per system. */
export function curveChart(series: readonly Series[], o: CurveChartOptions): string {
  const s = scales(PLOT, [0, 1], [0, 1]);
  // Primary last, so it is drawn on top.
  const ordered = [...series.filter((x) => !x.primary), ...series.filter((x) => x.primary)];
  return [
    svgOpen(PLOT, o.label),
    axes(PLOT, s, { xTicks: UNIT_TICKS, yTicks: UNIT_TICKS, xLabel: o.xLabel, yLabel: o.yLabel }),
    reference(s, o.reference),
    ...ordered.map((x) => seriesPath(s, x, o.step === true)),
    '</svg>',
  ].join('');
}

export interface ReliabilitySeries {
  readonly name: string;
  readonly style: SeriesStyle;
  readonly primary: boolean;
  readonly bins: readonly ReliabilityBin[];
}

/**
 * Reliability diagram: mean score against share of positives per bin, the diagonal being perfect
 * calibration; grey bars along the bottom show how many posts of the primary system fall in each bin.
 */
export function reliabilityChart(series: readonly ReliabilitySeries[], label: string): string {
  const s = scales(PLOT, [0, 1], [0, 1]);
  const primary = series.find((x) => x.primary);
  const maxN = Math.max(1, ...(primary?.bins ?? []).map((b) => b.n));
  const barScale = linear([0, maxN], [0, (PLOT.height - PLOT.top - PLOT.bottom) * 0.25]);
  const bars = (primary?.bins ?? [])
    .filter((b) => b.n > 0)
    .map((b) => {
      const h = barScale(b.n);
      const x = s.x(b.lo) + 1;
      const w = s.x(b.hi) - s.x(b.lo) - 2;
      return `<rect class="hist" x="${fmt(x)}" y="${fmt(s.y(0) - h)}" width="${fmt(w)}" height="${fmt(h)}"><title>${b.n} posts scored ${b.lo.toFixed(1)}–${b.hi.toFixed(1)}</title></rect>`;
    });
  const ordered = [...series.filter((x) => !x.primary), ...series.filter((x) => x.primary)];
  const lines = ordered.map((x) => {
    const pts = x.bins.flatMap((b) => (b.meanScore === null || b.positiveRate === null ? [] : [[b.meanScore, b.positiveRate] as const]));
    const path = seriesPath(s, { name: x.name, style: x.style, primary: x.primary, points: pts }, false);
    const dots = pts.map(([px, py]) => `<circle cx="${fmt(s.x(px))}" cy="${fmt(s.y(py))}" r="${x.primary ? 3.5 : 2.5}" fill="${x.style.color}"/>`);
    // Faint unless primary: several calibration lines cross a lot, and the primary is the one users get.
    return x.primary ? path + dots.join('') : `<g opacity="0.45">${path}${dots.join('')}</g>`;
  });
  return [
    svgOpen(PLOT, label),
    axes(PLOT, s, { xTicks: UNIT_TICKS, yTicks: UNIT_TICKS, xLabel: 'mean score in bin', yLabel: 'share of gold propaganda' }),
    ...bars,
    reference(s, { kind: 'diagonal' }),
    ...lines,
    '</svg>',
  ].join('');
}

export interface BarGroup {
  readonly label: string;
  /** Small lines under the label, e.g. counts. */
  readonly sublabels: readonly string[];
  readonly bars: readonly { readonly name: string; readonly style: SeriesStyle; readonly value: number | null; readonly lo?: number; readonly hi?: number }[];
}

/** Bars in [0, 1] grouped along x (e.g. F1 per language, one bar per system), with interval whiskers. */
export function groupedBarChart(groups: readonly BarGroup[], yLabel: string, label: string): string {
  const perGroup = Math.max(1, ...groups.map((g) => g.bars.length));
  const barW = 12;
  // Wide enough for the labels under a group even when it has a single bar.
  const groupW = Math.max(perGroup * barW + 18, 60);
  const lines = Math.max(0, ...groups.map((g) => g.sublabels.length));
  const f: Frame = { ...PLOT, width: Math.max(PLOT.width, PLOT.left + PLOT.right + groups.length * groupW), bottom: 36 + 13 * lines };
  const y = linear([0, 1], [f.height - f.bottom, f.top]);
  const s = { x: linear([0, 1], [f.left, f.width - f.right]), y };
  const parts = [svgOpen(f, label), axes(f, s, { xTicks: [], yTicks: UNIT_TICKS, xLabel: '', yLabel })];
  groups.forEach((g, gi) => {
    const x0 = f.left + gi * groupW + (groupW - g.bars.length * barW) / 2;
    g.bars.forEach((b, bi) => {
      const x = x0 + bi * barW;
      if (b.value === null) {
        parts.push(`<text class="na" x="${fmt(x + barW / 2)}" y="${fmt(y(0) - 4)}" text-anchor="middle">–</text>`);
        return;
      }
      const top = y(b.value);
      parts.push(
        `<rect x="${fmt(x + 1)}" y="${fmt(top)}" width="${barW - 2}" height="${fmt(y(0) - top)}" fill="${b.style.color}"><title>${escapeHtml(`${g.label} · ${b.name}: ${b.value.toFixed(3)}`)}</title></rect>`,
      );
      if (b.lo !== undefined && b.hi !== undefined) {
        const cx = fmt(x + barW / 2);
        parts.push(
          `<path class="whisker" d="M${cx} ${fmt(y(b.lo))}V${fmt(y(b.hi))}M${fmt(x + 3)} ${fmt(y(b.lo))}H${fmt(x + barW - 3)}M${fmt(x + 3)} ${fmt(y(b.hi))}H${fmt(x + barW - 3)}"/>`,
        );
      }
    });
    const cx = fmt(x0 + (g.bars.length * barW) / 2);
    parts.push(`<text class="tick" x="${cx}" y="${fmt(y(0) + 16)}" text-anchor="middle">${escapeHtml(g.label)}</text>`);
    g.sublabels.forEach((line, li) => {
      parts.push(`<text class="tick sub" x="${cx}" y="${fmt(y(0) + 29 + 12 * li)}" text-anchor="middle">${escapeHtml(line)}</text>`);
    });
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Sequential blues (light to dark); one hue, so order reads the same under colour-vision deficiencies. */
const BLUES = [
  [247, 251, 255],
  [198, 219, 239],
  [107, 174, 214],
  [33, 113, 181],
  [8, 48, 107],
] as const;

export function blue(t: number): string {
  const x = Math.max(0, Math.min(1, t)) * (BLUES.length - 1);
  const i = Math.min(Math.floor(x), BLUES.length - 2);
  const a = BLUES[i] as readonly number[];
  const b = BLUES[i + 1] as readonly number[];
  const c = a.map((v, k) => Math.round(v + (x - i) * ((b[k] as number) - v)));
  return `rgb(${c.join(',')})`;
}

/** Confusion heat map: counts, shaded by each row's share (so every gold class reads on its own scale). */
export function heatmap(labels: readonly string[], matrix: readonly (readonly number[])[], label: string): string {
  const cell = 84;
  const left = 130;
  const top = 96;
  const f: Frame = { width: left + labels.length * cell + 16, height: top + labels.length * cell + 16, left, right: 16, top, bottom: 16 };
  const parts = [svgOpen(f, label)];
  parts.push(`<text class="axis-title" x="${fmt(left + (labels.length * cell) / 2)}" y="18" text-anchor="middle">predicted</text>`);
  parts.push(`<text class="axis-title" transform="translate(16 ${fmt(top + (labels.length * cell) / 2)}) rotate(-90)" text-anchor="middle">gold</text>`);
  labels.forEach((l, j) => {
    parts.push(
      `<text class="tick" transform="translate(${fmt(left + j * cell + cell / 2)} ${top - 8}) rotate(-30)" text-anchor="start">${escapeHtml(l)}</text>`,
    );
  });
  matrix.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    const y = top + i * cell;
    parts.push(`<text class="tick" x="${left - 8}" y="${fmt(y + cell / 2)}" text-anchor="end" dominant-baseline="middle">${escapeHtml(labels[i] ?? '')}</text>`);
    row.forEach((n, j) => {
      const share = total === 0 ? 0 : n / total;
      const x = left + j * cell;
      const ink = share > 0.5 ? ' light' : '';
      const diag = i === j ? ' diag' : '';
      parts.push(
        `<rect class="cell${diag}" x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${blue(share)}"><title>${escapeHtml(`gold ${labels[i] ?? ''}, predicted ${labels[j] ?? ''}: ${n}`)}</title></rect>`,
      );
      parts.push(`<text class="count${ink}" x="${fmt(x + cell / 2)}" y="${fmt(y + cell / 2 - 4)}" text-anchor="middle">${n}</text>`);
      parts.push(
        `<text class="share${ink}" x="${fmt(x + cell / 2)}" y="${fmt(y + cell / 2 + 14)}" text-anchor="middle">${total === 0 ? '' : `${(100 * share).toFixed(0)}%`}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return parts.join('');
}
