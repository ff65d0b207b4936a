/** The summary as fixed-width text tables, for people reading stderr. Plain text: no colour, no wrapping. */
import type { BootstrapResult, Interval } from './bootstrap.js';
import { countsForLabel, prf } from './counts.js';
import type { SweepPoint } from './threshold.js';
import type { GroupSummary, SliceSummary, Summary, SystemMetrics } from './summary.js';

type Align = 'left' | 'right';

const width = (s: string): number => Array.from(s).length;

/** Columns padded to their widest cell; the first column left-aligned, the rest right-aligned unless told. */
export function textTable(headers: readonly string[], rows: readonly (readonly string[])[], align?: readonly Align[]): string {
  const widths = headers.map((h, c) => Math.max(width(h), ...rows.map((r) => width(r[c] ?? ''))));
  const alignOf = (c: number): Align => align?.[c] ?? (c === 0 ? 'left' : 'right');
  const line = (cells: readonly string[]): string =>
    widths
      .map((w, c) => {
        const cell = cells[c] ?? '';
        const pad = ' '.repeat(w - width(cell));
        return alignOf(c) === 'left' ? cell + pad : pad + cell;
      })
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const num = (x: number | null, digits = 3): string => (x === null ? '–' : x.toFixed(digits));
const pct = (x: number | null): string => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
const ci = (i: Interval | null | undefined): string => (i == null ? '–' : `${num(i.lo)}–${num(i.hi)}`);
const ciOf = (c: BootstrapResult | null, k: keyof BootstrapResult): string => ci(c?.[k]);
const sweepCell = (p: SweepPoint | null, metric: 'f1' | 'recall'): string =>
  p === null ? '–' : `${num(p.threshold)} (${metric === 'f1' ? 'F1' : 'R'} ${num(p[metric])})`;

function metricCells(m: SystemMetrics): string[] {
  return [
    // Rows flagged at thresholds of their own (per detected language) that differ within this slice: no one number.
    m.thresholdVaries ? 'by lang' : num(m.threshold),
    num(m.precision),
    num(m.recall),
    num(m.f1),
    ciOf(m.ci, 'f1'),
    num(m.rocAuc),
    num(m.prAuc),
    ciOf(m.ci, 'prAuc'),
    num(m.ece),
  ];
}

const METRIC_HEADERS = ['thr', 'P', 'R', 'F1', 'F1 95% CI', 'ROC-AUC', 'PR-AUC', 'PR-AUC 95% CI', 'ECE'];

function systemsTable(s: Summary): string {
  const target = `thr @ P≥${s.targetPrecision}`;
  const rows = s.systems.map((name) => {
    const m = s.overall.systems[name] as SystemMetrics;
    return [name, String(m.n), String(m.missing), ...metricCells(m), sweepCell(m.bestF1, 'f1'), sweepCell(m.atTargetPrecision, 'recall')];
  });
  return textTable(['system', 'n', 'missing', ...METRIC_HEADERS, 'best-F1 thr', target], rows);
}

function languageTable(s: Summary): string {
  const target = `thr @ P≥${s.targetPrecision}`;
  const rows = s.languages.map((l) => {
    const m = l.systems[s.primary] as SystemMetrics;
    return [l.lang, String(l.n), String(l.positives), ...metricCells(m), sweepCell(m.bestF1, 'f1'), sweepCell(m.atTargetPrecision, 'recall')];
  });
  return textTable(['lang', 'n', 'pos', ...METRIC_HEADERS, 'best-F1 thr', target], rows);
}

/**
 * Each value of the `--by` column: all its rows, then its languages that have gold propaganda. Where a slice has no
 * gold propaganda only what it flags counts, so P, R and F1 read '–'.
 */
function groupTable(s: Summary): string | null {
  if (s.groups === null) return null;
  const contextCell = (g: GroupSummary): string => {
    const shown = (g.contextFalsePositives ?? []).filter((c) => c.context !== 'religious');
    const n = shown.reduce((a, c) => a + c.n, 0);
    return n === 0 ? '–' : `${shown.reduce((a, c) => a + c.flagged, 0)}/${n}`;
  };
  const rows = s.groups.values.flatMap((g) => {
    const value = g.value === '' ? '(empty)' : g.value;
    const line = (lang: string, l: SliceSummary, context: string): string[] => {
      const m = l.systems[s.primary] as SystemMetrics;
      const cells = metricCells(m).slice(0, 8);
      if (l.positives === 0) cells.splice(1, 4, '–', '–', '–', '–');
      return [value, lang, String(l.n), String(l.positives), String(m.counts.tp + m.counts.fp), ...cells, context];
    };
    return [line('all', g, contextCell(g)), ...g.languages.filter((l) => l.positives > 0).map((l) => line(l.lang, l, ''))];
  });
  return textTable([s.groups.by, 'lang', 'n', 'pos', 'flagged', ...METRIC_HEADERS.slice(0, 8), 'news+counter flagged'], rows, ['left', 'left']);
}

function languageBySystemTable(s: Summary): string {
  const rows = s.languages.map((l) => [l.lang, String(l.n), ...s.systems.map((name) => num(l.systems[name]?.f1 ?? null))]);
  return textTable(['lang', 'n', ...s.systems], rows);
}

function confusionTable(s: Summary): string | null {
  if (s.confusion === null) return null;
  const c = s.confusion;
  const rows = c.labels.map((gold, i) => {
    const k = prf(countsForLabel(c, gold));
    return [gold, ...(c.matrix[i] ?? []).map(String), num(k.precision), num(k.recall), num(k.f1)];
  });
  return textTable(['gold \\ predicted', ...c.labels, 'P', 'R', 'F1'], rows);
}

function contextTable(s: Summary): string | null {
  if (s.contextFalsePositives === null) return null;
  const contexts = (s.contextFalsePositives[s.primary] ?? []).map((c) => c.context);
  const rows = s.systems.map((name) => [
    name,
    ...(s.contextFalsePositives?.[name] ?? []).map((c) => `${c.flagged}/${c.n} ${pct(c.rate)}`),
  ]);
  return textTable(['system', ...contexts.map((c) => `${c} flagged`)], rows);
}

function categoryTable(s: Summary): string | null {
  if (s.categories === null) return null;
  const rows = s.categories.map((c) => [c.category, String(c.support), String(c.n), num(c.precision), num(c.recall), num(c.f1)]);
  return textTable(['category', 'support', 'n', 'P', 'R', 'F1'], rows);
}

function thresholdTable(s: Summary): string {
  const rows = s.thresholdTable.map((t) => [
    num(t.threshold),
    String(t.flagged),
    String(t.tp),
    String(t.fp),
    String(t.fn),
    num(t.precision),
    num(t.recall),
    num(t.f1),
    t.marks.join(', '),
  ]);
  return textTable(['threshold', 'flagged', 'TP', 'FP', 'FN', 'P', 'R', 'F1', 'note'], rows, [
    'right',
    'right',
    'right',
    'right',
    'right',
    'right',
    'right',
    'right',
    'left',
  ]);
}

/** Every table of the summary, titled, separated by blank lines. */
export function renderTables(s: Summary): string {
  const sections: [string, string | null][] = [
    [
      `Systems: ${s.n} posts, ${s.positives} gold propaganda (${s.gold} gold). Best-F1 and target-precision thresholds are chosen on this data, so optimistic.`,
      systemsTable(s),
    ],
    [`Per language, ${s.primary}`, languageTable(s)],
    ['F1 by language and system', languageBySystemTable(s)],
    [`By ${s.groups?.by ?? ''}, ${s.primary} (languages with gold propaganda)`, groupTable(s)],
    [`Confusion, ${s.primary} (rows gold, columns predicted; P/R/F1 of each label against the rest)`, confusionTable(s)],
    ['Gold non-propaganda posts flagged as propaganda', contextTable(s)],
    [`Categories of gold propaganda, ${s.primary} (category score ≥ ${s.categoryThreshold})`, categoryTable(s)],
    [`Thresholds, ${s.primary}`, thresholdTable(s)],
  ];
  return sections.flatMap(([title, body]) => (body === null ? [] : [`${title}\n${body}`])).join('\n\n') + '\n';
}
