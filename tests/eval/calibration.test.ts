import { describe, expect, it } from 'vitest';
import { expectedCalibrationError, reliability } from '../../src/eval/calibration.js';

describe('reliability bins and ECE', () => {
  it('bins by equal width, the last bin closed at 1, and weighs bins by size', () => {
    const bins = reliability([0.05, 0.15, 0.95, 1.0, 0.1, 0.0], [false, true, true, true, false, false]);
    expect(bins).toHaveLength(10);
    expect(bins.map((b) => b.n)).toEqual([2, 2, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(bins[0]).toMatchObject({ lo: 0, hi: 0.1, positiveRate: 0 });
    expect(bins[0]?.meanScore).toBeCloseTo(0.025, 12);
    expect(bins[1]?.meanScore).toBeCloseTo(0.125, 12);
    expect(bins[1]?.positiveRate).toBe(0.5);
    expect(bins[9]?.meanScore).toBeCloseTo(0.975, 12);
    expect(bins[2]).toMatchObject({ n: 0, meanScore: null, positiveRate: null });
    // (2·0.025 + 2·0.375 + 2·0.025) / 6
    expect(expectedCalibrationError(bins)).toBeCloseTo(0.85 / 6, 12);
  });

  it('is 0 for a calibrated system and null with no scores', () => {
    expect(expectedCalibrationError(reliability([0.5, 0.5, 0.5, 0.5], [true, false, true, false]))).toBe(0);
    expect(expectedCalibrationError(reliability([], []))).toBeNull();
  });

  it('handles a single class', () => {
    expect(expectedCalibrationError(reliability([0.2, 0.4], [false, false]))).toBeCloseTo(0.3, 12);
  });

  it('rejects scores that are not probabilities and bad bin counts', () => {
    expect(() => reliability([1.2], [true])).toThrow(RangeError);
    expect(() => reliability([Number.NaN], [true])).toThrow(RangeError);
    expect(() => reliability([0.5], [true], 0)).toThrow(RangeError);
  });
});
