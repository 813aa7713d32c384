/**
 * The prices file, wide (time column + one column per symbol) or long (time, symbol, price
 * columns), into a PriceTable. Three steps, each reusable by a faster reader:
 * header analysis (analyzePriceHeader), row conversion into growing typed arrays
 * (PriceRows.addRow), and assembly: sort by time, merge, duplicate check (PriceRows.finish).
 */
import { InputError, ProblemList, type Problem } from '../errors';
import { cleanText, parseNumberCell, showValue } from './cells';
import { delimiterProblem, forEachCsvRecord } from './csv';
import type { TextSource } from './read';
import { formatTime, parseTime } from './time';
import type { PriceTable } from './types';

export interface PriceParseOptions {
  /**
   * Convert only these symbols' columns (or, in the long layout, rows); the others are not
   * checked at all, but their names are listed in `PriceTable.symbols`. null = all symbols.
   */
  readonly symbols: ReadonlySet<string> | null;
  /** True for log/simple returns: a price ≤ 0 is an error naming file:line and column. */
  readonly positive: boolean;
}

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

/** A Float64Array that grows by doubling. */
class Float64Builder {
  data = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/**
 * Converted rows of one prices file, in file order, and their assembly into a PriceTable.
 * Problems (bad times, bad numbers, non-positive prices, duplicates) go to `problems`.
 */
export class PriceRows {
  private readonly times = new Float64Builder();
  private readonly lines = new Float64Builder();
  /** Wide: one builder per converted symbol. Long: one builder of prices. */
  private readonly values: Float64Builder[];
  /** Wide: field index and name of each converted symbol. */
  private readonly convertedColumns: number[] = [];
  private readonly convertedNames: string[] = [];
  /** Long: symbol index (into `symbols`) of each stored row. */
  private readonly rowSymbols = new Float64Builder();
  /** All symbols of the file: wide in header order, long in order of first appearance. */
  private readonly symbols: string[] = [];
  private readonly symbolIndex = new Map<string, number>();
  /** Long: whether each symbol of `symbols` is converted. */
  private readonly converted: boolean[] = [];
  private records = 0;

  constructor(
    private readonly header: PriceHeader,
    private readonly options: PriceParseOptions,
    private readonly source: string,
    private readonly problems: ProblemList,
  ) {
    if (header.layout === 'wide') {
      header.symbols.forEach((s, k) => {
        this.symbols.push(s);
        if (options.symbols === null || options.symbols.has(s)) {
          this.convertedColumns.push(header.symbolColumns[k]!);
          this.convertedNames.push(s);
        }
      });
      this.values = this.convertedColumns.map(() => new Float64Builder());
    } else {
      this.values = [new Float64Builder()];
    }
  }

  /** Number of data records added (all symbols, valid or not). */
  get recordCount(): number {
    return this.records;
  }

  /** Converts one data record (`fields` as split by the CSV reader, `line` where it starts). */
  addRow(fields: readonly string[], line: number): void {
    this.records++;
    const h = this.header;
    if (h.layout === 'long') {
      const symbol = fields[h.symbolColumn] ?? '';
      if (symbol === '') {
        this.add(line, h.symbolName, 'missing value');
        return;
      }
      let k = this.symbolIndex.get(symbol);
      if (k === undefined) {
        k = this.symbols.length;
        this.symbols.push(symbol);
        this.symbolIndex.set(symbol, k);
        this.converted.push(this.options.symbols === null || this.options.symbols.has(symbol));
      }
      if (!this.converted[k]) return;
      const t = this.time(fields, line);
      const v = this.price(fields[h.priceColumn] ?? '', line, h.priceName);
      if (t === null) return;
      this.times.push(t);
      this.lines.push(line);
      this.rowSymbols.push(k);
      this.values[0]!.push(v);
      return;
    }
    const t = this.time(fields, line);
    const cols = this.convertedColumns;
    for (let c = 0; c < cols.length; c++) {
      const v = this.price(fields[cols[c]!] ?? '', line, this.convertedNames[c]!);
      if (t !== null) this.values[c]!.push(v);
    }
    if (t === null) return;
    this.times.push(t);
    this.lines.push(line);
  }

  private add(line: number, column: string | null, message: string): void {
    this.problems.add({
      file: this.source,
      line,
      column: column === null ? null : cleanText(column),
      message,
    });
  }

  private time(fields: readonly string[], line: number): number | null {
    const text = fields[this.header.timeColumn] ?? '';
    const t = parseTime(text);
    if (t === null) {
      const name = this.header.timeName;
      const what = text === '' ? 'missing time' : `not a valid time: ${showValue(text)}`;
      this.add(line, name === '' ? null : name, name === '' ? `first column: ${what}` : what);
    }
    return t;
  }

  private price(text: string, line: number, column: string): number {
    const v = parseNumberCell(text);
    if (v === undefined) {
      this.add(line, column, `expected a number, got ${showValue(text)}`);
      return NaN;
    }
    if (this.options.positive && v <= 0) {
      this.add(
        line,
        column,
        `price must be greater than zero for log and simple returns, got ${cleanText(text)}`,
      );
    }
    return v;
  }

  /**
   * Sorts the rows by time (stable), merges rows with the same time and checks duplicates: a
   * time given twice for one symbol (long: two rows; wide: two rows that both have a value for
   * it) is `duplicate time 2024-01-02 for "BTC" (also on line 4)` at the later line.
   * Cost: O(n log n) for unsorted input, O(n) when the file is already in time order.
   * @throws InputError with every problem collected (up to 20 and a count), `no data rows` when
   *   the file has a header only.
   */
  finish(): PriceTable {
    if (this.records === 0)
      this.problems.add({ file: this.source, line: null, message: 'no data rows' });
    const n = this.times.length;
    const times = this.times.data;
    const lines = this.lines.data;
    const order = new Uint32Array(n);
    let sorted = true;
    for (let i = 0; i < n; i++) {
      order[i] = i;
      if (i > 0 && times[i]! < times[i - 1]!) sorted = false;
    }
    if (!sorted) order.sort((a, b) => times[a]! - times[b]! || a - b);
    let unique = 0;
    for (let j = 0; j < n; j++) if (j === 0 || times[order[j]!] !== times[order[j - 1]!]) unique++;
    const outTimes = new Float64Array(unique);
    const duplicates: Problem[] = [];
    const series = new Map<string, Float64Array>();

    if (this.header.layout === 'wide') {
      const names = this.convertedNames;
      if (sorted && unique === n) {
        outTimes.set(times.subarray(0, n));
        names.forEach((s, c) => series.set(s, this.values[c]!.data.slice(0, n)));
      } else {
        const k = names.length;
        const out = names.map(() => new Float64Array(unique).fill(NaN));
        const ownerRow = new Int32Array(k).fill(-1);
        const ownerLine = new Float64Array(k);
        let r = -1;
        for (let j = 0; j < n; j++) {
          const i = order[j]!;
          if (r < 0 || times[i] !== outTimes[r]) outTimes[++r] = times[i]!;
          let clashes: Map<number, string[]> | null = null;
          for (let c = 0; c < k; c++) {
            const v = this.values[c]!.data[i]!;
            if (Number.isNaN(v)) continue;
            if (ownerRow[c] === r) {
              clashes ??= new Map();
              const list = clashes.get(ownerLine[c]!) ?? [];
              list.push(names[c]!);
              clashes.set(ownerLine[c]!, list);
            } else {
              ownerRow[c] = r;
              ownerLine[c] = lines[i]!;
              out[c]![r] = v;
            }
          }
          for (const [other, symbols] of clashes ?? []) {
            duplicates.push(this.duplicate(lines[i]!, times[i]!, symbols, other));
          }
        }
        names.forEach((s, c) => series.set(s, out[c]!));
      }
    } else {
      const m = this.symbols.length;
      const out = this.symbols.map((_, s) =>
        this.converted[s] ? new Float64Array(unique).fill(NaN) : null,
      );
      const ownerRow = new Int32Array(m).fill(-1);
      const ownerLine = new Float64Array(m);
      const prices = this.values[0]!.data;
      const rowSymbols = this.rowSymbols.data;
      let r = -1;
      for (let j = 0; j < n; j++) {
        const i = order[j]!;
        if (r < 0 || times[i] !== outTimes[r]) outTimes[++r] = times[i]!;
        const s = rowSymbols[i]!;
        if (ownerRow[s] === r) {
          duplicates.push(this.duplicate(lines[i]!, times[i]!, [this.symbols[s]!], ownerLine[s]!));
        } else {
          ownerRow[s] = r;
          ownerLine[s] = lines[i]!;
          out[s]![r] = prices[i]!;
        }
      }
      this.symbols.forEach((name, s) => {
        const column = out[s];
        if (column) series.set(name, column);
      });
    }
    duplicates.sort((a, b) => a.line! - b.line!);
    for (const d of duplicates) this.problems.add(d);
    this.problems.throwIfAny();
    return {
      source: this.source,
      times: outTimes,
      series,
      symbols: this.symbols,
      layout: this.header.layout,
    };
  }

  private duplicate(
    line: number,
    time: number,
    symbols: readonly string[],
    other: number,
  ): Problem {
    const shown = symbols.slice(0, 3).map(showValue);
    const list =
      symbols.length > 3
        ? `${shown.join(', ')} and ${symbols.length - 3} more symbols`
        : shown.length > 1
          ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
          : shown[0]!;
    return {
      file: this.source,
      line,
      message: `duplicate time ${formatTime(time)} for ${list} (also on line ${other})`,
    };
  }
}

/**
 * Parses a prices CSV into a PriceTable sorted by time (see analyzePriceHeader for the layouts,
 * parseTime for time values, parseNumberCell for prices: an empty cell is a missing value).
 * No `#` comments: every line is data. Holds the converted columns only (8 bytes per row per
 * converted symbol, plus 16 per row).
 * @throws InputError with every problem found, up to 20 and a count: CSV syntax, ragged rows,
 *   header problems, `column "date": not a valid time: "2023-02-30"`,
 *   `column "SOL": expected a number, got "n/a"`,
 *   `column "SOL": price must be greater than zero for log and simple returns, got -3`
 *   (with opts.positive), duplicates, `no data rows`.
 */
export function parsePrices(src: TextSource, opts: PriceParseOptions): PriceTable {
  const problems = new ProblemList();
  let rows: PriceRows | null = null;
  forEachCsvRecord(src, { comments: false }, problems, (fields, line, index) => {
    if (index === 0)
      rows = new PriceRows(analyzePriceHeader(fields, src.name, line), opts, src.name, problems);
    else rows!.addRow(fields, line);
  });
  const built = rows as PriceRows | null; // assigned in the callback
  if (built === null) {
    problems.throwIfAny();
    throw new InputError({ file: src.name, line: null, message: 'no header row' });
  }
  if (problems.count > 0 && built.recordCount === 0) problems.throwIfAny(); // a syntax error, no rows
  return built.finish();
}
