/**
 * The simple prices reader: the reference every fast path is tested against, and the fallback
 * that reads an input again whenever the scanner (./scan.ts) meets anything unusual, giving the
 * table or the located error messages. Wide (time column + one column per symbol) or long
 * (time, symbol, price columns) into a PriceTable, in three steps: csv-parse records
 * (forEachCsvRecord) and header analysis (analyzePriceHeader, ./header.ts), row conversion into
 * growing typed arrays (PriceRows.addRow), and assembly: sort by time, merge, duplicate check
 * (PriceRows.finish).
 */
import { InputError, ProblemList, type Problem } from '../../errors';
import { cleanText, parseNumberCell, showValue } from '../cells';
import { forEachCsvRecord } from '../csv';
import type { TextSource } from '../read';
import { formatTime, parseTime } from '../time';
import type { PriceTable } from '../types';
import { analyzePriceHeader, type PriceHeader } from './header';

export interface PriceParseOptions {
  /**
   * Convert only these symbols' columns (or, in the long layout, rows); the others are not
   * checked at all, but their names are listed in `PriceTable.symbols`. null = all symbols.
   */
  readonly symbols: ReadonlySet<string> | null;
  /** True for log/simple returns: a price ≤ 0 is an error naming file:line and column. */
  readonly positive: boolean;
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
class PriceRows {
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
    const series =
      this.header.layout === 'wide'
        ? sorted && unique === n
          ? this.wideInOrder(outTimes)
          : this.mergeWide(order, outTimes, duplicates)
        : this.mergeLong(order, outTimes, duplicates);
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

  /** Wide rows in strictly increasing time: the columns as they are. */
  private wideInOrder(outTimes: Float64Array): Map<string, Float64Array> {
    const n = outTimes.length;
    outTimes.set(this.times.data.subarray(0, n));
    const series = new Map<string, Float64Array>();
    this.convertedNames.forEach((s, c) => series.set(s, this.values[c]!.data.slice(0, n)));
    return series;
  }

  /**
   * Wide rows in `order` (by time), rows of one time merged into `outTimes`' row; a symbol with
   * values on two rows of one time is a duplicate.
   */
  private mergeWide(
    order: Uint32Array,
    outTimes: Float64Array,
    duplicates: Problem[],
  ): Map<string, Float64Array> {
    const times = this.times.data;
    const lines = this.lines.data;
    const names = this.convertedNames;
    const k = names.length;
    const out = names.map(() => new Float64Array(outTimes.length).fill(NaN));
    const ownerRow = new Int32Array(k).fill(-1);
    const ownerLine = new Float64Array(k);
    let r = -1;
    for (let j = 0; j < order.length; j++) {
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
    return new Map(names.map((s, c) => [s, out[c]!]));
  }

  /** Long rows in `order` (by time) into one column per converted symbol; a repeat is a duplicate. */
  private mergeLong(
    order: Uint32Array,
    outTimes: Float64Array,
    duplicates: Problem[],
  ): Map<string, Float64Array> {
    const times = this.times.data;
    const lines = this.lines.data;
    const m = this.symbols.length;
    const out = this.symbols.map((_, s) =>
      this.converted[s] ? new Float64Array(outTimes.length).fill(NaN) : null,
    );
    const ownerRow = new Int32Array(m).fill(-1);
    const ownerLine = new Float64Array(m);
    const prices = this.values[0]!.data;
    const rowSymbols = this.rowSymbols.data;
    let r = -1;
    for (let j = 0; j < order.length; j++) {
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
    const series = new Map<string, Float64Array>();
    this.symbols.forEach((name, s) => {
      const column = out[s];
      if (column) series.set(name, column);
    });
    return series;
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
