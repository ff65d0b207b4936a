/**
 * `npm run bench:coldstart [-- --runs 5]`: wall time of `basira score --quiet < seed_news_ar.txt` (all default
 * scorers, one post, from process start to exit) as a child process, median of --runs, next to the medians of three
 * references run in turn with it: `node -e 0` (Node's own start), `basira --version` (the CLI without scoring) and
 * `basira score --no-model` (this thread's share: the transformer loads in a worker meanwhile, so when the full run
 * takes much longer than this one, the worker is what it waits for).
 * On a shared machine the absolute seconds follow the neighbours; the ratio to `node -e 0` much less.
 * Reads the compiled CLI: the npm script builds first.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/paths.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(args.runs);
const BIN = join(PACKAGE_ROOT, 'bin', 'basira.js');
const POST = readFileSync(join(PACKAGE_ROOT, '..', 'shared', 'examples', 'seed_news_ar.txt'));

const COMMANDS: Record<string, { argv: string[]; input?: Buffer }> = {
  'node -e 0': { argv: ['-e', '0'] },
  'basira --version': { argv: [BIN, '--version'] },
  'basira score --no-model': { argv: [BIN, 'score', '--quiet', '--no-model'], input: POST },
  'basira score': { argv: [BIN, 'score', '--quiet'], input: POST },
};

function seconds(name: string): number {
  const { argv, input } = COMMANDS[name]!;
  const t0 = performance.now();
  const run = spawnSync(process.execPath, argv, { input: input ?? '', stdio: ['pipe', 'ignore', 'pipe'] });
  const elapsed = (performance.now() - t0) / 1000;
  if (run.status !== 0) throw new Error(`${name} exited with ${run.status}: ${run.stderr.toString()}`);
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const times: Record<string, number[]> = Object.fromEntries(Object.keys(COMMANDS).map((name) => [name, []]));
// Interleaved, so that a change in the machine's load touches every command alike.
for (let i = 0; i < runs; i++) for (const name of Object.keys(COMMANDS)) times[name]!.push(seconds(name));

const node = median(times['node -e 0']!);
console.log(`coldstart\truns=${runs}`);
for (const [name, values] of Object.entries(times)) {
  const m = median(values);
  console.log(`coldstart\t${name}\tmedian_s=${m.toFixed(3)}\tratio_over_node=${(m / node).toFixed(1)}${name === 'basira score' ? '\t(goal <= 1 s)' : ''}`);
}
