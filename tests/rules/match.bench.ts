/**
 * Throughput of normalise + rules on real tweet-length posts (one core): `npx vitest bench tests/rules --run`.
 * Posts per second = reported hz × POSTS. Reads ../shared/data (not shipped); skips when it is absent.
 */
import { bench, describe } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadRulePacks } from '../../src/rules/load.js';
import { normalize } from '../../src/text/normalize.js';

const DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const SOURCES: [string, string][] = [
  ['unlabelled/fifthtribe.csv', 'en'],
  ['negatives/osact2022_train.csv', 'ar'],
  ['negatives/mlma_ar.csv', 'ar'],
  ['negatives/germeval2018_train.csv', 'de'],
  ['negatives/hateval2019_es_train.csv', 'es'],
];
const PER_SOURCE = 400;
const POSTS = SOURCES.length * PER_SOURCE;

function posts(): { text: string; lang: string }[] {
  return SOURCES.flatMap(([file, lang]) => {
    const rows = parse(readFileSync(path.join(DATA, file)), { columns: true, to: PER_SOURCE + 1 }) as { text: string }[];
    return rows.slice(0, PER_SOURCE).map((r) => ({ text: r.text, lang }));
  });
}

describe.skipIf(!existsSync(DATA))(`${POSTS} posts`, () => {
  const sample = existsSync(DATA) ? posts() : [];
  const rules = loadRulePacks();

  bench('normalise + rules', () => {
    for (const p of sample) rules.match(p.text, normalize(p.text), p.lang);
  }, { time: 3000 });

  bench('normalise only', () => {
    for (const p of sample) normalize(p.text);
  }, { time: 3000 });
});
