// Speed of the TypeScript lexical scorer (compiled: npx tsc -p tsconfig.build.json) on dev posts (both blocks).
// Usage: node training/lexical/bench_scorer.mjs [training/work/lexical/dev.csv]   (prints posts/s on stdout)
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const input = process.argv[2] ?? join(repo, 'training/work/lexical/dev.csv');
const { loadLexical } = await import(pathToFileURL(join(repo, 'dist/lexical/model.js')).href);

let t = performance.now();
const model = loadLexical(join(repo, 'models/lexical'));
console.error(`load: ${(performance.now() - t).toFixed(1)} ms`);
const posts = parse(readFileSync(input), { columns: true }).map((r) => ({ norm: r.norm, text: r.text }));
const chars = posts.reduce((a, p) => a + [...p.text].length, 0);
for (const p of posts.slice(0, 2000)) model.predict(p.norm, p.text); // warm-up for the JIT
// CPU time as well as wall time: on a shared machine the wall clock mostly measures the neighbours.
t = performance.now();
const cpu = process.cpuUsage();
let rounds = 0;
while (performance.now() - t < 3000) {
  for (const p of posts) model.predict(p.norm, p.text);
  rounds++;
}
const wall = (performance.now() - t) / 1000;
const used = process.cpuUsage(cpu);
const cpuSeconds = (used.user + used.system) / 1e6;
console.error(`${posts.length} posts (mean ${(chars / posts.length).toFixed(0)} code points) × ${rounds} rounds`);
console.log(`${Math.round((posts.length * rounds) / wall)} posts/s wall, ${Math.round((posts.length * rounds) / cpuSeconds)} posts per CPU-second`);
