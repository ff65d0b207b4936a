/** Words spelt out letter by letter to dodge filters: "j.i.h.a.d", "j-i-h-a-d", "j i h a d", "ج ه ا د". */
import { rewrite } from '../aligned.js';
import { named } from './step.js';

const ITEM = '[\\p{L}\\p{N}]\\p{M}*';
// Whitespace as the whitespace step sees it (\s misses NEL), and the underscore, which a hashtag
// turns into a space.
const WS = '[\\s\\u0085_]';
const SEPARATOR = '[-.*·•|/~]';
// A letter glued to a dot and a word is part of a host name (x.c o m), not spelt out.
const BEFORE = '(?<![\\p{L}\\p{N}\\p{M}]|[\\p{L}\\p{N}]\\.)';
// Each item is a single letter: not followed by another letter. In a whitespace run, an item glued to
// a separator and a letter belongs to a host name (a b c.com) or starts a punctuation run (j-i-h-a-d).
const SINGLE = '(?![\\p{L}\\p{N}\\p{M}])';
const WS_ITEM = `${ITEM}(?![\\p{L}\\p{N}\\p{M}]|${SEPARATOR}[\\p{L}\\p{N}])`;
// Three or more single letters (or leet digits) separated by whitespace, or by the same punctuation
// mark with the same spacing each time ("j.i.h.a.d", "J. I. H. A. D", not "U.S. a"). Every check
// sits on its own item, so a failed item ends the run without backtracking: linear time.
const SPACED = new RegExp(
  `${BEFORE}(?:${WS_ITEM}(?:${WS}+${WS_ITEM}){2,}|${ITEM}${SINGLE}(${WS}*${SEPARATOR}${WS}*)${ITEM}${SINGLE}(?:\\1${ITEM}${SINGLE})+)`,
  'gu',
);
const ITEMS = new RegExp(ITEM, 'gu');
// Cheap test first: a run of three has a middle item, one character (with Latin accents, or a
// surrogate pair) between two separators.
const MIDDLE_ITEM = /[\s\u0085_\-.*·•|/~][^\s\u0085_\-.*·•|/~][\u0300-\u036F\uDC00-\uDFFF]*[\s\u0085_\-.*·•|/~]/;
const HOST_AFTER = /^\.[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
const ARABIC = /\p{Script=Arabic}/u;

export const spacedLetters = named('spaced_letters', (a) => {
  if (!MIDDLE_ITEM.test(a.text)) return a;
  return rewrite(a, SPACED, (m, ed) => {
    let items = [...m[0].matchAll(ITEMS)];
    if (HOST_AFTER.test(a.text.slice(m.index + m[0].length))) {
      // "j.i.h.a.d.com" is a host name; in "j-i-h-a-d.com" only the d belongs to it.
      if (m[1]?.trim() === '.') return;
      items = items.slice(0, -1);
    }
    for (const group of byScript(items)) {
      const letters = group.filter((it) => LETTER.test(it[0])).length;
      // At least three items, mostly letters, so "1 2 3" and "1.2.3" stay numbers.
      if (group.length < 3 || letters < 2 || letters * 2 < group.length) continue;
      for (let k = 1; k < group.length; k++) {
        const prev = group[k - 1]!;
        ed.remove(m.index + prev.index + prev[0].length, m.index + group[k]!.index, true);
      }
    }
  });
});

/** Splits a run into stretches of one script ("j i h a d ج ه ا د" is two words); digits go with either. */
function byScript(items: RegExpExecArray[]): RegExpExecArray[][] {
  const groups: RegExpExecArray[][] = [];
  let current: RegExpExecArray[] = [];
  let script: boolean | null = null;
  for (const it of items) {
    const arabic = LETTER.test(it[0]) ? ARABIC.test(it[0]) : null;
    if (arabic !== null && script !== null && arabic !== script) {
      groups.push(current);
      current = [];
    }
    if (arabic !== null) script = arabic;
    current.push(it);
  }
  groups.push(current);
  return groups;
}
