/** The functional suite's results as text tables: capabilities as rows, languages as columns, totals last. */
import { textTable } from '../table.js';
import type { Cell, FunctionalTally } from './results.js';

export type Figure = 'passed' | 'exact';

const NONE = '—';

const fraction = (c: Cell | undefined, figure: Figure): string => (c === undefined || c.total === 0 ? NONE : `${c[figure]}/${c.total}`);
const percent = (c: Cell | undefined, figure: Figure): string => (c === undefined || c.total === 0 ? NONE : `${((100 * c[figure]) / c.total).toFixed(0)}%`);

export function functionalTable(t: FunctionalTally, figure: Figure): string {
  const rows = t.capabilities.map((cap) => [
    cap,
    ...t.languages.map((lang) => fraction(t.cells[cap]?.[lang], figure)),
    fraction(t.byCapability[cap], figure),
    percent(t.byCapability[cap], figure),
  ]);
  rows.push(['total', ...t.languages.map((lang) => fraction(t.byLanguage[lang], figure)), fraction(t.total, figure), percent(t.total, figure)]);
  rows.push(['%', ...t.languages.map((lang) => percent(t.byLanguage[lang], figure)), percent(t.total, figure), '']);
  return textTable(['capability', ...t.languages, 'all', '%'], rows);
}

/** Both tables, titled, for stderr. */
export function renderFunctional(t: FunctionalTally): string {
  return [
    `Functional suite: ${t.total.total} cases; passed = propaganda flagged, everything else not flagged`,
    functionalTable(t, 'passed'),
    '',
    'Exact label (the expected one of propaganda, news, counter_speech, religious, other)',
    functionalTable(t, 'exact'),
    '',
  ].join('\n');
}
