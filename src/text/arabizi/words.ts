/** Latin words of a cleaned post and their lexicon entries, shared by detection and transliteration. */
import { arabiziKey, LEXICON, type LexiconEntry } from './lexicon.js';

// A Latin word (apostrophes allowed inside, for 3' and insha'allah); never part of a mention or a domain.
export const WORD = /(?<![\p{L}\p{N}\p{M}@.'_])[a-z0-9][a-z0-9']*(?![\p{L}\p{N}\p{M}]|\.\p{L})/gu;
export const HAS_LETTER = /[a-z]/;

// Lexicon keys of the words seen so far: posts repeat the same words, and arabiziKey() is many regex passes.
const keys = new Map<string, string>();
const MAX_CACHED_KEYS = 100_000;

export function lookup(word: string): LexiconEntry | undefined {
  let key = keys.get(word);
  if (key === undefined) {
    if (keys.size >= MAX_CACHED_KEYS) keys.clear();
    key = arabiziKey(word);
    keys.set(word, key);
  }
  return LEXICON.get(key);
}
