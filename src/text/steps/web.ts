/** Social-media and web markup: HTML entities left by scrapers, URLs, @mentions and #hashtags. */
import { rewrite, type Editor } from '../aligned.js';
import { isInvisible } from './invisible.js';
import { named } from './step.js';

const NAMED_ENTITIES: Record<string, string> = { amp: '&', gt: '>', lt: '<', quot: '"', apos: "'", nbsp: '\u00a0' };
// Leading "&amp;" links are consumed with the entity they escape, so "&amp;gt;" decodes to ">" at once.
const ENTITY = /&(?:amp;|#0*38;|#x0*26;)*(amp|gt|lt|quot|apos|nbsp|#\d{1,7}|#x[0-9a-f]{1,6});/gi;

export const htmlEntities = named('html_entities', (a) => {
  if (!a.text.includes('&')) return a;
  return rewrite(a, ENTITY, (m, ed) => {
    const out = decodeEntity(m[1]!.toLowerCase());
    if (out !== null) ed.replace(m.index, m.index + m[0].length, out);
  });
});

function decodeEntity(name: string): string | null {
  const named = NAMED_ENTITIES[name];
  if (named !== undefined) return named;
  const cp = name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  const c = String.fromCodePoint(cp);
  // Runs after the invisible characters are gone, so an escaped one must not come back.
  return isInvisible(c) ? '' : c;
}

// Letters of the scripts that host names and URL paths use in practice (ASCII, Latin, Greek,
// Cyrillic), so a URL glued to Arabic text ends where the Arabic starts. Plain ranges, no /u: fast.
const URL_CHAR = "[!#$%&'()*+,\\-./0-9:;=?@A-Z\\[\\]_a-z~\\u00C0-\\u024F\\u0370-\\u052F]";
// scheme://…, www.… (repeated_letters has already made it ww.), or a bare host followed by a path
// (t.co/xyz). The lookbehinds keep a URL from starting inside a word; a scheme may follow a full stop
// (Arabic sentences often end glued to a link: "…دمشق.https://t.co/x").
const URL = new RegExp(
  `(?:(?<![a-z0-9_@/-])(?:https?|ftp)://|(?<![a-z0-9_@./-])(?:ww+\\.|(?=(?:[a-z0-9-]+\\.)+[a-z]{2,}/)))${URL_CHAR}+`,
  'gi',
);
const MAYBE_URL = /\/|ww\./;
const LETTER_BEFORE = /[\p{L}\p{N}\p{M}]$/u;
// Given back to the text after a URL. Not ';': "&http://amp;" must not turn into the entity "&amp;".
const TRAILING_PUNCT = /[.,:!?)\]'"]+$/;
const SCHEME = /^[a-z]+:\/\//i;
const WWW = /^(?:ww+\.)+/i;
const HOST_PART = /^[^/?#]*/;
// The host proper; a port or anything else before the path is dropped with the path.
const HOST = /^[a-z0-9.\-\u00C0-\u024F\u0370-\u052F]*/i;

/** Keeps the host: "https://www.Example.com:8080/a?b" → "example.com" (case_fold has run). */
export const url = named('url', (a) => {
  if (!MAYBE_URL.test(a.text)) return a;
  return rewrite(a, URL, (m, ed) => {
    const start = m.index;
    if (LETTER_BEFORE.test(a.text.slice(Math.max(0, start - 2), start))) return;
    const body = m[0].replace(TRAILING_PUNCT, '');
    const end = start + body.length;
    const afterScheme = SCHEME.exec(body)?.[0].length ?? 0;
    const hostPart = HOST_PART.exec(body.slice(afterScheme))![0];
    const afterUser = afterScheme + hostPart.lastIndexOf('@') + 1;
    const host = HOST.exec(body.slice(afterUser))![0];
    const www = WWW.exec(host)?.[0].length ?? 0;
    const hostStart = start + afterUser + www;
    const hostEnd = start + afterUser + host.length;
    if (hostEnd <= hostStart) {
      // No host ("https://#tag", "www./x"): a broken link; drop it, or what follows the scheme could
      // read as a URL after later steps.
      ed.remove(start, end, false);
      return;
    }
    // A host without a dot (www.a, http://localhost) stays as written: reduced to a bare word it could
    // join the single letters around it (a www.a a → a a a).
    if (!a.text.slice(hostStart, hostEnd).includes('.')) return;
    ed.remove(start, hostStart, false);
    ed.remove(hostEnd, end, true);
  });
});

// Each run of '@' is tried once (the lookbehind), so a long run cannot make the search quadratic.
const MENTION = /(?<!@)@+[\p{L}\p{N}\p{M}_]+/gu;
const NOT_BEFORE_MENTION = /[\p{L}\p{N}\p{M}_]$/u;
const USER = '@user';

/** Masks handles: who is addressed says nothing stable about the post, and handles are personal data. */
export const mention = named('mention', (a) => {
  if (!a.text.includes('@')) return a;
  return rewrite(a, MENTION, (m, ed) => {
    // "a@b" is an email or leetspeak, and "@@b" is no handle.
    const at = m.index + m[0].lastIndexOf('@');
    if (at > m.index || NOT_BEFORE_MENTION.test(a.text.slice(Math.max(0, at - 2), at))) return;
    if (m[0] !== USER) ed.replace(at, m.index + m[0].length, USER);
  });
});

// $ and @ belong to the tag as they belong to a word for leetspeak ($ and @ can be letters; #@name is
// a mention). A tag does not start after a letter or a URL path character ("x.com/#Top_Stories" is a
// fragment, dropped with the path), but may after '_': "#a_#b" is two tags.
const HASHTAG = /(?<!#)#+(_*[\p{L}\p{N}$@][\p{L}\p{N}\p{M}_$@]*)/gu;
const NOT_BEFORE_TAG = /[\p{L}\p{N}\p{M}#/=?&]$/u;
// Word boundaries inside CamelCase tags: "JoinThe" (lower→Upper) and "ISISFighters" (Upper→Upper+lower).
const CAMEL = /(?<=\p{Ll})\p{Lu}|(?<=\p{Lu})\p{Lu}(?=\p{Ll})/gu;

/** "#دولة_الخلافة" → "دولة الخلافة", "#JoinTheCaliphate" → "Join The Caliphate": tags read as words. */
export const hashtag = named('hashtag', (a) => {
  if (!a.text.includes('#')) return a;
  return rewrite(a, HASHTAG, (m, ed) => {
    if (NOT_BEFORE_TAG.test(a.text.slice(Math.max(0, m.index - 2), m.index))) return;
    const bodyStart = m.index + m[0].length - m[1]!.length;
    ed.remove(m.index, bodyStart, false);
    splitTagBody(ed, m[1]!, bodyStart);
  });
});

function splitTagBody(ed: Editor, body: string, offset: number): void {
  const camel = new Set<number>();
  for (const c of body.matchAll(CAMEL)) camel.add(c.index);
  for (let i = 0; i < body.length; i++) {
    if (body.charCodeAt(i) === 0x5f) {
      ed.replace(offset + i, offset + i + 1, ' ');
    } else if (camel.has(i)) {
      // The inserted space shares the range of the capital it precedes.
      const letter = String.fromCodePoint(body.codePointAt(i)!);
      ed.replace(offset + i, offset + i + letter.length, ` ${letter}`);
    }
  }
}
