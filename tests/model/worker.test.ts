import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasiraError } from '../../src/errors.js';
import { loadTransformer, type TransformerScorer } from '../../src/model/transformer.js';
import { prestartTransformerThread, releasePrestartedThread, startTransformerThread, type TransformerThread } from '../../src/model/worker.js';
import { deserializeError, serializeError } from '../../src/model/worker-protocol.js';

const TINY = fileURLToPath(new URL('../fixtures/model/tiny', import.meta.url));
const texts = (JSON.parse(readFileSync(`${TINY}/golden.json`, 'utf8')) as { samples: { text: string }[] }).samples.map((s) => s.text);
// A worker that loads onnxruntime through tsx takes seconds on a busy two-core machine.
const LOAD_TIMEOUT = 60_000;

describe('startTransformerThread', () => {
  let thread: TransformerThread;
  let local: TransformerScorer;

  beforeAll(async () => {
    thread = startTransformerThread({ dir: TINY, batchSize: 2, threads: 1 });
    local = await loadTransformer(TINY, { batchSize: 2, threads: 1 });
    await thread.ready;
  }, LOAD_TIMEOUT);

  afterAll(async () => {
    await thread.close();
    await local.dispose();
  });

  it('reports the model as loadTransformer does', async () => {
    expect(await thread.ready).toEqual(local.info);
  });

  it('scores as the model in this thread does', async () => {
    expect(await thread.score(texts)).toEqual(await local.score(texts));
  });

  it('takes over a thread started before its options were known, which then loads and scores alike', async () => {
    prestartTransformerThread();
    const taken = startTransformerThread({ dir: TINY, batchSize: 2, threads: 1 });
    try {
      expect(await releasePrestartedThread()).toBe(false);
      expect(await taken.ready).toEqual(local.info);
      expect(await taken.score(texts)).toEqual(await local.score(texts));
    } finally {
      await taken.close();
    }
  }, LOAD_TIMEOUT);

  it('answers requests made together, each with its own texts', async () => {
    const parts = [texts.slice(0, 1), texts.slice(1, 4), [], texts.slice(4)];
    const answers = await Promise.all(parts.map((part) => thread.score(part)));
    const expected = await Promise.all(parts.map((part) => local.score(part)));
    expect(answers).toEqual(expected);
  });
});

describe('startTransformerThread failures and shutdown', () => {
  it('rejects ready with the BasiraError that loading the folder in this thread gives', async () => {
    const dir = path.join(tmpdir(), 'basira-no-such-model');
    const thread = startTransformerThread({ dir, batchSize: 2, threads: 1 });
    const err = await thread.ready.catch((e: unknown) => e);
    const expected = (await loadTransformer(dir).catch((e: unknown) => e)) as BasiraError;
    expect(err).toBeInstanceOf(BasiraError);
    expect(err).toMatchObject({ code: 'E_MODEL', message: expected.message, hint: expected.hint, exitCode: expected.exitCode });
    await expect(thread.score(['x'])).rejects.toThrow();
    await thread.close();
  }, LOAD_TIMEOUT);

  it('stops while the model is still loading, and refuses work afterwards', async () => {
    const thread = startTransformerThread({ dir: TINY, batchSize: 2, threads: 1 });
    await thread.close();
    await expect(thread.ready).rejects.toThrow(/stopped/);
    await expect(thread.score(['x'])).rejects.toThrow(/stopped/);
  }, LOAD_TIMEOUT);

  it('closes a loaded model and rejects later requests', async () => {
    const thread = startTransformerThread({ dir: TINY, batchSize: 2, threads: 1 });
    await thread.ready;
    await thread.close();
    await thread.close();
    await expect(thread.score(['x'])).rejects.toThrow(/stopped/);
  }, LOAD_TIMEOUT);
});

describe('prestartTransformerThread', () => {
  it('leaves a thread that no pipeline took to releasePrestartedThread, which stops it once', async () => {
    prestartTransformerThread();
    prestartTransformerThread();
    expect(await releasePrestartedThread()).toBe(true);
    expect(await releasePrestartedThread()).toBe(false);
  }, LOAD_TIMEOUT);
});

describe('errors across the thread boundary', () => {
  it('keep a BasiraError with its code, hint and exit code', () => {
    const back = deserializeError(serializeError(new BasiraError('E_MODEL', 'bad model', 'use --no-model', 3)));
    expect(back).toBeInstanceOf(BasiraError);
    expect(back).toMatchObject({ code: 'E_MODEL', message: 'bad model', hint: 'use --no-model', exitCode: 3 });
  });

  it('keep any other error as an Error with its message and stack', () => {
    const err = new TypeError('boom');
    const back = deserializeError(serializeError(err));
    expect(back).not.toBeInstanceOf(BasiraError);
    expect(back.message).toBe('boom');
    expect(back.stack).toBe(err.stack);
    expect(deserializeError(serializeError('text')).message).toBe('text');
  });
});
