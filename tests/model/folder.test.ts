import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readModelFolder, sha256File } from '../../src/model/folder.js';

const TINY = fileURLToPath(new URL('../fixtures/model/tiny', import.meta.url));
const tinyConfig = JSON.parse(readFileSync(path.join(TINY, 'config.json'), 'utf8')) as Record<string, unknown>;
const tinyTokenizerConfig = JSON.parse(readFileSync(path.join(TINY, 'tokenizer_config.json'), 'utf8')) as Record<string, unknown>;

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A model folder whose JSON files can be varied; readModelFolder never parses the ONNX file. */
function folder(opts: { config?: Record<string, unknown>; tokenizerConfig?: Record<string, unknown>; omit?: string } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'basira-model-'));
  made.push(dir);
  const files: Record<string, string> = {
    'config.json': JSON.stringify({ ...tinyConfig, ...opts.config }),
    'tokenizer.json': '{}',
    'tokenizer_config.json': JSON.stringify({ ...tinyTokenizerConfig, ...opts.tokenizerConfig }),
    'onnx/model.onnx': 'onnx',
  };
  mkdirSync(path.join(dir, 'onnx'));
  for (const [name, body] of Object.entries(files)) if (name !== opts.omit) writeFileSync(path.join(dir, name), body);
  return dir;
}

describe('readModelFolder', () => {
  it('gives a model the post as written unless its config says it was trained on normalised text', async () => {
    expect((await readModelFolder(TINY)).input).toBe('original');
    const shipped = fileURLToPath(new URL('../../models/transformer', import.meta.url));
    expect((await readModelFolder(shipped)).input).toBe('normalized');
  });

  it('reads the tiny fixture', async () => {
    expect(await readModelFolder(TINY)).toEqual({
      dir: TINY,
      onnxPath: path.join(TINY, 'onnx', 'model.onnx'),
      id: 'basira-tiny-random',
      labels: ['propaganda', 'news', 'counter_speech', 'religious', 'other'],
      problemType: 'single_label_classification',
      maxLength: 64,
      input: 'original',
    });
  });

  it('resolves relative folders to absolute ones', async () => {
    expect((await readModelFolder(path.relative(process.cwd(), TINY))).dir).toBe(TINY);
  });

  it.each(['onnx/model.onnx', 'config.json', 'tokenizer.json', 'tokenizer_config.json'])('names a missing %s', async (name) => {
    const dir = folder({ omit: name });
    await expect(readModelFolder(dir)).rejects.toMatchObject({ code: 'E_MODEL', message: `${dir}: no ${name}` });
  });

  it('falls back to the folder name when the config has no _name_or_path', async () => {
    const dir = folder({ config: { _name_or_path: '' } });
    expect((await readModelFolder(dir)).id).toBe(path.basename(dir));
  });

  it('orders labels by id, whatever the key order in the file', async () => {
    const dir = folder({ config: { id2label: { '1': 'b', '0': 'a' } } });
    expect((await readModelFolder(dir)).labels).toEqual(['a', 'b']);
  });

  it('rejects id2label with gaps', async () => {
    const dir = folder({ config: { id2label: { '0': 'a', '2': 'c' } } });
    await expect(readModelFolder(dir)).rejects.toMatchObject({ code: 'E_MODEL', message: expect.stringContaining('id2label') });
  });

  it('uses sigmoid semantics for multi-label and single-output models, and refuses regression', async () => {
    expect((await readModelFolder(folder({ config: { problem_type: 'multi_label_classification' } }))).problemType).toBe(
      'multi_label_classification',
    );
    expect((await readModelFolder(folder({ config: { problem_type: undefined, id2label: { '0': 'yes' } } }))).problemType).toBe(
      'multi_label_classification',
    );
    await expect(readModelFolder(folder({ config: { problem_type: 'regression' } }))).rejects.toMatchObject({ code: 'E_MODEL' });
  });

  it('takes the tighter of the position table and the tokenizer limit, ignoring "no limit" values', async () => {
    const roberta = folder({ config: { max_position_embeddings: 514 }, tokenizerConfig: { model_max_length: 512 } });
    expect((await readModelFolder(roberta)).maxLength).toBe(512);
    const unset = folder({ config: { max_position_embeddings: 128 }, tokenizerConfig: { model_max_length: 1e30 } });
    expect((await readModelFolder(unset)).maxLength).toBe(128);
    const none = folder({ config: { max_position_embeddings: undefined }, tokenizerConfig: { model_max_length: undefined } });
    await expect(readModelFolder(none)).rejects.toMatchObject({ code: 'E_MODEL' });
  });

  it('reports malformed JSON with the file name', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'config.json'), '{');
    await expect(readModelFolder(dir)).rejects.toMatchObject({ message: expect.stringContaining(`${dir}/config.json: not valid JSON`) });
  });
});

describe('sha256File', () => {
  it('hashes the file contents', async () => {
    const onnx = path.join(TINY, 'onnx', 'model.onnx');
    expect(await sha256File(onnx)).toBe(createHash('sha256').update(readFileSync(onnx)).digest('hex'));
  });
});
