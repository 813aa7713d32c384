/**
 * The prices file's header: its layout (analyzePriceHeader, for both readers) and, for the
 * scanner, the header record read from the first bytes of the input with the simple reader's
 * csv-parse options.
 */
import { isUtf8 } from 'node:buffer';
import { parse as parseCsv } from 'csv-parse/sync';
import { InputError, ProblemList } from '../../errors';
import { showValue } from '../cells';
import { delimiterProblem } from '../csv';

interface HeaderBase {
  /** Number of fields of the header (every row has as many). */
  readonly fieldCount: number;
  /** 0-based field index of the time column. */
  readonly timeColumn: number;
  /** Header text of the time column ('' when unnamed, as pandas writes an index). */
  readonly timeName: string;
}

/** Wide layout: `symbols[k]` is in field `symbolColumns[k]`. */
export interface WidePriceHeader extends HeaderBase {
  readonly layout: 'wide';
  readonly symbols: readonly string[];
  readonly symbolColumns: readonly number[];
}

/** Long layout: one price per row. Columns other than these three are ignored. */
export interface LongPriceHeader extends HeaderBase {
  readonly layout: 'long';
  readonly symbolColumn: number;
  readonly symbolName: string;
  readonly priceColumn: number;
  readonly priceName: string;
}

export type PriceHeader = WidePriceHeader | LongPriceHeader;

const TIME_NAMES = ['date', 'time', 'timestamp'];
const PRICE_NAMES = ['price', 'close'];

/**
 * Reads the layout from the header. Long when (case-insensitively) a `date`/`time`/`timestamp`
 * column, a `symbol` column and a `price`/`close` column are present (the first of each in
 * header order); otherwise wide: the first column is the time, every other column a symbol.
 * @throws InputError at `line` for: a `symbol` column without the other long columns, a wide
 *   header with no symbol column (with a hint when the file looks `;`- or tab-separated), a
 *   symbol column without a name, the same symbol twice.
 */
export function analyzePriceHeader(
  fields: readonly string[],
  source: string,
  line = 1,
): PriceHeader {
  const lower = fields.map((f) => f.toLowerCase());
  const timeColumn = lower.findIndex((f) => TIME_NAMES.includes(f));
  const symbolColumn = lower.indexOf('symbol');
  const priceColumn = lower.findIndex((f) => PRICE_NAMES.includes(f));
  const fail = (message: string): never => {
    throw new InputError({ file: source, line, message });
  };
  if (symbolColumn >= 0 && timeColumn >= 0 && priceColumn >= 0) {
    return {
      layout: 'long',
      fieldCount: fields.length,
      timeColumn,
      timeName: fields[timeColumn]!,
      symbolColumn,
      symbolName: fields[symbolColumn]!,
      priceColumn,
      priceName: fields[priceColumn]!,
    };
  }
  if (symbolColumn >= 0) {
    const missing = [
      timeColumn < 0 ? '"date", "time" or "timestamp"' : null,
      priceColumn < 0 ? '"price" or "close"' : null,
    ];
    fail(
      `a "symbol" column means the long layout, which also needs a column ${missing.filter((m) => m !== null).join(' and a column ')}`,
    );
  }
  if (fields.length < 2) {
    const delimiter = delimiterProblem(source, fields, line);
    fail(
      delimiter
        ? delimiter.message
        : 'no symbol columns: the first column is the time, each other column one symbol',
    );
  }
  const problems = new ProblemList();
  const seen = new Map<string, number>();
  for (let i = 1; i < fields.length; i++) {
    const name = fields[i]!;
    const first = seen.get(name);
    if (name === '') problems.add({ file: source, line, message: `column ${i + 1} has no name` });
    else if (first !== undefined) {
      problems.add({
        file: source,
        line,
        message: `duplicate column ${showValue(name)} (columns ${first + 1} and ${i + 1})`,
      });
    } else seen.set(name, i);
  }
  problems.throwIfAny();
  return {
    layout: 'wide',
    fieldCount: fields.length,
    timeColumn: 0,
    timeName: fields[0]!,
    symbols: fields.slice(1),
    symbolColumns: fields.map((_, i) => i).slice(1),
  };
}

/** The header as the scanner found it in the input's bytes. */
export interface HeaderInfo {
  readonly header: PriceHeader;
  /** Byte offset of the first data line. */
  readonly dataStart: number;
  /** Whether lines end with CRLF (the header's line end; every line must then have it). */
  readonly crlf: boolean;
}

/** A line without quotes and without csv-parse's trim characters (CR and LF are not in it). */
const PLAIN_LINE = /^[^"\t\f ]*$/;

/** csv-parse options of the simple reader (src/input/csv.ts) for one header line. */
const CSV_OPTIONS = {
  bom: false,
  trim: true,
  skip_empty_lines: true,
  relax_quotes: true,
  relax_column_count: true,
} as const;

/**
 * The header record from the first bytes of the input: BOM skipped, no leading blank line, no
 * quoted line break, split as csv-parse splits it with the simple reader's options (a plain line
 * at its commas, for a 2,000-column header csv-parse takes ~30 ms), then analyzePriceHeader.
 * @returns the header, or null when the simple reader must decide (it reports any problem).
 */
export function parseHeaderBytes(first: Buffer, name: string): HeaderInfo | null {
  let start = 0;
  if (first.length >= 3 && first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) start = 3;
  const nl = first.indexOf(10, start);
  if (nl < 0) return null;
  const crlf = nl > start && first[nl - 1] === 13;
  const lineBytes = first.subarray(start, crlf ? nl - 1 : nl);
  if (
    lineBytes.length === 0 ||
    !isUtf8(lineBytes) ||
    lineBytes.indexOf(0) >= 0 ||
    lineBytes.indexOf(13) >= 0
  ) {
    return null;
  }
  const line = lineBytes.toString('utf8');
  if (line.trim() === '') return null;
  try {
    // without quotes or the blanks csv-parse trims, its fields are the text between commas
    const records = PLAIN_LINE.test(line)
      ? [line.split(',')]
      : (parseCsv(line, CSV_OPTIONS) as string[][]);
    if (records.length !== 1) return null;
    return { header: analyzePriceHeader(records[0]!, name, 1), dataStart: nl + 1, crlf };
  } catch {
    return null;
  }
}
