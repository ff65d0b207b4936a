import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { BasiraError } from './errors.js';
import { DEFAULTS, PACKAGE_ROOT } from './paths.js';
import type { EvalOptions } from './commands/eval.js';
import type { CalibrateOptions } from './commands/calibrate.js';
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
}

export interface NormalizeOptions {
  text?: string;
  input: string;
}

export type Invocation =
  | { command: 'score'; options: ScoreOptions }
  | { command: 'eval'; options: EvalOptions }
  | { command: 'calibrate'; options: CalibrateOptions }
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
        },
      };
    });
  withModelOptions(withInputOptions(program.commands.at(-1)!));

  program
    .command('eval')
    .description('measure basira on labelled posts: P/R/F1, PR-AUC, calibration, per language, ablations, report')
    .argument('<input>', 'labelled file (csv, jsonl), or - for stdin')
    .requiredOption('--label-col <name>', 'column or key with the gold label')
    .option('--positive <value>', 'label value meaning propaganda, for binary gold sets')
    .option('--categories-col <name>', "gold categories ('|'-separated), for per-category figures")
    .option('--lang-col <name>', 'slice languages by this gold column instead of the detected language')
    .option('--report <file>', 'write a self-contained HTML report')
    .option('--json <file>', 'write every figure as JSON')
    .option('--target-precision <p>', 'also report the threshold reaching this precision', probability, 0.9)
    .option('--resamples <n>', 'bootstrap resamples for the 95% intervals', positiveInt, 1000)
    .option('--seed <n>', 'bootstrap seed', positiveInt, 1)
    .option('--errors <n>', 'worst false positives and negatives listed in the report, per side', positiveInt, 25)
    .option('--force', 'overwrite output files', false)
    .action((input: string, o: Record<string, unknown>) => {
      invocation = {
        command: 'eval',
        options: {
          ...inputOptionsOf(input, o),
          labelCol: o.labelCol as string,
          ...(o.positive !== undefined ? { positive: o.positive as string } : {}),
          ...(o.categoriesCol !== undefined ? { categoriesCol: o.categoriesCol as string } : {}),
          ...(o.langCol !== undefined ? { langCol: o.langCol as string } : {}),
          ...(o.report !== undefined ? { report: o.report as string } : {}),
          ...(o.json !== undefined ? { json: o.json as string } : {}),
          ...modelOptionsOf(o),
          force: o.force as boolean,
          quiet: o.quiet as boolean,
          targetPrecision: o.targetPrecision as number,
          resamples: o.resamples as number,
          seed: o.seed as number,
          errors: o.errors as number,
        },
      };
    });
  withModelOptions(withInputOptions(program.commands.at(-1)!));

  program
    .command('calibrate')
    .description('fit fusion weights and the threshold on labelled dev data; writes a fusion file')
    .argument('<input>', 'labelled file (csv, jsonl), or - for stdin')
    .requiredOption('--label-col <name>', 'column or key with the gold label')
    .option('--positive <value>', 'label value meaning propaganda, for binary gold sets')
    .option('-o, --output <file>', 'where the fusion file goes', DEFAULTS.fusion)
    .option('--target-precision <p>', 'choose the lowest threshold reaching this precision (default: best F1)', probability)
    .option('--l2 <lambda>', 'L2 penalty of the logistic fit', nonNegative, 1)
    .option('--force', 'overwrite the fusion file', false)
    .action((input: string, o: Record<string, unknown>) => {
      invocation = {
        command: 'calibrate',
        options: {
          ...inputOptionsOf(input, o),
          labelCol: o.labelCol as string,
          ...(o.positive !== undefined ? { positive: o.positive as string } : {}),
          ...modelOptionsOf(o),
          output: o.output as string,
          force: o.force as boolean,
          quiet: o.quiet as boolean,
          ...(o.targetPrecision !== undefined ? { targetPrecision: o.targetPrecision as number } : {}),
          l2: o.l2 as number,
        },
      };
    });
  withModelOptions(withInputOptions(program.commands.at(-1)!));

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
