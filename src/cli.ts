import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { BasiraError } from './errors.js';
import { DEFAULTS, PACKAGE_ROOT } from './paths.js';
import type { EvalOptions, ListDatasetsOptions } from './commands/eval.js';
import type { CalibrateOptions } from './commands/calibrate.js';
import type { HashOptions } from './commands/hash.js';
import type { MatchOptions } from './commands/match.js';
import type { DedupOptions } from './commands/dedup.js';
import { FLAT_FORMATS, type FlatFormat } from './similarity/output.js';
import type { FunctionalOptions } from './commands/functional.js';
import { parseLabelMap } from './eval/gold.js';
import type { InputFormat } from './io/read.js';
import type { OutputFormat } from './io/write.js';

/**
 * The argument layer: argv in, a plain invocation object out. Nothing here runs a command, so the mapping from argv
 * to options is table-tested on its own (tests/cli.test.ts) and main.ts stays the one place that executes and exits.
 */
export interface ScoreOptions {
  input: string;
  output?: string;
  format?: OutputFormat;
  inputFormat?: InputFormat;
  textCol?: string;
  idCol?: string;
  delimiter?: string;
  keep: string[];
  /** undefined: the default model if installed; null: --no-model. */
  model?: string | null;
  lexical?: string | null;
  rules?: string;
  fusion?: string;
  batchSize: number;
  strict: boolean;
  quiet: boolean;
  force: boolean;
  rtl: 'on' | 'off' | 'auto';
  /** Signature list of known propaganda (from `basira hash`). */
  list?: string;
  /** Add near-duplicate clusters within the input (a file: it is read twice). */
  clusters: boolean;
}

export interface NormalizeOptions {
  text?: string;
  input: string;
}

interface Quiet {
  quiet: boolean;
}

export type Invocation =
  | { command: 'score'; options: ScoreOptions }
  | { command: 'eval'; options: EvalOptions }
  | { command: 'functional'; options: FunctionalOptions }
  | { command: 'datasets'; options: ListDatasetsOptions }
  | { command: 'calibrate'; options: CalibrateOptions }
  | { command: 'hash'; options: HashOptions & Quiet }
  | { command: 'match'; options: MatchOptions & Quiet }
  | { command: 'dedup'; options: DedupOptions & Quiet }
  | { command: 'normalize'; options: NormalizeOptions }
  | { command: 'rules-check'; options: { dir?: string } }
  | { command: 'rules-test'; options: { dir?: string } }
  | { command: 'help'; text: string };

const OUTPUT_FORMATS: OutputFormat[] = ['csv', 'jsonl', 'json', 'pretty'];
const INPUT_FORMATS: InputFormat[] = ['csv', 'jsonl', 'lines', 'text'];

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be an integer >= 0');
  return n;
}

function list(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

/** Options every command that reads posts shares, so score, eval and calibrate read inputs the same way. */
function withInputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--input-format <format>', 'input format (default: from the extension)').choices(INPUT_FORMATS))
    .option('--text-col <name>', 'CSV column or JSONL key (dotted path) holding the post text')
    .option('--text-key <name>', 'alias of --text-col for JSONL')
    .option('--id-col <name>', 'CSV column or JSONL key holding the post id (default: the row number)')
    .option('--id-key <name>', 'alias of --id-col for JSONL')
    .option('--delimiter <char>', 'CSV delimiter (default , or tab for .tsv; "tab" accepted)')
    .option('-q, --quiet', 'print nothing on stderr except errors', false);
}

function withModelOptions(cmd: Command): Command {
  return cmd
    .option('--model <dir>', 'transformer folder in the Hugging Face layout (default: models/transformer)')
    .option('--no-model', 'do not run the transformer')
    .option('--lexical <dir>', 'lexical model folder (default: models/lexical)')
    .option('--no-lexical', 'do not run the lexical model')
    .option('--rules <dir>', 'rule pack folder (default: models/rules)')
    .option('--fusion <file>', 'fusion weights and thresholds (default: models/fusion.json)')
    .option('--batch-size <n>', 'posts per transformer batch', positiveInt, 32);
}

interface InputOptions {
  input: string;
  inputFormat?: InputFormat;
  textCol?: string;
  idCol?: string;
  delimiter?: string;
}

function inputOptionsOf(input: string, o: Record<string, unknown>): InputOptions {
  const textCol = (o.textCol ?? o.textKey) as string | undefined;
  const idCol = (o.idCol ?? o.idKey) as string | undefined;
  return {
    input,
    ...(o.inputFormat !== undefined ? { inputFormat: o.inputFormat as InputFormat } : {}),
    ...(textCol !== undefined ? { textCol } : {}),
    ...(idCol !== undefined ? { idCol } : {}),
    ...(o.delimiter !== undefined ? { delimiter: o.delimiter as string } : {}),
  };
}

interface ModelOptions {
  model?: string | null;
  lexical?: string | null;
  rules?: string;
  fusion?: string;
  batchSize: number;
}

function modelOptionsOf(o: Record<string, unknown>): ModelOptions {
  return {
    // commander turns --no-model into model: false and leaves a given path as a string.
    ...(o.model === false ? { model: null } : typeof o.model === 'string' ? { model: o.model } : {}),
    ...(o.lexical === false ? { lexical: null } : typeof o.lexical === 'string' ? { lexical: o.lexical } : {}),
    ...(o.rules !== undefined ? { rules: o.rules as string } : {}),
    ...(o.fusion !== undefined ? { fusion: o.fusion as string } : {}),
    batchSize: o.batchSize as number,
  };
}

function outputOf(o: Record<string, unknown>): { output?: string; format?: FlatFormat } {
  return {
    ...(o.output !== undefined ? { output: o.output as string } : {}),
    ...(o.format !== undefined ? { format: o.format as FlatFormat } : {}),
  };
}

function similarityOf(o: Record<string, unknown>): { minSimilarity?: number } {
  return o.minSimilarity !== undefined ? { minSimilarity: o.minSimilarity as number } : {};
}

function probability(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n < 1)) throw new InvalidArgumentError('must be a number between 0 and 1');
  return n;
}

function nonNegative(value: string): number {
  const n = Number(value);
  if (!(n >= 0) || !Number.isFinite(n)) throw new InvalidArgumentError('must be a number >= 0');
  return n;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

interface Built {
  program: Command;
  result: () => Invocation;
}

function build(): Built {
  let invocation: Invocation | undefined;
  let helpText = '';
  const program = new Command('basira')
    .description('Score social-media posts for violent-extremist recruitment propaganda, offline.')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => (helpText += s), writeErr: (s) => (helpText += s) })
    .showHelpAfterError(false);

  program
    .command('score')
    .description('score posts from a file (csv, jsonl, txt) or stdin; stdin without a format is one post')
    .argument('[input]', 'input file, or - for stdin', '-')
    .option('-o, --output <file>', 'write to a file (atomically; refuses to overwrite without --force)')
    .option('-f, --format <format>', `output format: ${OUTPUT_FORMATS.join(', ')} (default: from -o's extension; pretty on a terminal, jsonl when piped); "lines" or "text" here set the input format`)
    .option('--keep <columns>', 'copy these input columns to the output (comma-separated, repeatable)', list, [])
    .option('--strict', 'stop at the first row that cannot be read or scored', false)
    .option('--force', 'overwrite the output file', false)
    .addOption(new Option('--rtl <mode>', 'reshape and reorder Arabic for terminals without bidi support').choices(['on', 'off', 'auto']).default('auto'))
    .option('--list <file>', 'signature list of known propaganda (from `basira hash`): adds match_id and match_similarity, and a match raises the score')
    .option('--clusters', 'add near-duplicate cluster_id and cluster_size within the input file', false)
    .action((input: string, o: Record<string, unknown>) => {
      let format = o.format as string | undefined;
      if (format === 'lines' || format === 'text') {
        o.inputFormat ??= format;
        format = undefined;
      }
      if (format !== undefined && !OUTPUT_FORMATS.includes(format as OutputFormat)) {
        throw new BasiraError('E_USAGE', `unknown output format "${format}"`, `use one of ${OUTPUT_FORMATS.join(', ')}`);
      }
      invocation = {
        command: 'score',
        options: {
          ...inputOptionsOf(input, o),
          ...(o.output !== undefined ? { output: o.output as string } : {}),
          ...(format !== undefined ? { format: format as OutputFormat } : {}),
          keep: o.keep as string[],
          ...modelOptionsOf(o),
          strict: o.strict as boolean,
          quiet: o.quiet as boolean,
          force: o.force as boolean,
          rtl: o.rtl as ScoreOptions['rtl'],
          ...(o.list !== undefined ? { list: o.list as string } : {}),
          clusters: o.clusters as boolean,
        },
      };
    });
  withModelOptions(withInputOptions(program.commands.at(-1)!));

  program
    .command('eval')
    .description('measure basira on labelled posts (a file, or a dataset from the registry): P/R/F1, PR-AUC, calibration, per language, ablations, report; or run the functional suite')
    .argument('[input]', 'labelled file (csv, jsonl), - for stdin, or a dataset name (see --list-datasets), e.g. split:test')
    .option('--label-col <name>', 'column or key with the gold label (files only; datasets bring their own)')
    .option('--positive <value>', 'label value meaning propaganda, for binary gold sets')
    .option('--map <pairs>', "their labels → ours, e.g. 'pro=propaganda,news=news,rest=other'", parseLabelMap)
    .option('--categories-col <name>', "gold categories ('|'-separated), for per-category figures")
    .option('--lang-col <name>', 'slice languages by this gold column instead of the detected language (empty cells: detected)')
    .option('--by <column>', 'also slice the figures by this gold column (for a registry dataset: source, confidence, lang or categories)')
    .option('--data-dir <dir>', 'folder holding the registry datasets (default: $BASIRA_DATA, else ../shared/data)')
    .option('--report <file>', 'write a self-contained HTML report')
    .option('--json <file>', 'write every figure as JSON (- for stdout)')
    .option('--errors <file>', 'write every false positive and negative, worst first, with evidence and text (.csv or .jsonl)')
    .option('--target-precision <p>', 'also report the threshold reaching this precision', probability, 0.9)
    .option('--resamples <n>', 'bootstrap resamples for the 95% intervals (0: no intervals)', nonNegativeInt, 1000)
    .option('--seed <n>', 'bootstrap seed', positiveInt, 1)
    .option('--report-errors <n>', 'worst false positives and negatives listed in the tables and report, per side', positiveInt, 25)
    .option('--functional', 'run the functional test suite (pass rate per capability and language) instead', false)
    .option('--suite <dir>', 'functional suite folder (default: datasets/functional)')
    .option('--list-datasets', 'list the datasets of the registry and which are in the data folder', false)
    .option('--force', 'overwrite output files', false)
    .action((input: string | undefined, o: Record<string, unknown>) => {
      const given = (...flags: [string, string][]): string[] => flags.filter(([key]) => o[key] !== undefined).map(([, flag]) => flag);
      const labelled = given(['labelCol', '--label-col'], ['positive', '--positive'], ['map', '--map'], ['categoriesCol', '--categories-col'], ['langCol', '--lang-col']);
      const evalOnly = [
        ...labelled,
        ...given(['by', '--by'], ['report', '--report'], ['dataDir', '--data-dir'], ['inputFormat', '--input-format'], ['textCol', '--text-col'], ['textKey', '--text-key']),
        ...given(['idCol', '--id-col'], ['idKey', '--id-key'], ['delimiter', '--delimiter']),
      ];
      const modes = [o.functional === true && '--functional', o.listDatasets === true && '--list-datasets'].filter((m): m is string => m !== false);
      if (modes.length > 1) throw new BasiraError('E_USAGE', `${modes.join(' and ')} are separate runs`, 'give one of them');
      if (modes.length === 1 && input !== undefined) throw new BasiraError('E_USAGE', `${modes[0]} takes no input file`, `drop "${input}"`);
      if (o.suite !== undefined && o.functional !== true) throw new BasiraError('E_USAGE', '--suite applies to --functional');
      if (o.listDatasets === true) {
        invocation = { command: 'datasets', options: o.dataDir !== undefined ? { dataDir: o.dataDir as string } : {} };
        return;
      }
      if (o.functional === true) {
        if (evalOnly.length > 0) throw new BasiraError('E_USAGE', `${evalOnly.join(', ')} do not apply to --functional`);
        invocation = {
          command: 'functional',
          options: {
            ...(o.suite !== undefined ? { suite: o.suite as string } : {}),
            ...modelOptionsOf(o),
            ...(o.json !== undefined ? { json: o.json as string } : {}),
            ...(o.errors !== undefined ? { errors: o.errors as string } : {}),
            force: o.force as boolean,
            quiet: o.quiet as boolean,
          },
        };
        return;
      }
      if (input === undefined) throw new BasiraError('E_USAGE', 'eval needs an input: a labelled file, - for stdin, or a dataset name', 'see basira eval --list-datasets, or basira eval --functional');
      invocation = {
        command: 'eval',
        options: {
          ...inputOptionsOf(input, o),
          ...(o.labelCol !== undefined ? { labelCol: o.labelCol as string } : {}),
          ...(o.positive !== undefined ? { positive: o.positive as string } : {}),
          ...(o.map !== undefined ? { map: o.map as ReturnType<typeof parseLabelMap> } : {}),
          ...(o.categoriesCol !== undefined ? { categoriesCol: o.categoriesCol as string } : {}),
          ...(o.langCol !== undefined ? { langCol: o.langCol as string } : {}),
          ...(o.by !== undefined ? { by: o.by as string } : {}),
          ...(o.dataDir !== undefined ? { dataDir: o.dataDir as string } : {}),
          ...(o.report !== undefined ? { report: o.report as string } : {}),
          ...(o.json !== undefined ? { json: o.json as string } : {}),
          ...(o.errors !== undefined ? { errors: o.errors as string } : {}),
          ...modelOptionsOf(o),
          force: o.force as boolean,
          quiet: o.quiet as boolean,
          targetPrecision: o.targetPrecision as number,
          resamples: o.resamples as number,
          seed: o.seed as number,
          reportErrors: o.reportErrors as number,
        },
      };
    });
  withModelOptions(withInputOptions(program.commands.at(-1)!));

  program
    .command('calibrate')
    .description('fit fusion weights, the threshold and per-language thresholds on labelled dev data (a file, or a dataset such as split:dev); writes a fusion file')
    .argument('<input>', 'labelled file (csv, jsonl), - for stdin, or a dataset name (see basira eval --list-datasets)')
    .option('--label-col <name>', 'column or key with the gold label (files only; datasets bring their own)')
    .option('--positive <value>', 'label value meaning propaganda, for binary gold sets')
    .option('--map <pairs>', "their labels → ours, e.g. 'pro=propaganda,news=news,rest=other'", parseLabelMap)
    .option('--data-dir <dir>', 'folder holding the registry datasets (default: $BASIRA_DATA, else ../shared/data)')
    .option('-o, --output <file>', 'where the fusion file goes', DEFAULTS.fusion)
    .option('--target-precision <p>', 'choose the lowest threshold reaching this precision (default: best F1)', probability)
    .option('--max-context-fp <rate>', 'only thresholds flagging at most this share of gold news and counter-speech posts (overall and per language)', probability)
    .option('--l2 <lambda>', 'L2 penalty of the logistic fit', nonNegative, 1)
    .option('--force', 'overwrite the fusion file', false)
    .action((input: string, o: Record<string, unknown>) => {
      invocation = {
        command: 'calibrate',
        options: {
          ...inputOptionsOf(input, o),
          ...(o.labelCol !== undefined ? { labelCol: o.labelCol as string } : {}),
          ...(o.positive !== undefined ? { positive: o.positive as string } : {}),
          ...(o.map !== undefined ? { map: o.map as ReturnType<typeof parseLabelMap> } : {}),
          ...(o.dataDir !== undefined ? { dataDir: o.dataDir as string } : {}),
          ...modelOptionsOf(o),
          output: o.output as string,
          force: o.force as boolean,
          quiet: o.quiet as boolean,
          ...(o.targetPrecision !== undefined ? { targetPrecision: o.targetPrecision as number } : {}),
          ...(o.maxContextFp !== undefined ? { maxContextFp: o.maxContextFp as number } : {}),
          l2: o.l2 as number,
        },
      };
    });
  withModelOptions(withInputOptions(program.commands.at(-1)!));

  program
    .command('hash')
    .description('write one near-duplicate signature per post (JSONL, no text), to share a list of known propaganda')
    .argument('[input]', 'input file, or - for stdin', '-')
    .option('-o, --output <file>', 'write to a file (atomically; refuses to overwrite without --force)')
    .option('--force', 'overwrite the output file', false)
    .action((input: string, o: Record<string, unknown>) => {
      invocation = { command: 'hash', options: { ...inputOptionsOf(input, o), ...outputOf(o), force: o.force as boolean, quiet: o.quiet as boolean } };
    });
  withInputOptions(program.commands.at(-1)!);

  program
    .command('match')
    .description('find, for each post, the best near-copy in a signature list of known propaganda')
    .argument('[input]', 'input file, or - for stdin', '-')
    .requiredOption('--list <file>', 'signature list (JSONL from `basira hash`)')
    .option('-o, --output <file>', 'write to a file (atomically; refuses to overwrite without --force)')
    .addOption(new Option('-f, --format <format>', 'output format (default: from -o, else jsonl)').choices(FLAT_FORMATS))
    .option('--min-similarity <s>', 'lowest estimated similarity reported as a match', probability)
    .option('--force', 'overwrite the output file', false)
    .action((input: string, o: Record<string, unknown>) => {
      invocation = {
        command: 'match',
        options: { ...inputOptionsOf(input, o), list: o.list as string, ...outputOf(o), force: o.force as boolean, quiet: o.quiet as boolean, ...similarityOf(o) },
      };
    });
  withInputOptions(program.commands.at(-1)!);

  program
    .command('dedup')
    .description('cluster near-duplicate posts within a file: id → cluster id, cluster size')
    .argument('[input]', 'input file, or - for stdin', '-')
    .option('-o, --output <file>', 'write to a file (atomically; refuses to overwrite without --force)')
    .addOption(new Option('-f, --format <format>', 'output format (default: from -o, else jsonl)').choices(FLAT_FORMATS))
    .option('--min-similarity <s>', 'lowest estimated similarity at which two posts join a cluster', probability)
    .option('--force', 'overwrite the output file', false)
    .action((input: string, o: Record<string, unknown>) => {
      invocation = { command: 'dedup', options: { ...inputOptionsOf(input, o), ...outputOf(o), force: o.force as boolean, quiet: o.quiet as boolean, ...similarityOf(o) } };
    });
  withInputOptions(program.commands.at(-1)!);

  program
    .command('normalize')
    .description('show what the normaliser does to a post: normalised text, steps that fired, Arabizi view, tokens')
    .argument('[text]', 'the post (default: read stdin)')
    .action((text: string | undefined) => {
      invocation = { command: 'normalize', options: { ...(text !== undefined ? { text } : {}), input: '-' } };
    });

  const rules = program.command('rules').description('validate and test rule packs');
  rules
    .command('check')
    .description('validate every rule pack against the schema')
    .option('--rules <dir>', 'rule pack folder (default: models/rules)')
    .action((o: { rules?: string }) => {
      invocation = { command: 'rules-check', options: o.rules !== undefined ? { dir: o.rules } : {} };
    });
  rules
    .command('test')
    .description("run each rule's own examples (must and must not fire)")
    .option('--rules <dir>', 'rule pack folder (default: models/rules)')
    .action((o: { rules?: string }) => {
      invocation = { command: 'rules-test', options: o.rules !== undefined ? { dir: o.rules } : {} };
    });

  return { program, result: () => invocation ?? { command: 'help', text: helpText || program.helpInformation() } };
}

/** Parses argv (without node and script) into an invocation; usage errors become BasiraError E_USAGE. */
export function parseArgv(argv: string[]): Invocation {
  const { program, result } = build();
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof BasiraError) throw e;
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') {
        return result();
      }
      throw new BasiraError('E_USAGE', e.message.replace(/^error: /, ''), 'see `basira --help`');
    }
    throw e;
  }
  return result();
}
