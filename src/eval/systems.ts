/**
 * Which score columns an evaluation compares, and how each is read off a scored row: each scorer alone, the
 * fused score, and the fused score without each part (recomputed from the row's parts with the fusion head
 * fitted without that part, so an ablation is a real alternative system, not a zeroed feature).
 */
import { fuse, fuseInputOf, headKey, SCORERS, thresholdFor, type Fusion, type Scorer } from '../fuse.js';
import type { ScoredRow } from '../types.js';

export interface SystemPlan {
  readonly name: string;
  readonly threshold: number;
  /** The threshold a row is flagged at: for fusion heads the fusion's own for the row's language, as fuse() applies it. */
  readonly rowThreshold: (row: ScoredRow) => number;
  readonly score: (row: ScoredRow) => number | null;
}

export interface Plan {
  readonly systems: readonly SystemPlan[];
  /** Systems left out, with why, for a notice. */
  readonly skipped: readonly string[];
}

/** Raw model probabilities are read at the natural 0.5; fusion heads at the fusion's threshold. */
const MODEL_THRESHOLD = 0.5;

export const FUSED = 'fused';

function fusedWithout(fusion: Fusion, drop: ReadonlySet<Scorer>): (row: ScoredRow) => number | null {
  return (row) => (row.error !== null || row.score === null ? null : fuse(fuseInputOf(row), fusion, drop).score);
}

export function planSystems(scorers: readonly Scorer[], fusion: Fusion): Plan {
  const systems: SystemPlan[] = [];
  const fused = { threshold: fusion.threshold, rowThreshold: (row: ScoredRow) => thresholdFor(fusion, row.lang) };
  const modelThreshold = { threshold: MODEL_THRESHOLD, rowThreshold: () => MODEL_THRESHOLD };
  const skipped: string[] = [];
  const hasHead = (kept: readonly Scorer[]): boolean => fusion.heads[headKey(kept)] !== undefined;
  const others = (keep: readonly Scorer[]): Set<Scorer> => new Set(SCORERS.filter((s) => !keep.includes(s)));

  // Rules alone is a fusion head (rule weights need one); with rules as the only scorer it is the fused score itself.
  if (scorers.length > 1) {
    if (hasHead(['rules'])) systems.push({ name: 'rules', ...fused, score: fusedWithout(fusion, others(['rules'])) });
    else skipped.push(`rules: fusion ${fusion.version} has no "rules" head`);
  }
  for (const model of ['lexical', 'transformer'] as const) {
    if (scorers.includes(model)) {
      systems.push({ name: model, ...modelThreshold, score: (row) => row.models[model]?.propaganda ?? null });
    }
  }
  systems.push({ name: FUSED, ...fused, score: (row) => row.score });
  // With two scorers, dropping one leaves a single scorer, already listed on its own.
  if (scorers.length > 2) {
    for (const part of scorers) {
      const kept = scorers.filter((s) => s !== part);
      const name = `${FUSED}-no-${part}`;
      if (hasHead(kept)) systems.push({ name, ...fused, score: fusedWithout(fusion, new Set([part])) });
      else skipped.push(`${name}: fusion ${fusion.version} has no "${headKey(kept)}" head`);
    }
  }
  return { systems, skipped };
}
