import { describe, expect, it } from 'vitest';
import { barChartSvg, escapeXml } from './bar-chart.ts';

const options = {
  id: 'f',
  title: 'Children by form of care',
  description: 'Guardianship 1,002; patronage: share only.',
};

describe('the bar chart', () => {
  it('is an image labelled by its title and description', () => {
    const svg = barChartSvg([{ label: 'A', value: 1, display: '1' }], options);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="f-title f-desc"/);
    expect(svg).toContain('<title id="f-title">Children by form of care</title>');
    expect(svg).toContain('<desc id="f-desc">Guardianship 1,002; patronage: share only.</desc>');
  });

  it('draws bars in proportion to the largest value', () => {
    const svg = barChartSvg(
      [
        { label: 'A', value: 100, display: '100' },
        { label: 'B', value: 50, display: '50' },
      ],
      options,
    );
    const widths = [...svg.matchAll(/<rect [^>]*width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[1]).toBe(Math.round((widths[0] ?? 0) / 2));
  });

  it('draws no bar where the source gives only a share', () => {
    const svg = barChartSvg(
      [
        { label: 'A', value: 10, display: '10' },
        { label: 'Patronage', value: null, display: 'share only: 10.7%' },
      ],
      options,
    );
    expect(svg.match(/<rect /g)).toHaveLength(1);
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('share only: 10.7%');
  });

  it('never lets a label become markup', () => {
    const svg = barChartSvg([{ label: '<script>alert(1)</script>', value: 1, display: '"1" & more' }], options);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(escapeXml(`a&b<c>"d'`)).toBe('a&amp;b&lt;c&gt;&quot;d&#39;');
  });
});
