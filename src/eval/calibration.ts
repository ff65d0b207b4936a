/**
 * Calibration: does a score of 0.8 mean that 8 posts in 10 are propaganda? Scores go into equal-width bins
 * [k/B, (k+1)/B), the last bin closed at 1; each bin compares its mean score with its share of positives.
 */

export interface ReliabilityBin {
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
  /** Mean score in the bin; null for an empty bin. */
  readonly meanScore: number | null;
  /** Share of gold positives in the bin; null for an empty bin. */
  readonly positiveRate: number | null;
}

export function reliability(scores: ArrayLike<number>, gold: ArrayLike<boolean>, bins = 10): ReliabilityBin[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  if (gold.length !== scores.length) throw new RangeError(`${scores.length} scores but ${gold.length} gold labels`);
  const n = new Float64Array(bins);
  const sum = new Float64Array(bins);
  const pos = new Float64Array(bins);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    if (!(s >= 0 && s <= 1)) throw new RangeError(`score ${i} is not a probability in [0, 1]: ${s}`);
    const b = Math.min(Math.floor(s * bins), bins - 1);
    n[b] = (n[b] as number) + 1;
    sum[b] = (sum[b] as number) + s;
    if (gold[i]) pos[b] = (pos[b] as number) + 1;
  }
  return Array.from(n, (count, b) => ({
    lo: b / bins,
    hi: (b + 1) / bins,
    n: count,
    meanScore: count === 0 ? null : (sum[b] as number) / count,
    positiveRate: count === 0 ? null : (pos[b] as number) / count,
  }));
}

/** Expected calibration error: Σ_b (n_b / N) · |positive rate_b − mean score_b|. Null with no scores. */
export function expectedCalibrationError(bins: readonly ReliabilityBin[]): number | null {
  let total = 0;
  let err = 0;
  for (const b of bins) {
    if (b.n === 0 || b.meanScore === null || b.positiveRate === null) continue;
    total += b.n;
    err += b.n * Math.abs(b.positiveRate - b.meanScore);
  }
  return total === 0 ? null : err / total;
}
