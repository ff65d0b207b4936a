/**
 * Which packs read a post. The ar pack reads every post (Arabic-script names and slogans turn up in posts of
 * every language); the pack of the detected language reads it; the en pack reads every post with Latin letters
 * (English and Latin transliterations of group vocabulary are the lingua franca of the other European languages).
 */
const LATIN = /\p{Script=Latin}/u;

export function packsForPost(lang: string, normalizedText: string, available: ReadonlySet<string>): string[] {
  const wanted = new Set<string>(['ar', lang]);
  if (LATIN.test(normalizedText)) wanted.add('en');
  return [...wanted].filter((l) => available.has(l)).sort();
}
