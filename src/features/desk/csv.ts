/**
 * CSV for the desk's downloads (a queue, a report), made to be opened in a spreadsheet: RFC 4180
 * (CRLF line ends, a field quoted when it holds a comma, a semicolon, a quote, CR or LF, its quotes
 * doubled),
 * preceded by a UTF-8 byte-order mark, without which Excel reads the file in the machine's ANSI
 * code page and Kazakh letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і) come out garbled. Text that a
 * spreadsheet would run as a formula is neutralised (OWASP's CSV injection, ASVS 1.2.10): an
 * applicant's name or a note is written by the public, and a cell such as `=HYPERLINK(…)` would
 * otherwise become a live link or a command on a caseworker's machine.
 */

export type CsvCell = string | number | boolean | Date | null | undefined;

/** The byte-order mark, as the first character of the text (encoded as UTF-8: EF BB BF). */
const byteOrderMark = '\uFEFF';

/** The first characters at which a spreadsheet starts a formula (or, tab and CR, skips to one). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * Quoted when it holds a comma, a quote or a line end (RFC 4180), or a semicolon: Excel in Russian
 * and Kazakh settings splits fields at semicolons, and an unquoted `Name;=HYPERLINK(…)` would open
 * as a second cell that starts a formula.
 */
const needsQuotes = /[",;\r\n]/;

/** The text of one cell, before quoting. */
function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    // A NaN or an Infinity in an export is a fault upstream: write none rather than a wrong figure.
    if (!Number.isFinite(cell)) throw new RangeError(`toCsv: ${String(cell)} is not a number a spreadsheet can hold`);
    // A number is written as a number (a spreadsheet reads -5 as minus five, not as a formula).
    return String(cell);
  }
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  if (cell instanceof Date) return cell.toISOString();
  // The apostrophe makes the spreadsheet take the cell as text, and is not shown in it.
  return formulaStart.test(cell) ? `'${cell}` : cell;
}

function field(cell: CsvCell): string {
  const text = cellText(cell);
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV file's text: the header, then one record per row, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const records = [header, ...rows].map((record) => `${record.map(field).join(',')}\r\n`);
  return byteOrderMark + records.join('');
}
