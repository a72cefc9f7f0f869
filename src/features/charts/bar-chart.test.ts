import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { figureSetSchema } from '../../content/schema.ts';
import { localeInfo, locales, type Locale } from '../../i18n/locales.ts';
import { uiStrings } from '../../i18n/translator.ts';
import { barChartHtml, barColour, barUnitsOf, escapeMarkup, type Bar } from './bar-chart.ts';

const options = {
  id: 'f',
  title: 'Children by form of care',
  description: 'Guardianship 1,002; patronage: share only.',
};

/** The chart's markup with its SVG drawings cut out: what is left is the HTML text around them. */
const outsideSvg = (html: string) => html.replace(/<svg\b[\s\S]*?<\/svg>/g, '');
const svgsOf = (html: string) => [...html.matchAll(/<svg\b[\s\S]*?<\/svg>/g)].map((match) => match[0]);
const rectWidths = (html: string) => [...html.matchAll(/<rect [^>]*width="(\d+)"/g)].map((match) => Number(match[1]));

/**
 * Every figure set of the site, with its values as the page prints them (as FigureChart does,
 * through Intl), so that the longest real labels and values are the ones under test.
 */
function realCharts(): { name: string; lang: Locale; bars: Bar[] }[] {
  const root = path.resolve('content/figures');
  return locales.flatMap((lang) =>
    readdirSync(path.join(root, lang))
      .filter((file) => file.endsWith('.yaml'))
      .map((file) => {
        const figure = figureSetSchema.parse(parseYaml(readFileSync(path.join(root, lang, file), 'utf8')));
        const intl = localeInfo[lang].intl;
        const share = (text: string) =>
          new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: 1 }).format(
            Number.parseFloat(text) / 100,
          );
        const bars = figure.values.map((entry) => ({
          label: entry.label,
          value: entry.value,
          display:
            entry.value === null
              ? (uiStrings[lang]['statistics.shareOnly'] ?? '').replace('{{share}}', share(entry.share ?? ''))
              : `${new Intl.NumberFormat(intl).format(entry.value)}${entry.share ? ` (${share(entry.share)})` : ''}`,
        }));
        return { name: `${lang}/${file}`, lang, bars };
      }),
  );
}

/** The declarations of the stylesheet's rules whose selector names the chart. */
function chartRules(): string[] {
  const css = readFileSync(path.resolve('src/styles/global.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  return [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)]
    .filter((match) => (match[1] ?? '').includes('.bar-chart'))
    .map((match) => `${(match[1] ?? '').trim()} { ${(match[2] ?? '').trim()} }`);
}

describe('the bar chart', () => {
  it('is an image named by its title and description', () => {
    const html = barChartHtml([{ label: 'A', value: 1, display: '1' }], options);
    expect(html).toMatch(/^<div class="bar-chart" role="img" aria-labelledby="f-title f-desc">/);
    expect(html).toContain('<span id="f-title" hidden>Children by form of care</span>');
    expect(html).toContain('<span id="f-desc" hidden>Guardianship 1,002; patronage: share only.</span>');
  });

  it('draws bars in proportion to the largest value', () => {
    const html = barChartHtml(
      [
        { label: 'A', value: 100, display: '100' },
        { label: 'B', value: 50, display: '50' },
      ],
      options,
    );
    const widths = rectWidths(html);
    expect(widths).toEqual([1000, 500]);
    // Every bar is drawn in the same viewBox, stretched to the same track: lengths compare.
    expect(new Set(svgsOf(html).map((svg) => /viewBox="([^"]+)"/.exec(svg)?.[1]))).toEqual(new Set(['0 0 1000 10']));
  });

  it('still shows a small value, and draws nothing for zero', () => {
    expect(barUnitsOf(1, 100_000)).toBeGreaterThan(0);
    expect(barUnitsOf(0, 10)).toBe(0);
    expect(barUnitsOf(5, 0)).toBe(0);
  });

  it('draws no bar where the source gives only a share, and says so in words', () => {
    const html = barChartHtml(
      [
        { label: 'A', value: 10, display: '10' },
        { label: 'Patronage', value: null, display: 'share only: 10.7%' },
      ],
      options,
    );
    expect(html.match(/<rect /g)).toHaveLength(1);
    expect(html).toContain('<span class="bar-chart-none"></span>');
    expect(outsideSvg(html)).toContain('share only: 10.7%');
  });

  it('gives every bar of a chart the same colour', () => {
    const html = barChartHtml(
      [1, 2, 3, 4, 5, 6, 7].map((value) => ({ label: `L${value}`, value, display: String(value) })),
      options,
    );
    const fills = [...html.matchAll(/fill="([^"]+)"/g)].map((match) => match[1]);
    expect(fills).toHaveLength(7);
    expect(new Set(fills)).toEqual(new Set([barColour]));
  });

  it('never lets a label become markup', () => {
    const html = barChartHtml([{ label: '<script>alert(1)</script>', value: 1, display: '"1" & more' }], options);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&quot;1&quot; &amp; more');
    expect(escapeMarkup(`a&b<c>"d'`)).toBe('a&amp;b&lt;c&gt;&quot;d&#39;');
  });
});

describe('the real charts cannot clip a label', () => {
  const charts = realCharts();

  it('reads every figure set of every language', () => {
    expect(charts.length).toBeGreaterThanOrEqual(18);
    // The labels that were clipped before: the longest label and the "share only" value.
    const longest = Math.max(...charts.flatMap((chart) => chart.bars.map((bar) => bar.label.length)));
    expect(longest).toBeGreaterThan(60);
    expect(charts.some((chart) => chart.bars.some((bar) => bar.display.startsWith('тек үлесі')))).toBe(true);
  });

  it.each(charts.map((chart) => [chart.name, chart] as const))(
    '%s: every label and value is HTML text, outside any SVG, so it wraps',
    (_, chart) => {
      const html = barChartHtml(chart.bars, { id: 'c', title: 't', description: 'd' });
      const text = outsideSvg(html);
      for (const bar of chart.bars) {
        expect(text).toContain(`<span class="bar-chart-label">${escapeMarkup(bar.label)}</span>`);
        expect(text).toContain(`<span class="bar-chart-value">${escapeMarkup(bar.display)}</span>`);
      }
      // An SVG would scale its text with the drawing and cut it at the viewBox: the bars have none.
      for (const svg of svgsOf(html)) {
        expect(svg).not.toMatch(/<(text|tspan|foreignObject)\b/);
        expect(svg).toContain('preserveAspectRatio="none"');
      }
      expect(svgsOf(html)).toHaveLength(chart.bars.filter((bar) => bar.value !== null).length);
    },
  );

  it('styles the chart text so that it wraps at a readable size', () => {
    const rules = chartRules();
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      // Nothing that cuts text off, keeps it on one line, or fixes the chart's width.
      expect(rule).not.toMatch(/white-space\s*:\s*(nowrap|pre)\b/);
      expect(rule).not.toMatch(/text-overflow/);
      expect(rule).not.toMatch(/overflow(-x)?\s*:\s*(hidden|clip)/);
      expect(rule).not.toMatch(/(^|[\s;{])width\s*:\s*\d+(\.\d+)?px/);
      // Text at the page's size (16 px by default) or no smaller than 14 px of it.
      for (const size of rule.matchAll(/font-size\s*:\s*([\d.]+)(rem|em|px|%)/g)) {
        const px = Number(size[1]) * (size[2] === 'px' ? 1 : size[2] === '%' ? 0.16 : 16);
        expect(px, rule).toBeGreaterThanOrEqual(14);
      }
    }
    const labelRules = rules.filter((rule) => /\.bar-chart-(label|value)/.test(rule));
    expect(labelRules.some((rule) => /hyphens\s*:\s*auto/.test(rule))).toBe(true);
  });
});
