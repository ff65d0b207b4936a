/**
 * Measures language-identification candidates on short posts in basira's languages, so the choice in
 * src/lang/detect.ts rests on numbers: `npm run bench:lang [-- DATA_DIR]`.
 * Gold languages come from the `lang` column of ../shared/data; posts are capped per language.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { eld } from 'eld/large';
import { eld as eldMedium } from 'eld/medium';
import { eld as eldSmall } from 'eld/small';
import { eld as eldXs } from 'eld/extrasmall';
import { detect as tinyDetect } from 'tinyld/heavy';
import { franc } from 'franc';
import { detectLanguage } from '../src/lang/detect.js';

const DATA = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'data');
const LANGS = ['ar', 'en', 'fr', 'de', 'it', 'es', 'nl'];
const PER_LANG = 300;
const FILES = [
  'labelled/translated.csv',
  'labelled/fifthtribe.csv',
  'negatives/germeval2018_train.csv',
  'negatives/hateval2019_en_train.csv',
  'negatives/hateval2019_es_train.csv',
  'negatives/mlma_ar.csv',
  'negatives/osact2022_train.csv',
];

/** franc answers ISO 639-3; map the ones we care about to 639-1. */
const ISO3: Record<string, string> = {
  arb: 'ar', ary: 'ar', arz: 'ar', apc: 'ar', eng: 'en', fra: 'fr', deu: 'de', ita: 'it', spa: 'es', nld: 'nl',
  urd: 'ur', pes: 'fa', tur: 'tr', rus: 'ru', ind: 'id', por: 'pt',
};

function sample(): { text: string; lang: string }[] {
  const byLang = new Map<string, { text: string; lang: string }[]>();
  for (const f of FILES) {
    const rows = parse(readFileSync(join(DATA, f)), { columns: true, bom: true }) as Record<string, string>[];
    for (const r of rows) {
      const lang = r.lang ?? '';
      const text = (r.text ?? '').trim();
      if (!LANGS.includes(lang) || text.length < 10 || text.length > 280) continue;
      const list = byLang.get(lang) ?? [];
      if (list.length < PER_LANG) list.push({ text, lang });
      byLang.set(lang, list);
    }
  }
  return [...byLang.values()].flat();
}

const candidates: Record<string, (t: string) => string> = {
  'eld/large': (t) => eld.detect(t).language || 'und',
  'eld/medium': (t) => eldMedium.detect(t).language || 'und',
  'eld/small': (t) => eldSmall.detect(t).language || 'und',
  'eld/extrasmall': (t) => eldXs.detect(t).language || 'und',
  'tinyld/heavy': (t) => tinyDetect(t) || 'und',
  franc: (t) => ISO3[franc(t, { minLength: 3 })] ?? 'und',
  'basira (src/lang/detect.ts)': (t) => detectLanguage(t),
};

const posts = sample();
console.error(`posts: ${posts.length} (${LANGS.map((l) => `${l} ${posts.filter((p) => p.lang === l).length}`).join(', ')})`);
const header = ['detector', ...LANGS, 'all', 'posts/s'];
console.log(header.join('\t'));
for (const [name, fn] of Object.entries(candidates)) {
  const ok = new Map<string, number>();
  const t0 = performance.now();
  let correct = 0;
  for (const p of posts) {
    if (fn(p.text) === p.lang) {
      correct++;
      ok.set(p.lang, (ok.get(p.lang) ?? 0) + 1);
    }
  }
  const secs = (performance.now() - t0) / 1000;
  const cells = LANGS.map((l) => ((ok.get(l) ?? 0) / Math.max(1, posts.filter((p) => p.lang === l).length)).toFixed(3));
  console.log([name, ...cells, (correct / posts.length).toFixed(3), Math.round(posts.length / secs)].join('\t'));
}
