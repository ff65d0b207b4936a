/**
 * Light stemmer for NORMALISED Arabic (after أإآ→ا, ة→ه, ى→ي), after Larkey's light10.
 * Snowball Arabic (multilingual-stemmer) was measured and rejected: it expects ة and stems normalised
 * text inconsistently (دوله→دول but الدوله→دوله, والدوله→والدول) and over-stems names (الفرقان→فرق, ولايه→ولا).
 * Steps: strip the conjunction و, then one article (ال, لل, بال, كال, فال), then و again (so الولايه and
 * ولايه agree), then the suffixes ها ات ون ين يه هم ه ي in that order; every strip must leave ≥ 3 letters
 * (≥ 2 after an article), so short roots stay whole and ولا ("and not") never collides with a stem.
 */

const ARABIC_WORD = /^[\u0621-\u063A\u0641-\u064A]+$/u;
const ARTICLES = ['بال', 'كال', 'فال', 'لل', 'ال'];
const SUFFIXES = ['ها', 'ات', 'ون', 'ين', 'يه', 'هم', 'ه', 'ي'];
const MIN_STEM = 3;

// "Allah" with its clitics would otherwise shrink to له ("to him").
const ALLAH = new Map<string, string>([
  ['الله', 'الله'],
  ['والله', 'الله'],
  ['بالله', 'الله'],
  ['تالله', 'الله'],
  ['فالله', 'الله'],
  ['لله', 'الله'],
  ['ولله', 'الله'],
  ['فلله', 'الله'],
  ['اللهم', 'اللهم'],
  ['واللهم', 'اللهم'],
]);

function stripConjunction(word: string): string {
  return word.startsWith('و') && word.length - 1 >= MIN_STEM ? word.slice(1) : word;
}

export function stemArabic(word: string): string {
  const allah = ALLAH.get(word);
  if (allah !== undefined) return allah;
  if (!ARABIC_WORD.test(word)) return word;
  let stem = stripConjunction(word);
  for (const article of ARTICLES) {
    if (stem.startsWith(article) && stem.length - article.length >= 2) {
      stem = stripConjunction(stem.slice(article.length));
      break;
    }
  }
  for (const suffix of SUFFIXES) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= MIN_STEM) stem = stem.slice(0, -suffix.length);
  }
  return stem;
}
