/** Every run of whitespace (newlines included) becomes one space; none at the ends. */
import { rewrite } from '../aligned.js';
import { named } from './step.js';

// \s misses NEL (U+0085), which arrives in texts decoded from Latin-1.
const WHITESPACE = /[\s\u0085]+/g;

export const whitespace = named('whitespace', (a) =>
  rewrite(a, WHITESPACE, (m, b) => {
    const i = m.index;
    const j = i + m[0].length;
    if (i === 0 || j === a.text.length) b.drop(i, j, false);
    else if (m[0] === ' ') b.copy(i, j);
    else b.emit(' ', i, j);
  }),
);
