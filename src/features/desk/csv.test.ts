import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

/** The records of a CSV text as RFC 4180 reads them (after the byte-order mark). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      index++;
    } else cell += char;
  }
  if (cell !== '' || record.length > 0) throw new Error('the last record has no line end');
  return records;
}

const body = (csv: string) => csv.slice(1);

describe('toCsv', () => {
  it('starts with a UTF-8 byte-order mark', () => {
    const csv = toCsv(['a'], [['b']]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('ends every line with CRLF, the header first', () => {
    expect(
      body(
        toCsv(
          ['reference', 'district'],
          [
            ['AQ-1', 'almaty'],
            ['AQ-2', 'shymkent'],
          ],
        ),
      ),
    ).toBe('reference,district\r\nAQ-1,almaty\r\nAQ-2,shymkent\r\n');
  });

  it('quotes a field with a comma, a quote, CR or LF, and doubles its quotes', () => {
    expect(body(toCsv(['x'], [['a,b'], ['say "hi"'], ['line\nbreak'], ['cr\rhere'], ['plain']]))).toBe(
      'x\r\n"a,b"\r\n"say ""hi"""\r\n"line\nbreak"\r\n"cr\rhere"\r\nplain\r\n',
    );
  });

  it('keeps Kazakh text intact through UTF-8', () => {
    const name = 'Әлия Қайратқызы Нұрланова, Шымқала';
    const csv = toCsv(['аты-жөні', 'ескерту'], [[name, 'үй-жайы көрілді: ғимарат, өңір, һ, і']]);
    const decoded = new TextDecoder('utf-8', { ignoreBOM: true }).decode(Buffer.from(csv, 'utf8'));
    expect(decoded).toBe(csv);
    expect(parseCsv(body(decoded))).toEqual([
      ['аты-жөні', 'ескерту'],
      [name, 'үй-жайы көрілді: ғимарат, өңір, һ, і'],
    ]);
  });

  it('writes dates as ISO date-times, empties as nothing, numbers and booleans as they are', () => {
    expect(
      body(
        toCsv(['a', 'b', 'c', 'd', 'e', 'f'], [[new Date('2025-03-01T09:30:00Z'), null, undefined, 42, 1.5, false]]),
      ),
    ).toBe('a,b,c,d,e,f\r\n2025-03-01T09:30:00.000Z,,,42,1.5,false\r\n');
  });

  it.each(['=', '+', '-', '@', '\t', '\r'])('neutralises text starting with %j', (start) => {
    const text = `${start}1+1`;
    const [, [cell] = []] = parseCsv(body(toCsv(['x'], [[text]])));
    expect(cell).toBe(`'${text}`);
  });

  it('neutralises the header too, and only a formula character at the start', () => {
    expect(body(toCsv(['=x', 'a-b'], [['1=1', 'a@b.kz']]))).toBe("'=x,a-b\r\n1=1,a@b.kz\r\n");
  });

  it('leaves a negative number a number', () => {
    expect(body(toCsv(['n'], [[-5], [-0.25]]))).toBe('n\r\n-5\r\n-0.25\r\n');
  });

  it('neutralises a formula and then quotes it', () => {
    expect(body(toCsv(['x'], [['=HYPERLINK("http://x")']]))).toBe('x\r\n"\'=HYPERLINK(""http://x"")"\r\n');
  });

  it('refuses a number a spreadsheet cannot hold', () => {
    expect(() => toCsv(['n'], [[Number.NaN]])).toThrow(RangeError);
    expect(() => toCsv(['n'], [[Number.NEGATIVE_INFINITY]])).toThrow(RangeError);
  });

  it('gives back every text, read as RFC 4180, and never a cell a spreadsheet would run', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'ә', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', ' ') });
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const read = parseCsv(body(toCsv(['a', 'b'], rows)));
        expect(read.slice(1)).toEqual(
          rows.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell))),
        );
        for (const cell of read.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });
  it('quotes a cell with a semicolon, where Excel in Russian or Kazakh settings would start a new cell', () => {
    expect(body(toCsv(['x'], [['Айгерим;=HYPERLINK("http://x")']]))).toBe(
      'x\r\n"Айгерим;=HYPERLINK(""http://x"")"\r\n',
    );
  });
});
