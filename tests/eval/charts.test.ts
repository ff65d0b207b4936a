import { describe, expect, it } from 'vitest';
import { blue, curveChart, groupedBarChart, heatmap, reliabilityChart } from '../../src/eval/charts.js';
import { reliability } from '../../src/eval/calibration.js';
import { seriesStyle } from '../../src/eval/svg.js';

const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;

describe('charts', () => {
  it('draws one path per series, the primary last and thickest, with escaped names', () => {
    const svg = curveChart(
      [
        { name: 'fused', style: seriesStyle(0), primary: true, points: [[0, 1], [1, 0.5]] },
        { name: 'a<b', style: seriesStyle(1), primary: false, points: [[0, 1], [1, 0.2]] },
      ],
      { label: 'PR', xLabel: 'recall', yLabel: 'precision', step: true, reference: { kind: 'level', y: 0.3 } },
    );
    expect(svg.startsWith('<svg viewBox=')).toBe(true);
    expect(count(svg, /<path class="series"/g)).toBe(2);
    expect(svg.indexOf('a&lt;b')).toBeLessThan(svg.indexOf('<title>fused</title>'));
    expect(svg).toContain('stroke-width="2.75"');
    expect(svg).toContain('class="reference"');
  });

  it('draws reliability points for non-empty bins and a histogram of the primary', () => {
    const bins = reliability([0.05, 0.15, 0.95], [false, true, true]);
    const svg = reliabilityChart([{ name: 'fused', style: seriesStyle(0), primary: true, bins }], 'rel');
    expect(count(svg, /<circle /g)).toBe(3);
    expect(count(svg, /<rect class="hist"/g)).toBe(3);
  });

  it('draws bars, whiskers and a dash for missing values', () => {
    const svg = groupedBarChart(
      [{ label: 'ar', sublabels: ['n=3', 'pos=1'], bars: [{ name: 'fused', style: seriesStyle(0), value: 0.5, lo: 0.2, hi: 0.8 }, { name: 'rules', style: seriesStyle(1), value: null }] }],
      'F1',
      'bars',
    );
    expect(count(svg, /<rect x=/g)).toBe(1);
    expect(count(svg, /class="whisker"/g)).toBe(1);
    expect(svg).toContain('class="na"');
    expect(count(svg, /class="tick sub"/g)).toBe(2);
  });

  it('draws a 5×5 heat map shaded by row share', () => {
    const labels = ['a', 'b', 'c', 'd', 'e'];
    const m = labels.map((_, i) => labels.map((__, j) => (i === j ? 3 : 1)));
    const svg = heatmap(labels, m, 'confusion');
    expect(count(svg, /<rect class="cell/g)).toBe(25);
    expect(count(svg, /class="cell diag"/g)).toBe(5);
    expect(blue(0)).toBe('rgb(247,251,255)');
    expect(blue(1)).toBe('rgb(8,48,107)');
  });
});
