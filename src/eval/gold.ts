/**
 * Gold labels as researchers export them: the five labels of TAXONOMY.md (plus `not_propaganda`, which
 * binary sources use), any binary column read through `--positive VALUE`, or any labels mapped to ours
 * with `--map`.
 */
import { BasiraError } from '../errors.js';
import { CATEGORIES, LABELS, type Category, type Label } from '../types.js';

export const NOT_PROPAGANDA = 'not_propaganda';
export type GoldLabel = Label | typeof NOT_PROPAGANDA;

const GOLD_LABELS: readonly string[] = [...LABELS, NOT_PROPAGANDA];

/** How a gold column's values become labels: as they are, through `--positive VALUE`, or through `--map`. */
export interface GoldReading {
  readonly positive?: string;
  readonly map?: LabelMap;
}

/** The user's label values (trimmed) → ours. */
export type LabelMap = Readonly<Record<string, GoldLabel>>;

/**
 * The gold label of one cell; null when the cell is empty (the row has no gold and is left out).
 * With `positive`, the cell equal to it (after trimming) is propaganda and anything else is not; with `map`,
 * the cell must be one of its keys.
 */
export function parseGold(value: string | undefined, reading: GoldReading = {}): GoldLabel | null {
  const v = (value ?? '').trim();
  if (v === '') return null;
  if (reading.positive !== undefined) return v === reading.positive.trim() ? 'propaganda' : NOT_PROPAGANDA;
  if (reading.map !== undefined) {
    const mapped = reading.map[v];
    if (mapped !== undefined) return mapped;
    throw new BasiraError('E_DATA', `gold label "${v}" is not in the label map`, `map it too: --map '${v}=LABEL,…' (now: ${Object.keys(reading.map).join(', ')})`);
  }
  const label = v.toLowerCase();
  if (GOLD_LABELS.includes(label)) return label as GoldLabel;
  throw new BasiraError(
    'E_DATA',
    `unknown gold label "${v}"`,
    `use --positive VALUE for a binary label column, --map 'THEIRS=OURS,…', or labels ${GOLD_LABELS.join(', ')}`,
  );
}

/** Parses `--map 'pro=propaganda,news=news'`: comma-separated pairs, each value one of our labels. */
export function parseLabelMap(spec: string): LabelMap {
  const map: Record<string, GoldLabel> = {};
  for (const part of spec.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.lastIndexOf('=');
    const theirs = part.slice(0, Math.max(eq, 0)).trim();
    const ours = part.slice(eq + 1).trim().toLowerCase();
    if (eq === -1 || theirs === '') {
      throw new BasiraError('E_USAGE', `--map: "${part.trim()}" is not THEIRS=OURS`, "e.g. --map 'pro=propaganda,news=news,other=other'");
    }
    if (!GOLD_LABELS.includes(ours)) {
      throw new BasiraError('E_USAGE', `--map: "${ours}" (for "${theirs}") is not a label`, `labels are ${GOLD_LABELS.join(', ')}`);
    }
    if (map[theirs] !== undefined && map[theirs] !== ours) {
      throw new BasiraError('E_USAGE', `--map: "${theirs}" is mapped twice (${map[theirs]}, ${ours})`);
    }
    map[theirs] = ours as GoldLabel;
  }
  if (Object.keys(map).length === 0) throw new BasiraError('E_USAGE', '--map is empty', "e.g. --map 'pro=propaganda,news=news,other=other'");
  return map;
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
