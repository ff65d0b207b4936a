/** Words of normalised text: what rules match on and what evidence spans cover. */

export interface Token {
  text: string;
  /** Code points of the normalised text; end exclusive. */
  start: number;
  end: number;
}

// An emoji (flags, keycaps and ZWJ families included) is one token; otherwise a token is a maximal
// run of letters, digits and marks. Punctuation, apostrophes and hyphens separate tokens: rules match
// phrases, so "l'etat" and "al-dawla" are two tokens each. Built at run time: the v flag is newer
// than the ES2022 target the compiler checks regex literals against.
const WORD = '[\\p{L}\\p{N}\\p{M}]+';
const WORDS = new RegExp(WORD, 'gv');
// \p{RGI_Emoji} costs some 60 ms to compile and first run, so it is built for the first text that could hold an
// emoji: every RGI emoji starts with an Emoji code point other than #*0-9, or is a keycap (#*0-9, U+FE0F, U+20E3)
// (UTS #51; checked against V8's \p{RGI_Emoji} over every code point). In a text with neither, the emoji
// alternative never matches, and WORDS tokenises it alike.
const MAY_HOLD_EMOJI = new RegExp('[#*0-9]\\uFE0F|[\\p{Emoji}--[#*0-9]]', 'v');
let emojiOrWords: RegExp | undefined;

function tokenPattern(text: string): RegExp {
  if (emojiOrWords === undefined && !MAY_HOLD_EMOJI.test(text)) return WORDS;
  emojiOrWords ??= new RegExp(`\\p{RGI_Emoji}|${WORD}`, 'gv');
  return emojiOrWords;
}

export function tokenize(normalizedText: string): Token[] {
  const tokens: Token[] = [];
  let unit = 0;
  let cp = 0;
  for (const m of normalizedText.matchAll(tokenPattern(normalizedText))) {
    cp += codePoints(normalizedText, unit, m.index);
    const len = codePoints(m[0], 0, m[0].length);
    tokens.push({ text: m[0], start: cp, end: cp + len });
    cp += len;
    unit = m.index + m[0].length;
  }
  return tokens;
}

/** Code points in s[from, to) (UTF-16 units); a lone surrogate counts as one, as Array.from does. */
function codePoints(s: string, from: number, to: number): number {
  let n = 0;
  for (let u = from; u < to; u++) {
    const c = s.charCodeAt(u);
    if (c >= 0xd800 && c <= 0xdbff && u + 1 < to) {
      const d = s.charCodeAt(u + 1);
      if (d >= 0xdc00 && d <= 0xdfff) u++;
    }
    n++;
  }
  return n;
}
