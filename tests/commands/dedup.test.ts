import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dedup, dedupExitCode } from '../../src/commands/dedup.js';
import { memoryStreams } from '../helpers/streams.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/similarity/', import.meta.url));

describe('dedup', () => {
  it('writes each post with its cluster (named by its first post) and the cluster size', async () => {
    const { streams, out } = memoryStreams();
    const summary = await dedup({ input: path.join(FIXTURES, 'posts.csv'), idCol: 'id', format: 'csv', force: false }, streams);
    expect(summary).toEqual({ read: 8, clusters: 2, clustered: 5, failed: 0 });
    expect(dedupExitCode(summary)).toBe(0);
    expect(out()).toBe(
      [
        'id,row,cluster_id,cluster_size,error',
        'a1,1,a1,2,',
        'e1,2,e1,3,',
        'a2,3,a1,2,',
        'u1,4,u1,1,',
        'e2,5,e1,3,',
        's1,6,s1,1,',
        'u2,7,u2,1,',
        'e3,8,e1,3,',
        '',
      ].join('\n'),
    );
  });

  it('is deterministic and byte-identical from run to run', async () => {
    const run = async (): Promise<string> => {
      const { streams, out } = memoryStreams();
      await dedup({ input: path.join(FIXTURES, 'posts.csv'), force: false }, streams);
      return out();
    };
    expect(await run()).toBe(await run());
  });

  it('splits clusters at a higher --min-similarity', async () => {
    const { streams } = memoryStreams();
    const summary = await dedup({ input: path.join(FIXTURES, 'posts.csv'), idCol: 'id', minSimilarity: 1, force: false }, streams);
    expect(summary.clustered).toBeLessThan(5);
  });

  it('keeps unreadable rows with their error and exits 1', async () => {
    const { streams, out } = memoryStreams();
    const summary = await dedup({ input: path.join(FIXTURES, 'posts.jsonl'), idCol: 'id', force: false }, streams);
    expect(dedupExitCode(summary)).toBe(1);
    expect(JSON.parse(out().split('\n')[1]!)).toMatchObject({ row: 2, cluster_id: null, cluster_size: null, error: expect.stringMatching(/^line 2/) });
  });
});
