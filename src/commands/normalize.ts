/** `basira normalize`: what the normaliser makes of a text, for people checking why a rule did or didn't fire. */
import { arabiziView, normalize } from '../text/normalize.js';
import { tokenize } from '../text/tokenize.js';

export interface NormalizeResult {
  original: string;
  normalized: string;
  steps: string[];
  /** The Arabic-script reading of a Latin-script Arabic (Arabizi) post; null when the post is not Arabizi. */
  arabizi: string | null;
  tokens: string[];
}

export function normalizeCommand(text: string): NormalizeResult {
  const n = normalize(text);
  return {
    original: text,
    normalized: n.text,
    steps: n.steps,
    arabizi: arabiziView(text)?.text ?? null,
    tokens: tokenize(n.text).map((t) => t.text),
  };
}
