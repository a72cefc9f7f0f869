/**
 * Draws a figure set as a horizontal bar chart in SVG, on the server: no chart library and no
 * script reach the reader. Pure: values in, markup out. The SVG is labelled by the figure's
 * title and description; the page puts a data table beside it.
 */

export interface Bar {
  label: string;
  /** null: the source gives no count (the bar is left out and the label says so). */
  value: number | null;
  /** The number as the page prints it (localized), and the share as the source gives it. */
  display: string;
}

export interface BarChartOptions {
  /** Unique on the page: used for the ids that label the SVG. */
  id: string;
  title: string;
  description: string;
}

const width = 400;
const barHeight = 26;
const labelGap = 22;
const rowGap = 18;
const valueSpace = 120;
const palette = ['#0b5d57', '#1f6f9f', '#7a4b94', '#a34a1b', '#56661d', '#8a3358'];

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for SVG markup: labels come from editors, never trusted as markup. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapes[character] ?? character);
}

/** Returns the SVG markup of a horizontal bar chart, one row per bar, largest value at full width. */
export function barChartSvg(bars: readonly Bar[], options: BarChartOptions): string {
  const max = Math.max(0, ...bars.map((bar) => bar.value ?? 0));
  const rowHeight = labelGap + barHeight + rowGap;
  const height = bars.length * rowHeight;
  const trackWidth = width - valueSpace;
  const rows = bars.map((bar, index) => {
    const top = index * rowHeight;
    const barWidth = bar.value === null || max === 0 ? 0 : Math.max(2, Math.round((bar.value / max) * trackWidth));
    const colour = palette[index % palette.length];
    const shape =
      bar.value === null
        ? `<line x1="0" y1="${top + labelGap + barHeight / 2}" x2="${trackWidth}" y2="${top + labelGap + barHeight / 2}" stroke="#767676" stroke-dasharray="4 6" stroke-width="2"/>`
        : `<rect x="0" y="${top + labelGap}" width="${barWidth}" height="${barHeight}" fill="${colour}" rx="2"/>`;
    const valueX = bar.value === null ? trackWidth + 8 : barWidth + 8;
    return [
      `<text x="0" y="${top + 16}" font-size="15" fill="#1b1f23">${escapeXml(bar.label)}</text>`,
      shape,
      `<text x="${valueX}" y="${top + labelGap + 18}" font-size="15" font-weight="700" fill="#1b1f23">${escapeXml(bar.display)}</text>`,
    ].join('');
  });
  const titleId = `${options.id}-title`;
  const descId = `${options.id}-desc`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${titleId} ${descId}" font-family="system-ui, sans-serif">` +
    `<title id="${titleId}">${escapeXml(options.title)}</title><desc id="${descId}">${escapeXml(options.description)}</desc>` +
    rows.join('') +
    `</svg>`
  );
}
