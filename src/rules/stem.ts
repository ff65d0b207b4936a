/** The stemmer of each pack language (the matcher caches their results per token). */
import porterEn from 'natural/lib/natural/stemmers/porter_stemmer.js';
import porterFr from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';
import porterDe from 'natural/lib/natural/stemmers/porter_stemmer_de.js';
import porterIt from 'natural/lib/natural/stemmers/porter_stemmer_it.js';
import porterEs from 'natural/lib/natural/stemmers/porter_stemmer_es.js';
import porterNl from 'natural/lib/natural/stemmers/porter_stemmer_nl.js';
import { stemArabic } from './arabicStem.js';

export type Stem = (token: string) => string;

const STEMMERS: Record<string, Stem> = {
  ar: stemArabic,
  en: (t) => porterEn.stem(t),
  fr: (t) => porterFr.stem(t),
  de: (t) => porterDe.stem(t),
  it: (t) => porterIt.stem(t),
  es: (t) => porterEs.stem(t),
  nl: (t) => porterNl.stem(t),
};

export const STEM_LANGUAGES: readonly string[] = Object.keys(STEMMERS);

/** The stemmer for a pack language; throws for a language without one (the schema admits only those with one). */
export function stemmerFor(lang: string): Stem {
  const stem = STEMMERS[lang];
  if (stem === undefined) throw new Error(`no stemmer for language "${lang}"`);
  // Never let a stem erase a token: natural's stemmers can return '' or undefined on degenerate input.
  return (token) => stem(token) || token;
}
