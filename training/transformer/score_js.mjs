// Scores the `norm` column of a CSV with the shipped model through basira's own loader (dist/model/transformer.js:
// transformers.js + onnxruntime), one JSON line per row: {"ids": token ids as packed, "logits": [...]}.
// check.py compares these with the Python WordPiece and PyTorch on every dev post.
// Usage: node training/transformer/score_js.mjs MODEL_DIR IN.csv OUT.jsonl
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const [modelDir, input, output] = process.argv.slice(2);
if (!modelDir || !input || !output) {
  console.error('usage: node training/transformer/score_js.mjs MODEL_DIR IN.csv OUT.jsonl');
  process.exit(2);
}
if (!existsSync(join(dist, 'model/transformer.js'))) {
  console.error(`error: ${join(dist, 'model/transformer.js')} is missing; build first: npx tsc -p tsconfig.build.json`);
  process.exit(2);
}
const { loadTransformer } = await import(pathToFileURL(join(dist, 'model/transformer.js')).href);
const scorer = await loadTransformer(modelDir, { batchSize: 64, threads: 1 });
const out = createWriteStream(output);

async function flush(texts) {
  const batch = scorer.tokenize(texts);
  const { logits } = await scorer.score(texts);
  for (let row = 0; row < texts.length; row++) {
    const ids = Array.from(batch.inputIds.subarray(row * batch.seqLength, (row + 1) * batch.seqLength), Number);
    const mask = Array.from(batch.attentionMask.subarray(row * batch.seqLength, (row + 1) * batch.seqLength), Number);
    const end = mask.indexOf(0) === -1 ? ids.length : mask.indexOf(0);
    if (!out.write(`${JSON.stringify({ ids: ids.slice(0, end), logits: logits[row] })}\n`)) await once(out, 'drain');
  }
}

let texts = [];
for await (const row of createReadStream(input).pipe(parse({ columns: true }))) {
  texts.push(row.norm);
  if (texts.length === 512) {
    await flush(texts);
    texts = [];
  }
}
if (texts.length > 0) await flush(texts);
out.end();
await once(out, 'finish');
await scorer.dispose();
