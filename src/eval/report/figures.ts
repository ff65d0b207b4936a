/** The report's plots, drawn from a summary; system i has the same colour and dash in every plot. */
import { curveChart, groupedBarChart, heatmap, reliabilityChart, type Series } from '../charts.js';
import { seriesStyle, type SeriesStyle } from '../svg.js';
import type { Summary } from '../summary.js';

/** More languages than this crowd the bar chart; the table lists them all. */
const MAX_LANGUAGE_BARS = 16;

export interface Figures {
  readonly pr: string;
  readonly roc: string;
  readonly reliability: string;
  readonly languages: { readonly svg: string; readonly omitted: number };
  readonly confusion: string | null;
}

/** One style per system, the same in every plot and table: the primary gets the first (solid blue), the rest follow in order. */
export function systemStyle(s: Summary, name: string): SeriesStyle {
  const others = s.systems.filter((x) => x !== s.primary);
  return seriesStyle(name === s.primary ? 0 : 1 + others.indexOf(name));
}

export function figures(s: Summary): Figures {
  const systems = s.systems.map((name) => ({ name, style: systemStyle(s, name), primary: name === s.primary }));
  const series = (pick: (name: string) => readonly (readonly [number, number])[] | null): Series[] =>
    systems.flatMap((x) => {
      const points = pick(x.name);
      return points === null ? [] : [{ ...x, points }];
    });
  const pr = series((name) => s.curves[name]?.pr?.map((p) => [p.recall, p.precision] as const) ?? null);
  const roc = series((name) => s.curves[name]?.roc?.map((p) => [p.fpr, p.tpr] as const) ?? null);
  const reliability = systems.flatMap((x) => {
    const bins = s.calibration[x.name];
    return bins == null ? [] : [{ ...x, bins }];
  });
  const shown = s.languages.slice(0, MAX_LANGUAGE_BARS);
  const groups = shown.map((l) => ({
    label: l.lang,
    sublabels: [`n=${l.n}`, `pos=${l.positives}`],
    bars: systems.map((x) => {
      const m = l.systems[x.name];
      const ci = m?.ci?.f1;
      // F1 says nothing where a language has no gold propaganda: no bar rather than a misleading 0.
      const value = m === undefined || m.positives === 0 ? null : m.f1;
      return { name: x.name, style: x.style, value, ...(ci == null ? {} : { lo: ci.lo, hi: ci.hi }) };
    }),
  }));
  return {
    pr: curveChart(pr, {
      label: 'Precision–recall curves',
      xLabel: 'recall',
      yLabel: 'precision',
      step: true,
      reference: { kind: 'level', y: s.n === 0 ? 0 : s.positives / s.n },
    }),
    roc: curveChart(roc, { label: 'ROC curves', xLabel: 'false-positive rate', yLabel: 'true-positive rate', reference: { kind: 'diagonal' } }),
    reliability: reliabilityChart(reliability, 'Reliability diagram'),
    languages: { svg: groupedBarChart(groups, 'F1', 'F1 per language and system'), omitted: s.languages.length - shown.length },
    confusion: s.confusion === null ? null : heatmap(s.confusion.labels, s.confusion.matrix, 'Confusion matrix'),
  };
}
