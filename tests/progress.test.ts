import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startProgress } from '../src/progress.js';
import { memoryStreams } from './helpers/streams.js';

/** Streams whose stderr claims to be a terminal, with what was written to it. */
function terminalStreams() {
  const { streams } = memoryStreams();
  const stderr = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
  const written: Buffer[] = [];
  stderr.on('data', (c: Buffer) => written.push(c));
  return { streams: { ...streams, stderr }, text: () => Buffer.concat(written).toString('utf8') };
}

describe('startProgress', () => {
  it('shows the rows and their rate on a terminal', () => {
    const { streams, text } = terminalStreams();
    const progress = startProgress(streams, false);
    for (let i = 0; i < 512; i++) progress.tick();
    progress.stop();
    expect(text()).toMatch(/basira: \d+ posts \| \d+ posts\/s/);
  });

  it('writes nothing when stderr is not a terminal, or with --quiet', () => {
    const piped = memoryStreams();
    const progress = startProgress(piped.streams, false);
    for (let i = 0; i < 512; i++) progress.tick();
    progress.stop();
    expect(piped.err()).toBe('');

    const { streams, text } = terminalStreams();
    const quiet = startProgress(streams, true);
    for (let i = 0; i < 512; i++) quiet.tick();
    quiet.stop();
    expect(text()).toBe('');
  });
});
