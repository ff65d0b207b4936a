// The fusion's rule features for each row of a split CSV, computed by basira's own compiled code (dist/), so the
// fused-F1 check (fusion_check.py) weighs the transformer against exactly what `basira score` would fuse it with:
// one JSON object per row: {"lang": detectLanguage(text), "f": features(..., ['rules'])}.
// Usage: node training/transformer/rules_features.mjs IN.csv OUT.jsonl
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node training/transformer/rules_features.mjs IN.csv OUT.jsonl');
  process.exit(2);
}
const modules = ['text/normalize.js', 'lang/detect.js', 'rules/load.js', 'fuse.js'];
for (const file of modules) {
  if (!existsSync(join(dist, file))) {
    console.error(`error: ${join(dist, file)} is missing; build first: npx tsc -p tsconfig.build.json`);
    process.exit(2);
  }
}
const [{ normalize }, { detectLanguage }, { loadRulePacks }, { features }] = await Promise.all(
  modules.map((file) => import(pathToFileURL(join(dist, file)).href)),
);
const rules = loadRulePacks();

const toFeatures = new Transform({
  objectMode: true,
  transform(row, _encoding, done) {
    const lang = detectLanguage(row.text);
    const evidence = rules.match(row.text, normalize(row.text), lang);
    done(null, `${JSON.stringify({ lang, f: features({ lang, evidence, models: {} }, ['rules']) })}\n`);
  },
});
await pipeline(createReadStream(input), parse({ columns: true }), toFeatures, createWriteStream(output));
