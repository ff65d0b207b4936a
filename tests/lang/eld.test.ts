import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { eld } from 'eld/extrasmall';
import { detectEld, ELD_TABLE_FILE } from '../../src/lang/eld.js';
import { eldTable } from '../../src/lang/eld-table.js';
const SHARED = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

const expectSameAsEld = (text: string): void => expect(detectEld(text)).toBe(eld.detect(text).language);

describe('detectEld (eld extrasmall from a compact table)', () => {
  it('holds exactly the installed eld database (else run `npm run build`)', async () => {
    expect(readFileSync(ELD_TABLE_FILE, 'utf8') === JSON.stringify(await eldTable())).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['The European Union asked internet companies', 'English'],
    ['طلب الاتحاد الأوروبي مساعدة عمالقة شبكة الإنترنت', 'Arabic'],
    ["l'État islamique, aujourd’hui, don't", 'apostrophes kept inside words'],
    ['a ab abc abcd abcde', 'words shorter than an n-gram'],
    ['x'.repeat(200), 'a word longer than 70 letters'],
    ['Europa '.repeat(300), 'more than 1000 units, cut after 350 bytes'],
    ['الدولة'.repeat(120), 'one long Arabic word, cut after 380 bytes'],
    ['🙂 Daesh 🏴 𝔇𝔞𝔢𝔰𝔥 \ud800 lone \udc00 surrogates \ud83d', 'astral letters, emoji and lone surrogates'],
    ['12345 !!! ...', 'no letters'],
    ['ÉTAT ISLAMIQUE İstanbul ΣΟΦΙΑ', 'upper case, dotted capital I, final sigma'],
  ])('agrees with eld on %j (%s)', (text) => expectSameAsEld(text));

  it('agrees with eld on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => detectEld(text) === eld.detect(text).language), {
      numRuns: 2000,
    });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => detectEld(text) === eld.detect(text).language), {
      numRuns: 2000,
    });
  });

  it.skipIf(!existsSync(SHARED))('agrees with eld on every eighth post of the shared data', () => {
    const texts = ['labelled', 'negatives', 'unlabelled'].flatMap((dir) =>
      readdirSync(path.join(SHARED, dir))
        .filter((f) => f.endsWith('.csv'))
        .flatMap((f) => (parse(readFileSync(path.join(SHARED, dir, f)), { columns: true, relax_quotes: true }) as { text?: string }[]).map((r) => r.text ?? '')),
    );
    const sample = texts.filter((_, i) => i % 8 === 0);
    expect(sample.length).toBeGreaterThan(5_000);
    const differing = sample.filter((text) => detectEld(text) !== eld.detect(text).language);
    expect(differing).toEqual([]);
  });
});
