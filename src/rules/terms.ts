/** Terms are written naturally; they become token sequences through exactly the normaliser and tokeniser that posts go through. */
import { normalize } from '../text/normalize.js';
import { tokenize } from '../text/tokenize.js';

export function termTokens(term: string): string[] {
  return tokenize(normalize(term).text).map((t) => t.text);
}
