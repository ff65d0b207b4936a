/** Whole-input reader: everything is one post (a message piped to `basira score`). */
import type { Post } from '../types.js';
import { decodeUtf8, isBlank } from './lines.js';
import type { Source } from './source.js';

/** The one post; a single trailing newline (what `echo` adds) is not part of it. */
export function textToPost(bytes: Buffer): Post {
  const post: Post = { row: 1, line: 1, id: '1', text: '' };
  const text = decodeUtf8(bytes);
  if (text === null) post.error = `line ${firstBadLine(bytes)}: invalid UTF-8`;
  else if (isBlank(text)) post.error = 'line 1: empty text';
  else post.text = text.replace(/\r?\n$/, '');
  return post;
}

/** Which line holds the first invalid byte sequence (LF never occurs inside a UTF-8 multi-byte sequence). */
function firstBadLine(bytes: Buffer): number {
  let from = 0;
  for (let line = 1; ; line++) {
    const nl = bytes.indexOf(0x0a, from);
    if (nl === -1 || decodeUtf8(bytes.subarray(from, nl)) === null) return line;
    from = nl + 1;
  }
}

export async function* readText(input: Source): AsyncGenerator<Post> {
  const chunks: Buffer[] = [];
  for await (const chunk of input.chunks) chunks.push(chunk);
  yield textToPost(Buffer.concat(chunks));
}
