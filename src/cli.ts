import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { BasiraError } from './errors.js';
import { PACKAGE_ROOT } from './paths.js';
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
    .addOption(new Option('--input-format <format>', 'input format (default: from the extension)').choices(INPUT_FORMATS))
    .option('--text-col <name>', 'CSV column or JSONL key (dotted path) holding the post text')
    .option('--text-key <name>', 'alias of --text-col for JSONL')
    .option('--id-col <name>', 'CSV column or JSONL key holding the post id (default: the row number)')
    .option('--id-key <name>', 'alias of --id-col for JSONL')
    .option('--delimiter <char>', 'CSV delimiter (default , or tab for .tsv; "tab" accepted)')
    .option('--keep <columns>', 'copy these input columns to the output (comma-separated, repeatable)', list, [])
    .option('--model <dir>', 'transformer folder in the Hugging Face layout (default: models/transformer)')
    .option('--no-model', 'do not run the transformer')
    .option('--lexical <dir>', 'lexical model folder (default: models/lexical)')
    .option('--no-lexical', 'do not run the lexical model')
    .option('--rules <dir>', 'rule pack folder (default: models/rules)')
    .option('--fusion <file>', 'fusion weights and thresholds (default: models/fusion.json)')
    .option('--batch-size <n>', 'posts per transformer batch', positiveInt, 32)
    .option('--strict', 'stop at the first row that cannot be read or scored', false)
    .option('-q, --quiet', 'print nothing on stderr except errors', false)
    .option('--force', 'overwrite the output file', false)
    .addOption(new Option('--rtl <mode>', 'reshape and reorder Arabic for terminals without bidi support').choices(['on', 'off', 'auto']).default('auto'))
    .action((input: string, o: Record<string, unknown>) => {
      let format = o.format as string | undefined;
      let inputFormat = o.inputFormat as InputFormat | undefined;
      if (format === 'lines' || format === 'text') {
        inputFormat ??= format;
        format = undefined;
      }
      if (format !== undefined && !OUTPUT_FORMATS.includes(format as OutputFormat)) {
        throw new BasiraError('E_USAGE', `unknown output format "${format}"`, `use one of ${OUTPUT_FORMATS.join(', ')}`);
      }
      const textCol = (o.textCol ?? o.textKey) as string | undefined;
      const idCol = (o.idCol ?? o.idKey) as string | undefined;
      invocation = {
        command: 'score',
        options: {
          input,
          ...(o.output !== undefined ? { output: o.output as string } : {}),
          ...(format !== undefined ? { format: format as OutputFormat } : {}),
          ...(inputFormat !== undefined ? { inputFormat } : {}),
          ...(textCol !== undefined ? { textCol } : {}),
          ...(idCol !== undefined ? { idCol } : {}),
          ...(o.delimiter !== undefined ? { delimiter: o.delimiter as string } : {}),
          keep: o.keep as string[],
          // commander turns --no-model into model: false and leaves a given path as a string.
          ...(o.model === false ? { model: null } : typeof o.model === 'string' ? { model: o.model } : {}),
          ...(o.lexical === false ? { lexical: null } : typeof o.lexical === 'string' ? { lexical: o.lexical } : {}),
          ...(o.rules !== undefined ? { rules: o.rules as string } : {}),
          ...(o.fusion !== undefined ? { fusion: o.fusion as string } : {}),
          batchSize: o.batchSize as number,
          strict: o.strict as boolean,
          quiet: o.quiet as boolean,
          force: o.force as boolean,
          rtl: o.rtl as ScoreOptions['rtl'],
        },
      };
    });

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
