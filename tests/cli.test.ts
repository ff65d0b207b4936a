import { describe, expect, it } from 'vitest';
import { parseArgv, type ScoreOptions } from '../src/cli.js';
import { BasiraError } from '../src/errors.js';

const DEFAULTS: ScoreOptions = { input: '-', keep: [], batchSize: 32, strict: false, quiet: false, force: false, rtl: 'auto', clusters: false };

describe('parseArgv: score', () => {
  const table: [string, Partial<ScoreOptions>][] = [
    ['score', {}],
    ['score export.csv --text-col message -o scored.csv', { input: 'export.csv', textCol: 'message', output: 'scored.csv' }],
    ['score posts.jsonl --text-key data.text --id-key data.id', { input: 'posts.jsonl', textCol: 'data.text', idCol: 'data.id' }],
    ['score posts.txt --format lines', { input: 'posts.txt', inputFormat: 'lines' }],
    ['score - --input-format jsonl --format csv', { input: '-', inputFormat: 'jsonl', format: 'csv' }],
    ['score a.csv --delimiter ; --keep date,user --keep url', { input: 'a.csv', delimiter: ';', keep: ['date', 'user', 'url'] }],
    ['score a.csv --no-model', { input: 'a.csv', model: null }],
    ['score a.csv --model models/x --no-lexical', { input: 'a.csv', model: 'models/x', lexical: null }],
    ['score a.csv --rules r --fusion f.json --batch-size 8', { input: 'a.csv', rules: 'r', fusion: 'f.json', batchSize: 8 }],
    ['score a.csv --strict --quiet --force --rtl off', { input: 'a.csv', strict: true, quiet: true, force: true, rtl: 'off' }],
    ['score a.csv --list known.jsonl --clusters', { input: 'a.csv', list: 'known.jsonl', clusters: true }],
  ];
  it.each(table)('%s', (argv, expected) => {
    expect(parseArgv(argv.split(' '))).toEqual({ command: 'score', options: { ...DEFAULTS, ...expected } });
  });
});

describe('parseArgv: other commands', () => {
  it('normalize with and without text', () => {
    expect(parseArgv(['normalize', 'ﻻ'])).toEqual({ command: 'normalize', options: { text: 'ﻻ', input: '-' } });
    expect(parseArgv(['normalize'])).toEqual({ command: 'normalize', options: { input: '-' } });
  });
  it('rules check and test', () => {
    expect(parseArgv(['rules', 'check'])).toEqual({ command: 'rules-check', options: {} });
    expect(parseArgv(['rules', 'test', '--rules', 'd'])).toEqual({ command: 'rules-test', options: { dir: 'd' } });
  });
  it('help and version are not errors', () => {
    expect(parseArgv(['--help']).command).toBe('help');
    expect(parseArgv(['--version'])).toMatchObject({ command: 'help', text: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
});

describe('parseArgv: usage errors', () => {
  const bad = [
    'score --batch-size 0',
    'score --batch-size x',
    'score --format xml',
    'score --input-format xml',
    'score --rtl sideways',
    'score --bogus',
    'frobnicate',
  ];
  it.each(bad)('%s', (argv) => {
    let error: unknown;
    try {
      parseArgv(argv.split(' '));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BasiraError);
    expect((error as BasiraError).code).toBe('E_USAGE');
    expect((error as BasiraError).exitCode).toBe(2);
  });
});
