import { describe, expect, it } from 'vitest';
import { fmt, linear, pathData, scales, seriesStyle } from '../../src/eval/svg.js';

describe('svg primitives', () => {
  it('rounds coordinates to 0.1 without negative zero', () => {
    expect(fmt(12.345)).toBe('12.3');
    expect(fmt(-0.04)).toBe('0');
    expect(fmt(3)).toBe('3');
  });

  it('maps linearly, y growing upwards in a frame', () => {
    expect(linear([0, 1], [10, 110])(0.25)).toBe(35);
    const s = scales({ width: 200, height: 100, left: 10, right: 10, top: 10, bottom: 10 }, [0, 1], [0, 1]);
    expect([s.x(0), s.x(1), s.y(0), s.y(1)]).toEqual([10, 190, 90, 10]);
  });

  it('draws straight or step paths', () => {
    const pts = [
      [0, 0],
      [10, 5],
      [20, 8],
    ] as const;
    expect(pathData(pts)).toBe('M0 0L10 5L20 8');
    expect(pathData(pts, true)).toBe('M0 0V5H10V8H20');
  });

  it('never gives two of the first eight series the same style', () => {
    const styles = Array.from({ length: 8 }, (_, i) => JSON.stringify(seriesStyle(i)));
    expect(new Set(styles).size).toBe(8);
  });
});
