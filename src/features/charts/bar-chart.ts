/**
 * Draws a figure set as a horizontal bar chart on the server: no chart library and no script
 * reach the reader. Pure: values in, markup out.
 *
 * The words are HTML and only the bars are SVG. SVG text neither wraps nor reflows, and it scales
 * with the drawing: the long Kazakh and Russian labels were clipped by the viewBox and shrank to
 * about 11 px on a phone. As HTML, each label takes its own line above its bar, wraps at the width
 * of the page, keeps the page's font size at every width and with the reader's text settings, and
 * is hyphenated by the browser in the page's language. Each bar is a one-row SVG whose viewBox is
 * stretched to the width of the chart (`preserveAspectRatio="none"`), so bars keep their
 * proportions whatever the width, and every row's track is the same width.
 *
 * The chart is one image for assistive technology, named by the figure's title and description;
 * the page puts the same numbers in a table beside it.
 */

export interface Bar {
  label: string;
  /** null: the source gives no count (the bar is left out and the value says so). */
  value: number | null;
  /** The number as the page prints it (localized), and the share as the source gives it. */
  display: string;
}

export interface BarChartOptions {
  /** Unique on the page: used for the ids that name the chart. */
  id: string;
  title: string;
  description: string;
}

/**
 * One colour for every bar: the bars of a chart are one series, and different colours would
 * suggest categories that the data does not have. The page's brand green, 7.6:1 on white.
 */
export const barColour = '#0b5d57';

/** The viewBox of a bar: 1000 units wide, so a bar's length is kept to a tenth of a percent. */
const trackUnits = 1000;
const barUnits = 10;
/** The shortest bar drawn for a value above zero, so that a small value is still seen. */
const minimumBarUnits = 4;

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML and SVG markup: labels come from editors, never trusted as markup. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapes[character] ?? character);
}

/** A bar's length in viewBox units, the largest value at full length; null where there is no count. */
export function barUnitsOf(value: number | null, max: number): number | null {
  if (value === null) return null;
  if (max <= 0 || value <= 0) return 0;
  return Math.max(minimumBarUnits, Math.round((value / max) * trackUnits));
}

function barMarkup(units: number | null): string {
  // No count: a dashed rule in HTML (its dashes keep their size at any width), plainly not a bar.
  if (units === null) return '<span class="bar-chart-none"></span>';
  return (
    // width and height: the size without the stylesheet too; the stylesheet sets the same.
    `<svg class="bar-chart-bar" width="100%" height="20" viewBox="0 0 ${trackUnits} ${barUnits}" preserveAspectRatio="none" aria-hidden="true">` +
    (units > 0 ? `<rect x="0" y="0" width="${units}" height="${barUnits}" fill="${barColour}"/>` : '') +
    `</svg>`
  );
}

/**
 * Returns the markup of a horizontal bar chart: per bar, its label and value on a line (wrapping
 * as the text needs), then the bar across the full width, the largest value at full length.
 */
export function barChartHtml(bars: readonly Bar[], options: BarChartOptions): string {
  const max = Math.max(0, ...bars.map((bar) => bar.value ?? 0));
  const titleId = `${options.id}-title`;
  const descId = `${options.id}-desc`;
  const rows = bars.map(
    (bar) =>
      `<div class="bar-chart-row">` +
      `<span class="bar-chart-label">${escapeMarkup(bar.label)}</span>` +
      `<span class="bar-chart-value">${escapeMarkup(bar.display)}</span>` +
      barMarkup(barUnitsOf(bar.value, max)) +
      `</div>`,
  );
  // role="img": read as one picture with its name; the rows' text is what a sighted reader sees.
  return (
    `<div class="bar-chart" role="img" aria-labelledby="${titleId} ${descId}">` +
    `<span id="${titleId}" hidden>${escapeMarkup(options.title)}</span>` +
    `<span id="${descId}" hidden>${escapeMarkup(options.description)}</span>` +
    rows.join('') +
    `</div>`
  );
}
