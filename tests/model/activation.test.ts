import { describe, expect, it } from 'vitest';
import { toProbabilities } from '../../src/model/activation.js';

describe('toProbabilities', () => {
  it('splits row-major logits into rows and applies softmax per row for single-label models', () => {
    const { probs, logits } = toProbabilities(new Float32Array([0, 0, Math.log(2), 1, 1, 1]), 3, 'single_label_classification');
    expect(logits).toHaveLength(2);
    expect(probs[0]![0]).toBeCloseTo(0.25, 6);
    expect(probs[0]![2]).toBeCloseTo(0.5, 6);
    expect(probs[1]).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it('does not overflow on large logits', () => {
    const { probs } = toProbabilities(new Float32Array([1000, 999]), 2, 'single_label_classification');
    expect(probs[0]![0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 6);
  });

  it('applies an independent sigmoid per label for multi-label models', () => {
    const { probs } = toProbabilities(new Float32Array([0, 2, -2]), 3, 'multi_label_classification');
    expect(probs[0]![0]).toBe(0.5);
    expect(probs[0]![1]).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
    expect(probs[0]![1]! + probs[0]![2]!).toBeCloseTo(1, 6);
  });
});
