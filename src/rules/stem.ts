/** The stemmer of each pack language (the matcher caches their results per token). */
import { createRequire } from 'node:module';
import { stemArabic } from './arabicStem.js';

export type Stem = (token: string) => string;

interface NaturalStemmer {
  stem(token: string): string;
}

// natural's stemmers are CommonJS; each is required on its first word, so a run loads only the languages its posts
// need: imported together up front, they cost up to a tenth of a second of every start.
const require = createRequire(import.meta.url);
const NATURAL_MODULES: Record<string, string> = {
  en: 'natural/lib/natural/stemmers/porter_stemmer.js',
  fr: 'natural/lib/natural/stemmers/porter_stemmer_fr.js',
  de: 'natural/lib/natural/stemmers/porter_stemmer_de.js',
  it: 'natural/lib/natural/stemmers/porter_stemmer_it.js',
  es: 'natural/lib/natural/stemmers/porter_stemmer_es.js',
  nl: 'natural/lib/natural/stemmers/porter_stemmer_nl.js',
};

function natural(module: string): Stem {
  let stemmer: NaturalStemmer | undefined;
  return (token) => {
    stemmer ??= require(module) as NaturalStemmer;
    return stemmer.stem(token);
  };
}

const STEMMERS: Record<string, Stem> = {
  ar: stemArabic,
  ...Object.fromEntries(Object.entries(NATURAL_MODULES).map(([lang, module]) => [lang, natural(module)])),
};

export const STEM_LANGUAGES: readonly string[] = Object.keys(STEMMERS);

/** The stemmer for a pack language; throws for a language without one (the schema admits only those with one). */
export function stemmerFor(lang: string): Stem {
  const stem = STEMMERS[lang];
  if (stem === undefined) throw new Error(`no stemmer for language "${lang}"`);
  // Never let a stem erase a token: natural's stemmers can return '' or undefined on degenerate input.
  return (token) => stem(token) || token;
}
