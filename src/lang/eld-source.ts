/** eld's own database, dictionary and separator pattern, read from its installed files (not part of its public API). */
import { readFileSync } from 'node:fs';

// The same relative path from src/lang/ and dist/lang/.
const ELD = new URL('../../node_modules/eld/', import.meta.url);

export interface EldSource {
  version: string;
  ngramsData: { type: string; languages: Record<number, string>; ngrams: Record<string, Record<number, number>> };
  dictionary: string[];
  separators: RegExp;
}

export async function eldSource(): Promise<EldSource> {
  const { version } = JSON.parse(readFileSync(new URL('package.json', ELD), 'utf8')) as { version: string };
  const [{ ngramsData }, { dictionary }, { separators }] = await Promise.all([
    import(new URL('src/ngrams/extrasmall.js', ELD).href) as Promise<Pick<EldSource, 'ngramsData'>>,
    import(new URL('src/dictionary.js', ELD).href) as Promise<Pick<EldSource, 'dictionary'>>,
    import(new URL('src/regexPatterns.js', ELD).href) as Promise<Pick<EldSource, 'separators'>>,
  ]);
  return { version, ngramsData, dictionary, separators };
}
