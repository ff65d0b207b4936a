/**
 * The report in a real browser: headless Chromium renders it to a PNG (which must not be blank) and dumps the
 * DOM it parsed (which must hold the SVG plots). Runs wherever /usr/bin/chromium exists (CI installs it);
 * elsewhere it is skipped, and says so.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../src/eval/report.js';
import { summarize, type EvalRow } from '../../src/eval/summary.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const run = promisify(execFile);

const dir = mkdtempSync(join(tmpdir(), 'basira-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function chromium(...args: string[]): Promise<{ stdout: string }> {
  return run(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--window-size=1200,2000',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${join(dir, 'profile')}`,
      ...args,
    ],
    { timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
  );
}

interface Image {
  width: number;
  height: number;
  /** RGB(A) rows, unfiltered. */
  pixels: Uint8Array;
  channels: number;
}

/** Just enough PNG decoding for an 8-bit RGB/RGBA screenshot: chunks, inflate, undo the row filters. */
function decodePng(buf: Buffer): Image {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let off = 8; off < buf.length; ) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8);
      channels = data[9] === 6 ? 4 : data[9] === 2 ? 3 : 0;
      expect(channels).toBeGreaterThan(0);
      expect(data[12]).toBe(0);
    }
    if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] as number;
      const a = x >= channels ? (pixels[y * stride + x - channels] as number) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + x] as number) : 0;
      const c = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] as number) : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][filter as number];
      if (pred === undefined) throw new Error(`bad PNG filter ${filter}`);
      pixels[y * stride + x] = (v + pred) & 0xff;
    }
  }
  return { width, height, pixels, channels };
}

const SKIPPED = `SKIPPED: ${CHROMIUM} not found (apt-get install -y chromium)`;
if (!hasChromium) process.stderr.write(`report.browser.test.ts: ${SKIPPED}\n`);

describe.skipIf(!hasChromium)(`report in headless Chromium${hasChromium ? '' : ` (${SKIPPED})`}`, () => {
  const file = join(dir, 'report.html');
  beforeAll(() => {
    const rows = JSON.parse(readFileSync(new URL('../fixtures/eval/rows.json', import.meta.url), 'utf8')) as EvalRow[];
    writeFileSync(file, renderReport(summarize(rows, { bootstrap: { resamples: 200 } })));
  });

  it('renders a screenshot that is not blank', async () => {
    const png = join(dir, 'shot.png');
    await chromium(`--screenshot=${png}`, `file://${file}`);
    const img = decodePng(readFileSync(png));
    expect([img.width, img.height]).toEqual([1200, 2000]);
    const colours = new Set<number>();
    let ink = 0;
    for (let i = 0; i < img.pixels.length; i += img.channels) {
      const [r, g, b] = [img.pixels[i] as number, img.pixels[i + 1] as number, img.pixels[i + 2] as number];
      colours.add((r << 16) | (g << 8) | b);
      if (r + g + b < 600) ink++;
    }
    // Text, plots and tables: many colours, and a few percent of the page inked.
    expect(colours.size).toBeGreaterThan(50);
    expect(ink / (img.width * img.height)).toBeGreaterThan(0.02);
  }, 120_000);

  it('parses the plots as SVG elements', async () => {
    const { stdout } = await chromium('--dump-dom', `file://${file}`);
    expect((stdout.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(5);
    expect(stdout).toContain('<path class="series"');
    expect(stdout).toContain('<rect class="cell');
    expect(stdout).toContain('<figcaption>');
    expect(stdout).toContain('dir="rtl" lang="ar"');
    expect(stdout).not.toContain('<script');
  }, 120_000);
});
