/**
 * eld's 'extrasmall' language database as one compact table, written to dist/precompiled/eld.json by the build
 * (src/precompile.ts) from the installed eld package, and read by eld.ts (ELD_TABLE_FILE). Importing eld/extrasmall
 * parses a 950 kB object literal into 50,000 objects, about half a second of every cold start; the table loads in
 * milliseconds.
 *
 * `ngrams` (bytes, base64): per n-gram, its key (Latin-1: eld's keys are UTF-8 bytes spelled with the 256 characters
 * of its dictionary), a 0 byte, the number of languages n, then n pairs (language index, score).
 */
import { eldSource } from './eld-source.js';

export interface EldTable {
  /** eld's version and database, for the record. */
  source: string;
  languages: string[];
  /** Character standing for each UTF-8 byte. */
  dictionary: string;
  /** Source of the word-separator pattern (flags gu). */
  separators: string;
  ngramCount: number;
  ngrams: string;
}

export async function eldTable(): Promise<EldTable> {
  const { version, ngramsData, dictionary, separators } = await eldSource();
  if (separators.flags !== 'gu') throw new Error(`eld's separator pattern has flags ${separators.flags}, expected gu`);
  if (dictionary.length !== 256) throw new Error(`eld's dictionary has ${dictionary.length} entries, expected 256`);
  const languages = Object.keys(ngramsData.languages)
    .map(Number)
    .sort((a, b) => a - b)
    .map((i, k) => {
      if (i !== k) throw new Error(`eld language indices are not 0..n-1 (${i} at ${k})`);
      return ngramsData.languages[i]!;
    });
  const bytes: number[] = [];
  const entries = Object.entries(ngramsData.ngrams);
  for (const [key, scores] of entries) {
    for (const ch of key) {
      const code = ch.charCodeAt(0);
      if (code === 0 || code > 0xff) throw new Error(`eld n-gram ${JSON.stringify(key)} is not Latin-1 without NUL`);
      bytes.push(code);
    }
    const pairs = Object.entries(scores).map(([lang, score]) => [Number(lang), score] as const);
    if (pairs.length > 0xff || pairs.some(([l, s]) => l > 0xff || !Number.isInteger(s) || s < 0 || s > 0xff)) {
      throw new Error(`eld n-gram ${JSON.stringify(key)} has scores that do not fit a byte`);
    }
    bytes.push(0, pairs.length, ...pairs.flat());
  }
  return {
    source: `eld ${version}, database ${ngramsData.type} (Copyright 2023 Nito T.M., Apache License 2.0)`,
    languages,
    dictionary: dictionary.join(''),
    separators: separators.source,
    ngramCount: entries.length,
    ngrams: Buffer.from(bytes).toString('base64'),
  };
}
