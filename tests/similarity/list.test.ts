import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSignatureList } from '../../src/similarity/list.js';
import { parseRecordLine, signatureRecord } from '../../src/similarity/record.js';
import { signText } from '../../src/similarity/signature.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/similarity/', import.meta.url));
const fixture = (name: string): string => path.join(FIXTURES, name);
const LIBRARY = 'The city library will stay open late on Thursdays this summer so students can study for their exams';

describe('signatureRecord / parseRecordLine', () => {
  it('round-trips a record and names algorithm, parameters and canonicaliser version', () => {
    const line = JSON.stringify(signatureRecord('p1', 'AAAA'));
    expect(JSON.parse(line)).toEqual({
      id: 'p1',
      algorithm: 'minhash-oph',
      params: { k: 64, shingle: 3, bits: 16, seed: 1 },
      normalizer: 'sig-1',
      signature: 'AAAA',
    });
    expect(parseRecordLine(line)).toEqual({ ok: true, id: 'p1', signature: 'AAAA' });
  });

  it.each([
    ['[1, 2]', 'not a JSON object', false],
    ['{"id": 7}', '"id" must be a string', false],
    ['{"id":"a","algorithm":"minhash-oph","params":[]}', '"params" must be an object', false],
    ['{"id":"a","algorithm":"minhash-oph","params":{"k":64,"shingle":5,"bits":8,"seed":1}}', 'params shingle=5, bits=8; this basira reads shingle=3, bits=16', true],
    [JSON.stringify(signatureRecord('', 'AAAA')), '"id" must not be empty', false],
  ])('explains what is wrong with %s', (line, problem, version) => {
    expect(parseRecordLine(line)).toEqual({ ok: false, problem, version });
  });
});

describe('loadSignatureList', () => {
  it('indexes the signed records and counts the unsigned ones; blank lines are skipped', async () => {
    const list = await loadSignatureList(fixture('known.jsonl'));
    expect({ size: list.size, unsigned: list.unsigned }).toEqual({ size: 1, unsigned: 1 });
    const copy = signText(`RT @reader: ${LIBRARY.toUpperCase()} 📚 https://t.co/x`).signature!;
    expect(list.best(copy)).toEqual({ id: 'library', similarity: 1 });
    expect(list.best(signText('Heavy rain is expected across the coast tomorrow, drivers take care').signature!)).toBeNull();
  });

  it('reads a list from stdin, with CRLF line ends', async () => {
    const crlf = readFileSync(fixture('known.jsonl'), 'utf8').replaceAll('\n', '\r\n');
    const list = await loadSignatureList('-', Readable.from([Buffer.from(crlf)]));
    expect(list.size).toBe(1);
  });

  it.each([
    ['bad-json.jsonl', /bad-json\.jsonl:2: not a JSON object \(/, /each line must be one record/],
    ['wrong-algorithm.jsonl', /wrong-algorithm\.jsonl:2: algorithm "simhash"; this basira reads "minhash-oph"/, /hash the posts again/],
    ['wrong-params.jsonl', /wrong-params\.jsonl:2: params k=128; this basira reads k=64/, /hash the posts again/],
    ['wrong-normalizer.jsonl', /wrong-normalizer\.jsonl:2: normalizer "sig-0"; this basira reads "sig-1"/, /hash the posts again/],
    ['bad-signature.jsonl', /bad-signature\.jsonl:2: "signature" is not 64 base64-encoded 16-bit slots/, /each line must be one record/],
  ])('refuses %s with file:line and what to do', async (name, message, hint) => {
    const error = await loadSignatureList(fixture(name)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_INPUT', message: expect.stringMatching(message), hint: expect.stringMatching(hint) });
  });

  it('names the line where invalid UTF-8 starts', async () => {
    const bytes = Buffer.concat([readFileSync(fixture('known.jsonl')), Buffer.from([0xff, 0x0a])]);
    const error = await loadSignatureList('-', Readable.from([bytes])).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_INPUT', message: 'stdin:4: invalid UTF-8' });
  });

  it('reports a missing list as a missing file', async () => {
    await expect(loadSignatureList(fixture('nope.jsonl'))).rejects.toMatchObject({ code: 'E_INPUT', message: expect.stringMatching(/no such file/) });
  });
});
