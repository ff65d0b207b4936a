import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/main.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { memoryStreams } from './helpers/streams.js';

const FIXTURE = join(PACKAGE_ROOT, 'tests', 'fixtures', 'score', 'posts.csv');
const TINY_MODEL = join(PACKAGE_ROOT, 'tests', 'fixtures', 'model', 'tiny');

describe('scoring never touches the network', () => {
  const attempts: string[] = [];
  beforeEach(() => {
    attempts.length = 0;
    const refuse = (what: string) => () => {
      attempts.push(what);
      throw new Error(`network attempt: ${what}`);
    };
    vi.spyOn(globalThis, 'fetch').mockImplementation(refuse('fetch'));
    vi.spyOn(http, 'request').mockImplementation(refuse('http.request'));
    vi.spyOn(http, 'get').mockImplementation(refuse('http.get'));
    vi.spyOn(https, 'request').mockImplementation(refuse('https.request'));
    vi.spyOn(https, 'get').mockImplementation(refuse('https.get'));
    vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(refuse('net.Socket.connect'));
  });
  afterEach(() => vi.restoreAllMocks());

  it('in-process, with every scorer including a transformer', async () => {
    const { streams, out } = memoryStreams();
    const code = await main(['score', FIXTURE, '--format', 'jsonl', '--model', TINY_MODEL, '--fusion', join(PACKAGE_ROOT, 'tests', 'fixtures', 'score', 'fusion-all.json'), '--quiet'], streams);
    expect(attempts).toEqual([]);
    expect(code).toBe(0);
    expect(out().trim().split('\n')).toHaveLength(4);
  });

  it('as a process, with connections and name lookups made fatal', () => {
    const bin = join(PACKAGE_ROOT, 'bin', 'basira.js');
    expect(existsSync(join(PACKAGE_ROOT, 'dist', 'main.js')), 'run `npm run build` first').toBe(true);
    const run = spawnSync(process.execPath, ['--import', join(PACKAGE_ROOT, 'tests', 'fixtures', 'offline', 'block-network.mjs'), bin, 'score', '--format', 'jsonl'], {
      input: 'طلب الاتحاد الأوروبي مساعدة عمالقة شبكة الإنترنت لمساعدته في محاربة الجهاديين',
      encoding: 'utf8',
    });
    expect(run.stderr).not.toContain('NETWORK ATTEMPT');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: '1', lang: 'ar' });
  });
});
