import type { Invocation } from './cli.js';
import { BasiraError, EXIT } from './errors.js';
import { processStreams, type Streams } from './streams.js';
import { removeLiveTempFilesSync } from './io/atomic.js';
import { prestartTransformerThread, releasePrestartedThread } from './model/worker.js';

/**
 * The one place that runs a command, prints its result and turns errors into messages and exit codes
 * (0: all rows scored, 1: some rows failed, 2: usage error or unreadable input, 3: a bug in basira).
 */
export async function main(argv: string[], streams: Streams = processStreams()): Promise<number> {
  // The transformer's start-up is the longest part of scoring one post: it begins before the CLI is even imported.
  if (mayRunTransformer(argv)) prestartTransformerThread();
  try {
    const { parseArgv } = await import('./cli.js');
    return await execute(parseArgv(argv), streams);
  } catch (e) {
    return report(e, streams);
  } finally {
    await releasePrestartedThread();
  }
}

/**
 * A guess from the raw arguments, before they are parsed: `score` without --no-model. A wrong guess costs time only
 * (a thread started for nothing and stopped, or one started later, after parsing), never a different result.
 */
function mayRunTransformer(argv: readonly string[]): boolean {
  return argv[0] === 'score' && !argv.includes('--no-model');
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
}

function json(streams: Streams, value: unknown): void {
  streams.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

async function execute(invocation: Invocation, streams: Streams): Promise<number> {
  switch (invocation.command) {
    case 'help':
      streams.stderr.write(invocation.text.endsWith('\n') ? invocation.text : `${invocation.text}\n`);
      return EXIT.OK;
    case 'score': {
      const { score, scoreExitCode } = await import('./commands/score.js');
      const summary = await score(invocation.options, streams);
      if (!invocation.options.quiet || summary.failed > 0) {
        streams.stderr.write(`basira: ${summary.read} read, ${summary.scored} scored, ${summary.failed} failed (${summary.scorers.join(' + ')})\n`);
      }
      return scoreExitCode(summary);
    }
    case 'eval': {
      const { evalCommand } = await import('./commands/eval.js');
      const result = await evalCommand(invocation.options, streams);
      return result.failed > 0 ? EXIT.SOME_ROWS_FAILED : EXIT.OK;
    }
    case 'functional': {
      const { functionalCommand } = await import('./commands/functional.js');
      await functionalCommand(invocation.options, streams);
      return EXIT.OK;
    }
    case 'datasets': {
      const { listDatasetsCommand } = await import('./commands/eval.js');
      await listDatasetsCommand(invocation.options, streams);
      return EXIT.OK;
    }
    case 'calibrate': {
      const { calibrateCommand } = await import('./commands/calibrate.js');
      const result = await calibrateCommand(invocation.options, streams);
      return result.failed > 0 ? EXIT.SOME_ROWS_FAILED : EXIT.OK;
    }
    case 'hash': {
      const { hash, hashExitCode } = await import('./commands/hash.js');
      const s = await hash(invocation.options, streams);
      if (!invocation.options.quiet) streams.stderr.write(`basira: ${s.read} read, ${s.signed} signed, ${s.short} too short to sign, ${s.failed} failed\n`);
      return hashExitCode(s);
    }
    case 'match': {
      const { match, matchExitCode } = await import('./commands/match.js');
      const s = await match(invocation.options, streams);
      if (!invocation.options.quiet) streams.stderr.write(`basira: ${s.read} read, ${s.matched} matched against ${s.listSize} known, ${s.short} too short, ${s.failed} failed\n`);
      return matchExitCode(s);
    }
    case 'dedup': {
      const { dedup, dedupExitCode } = await import('./commands/dedup.js');
      const s = await dedup(invocation.options, streams);
      if (!invocation.options.quiet) streams.stderr.write(`basira: ${s.read} read, ${s.clustered} posts in ${s.clusters} clusters of near-duplicates, ${s.failed} failed\n`);
      return dedupExitCode(s);
    }
    case 'normalize': {
      const { normalizeCommand } = await import('./commands/normalize.js');
      const text = invocation.options.text ?? (await readAll(streams.stdin)).replace(/\r?\n$/, '');
      json(streams, normalizeCommand(text));
      return EXIT.OK;
    }
    case 'rules-check': {
      const { rulesCheck } = await import('./commands/rules.js');
      const result = rulesCheck(invocation.options.dir);
      json(streams, result);
      for (const error of result.errors) streams.stderr.write(`basira: ${error}\n`);
      return result.errors.length > 0 ? EXIT.SOME_ROWS_FAILED : EXIT.OK;
    }
    case 'rules-test': {
      const { rulesTest } = await import('./commands/rules.js');
      const result = rulesTest(invocation.options.dir);
      json(streams, result);
      for (const f of result.failed) streams.stderr.write(`basira: ${f.rule}: expected ${f.expected} for "${f.example}"\n`);
      streams.stderr.write(`basira: ${result.passed} examples passed, ${result.failed.length} failed\n`);
      return result.failed.length > 0 ? EXIT.SOME_ROWS_FAILED : EXIT.OK;
    }
  }
}

/** On Ctrl-C or SIGTERM: leave no half-written output behind, say so, and exit with the signal's status. */
export function onSignal(signal: 'SIGINT' | 'SIGTERM', stderr: NodeJS.WritableStream = process.stderr): number {
  removeLiveTempFilesSync();
  stderr.write(`basira: interrupted (${signal}); no output file was written\n`);
  return signal === 'SIGINT' ? 130 : 143;
}

function report(e: unknown, streams: Streams): number {
  if (e instanceof BasiraError) {
    streams.stderr.write(`basira: error: ${e.message}\n`);
    if (e.hint) streams.stderr.write(`basira: hint: ${e.hint}\n`);
    return e.exitCode;
  }
  const err = e as Error;
  streams.stderr.write(`basira: internal error: ${err?.stack ?? String(e)}\n`);
  return EXIT.INTERNAL;
}
