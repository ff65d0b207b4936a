/**
 * eld's language detector (efficient-language-detector-js 2.1.0, Copyright 2023 Nito T.M., Apache License 2.0)
 * over its 'extrasmall' database, ported so that the database loads from the compact table the build writes (eld-table.ts):
 * importing eld/extrasmall builds 50,000 objects from a 950 kB object literal, about half a second of every cold start.
 * Same steps and arithmetic as eld's detect(), so the same answer for every text (tests/lang/eld.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BasiraError } from '../errors.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { EldTable } from './eld-table.js';

/** Written by the build (src/precompile.ts); read from there whether basira runs from dist/ or its TypeScript sources. */
export const ELD_TABLE_FILE = join(PACKAGE_ROOT, 'dist', 'precompiled', 'eld.json');

// eld subtracted this from every stored score to keep its database small.
const BASE_NGRAM_SCORE = 53;
// eld reads the first 1000 UTF-16 units, then cuts at a word end after 350 bytes, or anywhere after 380.
const MAX_UNITS = 1000;
const CUT_AFTER = 350;
const ENFORCE_CUT_AFTER = 380;
const MAX_WORD = 70;

/**
 * The n-grams in an open-addressing hash table over `bytes`, so that loading makes no string or object per n-gram
 * (50,000 of them cost more in allocation and garbage collection than the lookups save).
 */
interface Table {
  bytes: Buffer;
  /** Per slot: 1 + the offset of an n-gram's key in `bytes`, or 0 for an empty slot. */
  slots: Int32Array;
  mask: number;
  languages: readonly string[];
  /** Character standing for each UTF-8 byte. */
  dictionary: string;
  /** Runs of word separators. */
  separators: RegExp;
}

let table: Table | undefined;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over character codes, which are all below 256 in keys and in the n-grams looked up. */
function hashOf(key: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

function loadTable(): Table {
  let data: EldTable;
  try {
    data = JSON.parse(readFileSync(ELD_TABLE_FILE, 'utf8')) as EldTable;
  } catch (e) {
    throw new BasiraError('E_MODEL', `cannot read the language table ${ELD_TABLE_FILE} (${(e as Error).message})`, 'build basira first: npm run build');
  }
  const bytes = Buffer.from(data.ngrams, 'base64');
  // At most half full, so that probe runs stay short.
  const size = 2 ** Math.ceil(Math.log2(2 * data.ngramCount));
  const slots = new Int32Array(size);
  const mask = size - 1;
  for (let start = 0; start < bytes.length; ) {
    let h = FNV_OFFSET;
    let end = start;
    for (; bytes[end] !== 0; end++) h = Math.imul(h ^ bytes[end]!, FNV_PRIME);
    let slot = (h >>> 0) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = start + 1;
    start = end + 2 + 2 * bytes[end + 1]!;
  }
  return { bytes, slots, mask, languages: data.languages, dictionary: data.dictionary, separators: new RegExp(data.separators, 'gu') };
}

/** Offset of the n-gram's language count in `bytes`, or -1 when the database does not have it. */
function lookup({ bytes, slots, mask }: Table, ngram: string): number {
  for (let slot = hashOf(ngram) & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
    const start = slots[slot]! - 1;
    let i = 0;
    while (i < ngram.length && bytes[start + i] === ngram.charCodeAt(i)) i++;
    if (i === ngram.length && bytes[start + i] === 0) return start + i + 1;
  }
  return -1;
}

/** Words as strings of UTF-8 bytes, each byte spelled by its DICTIONARY character (ASCII kept as is). */
function byteWords(text: string, dictionary: string): string[] {
  const words: string[] = [];
  let encoded = '';
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      if (code === 32) {
        if (encoded !== '') {
          words.push(encoded);
          encoded = '';
        }
        if (count > CUT_AFTER) break;
      } else encoded += text[i];
      count++;
    } else if (code < 0x800) {
      encoded += dictionary[0xc0 | (code >> 6)]! + dictionary[0x80 | (code & 0x3f)]!;
      count += 2;
    } else if (code < 0xd800 || code >= 0xe000) {
      encoded += dictionary[0xe0 | (code >> 12)]! + dictionary[0x80 | ((code >> 6) & 0x3f)]! + dictionary[0x80 | (code & 0x3f)]!;
      count += 3;
    } else {
      // A surrogate: combined with the next unit whatever it is, as eld does.
      i++;
      code = 0x10000 + (((code & 0x3ff) << 10) | (text.charCodeAt(i) & 0x3ff));
      encoded +=
        dictionary[0xf0 | (code >> 18)]! +
        dictionary[0x80 | ((code >> 12) & 0x3f)]! +
        dictionary[0x80 | ((code >> 6) & 0x3f)]! +
        dictionary[0x80 | (code & 0x3f)]!;
      count += 4;
    }
    if (count > ENFORCE_CUT_AFTER) break;
  }
  if (encoded !== '') words.push(encoded);
  return words;
}

/** 4-byte n-grams at a stride of 3 ("␣" marks a word start), and each word's last 4 bytes with a closing "␣". */
function byteNgrams(words: readonly string[]): Set<string> {
  const ngrams = new Set<string>();
  for (const word of words) {
    const len = Math.min(word.length, MAX_WORD);
    let j = 0;
    for (; j + 4 < len; j += 3) ngrams.add((j === 0 ? ' ' : '') + word.substring(j, j + 4));
    ngrams.add((j === 0 ? ' ' : '') + word.substring(len !== 3 ? len - 4 : 0) + ' ');
  }
  return ngrams;
}

/** ISO 639-1 code of the best-scoring language, or '' when no n-gram of the text is in the database. */
export function detectEld(text: string): string {
  const loaded = (table ??= loadTable());
  const { bytes, languages } = loaded;
  const clean = text.substring(0, MAX_UNITS).replace(loaded.separators, ' ').trim().toLowerCase();
  const scores = new Float64Array(languages.length);
  for (const ngram of byteNgrams(byteWords(clean, loaded.dictionary))) {
    const start = lookup(loaded, ngram);
    if (start < 0) continue;
    const end = start + 1 + 2 * bytes[start]!;
    for (let k = start + 1; k < end; k += 2) scores[bytes[k]!]! += bytes[k + 1]! + BASE_NGRAM_SCORE;
  }
  // The first language with the highest positive score, as eld's getMaxLang.
  let best = -1;
  let max = 0;
  for (let l = 0; l < scores.length; l++) {
    if (scores[l]! > max) {
      max = scores[l]!;
      best = l;
    }
  }
  return best < 0 ? '' : languages[best]!;
}
