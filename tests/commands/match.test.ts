import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { match, matchExitCode } from '../../src/commands/match.js';
import { memoryStreams } from '../helpers/streams.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/similarity/', import.meta.url));
const fixture = (name: string): string => path.join(FIXTURES, name);

describe('match', () => {
  it('reports the best list entry and its similarity for each post, in input order', async () => {
    const { streams, out } = memoryStreams();
    const summary = await match({ input: fixture('posts.csv'), idCol: 'id', list: fixture('known.jsonl'), force: false }, streams);
    expect(summary).toEqual({ read: 8, matched: 3, short: 1, failed: 0, listSize: 1 });
    const rows = out().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => [r['id'], r['match_id']])).toEqual([
      ['a1', null],
      ['e1', 'library'],
      ['a2', null],
      ['u1', null],
      ['e2', 'library'],
      ['s1', null],
      ['u2', null],
      ['e3', 'library'],
    ]);
    expect(rows[1]).toEqual({ id: 'e1', row: 2, match_id: 'library', match_similarity: 1, error: null });
    expect(rows[7]!['match_similarity']).toBeGreaterThanOrEqual(0.5);
    expect(rows[7]!['match_similarity']).toBeLessThan(1);
  });

  it('raises the bar with --min-similarity, and writes CSV when asked', async () => {
    const { streams, out } = memoryStreams();
    await match({ input: fixture('posts.csv'), idCol: 'id', list: fixture('known.jsonl'), format: 'csv', minSimilarity: 1, force: false }, streams);
    expect(out().split('\n').slice(0, 3)).toEqual(['id,row,match_id,match_similarity,error', 'a1,1,,,', 'e1,2,library,1,']);
    expect(out()).not.toMatch(/^e3,8,library/m);
  });

  it('keeps unreadable rows with their error and exits 1', async () => {
    const { streams, out } = memoryStreams();
    const summary = await match({ input: fixture('posts.jsonl'), idCol: 'id', list: fixture('known.jsonl'), force: false }, streams);
    expect(matchExitCode(summary)).toBe(1);
    expect(out().split('\n')[1]).toMatch(/^\{"id":"","row":2,"match_id":null,"match_similarity":null,"error":"line 2: invalid JSON/);
  });

  it('reads the post from stdin', async () => {
    const { streams, out } = memoryStreams('RT @x: THE CITY LIBRARY will stay open late on Thursdays this summer so students can study for their exams 📚\n');
    await match({ input: '-', list: fixture('known.jsonl'), force: false }, streams);
    expect(JSON.parse(out())).toMatchObject({ match_id: 'library', match_similarity: 1 });
  });

  it.each([
    [{ list: '-', input: '-' }, /cannot both come from stdin/],
    [{ minSimilarity: 0 }, /--min-similarity must be in \(0, 1\]/],
    [{ list: fixture('wrong-params.jsonl') }, /wrong-params\.jsonl:2: params k=128/],
  ])('refuses %o before writing anything', async (opts, message) => {
    const { streams, out } = memoryStreams();
    await expect(match({ input: fixture('posts.csv'), list: fixture('known.jsonl'), force: false, ...opts }, streams)).rejects.toThrow(message);
    expect(out()).toBe('');
  });
});
