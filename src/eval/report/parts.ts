/** The report's HTML tables, legend and error cards. Every data string is escaped here. */
import type { Interval } from '../bootstrap.js';
import { countsForLabel, prf } from '../counts.js';
import { highlightEvidence, evidenceClass } from '../highlight.js';
import { dirFor, escapeHtml, langAttr } from '../html.js';
import type { ErrorExample, SliceSummary, Summary, SystemMetrics } from '../summary.js';
import type { SweepPoint } from '../threshold.js';
import { systemStyle } from './figures.js';

const num = (x: number | null | undefined, digits = 3): string => (x == null ? '–' : x.toFixed(digits));
const pct = (x: number | null): string => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
const ci = (i: Interval | null | undefined): string => (i == null ? '' : `<span class="ci">${num(i.lo)}–${num(i.hi)}</span>`);

function table(headers: readonly string[], rows: readonly (readonly string[])[], cls = ''): string {
  const head = headers.map((h, i) => `<th${i === 0 ? ' class="key"' : ''}>${h}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th class="key" scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`).join('');
  return `<div class="table-wrap"><table${cls === '' ? '' : ` class="${cls}"`}><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function swatch(s: Summary, name: string): string {
  const st = systemStyle(s, name);
  const dash = st.dash === '' ? '' : ` stroke-dasharray="${st.dash}"`;
  return `<svg class="swatch" width="30" height="10" aria-hidden="true"><line x1="1" y1="5" x2="29" y2="5" stroke="${st.color}" stroke-width="3"${dash}/></svg>`;
}

export function legend(s: Summary): string {
  const items = s.systems.map((name) => `<li>${swatch(s, name)}${escapeHtml(name)}${name === s.primary ? ' <small>(primary)</small>' : ''}</li>`);
  return `<ul class="legend">${items.join('')}</ul>`;
}

function sweepCell(p: SweepPoint | null, show: 'f1' | 'recall'): string {
  return p === null ? '–' : `${num(p.threshold)} <span class="ci">${show === 'f1' ? 'F1' : 'R'} ${num(p[show])}</span>`;
}

function metricCells(m: SystemMetrics | undefined): string[] {
  if (m === undefined) return [];
  return [
    num(m.threshold),
    num(m.precision),
    num(m.recall),
    `${num(m.f1)} ${ci(m.ci?.f1)}`,
    num(m.rocAuc),
    `${num(m.prAuc)} ${ci(m.ci?.prAuc)}`,
    num(m.ece),
    sweepCell(m.bestF1, 'f1'),
    sweepCell(m.atTargetPrecision, 'recall'),
  ];
}

const metricHeaders = (s: Summary): string[] => ['thr', 'P', 'R', 'F1', 'ROC-AUC', 'PR-AUC', 'ECE', 'best-F1 thr', `thr @ P ≥ ${s.targetPrecision}`];

export function keyFigures(s: Summary): string {
  const m = s.overall.systems[s.primary];
  if (m === undefined) return '';
  const card = (label: string, value: string, extra = ''): string =>
    `<div class="card"><div class="card-label">${label}</div><div class="card-value">${value}</div><div class="card-extra">${extra}</div></div>`;
  const range = (i: Interval | null | undefined): string => (i == null ? '' : `95% CI ${num(i.lo)}–${num(i.hi)}`);
  return `<div class="cards">${[
    card('F1', num(m.f1), range(m.ci?.f1)),
    card('Precision', num(m.precision), `${m.counts.tp} of ${m.counts.tp + m.counts.fp} flagged`),
    card('Recall', num(m.recall), `${m.counts.tp} of ${m.positives} found`),
    card('PR-AUC', num(m.prAuc), range(m.ci?.prAuc)),
    card('ROC-AUC', num(m.rocAuc)),
    card('ECE', num(m.ece), 'calibration error'),
  ].join('')}</div>`;
}

export function systemsTable(s: Summary): string {
  const rows = s.systems.map((name) => {
    const m = s.overall.systems[name];
    return [`${swatch(s, name)}${escapeHtml(name)}`, String(m?.n ?? 0), String(m?.missing ?? 0), ...metricCells(m)];
  });
  return table(['system', 'n', 'missing', ...metricHeaders(s)], rows);
}

export function languageTable(s: Summary): string {
  const rows = s.languages.map((l) => [escapeHtml(l.lang), String(l.n), String(l.positives), ...metricCells(l.systems[s.primary])]);
  return `<h3>${escapeHtml(s.primary)} per language</h3>${table(['lang', 'n', 'pos', ...metricHeaders(s)], rows)}`;
}

/** Each value of the `--by` column, then its languages with gold propaganda. */
export function groupTable(s: Summary): string {
  if (s.groups === null) return '';
  const rows = s.groups.values.flatMap((g) => {
    const value = escapeHtml(g.value === '' ? '(empty)' : g.value);
    const line = (lang: string, l: SliceSummary): string[] => [value, escapeHtml(lang), String(l.n), String(l.positives), ...metricCells(l.systems[s.primary])];
    return [line('all', g), ...g.languages.filter((l) => l.positives > 0).map((l) => line(l.lang, l))];
  });
  return table([escapeHtml(s.groups.by), 'lang', 'n', 'pos', ...metricHeaders(s)], rows);
}

export function contextTable(s: Summary): string {
  const per = s.contextFalsePositives ?? {};
  const contexts = (per[s.primary] ?? []).map((c) => c.context);
  const rows = s.systems.map((name) => [
    `${swatch(s, name)}${escapeHtml(name)}`,
    ...(per[name] ?? []).map((c) => `${pct(c.rate)} <span class="ci">${c.flagged} of ${c.n}</span>`),
  ]);
  return table(['system', ...contexts.map((c) => `gold ${escapeHtml(c.replace('_', '-'))} flagged`)], rows);
}

/** Each five-way label against the rest, from the confusion matrix. */
export function labelTable(s: Summary): string {
  const c = s.confusion;
  if (c === null) return '';
  const rows = c.labels.map((label, i) => {
    const k = prf(countsForLabel(c, label));
    return [escapeHtml(label), String((c.matrix[i] ?? []).reduce((a, b) => a + b, 0)), num(k.precision), num(k.recall), num(k.f1)];
  });
  return table(['label', 'gold', 'P', 'R', 'F1'], rows);
}

export function categoryTable(s: Summary): string {
  const rows = (s.categories ?? []).map((c) => [
    `<span class="ev ${evidenceClass(c.category)}">${escapeHtml(c.category)}</span>`,
    String(c.support),
    String(c.n),
    num(c.precision),
    num(c.recall),
    num(c.f1),
  ]);
  return table(['category', 'support', 'n', 'P', 'R', 'F1'], rows);
}

export function thresholdTable(s: Summary): string {
  const rows = s.thresholdTable.map((t) => [
    num(t.threshold),
    String(t.flagged),
    String(t.tp),
    String(t.fp),
    String(t.fn),
    num(t.precision),
    num(t.recall),
    num(t.f1),
    t.marks.map((m) => `<span class="tag">${escapeHtml(m)}</span>`).join(' '),
  ]);
  return table(['threshold', 'flagged', 'TP', 'FP', 'FN', 'P', 'R', 'F1', ''], rows, 'thresholds');
}

function errorCard(e: ErrorExample, kind: 'fp' | 'fn'): string {
  const dir = dirFor(e.lang);
  const evidence = e.evidence
    .map(
      (ev) =>
        `<li><span class="ev ${evidenceClass(ev.category)}${ev.negated === true ? ' ev-negated' : ''}">${escapeHtml(ev.category)}</span> <code>${escapeHtml(ev.rule)}</code> <bdi>${escapeHtml(ev.text)}</bdi>${ev.negated === true ? ' <small>(negated)</small>' : ''}</li>`,
    )
    .join('');
  return `<article class="post ${kind}"><div class="post-head"><span class="score">${num(e.score)}</span><span>gold <b>${escapeHtml(e.gold)}</b></span><span>predicted <b>${escapeHtml(e.predicted ?? '–')}</b></span><span>${escapeHtml(e.lang)}</span><span class="id">${escapeHtml(e.id)}</span></div><p class="post-text" dir="${dir}"${langAttr(e.lang)}>${highlightEvidence(e.text, e.evidence)}</p>${evidence === '' ? '' : `<ul class="evidence">${evidence}</ul>`}</article>`;
}

export function errorList(kind: 'fp' | 'fn', errors: readonly ErrorExample[]): string {
  const [title, order] = kind === 'fp' ? ['False positives', 'highest score first'] : ['False negatives', 'lowest score first'];
  const body = errors.length === 0 ? '<p class="none">None.</p>' : errors.map((e) => errorCard(e, kind)).join('');
  return `<h3>${escapeHtml(title)} <small>${escapeHtml(order)}, ${errors.length} shown</small></h3><div class="posts">${body}</div>`;
}
