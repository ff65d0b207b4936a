import type { ProblemType } from './folder.js';

/** Splits row-major logits into rows and turns each row into probabilities in label order. */
export function toProbabilities(
  logits: Float32Array,
  cols: number,
  problemType: ProblemType,
): { probs: number[][]; logits: number[][] } {
  const rows: number[][] = [];
  const probs: number[][] = [];
  for (let start = 0; start < logits.length; start += cols) {
    const row = Array.from(logits.subarray(start, start + cols));
    rows.push(row);
    probs.push(problemType === 'multi_label_classification' ? row.map(sigmoid) : softmax(row));
  }
  return { probs, logits: rows };
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Shifted by the row maximum so large logits cannot overflow exp. */
function softmax(row: readonly number[]): number[] {
  const max = Math.max(...row);
  const exps = row.map((x) => Math.exp(x - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}
