/** Plain-text reader: one post per line, every line a row (an empty line is an error row, not a gap). */
import type { Post } from '../types.js';
import { decodeUtf8, isBlank, splitLines } from './lines.js';
import type { Source } from './source.js';

export function lineToPost(bytes: Uint8Array, line: number): Post {
  const post: Post = { row: line, line, id: String(line), text: '' };
  const text = decodeUtf8(bytes);
  if (text === null) post.error = `line ${line}: invalid UTF-8`;
  else if (isBlank(text)) post.error = `line ${line}: empty text`;
  else post.text = text;
  return post;
}

export async function* readLines(input: Source): AsyncGenerator<Post> {
  for await (const { line, bytes } of splitLines(input.chunks)) yield lineToPost(bytes, line);
}
