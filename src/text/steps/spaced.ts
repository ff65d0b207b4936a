/** Words spelt out letter by letter to dodge filters: "j.i.h.a.d", "j-i-h-a-d", "j i h a d", "ج ه ا د". */
import { rewrite } from '../aligned.js';
import { named } from './step.js';

const ITEM = '[\\p{L}\\p{N}]\\p{M}*';
// Whitespace as the whitespace step sees it (\s misses NEL), and the underscore, which a hashtag
// turns into a space.
const WS = '[\\s\\u0085_]';
// A letter glued to a dot and a word is part of a host name (x.c o m, a b c.com), not spelt out.
const BEFORE = '(?<![\\p{L}\\p{N}\\p{M}]|[\\p{L}\\p{N}]\\.)';
const AFTER = '(?![\\p{L}\\p{N}\\p{M}]|\\.[\\p{L}\\p{N}])';
// Three or more single letters (or leet digits) separated by whitespace, or by the same punctuation
// mark each time (with optional spaces around it). A whitespace run stops before an item that starts
// a punctuation run ("j i h a d j-i-h-a-d").
const SPACED = new RegExp(
  `${BEFORE}${ITEM}(?:(?:${WS}+${ITEM}){2,}(?!${WS}*[-.*·•|/~][\\p{L}\\p{N}])|${WS}*([-.*·•|/~])${WS}*${ITEM}(?:${WS}*\\1${WS}*${ITEM})+)${AFTER}`,
  'gu',
);
const ITEMS = new RegExp(ITEM, 'gu');
const LETTER = /\p{L}/u;
const ARABIC = /\p{Script=Arabic}/u;

export const spacedLetters = named('spaced_letters', (a) =>
  rewrite(a, SPACED, (m, ed) => {
    const items = [...m[0].matchAll(ITEMS)];
    const letters = items.filter((it) => LETTER.test(it[0]));
    const arabic = letters.filter((it) => ARABIC.test(it[0])).length;
    // Mostly letters (so "1 2 3" and "1.2.3" stay numbers) and all from one script.
    const join = letters.length >= 2 && letters.length * 2 >= items.length && (arabic === 0 || arabic === letters.length);
    if (!join) return;
    let pos = m.index + items[0]![0].length;
    for (const it of items.slice(1)) {
      const i = m.index + it.index;
      ed.remove(pos, i, true);
      pos = i + it[0].length;
    }
  }),
);
