/** Social-media and web markup: HTML entities left by scrapers, URLs, @mentions and #hashtags. */
import { rewrite, type Builder } from '../aligned.js';
import { isInvisible } from './invisible.js';
import { named } from './step.js';

const NAMED_ENTITIES: Record<string, string> = { amp: '&', gt: '>', lt: '<', quot: '"', apos: "'", nbsp: '\u00a0' };
// Leading "&amp;" links are consumed with the entity they escape, so "&amp;gt;" decodes to ">" in one pass
// and decoding twice gives the same text.
const ENTITY = /&(?:amp;|#0*38;|#x0*26;)*(amp|gt|lt|quot|apos|nbsp|#\d{1,7}|#x[0-9a-f]{1,6});/gi;

/** True when the text still holds an entity, e.g. one that later steps formed by deleting what split it ("&amp;ٓamp;"). */
export function hasEntity(text: string): boolean {
  ENTITY.lastIndex = 0;
  return ENTITY.test(text);
}

export const htmlEntities = named('html_entities', (a) =>
  rewrite(a, ENTITY, (m, b) => {
    const out = decodeEntity(m[1]!.toLowerCase());
    if (out === null) b.copy(m.index, m.index + m[0].length);
    else b.emit(out, m.index, m.index + m[0].length);
  }),
);

function decodeEntity(name: string): string | null {
  const named = NAMED_ENTITIES[name];
  if (named !== undefined) return named;
  const cp = name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  const c = String.fromCodePoint(cp);
  // Runs after the invisible characters are gone, so an escaped one must not come back.
  return isInvisible(c) ? '' : c;
}

// Letters of any script but Arabic, so a URL glued to Arabic text ends where the Arabic starts, and
// so that letters which fold to ASCII later (ß, é) count now as they will then: a text that becomes
// a URL after case folding was one before, which keeps normalisation idempotent.
const URL_LETTER = '(?:(?!\\p{Script=Arabic})[\\p{L}\\p{M}\\p{N}])';
const TLD_LETTER = '(?:(?!\\p{Script=Arabic})\\p{L})';
const URL_CHAR = `(?:${URL_LETTER}|[!#$%&'()*+,\\-./:;=?@\\[\\]_~])`;
// scheme://…, www.…, or a bare host followed by a path (t.co/xyz).
const URL = new RegExp(
  `(?<![\\p{L}\\p{N}\\p{M}_@./-])(?:(?:https?|ftp)://|ww+\\.|(?=(?:(?:${URL_LETTER}|-)+\\.)+${TLD_LETTER}{2,}/))${URL_CHAR}+`,
  'giu',
);
// Given back to the text after a URL. Not ';': "&http://amp;" must not turn into the entity "&amp;".
const TRAILING_PUNCT = /[.,:!?)\]'"]+$/;
const SCHEME = /^[a-z]+:\/\//i;
// repeated_letters has already made www of wwww and ww of www.
const WWW = /^(?:ww+\.)+/i;
// The host proper; a port, junk or anything else before the path is dropped with the path.
const HOST = /^(?:(?!\p{Script=Arabic})[\p{L}\p{M}\p{N}.-])*/u;

/** Keeps the host: "https://www.Example.com:8080/a?b" → "Example.com" (lower-cased later by case_fold). */
export const url = named('url', (a) =>
  rewrite(a, URL, (m, b) => {
    const start = m.index;
    const whole = m[0];
    const body = whole.replace(TRAILING_PUNCT, '');
    const end = start + body.length;
    const afterScheme = SCHEME.exec(body)?.[0].length ?? 0;
    const hostPart = /^[^/?#]*/.exec(body.slice(afterScheme))![0];
    const afterUser = hostPart.lastIndexOf('@') + 1;
    const host = HOST.exec(hostPart.slice(afterUser))![0];
    const www = WWW.exec(host)?.[0].length ?? 0;
    const hostStart = start + afterScheme + afterUser + www;
    const hostEnd = start + afterScheme + afterUser + host.length;
    if (hostEnd <= hostStart) {
      // No host ("https://#tag", "www./x"): a broken link; drop it, or what follows the scheme could
      // read as a URL after later steps and normalising twice would differ.
      b.drop(start, end, false);
      b.copy(end, start + whole.length);
      return;
    }
    if (!a.text.slice(hostStart, hostEnd).includes('.')) {
      // A host without a dot (www.a, http://localhost) is left as written: reduced to a bare word it
      // could join the letters around it on the next pass (a www.a a → a a a → aa).
      b.copy(start, start + whole.length);
      return;
    }
    b.drop(start, hostStart, false);
    b.copy(hostStart, hostEnd);
    b.drop(hostEnd, end, true);
    b.copy(end, start + whole.length);
  }),
);

const MENTION = /(?<![\p{L}\p{N}\p{M}_@])@[\p{L}\p{N}\p{M}_]+/gu;
const USER = '@user';

/** Masks handles: who is addressed says nothing stable about the post, and handles are personal data. */
export const mention = named('mention', (a) =>
  rewrite(a, MENTION, (m, b) => {
    if (m[0] === USER) b.copy(m.index, m.index + USER.length);
    else b.emit(USER, m.index, m.index + m[0].length);
  }),
);

// Not after a URL path character: "x.com/#Top_Stories" is a fragment, dropped with the URL's path.
// $ and @ belong to the tag as they belong to a word for leetspeak ($ and @ can be letters; #@name is
// a mention). '_' before '#' does not stop a tag: "#a_#b" is two tags, and the first one's '_' becomes a space.
const HASHTAG = /(?<![\p{L}\p{N}\p{M}#/=?&])#+(_*[\p{L}\p{N}$@][\p{L}\p{N}\p{M}_$@]*)/gu;
// Word boundaries inside CamelCase tags: "JoinThe" (lower→Upper) and "ISISFighters" (Upper→Upper+lower).
const CAMEL = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/gu;

/** "#دولة_الخلافة" → "دولة الخلافة", "#JoinTheCaliphate" → "Join The Caliphate": tags read as words. */
export const hashtag = named('hashtag', (a) =>
  rewrite(a, HASHTAG, (m, b) => {
    const bodyStart = m.index + m[0].length - m[1]!.length;
    b.drop(m.index, bodyStart, false);
    writeTagBody(b, m[1]!, bodyStart);
  }),
);

function writeTagBody(b: Builder, body: string, offset: number): void {
  const splits = new Set<number>();
  CAMEL.lastIndex = 0;
  for (let s = CAMEL.exec(body); s !== null; s = CAMEL.exec(body)) {
    splits.add(s.index);
    CAMEL.lastIndex++;
  }
  let pos = 0;
  for (let i = 0; i < body.length; i++) {
    const underscore = body.charCodeAt(i) === 0x5f;
    if (!underscore && !splits.has(i)) continue;
    b.copy(offset + pos, offset + i);
    // The inserted space shares the range of the letter it precedes; an underscore simply becomes a space.
    b.emit(' ', offset + i, offset + i + 1);
    pos = underscore ? i + 1 : i;
  }
  b.copy(offset + pos, offset + body.length);
}
