/**
 * Loading the functional suite: datasets/functional/<lang>.csv (id,capability,expected,text,pair), checked
 * row by row (every problem reported with its file and line, all at once), then the obfuscation cases
 * generated from the positive base cases. Pure apart from reading the files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { BasiraError } from '../../errors.js';
import { LABELS, type Label } from '../../types.js';
import { CAPABILITIES, capability, OBFUSCATION_SOURCES, SUITE_LANGS, type SuiteLang } from './capabilities.js';
import { obfuscate } from './obfuscate.js';

export const SUITE_COLUMNS = ['id', 'capability', 'expected', 'text', 'pair'] as const;

export interface FunctionalCase {
  readonly id: string;
  readonly lang: SuiteLang;
  readonly capability: string;
  readonly expected: Label;
  readonly text: string;
  /** Id of its minimal-pair partner (for a generated case: the case it was generated from). */
  readonly pair: string | null;
  readonly generated: boolean;
  /** Where it was written (a generated case: where its base case was). */
  readonly file: string;
  readonly line: number;
}

interface Parsed {
  record: string[];
  info: { lines: number };
}

/** The hand-written cases of one language file; problems are added to `problems`. */
export function parseSuiteFile(file: string, lang: SuiteLang, content: string, problems: string[]): FunctionalCase[] {
  const say = (line: number, what: string): void => {
    problems.push(`${file}:${line}: ${what}`);
  };
  let parsed: Parsed[];
  try {
    parsed = parse(content, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as Parsed[];
  } catch (e) {
    say(Number((e as { lines?: number }).lines ?? 0), `not CSV: ${(e as Error).message}`);
    return [];
  }
  const [head, ...rows] = parsed;
  if (head?.record.join(',') !== SUITE_COLUMNS.join(',')) {
    say(1, `the header must be ${SUITE_COLUMNS.join(',')}, not ${head?.record.join(',') ?? '(empty file)'}`);
    return [];
  }
  const cases: FunctionalCase[] = [];
  for (const { record, info } of rows) {
    // info.lines is where the record ends; a record with a quoted line break starts earlier.
    const line = info.lines - record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    if (record.length !== SUITE_COLUMNS.length) {
      say(line, `expected ${SUITE_COLUMNS.length} fields, found ${record.length}`);
      continue;
    }
    const [id, cap, expected, text, pair] = record.map((f) => f.trim()) as [string, string, string, string, string];
    const c = capability(cap);
    const before = problems.length;
    if (c === undefined) say(line, `unknown capability "${cap}" (known: ${CAPABILITIES.filter((k) => k.obfuscation === undefined).map((k) => k.name).join(', ')})`);
    else if (c.obfuscation !== undefined) say(line, `capability "${cap}" is generated from the positive cases, not written by hand`);
    else if (!c.langs.includes(lang)) say(line, `capability "${cap}" is not tested in ${lang}`);
    if (!(LABELS as readonly string[]).includes(expected)) say(line, `unknown expected label "${expected}" (labels: ${LABELS.join(', ')})`);
    else if (c !== undefined && !c.expected.includes(expected as Label)) say(line, `${cap} cases expect ${c.expected.join(' or ')}, not ${expected}`);
    const n = id.slice(`${lang}-${cap}-`.length);
    if (!id.startsWith(`${lang}-${cap}-`) || !/^[1-9][0-9]*$/.test(n)) say(line, `id "${id}" should be ${lang}-${cap}-N`);
    if (text === '') say(line, 'empty text');
    if (problems.length > before) continue;
    cases.push({ id, lang, capability: cap, expected: expected as Label, text, pair: pair === '' ? null : pair, generated: false, file, line });
  }
  return cases;
}

/** Ids are unique and pairs point at a case of the suite. */
function checkIds(cases: readonly FunctionalCase[], problems: string[]): void {
  const seen = new Map<string, FunctionalCase>();
  for (const c of cases) {
    const first = seen.get(c.id);
    if (first !== undefined) problems.push(`${c.file}:${c.line}: id ${c.id} is also used at ${first.file}:${first.line}`);
    else seen.set(c.id, c);
  }
  for (const c of cases) {
    if (c.pair !== null && !seen.has(c.pair)) problems.push(`${c.file}:${c.line}: pair ${c.pair} is not a case of the suite`);
    if (c.pair === c.id) problems.push(`${c.file}:${c.line}: ${c.id} is paired with itself`);
  }
}

/** One case per positive base case and obfuscation of its language that changes it; paired with its base. */
export function generateObfuscated(cases: readonly FunctionalCase[]): FunctionalCase[] {
  const out: FunctionalCase[] = [];
  for (const cap of CAPABILITIES) {
    if (cap.obfuscation === undefined) continue;
    const counts = new Map<string, number>();
    for (const base of cases) {
      if (!OBFUSCATION_SOURCES.includes(base.capability) || base.expected !== 'propaganda' || !cap.langs.includes(base.lang)) continue;
      const text = obfuscate(base.text, cap.obfuscation, base.id);
      if (text === base.text) continue;
      const n = (counts.get(base.lang) ?? 0) + 1;
      counts.set(base.lang, n);
      out.push({ ...base, id: `${base.lang}-${cap.name}-${n}`, capability: cap.name, text, pair: base.id, generated: true });
    }
  }
  return out;
}

export interface Suite {
  readonly dir: string;
  readonly files: readonly string[];
  /** Hand-written cases, in file and line order, then the generated ones. */
  readonly cases: readonly FunctionalCase[];
}

/** Reads every <lang>.csv of the folder; any problem in any file is an E_DATA error listing them all. */
export function loadSuite(dir: string): Suite {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.csv')).sort();
  } catch (e) {
    throw new BasiraError('E_INPUT', `${dir}: cannot read the functional suite (${(e as NodeJS.ErrnoException).code ?? e})`, 'pass --suite DIR');
  }
  const problems: string[] = [];
  const written: FunctionalCase[] = [];
  const files: string[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const lang = SUITE_LANGS.find((l) => `${l}.csv` === name);
    if (lang === undefined) {
      problems.push(`${file}: not a suite file: files are named <lang>.csv, lang one of ${SUITE_LANGS.join(', ')}`);
      continue;
    }
    files.push(file);
    written.push(...parseSuiteFile(file, lang, readFileSync(file, 'utf8'), problems));
  }
  if (files.length === 0 && problems.length === 0) throw new BasiraError('E_INPUT', `${dir}: no suite files (<lang>.csv)`, 'pass --suite DIR');
  checkIds(written, problems);
  if (problems.length > 0) {
    throw new BasiraError('E_DATA', `the functional suite has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  ${p}`).join('\n')}`, 'fix the rows listed above');
  }
  return { dir, files, cases: [...written, ...generateObfuscated(written)] };
}
