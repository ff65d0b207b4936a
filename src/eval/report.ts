/**
 * The evaluation as ONE self-contained HTML file: inline CSS and SVG only (no scripts, fonts, images or
 * links out), so it opens offline and can be mailed or archived as is. Same summary in, same bytes out.
 */
import { escapeHtml } from './html.js';
import { figures } from './report/figures.js';
import { categoryTable, contextTable, errorList, groupTable, keyFigures, labelTable, languageTable, legend, systemsTable, thresholdTable } from './report/parts.js';
import { STYLE } from './report/style.js';
import type { Summary } from './summary.js';

export interface ReportOptions {
  readonly title?: string;
  /** Label–value pairs shown under the title: input file, model ids, rules version... */
  readonly meta?: readonly (readonly [string, string])[];
}

interface Section {
  readonly id: string;
  readonly title: string;
  readonly html: string;
}

function section(id: string, title: string, body: string, intro = ''): Section {
  const html = `<section id="${id}"><h2>${escapeHtml(title)}</h2>${intro === '' ? '' : `<p class="intro">${intro}</p>`}${body}</section>`;
  return { id, title, html };
}

/** In-page links only: the report must not point anywhere outside itself. */
function nav(sections: readonly Section[]): string {
  return `<nav>${sections.map((x) => `<a href="#${x.id}">${escapeHtml(x.title)}</a>`).join('')}</nav>`;
}

function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${caption}</figcaption></figure>`;
}

export function renderReport(s: Summary, opts: ReportOptions = {}): string {
  const title = opts.title ?? 'basira evaluation';
  const share = s.n === 0 ? '' : ` (${((100 * s.positives) / s.n).toFixed(1)}%)`;
  const meta = (opts.meta ?? []).map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('');
  const primary = escapeHtml(s.primary);
  const c = figures(s);
  const sections: Section[] = [
    section(
      'systems',
      'Systems',
      systemsTable(s),
      'Each system is one score column: the scorers alone, the fused score, and the fused score without one of its parts. P, R and F1 are at each system’s operating threshold; grey ranges are 95% bootstrap intervals. Best-F1 and target-precision thresholds are chosen on this very data, so they are optimistic.',
    ),
    section(
      'ranking',
      'Ranking',
      `${legend(s)}<div class="row">${figure(c.pr, `Precision against recall as the threshold falls, one line per system; higher and further right is better. The dashed line is the precision of flagging at random (the share of propaganda, ${(s.n === 0 ? 0 : s.positives / s.n).toFixed(3)}). The area under each step curve is its PR-AUC (average precision).`)}${figure(c.roc, 'True-positive rate against false-positive rate as the threshold falls; the dashed diagonal is chance. The area under each curve is its ROC-AUC: the chance that a random propaganda post outscores a random other post.')}</div>`,
    ),
    section(
      'calibration',
      'Calibration',
      legend(s) +
        figure(
        c.reliability,
        `Reliability: scores grouped in ten bins of width 0.1; each point is a bin’s mean score against the share of gold propaganda in it, ${primary} drawn boldest. Points on the dashed diagonal mean a score of 0.8 is right 8 times in 10; below it, the system is over-confident. Grey bars: how many posts ${primary} puts in each bin. The expected calibration error (ECE) is the bins’ distance from the diagonal, weighted by their size.`,
      ),
    ),
    section(
      'languages',
      'Languages',
      legend(s) +
        figure(
        c.languages.svg,
        `F1 at the operating threshold per language, largest first${c.languages.omitted > 0 ? ` (${c.languages.omitted} smaller languages are only in the table)` : ''}, one bar per system, with 95% bootstrap intervals; n is the number of posts and pos the gold propaganda among them. Small languages have wide intervals: read them as a hint, not a measurement.`,
      ) + languageTable(s),
    ),
  ];
  if (s.groups !== null) {
    sections.push(
      section(
        'groups',
        `By ${s.groups.by}`,
        groupTable(s),
        `${primary} on the rows of each value of the gold column “${escapeHtml(s.groups.by)}”, then on each language among them that has gold propaganda; (empty) holds the rows whose cell is empty.`,
      ),
    );
  }
  if (c.confusion !== null) {
    sections.push(
      section(
        'confusion',
        'Confusion',
        figure(c.confusion, `Five-way labels of ${primary}: rows are gold, columns predicted; each cell shows the count and its share of the gold row, and the shading follows that share. The outlined diagonal is correct. Below, each label against the rest.`) +
          labelTable(s),
      ),
    );
  }
  if (s.contextFalsePositives !== null) {
    sections.push(
      section('about', 'About extremism, not for it', contextTable(s), 'How often gold news, counter-speech and religious posts are flagged as propaganda: the false positives that cost moderators most.'),
    );
  }
  if (s.categories !== null) {
    sections.push(
      section('categories', 'Categories', categoryTable(s), `Given gold propaganda with annotated categories: is each category found (category score ≥ ${s.categoryThreshold})?`),
    );
  }
  sections.push(
    section('thresholds', 'Thresholds', thresholdTable(s), `What ${primary} flags at each threshold (a post is flagged when its score ≥ the threshold).`),
    section(
      'errors',
      'Worst errors',
      errorList('fp', s.errors.falsePositives) + errorList('fn', s.errors.falseNegatives),
      `Posts ${primary} got wrong at its operating threshold, most confident first. Marked spans are the evidence that fired (hover for the rule).`,
    ),
  );
  const header = `<header><h1>${escapeHtml(title)}</h1><p class="lede">${s.n} posts, ${s.positives} of them gold propaganda${share}; ${escapeHtml(s.gold)} gold labels. Decisions are those of <b>${primary}</b> unless a table names the system.</p>${meta === '' ? '' : `<dl class="meta">${meta}</dl>`}${nav(sections)}</header>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>${header}${keyFigures(s)}${sections.map((x) => x.html).join('')}</main>
<footer>Written by basira. Self-contained: no scripts and no external resources.</footer>
</body>
</html>
`;
}
