/**
 * `node dist/precompile.js`, the last step of `npm run build`: writes dist/precompiled/ (see precompiled.ts), the
 * validators of the fusion and lexical model files compiled to code, the snapshot of the shipped rule packs, and the
 * language table (lang/eld-table.ts).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type AnySchema, type Options } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { BasiraError } from './errors.js';
import { eldTable } from './lang/eld-table.js';
import { FUSION_VALIDATOR } from './fusion-file.js';
import { LEXICAL_VALIDATOR } from './lexical/model.js';
import { PRECOMPILED_DIR, validatorSource } from './precompiled.js';
import { readValidPacks } from './rules/load.js';
import { DEFAULT_RULES_DIR } from './rules/paths.js';
import { rulesSnapshot } from './rules/snapshot.js';

interface ValidatorSpec {
  name: string;
  schema: AnySchema;
  options: Options;
}

/** CommonJS that exports the validator, tagged with what it was compiled from. */
function validatorModule({ schema, options }: ValidatorSpec): string {
  const ajv = new Ajv({ ...options, code: { source: true } });
  const code = standalone.default(ajv, ajv.compile(schema));
  return `${code}\nmodule.exports.source = ${JSON.stringify(validatorSource(schema, options))};\n`;
}

/** Writes the artifacts (anything a previous build left is removed first); returns the names written and why any is missing. */
export function writePrecompiled(dir: string = PRECOMPILED_DIR, rulesDir: string = DEFAULT_RULES_DIR): { written: string[]; skipped: string[] } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const skipped: string[] = [];
  const write = (name: string, text: string): void => {
    writeFileSync(`${dir}/${name}`, text);
    written.push(name);
  };
  for (const spec of [FUSION_VALIDATOR, LEXICAL_VALIDATOR]) write(`${spec.name}.validate.cjs`, validatorModule(spec));
  try {
    write('rules.json', JSON.stringify(rulesSnapshot(rulesDir, readValidPacks(rulesDir))));
  } catch (e) {
    // Packs being edited must not break the build: runs then validate them, and report what is wrong.
    if (!(e instanceof BasiraError)) throw e;
    skipped.push(`rules.json (${e.message.replace(/\s*\n\s*/g, ' ')})`);
  }
  return { written, skipped };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { written, skipped } = writePrecompiled();
  writeFileSync(`${PRECOMPILED_DIR}/eld.json`, JSON.stringify(await eldTable()));
  written.push('eld.json');
  process.stderr.write(`precompiled: ${written.join(', ')} in ${PRECOMPILED_DIR}\n`);
  for (const s of skipped) process.stderr.write(`precompiled: skipped ${s}\n`);
}
