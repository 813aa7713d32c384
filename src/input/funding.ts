/**
 * Funding-rate files (`--funding`, repeatable): the rates a perpetual swap paid per funding
 * period, as exchanges publish them: one file of many symbols (`time,symbol,rate`), or one file
 * per contract without a symbol column (Binance's archive: `calc_time,funding_interval_hours,
 * last_funding_rate`), given as `SYMBOL=path`. Loaded only when the flag is given.
 */
import { ProblemList, type Problem } from '../errors';
import { cleanText, parseNumberCell, showValue } from './cells';
import { forEachCsvRecord, mapColumns } from './csv';
import type { TextSource } from './read';
import { formatTime, parseTime } from './time';
import type { FundingSeries } from './types';

/** A `--funding` argument: a file, bound to one symbol or holding a symbol column. */
export interface FundingFile {
  /** The symbol of `SYMBOL=path`, or null: the file has a `symbol` column. */
  readonly symbol: string | null;
  readonly path: string;
}

/** `SYMBOL=path`: a symbol (no space, comma, `|`, `=`, `/` or `\`), `=`, then the path. */
const BOUND = /^([^\s,|=/\\]+)=([\s\S]*)$/;

/**
 * Splits a `--funding` argument: `BTC=btcusdt.csv` binds the file to BTC; any other text is a
 * path (`./a=b.csv` names a file whose name has `=` in it). Does not read the file.
 * @returns the symbol (null when none is bound) and the path (empty for `BTC=`: the caller
 *   reports it).
 */
export function fundingFileOf(arg: string): FundingFile {
  const m = BOUND.exec(arg);
  return m === null ? { symbol: null, path: arg } : { symbol: m[1]!, path: m[2]! };
}

/** Column names, each group's aliases in the order the message lists them. */
const TIME = ['time', 'fundingTime', 'calc_time', 'timestamp', 'date'] as const;
const RATE = ['rate', 'fundingRate', 'last_funding_rate'] as const;
const INTERVAL = 'funding_interval_hours';
const KNOWN = ['symbol', ...TIME, ...RATE, INTERVAL];

/** One funding payment as read, before the rows of every file are put together. */
export interface FundingRow {
  readonly symbol: string;
  /** Epoch ms of the payment. */
  readonly time: number;
  /** Fraction of notional paid by longs to shorts for the period. */
  readonly rate: number;
  /** `funding_interval_hours`, NaN when the file or the row does not state it. */
  readonly intervalHours: number;
  readonly file: string;
  readonly line: number;
}

/** The column indexes of a funding file's header. */
interface FundingColumns {
  readonly time: number;
  readonly rate: number;
  readonly symbol: number | undefined;
  readonly interval: number | undefined;
}

/** The header's columns, or null after adding its problems. */
function fundingColumns(
  src: TextSource,
  header: readonly string[],
  line: number,
  bound: string | null,
  problems: ProblemList,
): FundingColumns | null {
  const before = problems.count;
  const found = mapColumns(src, header, line, KNOWN, [TIME, RATE], problems, [TIME, RATE]);
  const symbol = found.get('symbol');
  // (a one-field header is a delimiter problem, already reported)
  if (symbol === undefined && bound === null && header.length > 1) {
    problems.add({
      file: src.name,
      line,
      message: `no "symbol" column: give a file of one contract as SYMBOL=file (e.g. --funding BTC=${src.name})`,
    });
  }
  if (problems.count > before) return null;
  const time = TIME.map((n) => found.get(n)).find((i) => i !== undefined)!;
  const rate = RATE.map((n) => found.get(n)).find((i) => i !== undefined)!;
  return { time, rate, symbol, interval: found.get(INTERVAL) };
}

/**
 * Parses one funding file into its rows of the symbols `keep` accepts (the report's hedge
 * instruments; rows of other symbols are skipped unchecked). `bound` is the symbol of
 * `SYMBOL=path` (its rows are that symbol's whatever a symbol column says, but such a column
 * may name only one contract). Column names are case-insensitive, in any order: a time
 * (`time`, `fundingTime`, `calc_time`, `timestamp` or `date`; the times of the prices file:
 * ISO 8601, epoch seconds or milliseconds), a rate (`rate`, `fundingRate` or
 * `last_funding_rate`: a fraction of notional per period, |rate| < 1), `symbol` (unless
 * bound) and optionally `funding_interval_hours` (> 0; an empty cell states none). Other
 * columns are ignored. No comment lines. Duplicates are found by {@link fundingTable}.
 * Cost: O(size of the file).
 * @returns the rows kept, in file order.
 * @throws InputError with every problem found (up to 20 and a count): CSV syntax, missing,
 *   doubled or misspelt columns, a missing symbol column without `SYMBOL=`, a bound file with
 *   two symbols, bad cells, `no data rows`.
 */
export function parseFunding(
  src: TextSource,
  bound: string | null,
  keep: (symbol: string) => boolean,
): FundingRow[] {
  const problems = new ProblemList();
  const rows: FundingRow[] = [];
  let header: readonly string[] = [];
  let columns: FundingColumns | null = null;
  let firstSymbol: { text: string; line: number } | null = null;
  const records = forEachCsvRecord(src, { comments: false }, problems, (fields, line, index) => {
    if (index === 0) {
      header = fields;
      columns = fundingColumns(src, fields, line, bound, problems);
      return;
    }
    if (columns === null) return;
    const problem = (column: number | undefined, message: string) =>
      problems.add({
        file: src.name,
        line,
        column: column === undefined ? null : cleanText(header[column]!),
        message,
      });
    const c: FundingColumns = columns;
    const named = c.symbol === undefined ? '' : fields[c.symbol]!;
    if (bound !== null && named !== '') {
      if (firstSymbol === null) firstSymbol = { text: named, line };
      else if (named !== firstSymbol.text) {
        problem(
          c.symbol,
          `${showValue(named)} differs from ${showValue(firstSymbol.text)} on line ${firstSymbol.line}: a file given as ${cleanText(bound)}=… holds one contract`,
        );
        return;
      }
    }
    const symbol = bound ?? named;
    if (symbol === '') return problem(c.symbol, 'missing value');
    if (!keep(symbol)) return;
    const row = fundingRow(fields, c, problem);
    if (row !== null) rows.push({ symbol, ...row, file: src.name, line });
  });
  if (records === 1 && problems.count === 0) {
    problems.add({ file: src.name, line: null, message: 'no data rows' });
  }
  problems.throwIfAny();
  return rows;
}

/** The time, rate and stated interval of a data row, or null after reporting its problems. */
function fundingRow(
  fields: readonly string[],
  c: FundingColumns,
  problem: (column: number | undefined, message: string) => void,
): { time: number; rate: number; intervalHours: number } | null {
  let ok = true;
  const bad = (column: number | undefined, message: string): void => {
    problem(column, message);
    ok = false;
  };
  const timeText = fields[c.time]!;
  const time = parseTime(timeText);
  if (time === null) {
    bad(c.time, timeText === '' ? 'missing time' : `not a valid time: ${showValue(timeText)}`);
  }
  const rateText = fields[c.rate]!;
  const rate = parseNumberCell(rateText);
  if (rate === undefined) bad(c.rate, `expected a number, got ${showValue(rateText)}`);
  else if (Number.isNaN(rate)) bad(c.rate, 'missing value');
  else if (Math.abs(rate) >= 1) {
    bad(
      c.rate,
      `a funding rate is a fraction of notional per period, got ${rateText} (100% or more)`,
    );
  }
  const hoursText = c.interval === undefined ? '' : fields[c.interval]!;
  const intervalHours = parseNumberCell(hoursText);
  if (intervalHours === undefined)
    bad(c.interval, `expected a number, got ${showValue(hoursText)}`);
  else if (intervalHours <= 0) bad(c.interval, `must be greater than zero, got ${hoursText}`);
  return ok ? { time: time!, rate: rate!, intervalHours: intervalHours! } : null;
}

/**
 * The rows of every funding file by symbol, each in time order (files in the order given, rows
 * of one time in file order). A time given twice for one symbol is an error at the later row
 * naming the other: `duplicate time 2024-01-01T08:00:00Z for "BTC" (also on line 4)`, or
 * `(also in other.csv, line 4)` across files (monthly archives of one contract may be given
 * one after another). Cost O(n log n).
 * @returns symbol → its series, symbols in order of first appearance.
 * @throws InputError with every duplicate (up to 20 and a count).
 */
export function fundingTable(rows: readonly FundingRow[]): Map<string, FundingSeries> {
  const bySymbol = new Map<string, FundingRow[]>();
  for (const r of rows) {
    const list = bySymbol.get(r.symbol);
    if (list === undefined) bySymbol.set(r.symbol, [r]);
    else list.push(r);
  }
  const problems = new ProblemList();
  const duplicates: [order: number, problem: Problem][] = [];
  const order = new Map(rows.map((r, i) => [r, i]));
  const out = new Map<string, FundingSeries>();
  for (const [symbol, list] of bySymbol) {
    list.sort((a, b) => a.time - b.time); // stable: rows of one time stay in file order
    const kept = list.filter((r, i) => {
      const prev = list[i - 1];
      if (prev === undefined || prev.time !== r.time) return true;
      const where =
        prev.file === r.file ? `on line ${prev.line}` : `in ${prev.file}, line ${prev.line}`;
      duplicates.push([
        order.get(r)!,
        {
          file: r.file,
          line: r.line,
          message: `duplicate time ${formatTime(r.time)} for ${showValue(symbol)} (also ${where})`,
        },
      ]);
      return false;
    });
    out.set(symbol, {
      times: Float64Array.from(kept, (r) => r.time),
      rates: Float64Array.from(kept, (r) => r.rate),
      intervalHours: Float64Array.from(kept, (r) => r.intervalHours),
    });
  }
  duplicates.sort((a, b) => a[0] - b[0]); // in the order the rows were given
  for (const [, d] of duplicates) problems.add(d);
  problems.throwIfAny();
  return out;
}
