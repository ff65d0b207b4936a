// Adds the columns the lexical trainer needs to a materialised split CSV, computed by basira's own compiled code
// (dist/, from `npx tsc -p tsconfig.build.json`), so Python trains on exactly the text the CLI scores:
//   norm          normalize(text).text
//   lang_detected detectLanguage(text), for rows whose source gives no language (isextreme)
// Usage: node training/lexical/normalize_split.mjs IN.csv OUT.csv   (prints NORMALIZER_VERSION on stdout)
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node training/lexical/normalize_split.mjs IN.csv OUT.csv');
  process.exit(2);
}
for (const file of ['text/normalize.js', 'lang/detect.js']) {
  if (!existsSync(join(dist, file))) {
    console.error(`error: ${join(dist, file)} is missing; build first: npx tsc -p tsconfig.build.json`);
    process.exit(2);
  }
}
const { normalize, NORMALIZER_VERSION } = await import(pathToFileURL(join(dist, 'text/normalize.js')).href);
const { detectLanguage } = await import(pathToFileURL(join(dist, 'lang/detect.js')).href);

const addColumns = new Transform({
  objectMode: true,
  transform(row, _encoding, done) {
    done(null, { ...row, norm: normalize(row.text).text, lang_detected: row.lang ? '' : detectLanguage(row.text) });
  },
});
await pipeline(
  createReadStream(input),
  parse({ columns: true }),
  addColumns,
  stringify({ header: true }),
  createWriteStream(output),
);
process.stdout.write(`${NORMALIZER_VERSION}\n`);
