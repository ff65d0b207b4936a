/**
 * Human-readable output for a moderator at a terminal: one block per post with the verdict, the
 * category scores, the post with its evidence highlighted, and the evidence list. It only formats a
 * ScoredRow; everything printed that came from the input is stripped of terminal controls first.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { CATEGORIES, CONTEXTS, type Evidence, type Label, type ScoredRow } from '../types.js';
import type { Formatter } from './formatter.js';
import { layoutParagraph, type Glyph, type Marked } from './rtl.js';
import { printableCells, printableLine } from './terminal.js';

export interface PrettyOptions {
  color: boolean;
  /** Shape and reorder right-to-left text ourselves (resolved from 'auto' by the caller). */
  rtl: boolean;
  width: number;
  keep: readonly string[];
  extra?: readonly string[];
}

const LABEL_WIDTH = 15;
const BAR_WIDTH = 20;
const INDENT = '  ';
/** Marks when colour is off, so the highlighted words still show; bidi mirrors them in right-to-left text. */
const OPEN = '[';
const CLOSE = ']';

type Style = (text: string) => string;

function styles(chalk: ChalkInstance): Record<string, Style> {
  return {
    recruitment: chalk.bold.red,
    incitement: chalk.bold.magenta,
    glorification: chalk.bold.yellow,
    dissemination: chalk.bold.cyan,
    news: chalk.underline.blue,
    counter_speech: chalk.underline.green,
    religious: chalk.underline.white,
    negated: chalk.dim.strikethrough,
  };
}

const LABEL_STYLE: Record<Label, (chalk: ChalkInstance) => Style> = {
  propaganda: (c) => c.bold.red,
  news: (c) => c.bold.blue,
  counter_speech: (c) => c.bold.green,
  religious: (c) => c.bold.cyan,
  other: (c) => c.bold,
};

export function prettyFormatter(opts: PrettyOptions): Formatter {
  const chalk = new Chalk({ level: opts.color ? 1 : 0 });
  const style = styles(chalk);
  const paint = (mark: string | null, text: string): string => (mark === null ? text : (style[mark] ?? chalk.bold)(text));
  const width = Math.max(opts.width, 30);

  const rule = (title: string): string => {
    const head = `── ${title} `;
    return chalk.dim(head + '─'.repeat(Math.max(3, width - Array.from(head).length)));
  };
  const field = (name: string, value: string): string => `${name.padEnd(LABEL_WIDTH)}${value}`;
  /** A glyph line as styled text; runs with the same mark are styled together. */
  const render = (glyphs: Glyph[]): string => {
    let out = '';
    let run = '';
    let mark: string | null = null;
    for (const g of glyphs) {
      if (g.mark !== mark) {
        out += paint(mark, run);
        run = '';
        mark = g.mark;
      }
      run += g.text;
    }
    return out + paint(mark, run);
  };
  /** A short untrusted value on one line, laid out right-to-left when needed but not wrapped. */
  const inline = (text: string): string => {
    const chars = Array.from(printableLine(text), (ch) => ({ ch, mark: null }));
    return layoutParagraph(chars, Number.MAX_SAFE_INTEGER, opts.rtl).lines.map(render).join('');
  };
  const postLines = (row: ScoredRow): string[] => {
    const textWidth = width - INDENT.length;
    const out: string[] = [];
    for (const paragraph of markedParagraphs(row.text, row.evidence, !opts.color)) {
      const { lines, rightToLeft } = layoutParagraph(paragraph, textWidth, opts.rtl);
      for (const glyphs of lines) {
        // Right-to-left lines start at the right edge, as they would on a terminal that does bidi.
        const pad = opts.rtl && rightToLeft ? ' '.repeat(Math.max(0, textWidth - glyphs.length)) : '';
        out.push(`${INDENT}${pad}${render(glyphs)}`.trimEnd());
      }
    }
    return out;
  };
  const evidenceLine = (e: Evidence): string => {
    const category = paint(e.negated === true ? 'negated' : e.category, e.category);
    const kind = e.kind === 'context' ? ' (context)' : '';
    const negated = e.negated === true ? '  (negated)' : '';
    return `${INDENT}${inline(e.rule)}  ${category}${kind}  "${inline(e.text)}"  @${e.start}-${e.end}${negated}`;
  };

  return {
    head: () => '',
    tail: () => '',
    row: (row) => {
      const lines = [rule([`#${row.row}`, `id ${inline(row.id)}`, row.lang === '' ? '' : inline(row.lang)].filter(Boolean).join(' · '))];
      for (const name of opts.keep) {
        const value = row.keep?.[name];
        if (value !== undefined) lines.push(field(name, inline(value)));
      }
      for (const name of opts.extra ?? []) {
        const value = row.extra?.[name];
        if (value !== undefined && value !== null) lines.push(field(name, inline(String(value))));
      }
      if (row.error !== null) {
        lines.push(`${chalk.bold.red('ERROR')}  ${inline(row.error)}`, '');
        return lines.join('\n') + '\n';
      }
      const label = row.label === null ? 'NO LABEL' : row.label.toUpperCase().replace('_', ' ');
      const labelStyle = row.label === null ? chalk.bold : LABEL_STYLE[row.label](chalk);
      const verdict = [labelStyle(label), row.score === null ? '' : `${(row.score * 100).toFixed(1)}%`];
      if (row.review) verdict.push(chalk.bold.yellow('REVIEW'));
      lines.push(verdict.filter(Boolean).join('  '));
      for (const c of CATEGORIES) lines.push(field(c, `${bar(chalk, row.categories[c])}  ${row.categories[c].toFixed(2)}`));
      lines.push(field('context', CONTEXTS.map((c) => `${c} ${row.context[c].toFixed(2)}`).join(' · ')));
      const models = [
        row.models.transformer?.['propaganda'] !== undefined && `transformer ${row.models.transformer['propaganda'].toFixed(2)}`,
        row.models.lexical?.['propaganda'] !== undefined && `lexical ${row.models.lexical['propaganda'].toFixed(2)}`,
      ].filter((m): m is string => typeof m === 'string');
      if (models.length > 0) lines.push(field('models', models.join(' · ')));
      lines.push('', ...postLines(row), '');
      if (row.evidence.length === 0) lines.push(field('evidence', 'none'));
      else lines.push('evidence', ...row.evidence.map(evidenceLine));
      lines.push('');
      return lines.join('\n') + '\n';
    },
  };
}

function bar(chalk: ChalkInstance, value: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, value)) * BAR_WIDTH);
  return chalk.red('█'.repeat(filled)) + chalk.dim('░'.repeat(BAR_WIDTH - filled));
}

/** Priority when spans overlap: a category beats a context cue, and both beat a negated match. */
function rank(e: Evidence): number {
  if (e.negated === true) return 1;
  return e.kind === 'category' ? 3 : 2;
}

/**
 * The post as printable characters split into paragraphs at line breaks, each character marked with
 * the evidence that covers it. Offsets are code points of the original text, so marks are placed
 * before anything is stripped, shaped or reordered. With `brackets`, highlighted runs are also
 * enclosed in [ ] for output without colour.
 */
export function markedParagraphs(text: string, evidence: readonly Evidence[], brackets: boolean): Marked[][] {
  const length = Array.from(text).length;
  const marks: Array<string | null> = new Array<string | null>(length).fill(null);
  const ranks: number[] = new Array<number>(length).fill(0);
  for (const e of evidence) {
    const r = rank(e);
    for (let i = Math.max(0, e.start); i < Math.min(length, e.end); i++) {
      if (r > (ranks[i] ?? 0)) {
        ranks[i] = r;
        marks[i] = e.negated === true ? 'negated' : e.category;
      }
    }
  }
  const paragraphs: Marked[][] = [[]];
  let open: string | null = null;
  for (const cell of printableCells(text)) {
    let current = paragraphs[paragraphs.length - 1] as Marked[];
    const mark = cell.ch === '\n' ? null : (marks[cell.at] ?? null);
    if (brackets && mark !== open) {
      if (open !== null) current.push({ ch: CLOSE, mark: null });
      if (mark !== null) current.push({ ch: OPEN, mark: null });
    }
    open = mark;
    if (cell.ch === '\n') {
      current = [];
      paragraphs.push(current);
    } else {
      current.push({ ch: cell.ch, mark });
    }
  }
  if (brackets && open !== null) paragraphs[paragraphs.length - 1]?.push({ ch: CLOSE, mark: null });
  return paragraphs;
}
