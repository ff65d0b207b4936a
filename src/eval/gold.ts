/**
 * Gold labels as researchers export them: either the five labels of TAXONOMY.md (plus `not_propaganda`,
 * which binary sources use), or any binary column read through `--positive VALUE`.
 */
import { BasiraError } from '../errors.js';
import { CATEGORIES, LABELS, type Category, type Label } from '../types.js';

export const NOT_PROPAGANDA = 'not_propaganda';
export type GoldLabel = Label | typeof NOT_PROPAGANDA;

const GOLD_LABELS: readonly string[] = [...LABELS, NOT_PROPAGANDA];

/**
 * The gold label of one cell; null when the cell is empty (the row has no gold and is left out).
 * With `positive`, the cell equal to it (after trimming) is propaganda and anything else is not.
 */
export function parseGold(value: string | undefined, positive?: string): GoldLabel | null {
  const v = (value ?? '').trim();
  if (v === '') return null;
  if (positive !== undefined) return v === positive.trim() ? 'propaganda' : NOT_PROPAGANDA;
  const label = v.toLowerCase();
  if (GOLD_LABELS.includes(label)) return label as GoldLabel;
  throw new BasiraError(
    'E_DATA',
    `unknown gold label "${v}"`,
    `use --positive VALUE for a binary label column, or labels ${GOLD_LABELS.join(', ')}`,
  );
}

/** Gold categories from a '|'-separated cell (as in TAXONOMY.md); null when the cell is empty. */
export function parseGoldCategories(value: string | undefined): Category[] | null {
  const parts = (value ?? '')
    .split('|')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== '');
  if (parts.length === 0) return null;
  const out: Category[] = [];
  for (const p of parts) {
    const c = CATEGORIES.find((k) => k === p);
    if (c === undefined) {
      throw new BasiraError('E_DATA', `unknown gold category "${p}"`, `categories are ${CATEGORIES.join(', ')}, separated by '|'`);
    }
    if (!out.includes(c)) out.push(c);
  }
  return out;
}
