import { describe, expect, it } from 'vitest';
import { offlineTransformers } from '../../src/model/offline.js';

describe('offlineTransformers', () => {
  it('turns off the Hub and every cache', async () => {
    const { env } = await offlineTransformers();
    expect(env).toMatchObject({ allowRemoteModels: false, allowLocalModels: true, useBrowserCache: false, useFSCache: false });
  });

  it('replaces the fetch transformers.js would use with one that refuses', async () => {
    const { env } = await offlineTransformers();
    await expect(env.fetch('https://huggingface.co/bert-base-uncased/resolve/main/config.json')).rejects.toMatchObject({
      code: 'E_MODEL',
    });
  });

  it('keeps its info and debug logging (console.log, i.e. stdout) off', async () => {
    const { env, LogLevel } = await offlineTransformers();
    expect(env.logLevel).toBeGreaterThan(LogLevel.INFO);
  });
});
