/**
 * The scanner's header (parseHeaderBytes) is the simple reader's: the same fields as csv-parse
 * splits them (src/input/csv.ts options), through the same analyzePriceHeader.
 */
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { analyzePriceHeader, parseHeaderBytes } from '../../../src/input/prices/header';

/** The header as the simple reader reads `line`, or null when it reports a problem. */
function simpleHeader(line: string) {
  try {
    const records = parse(line, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_quotes: true,
      relax_column_count: true,
    }) as string[][];
    return records.length === 1 ? analyzePriceHeader(records[0]!, 'prices.csv', 1) : null;
  } catch {
    return null;
  }
}

test('parseHeaderBytes gives the simple reader header, or null (the simple reader decides)', () => {
  const field = fc.oneof(
    fc.constantFrom('date', 'time', 'symbol', 'close', 'BTC', 'ETH', '', 'A B', '"SOL"', ' X '),
    fc.constantFrom('"a,b"', '\tT', 'Y\f', '"q""r"', 'é', '"'),
    fc.stringMatching(/^[A-Za-z0-9_.-]{1,6}$/),
  );
  fc.assert(
    fc.property(fc.array(field, { minLength: 1, maxLength: 8 }), fc.boolean(), (fields, crlf) => {
      const line = fields.join(',');
      const got = parseHeaderBytes(
        Buffer.from(`${line}${crlf ? '\r\n' : '\n'}1,2\n`),
        'prices.csv',
      );
      if (got !== null) {
        expect(got.header).toEqual(simpleHeader(line));
        expect(got.crlf).toBe(crlf);
        expect(got.dataStart).toBe(Buffer.byteLength(line) + (crlf ? 2 : 1));
      }
      // a plain header the simple reader accepts is the scanner's too
      if (/^[A-Za-z0-9_.,-]*$/.test(line) && simpleHeader(line) !== null) {
        expect(got).not.toBeNull();
      }
    }),
    { seed: 23, numRuns: 3000 },
  );
});
