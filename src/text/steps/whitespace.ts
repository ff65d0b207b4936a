/** Every run of whitespace (newlines included) becomes one space; none at the ends. */
import { rewrite } from '../aligned.js';
import { named } from './step.js';

// Only the whitespace that has to change: a run at either end, a run of two or more, or a single
// character other than the space. \s misses NEL (U+0085), which arrives in texts decoded from Latin-1.
const WHITESPACE = /^[\s\u0085]+|[\s\u0085]+$|[\s\u0085]{2,}|[^\S ]|\u0085/g;

export const whitespace = named('whitespace', (a) =>
  rewrite(a, WHITESPACE, (m, ed) => {
    const i = m.index;
    const j = i + m[0].length;
    if (i === 0 || j === a.text.length) ed.remove(i, j, false);
    else ed.replace(i, j, ' ');
  }),
);
