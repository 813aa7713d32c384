/**
 * The table from the scans of a read's ranges (./ranges.ts): rows moved together, columns a range
 * continued in doubles joined, rows sorted by time when the input was not in order. Merging rows
 * of the same time and naming duplicates is the simple reader's job: such an input is an anomaly
 * here.
 */
import type { PriceTable } from '../types';
import {
  codeStats,
  decimalColumn,
  decodeInto,
  layoutFor,
  mergeStats,
  recode,
  statsOf,
  type CodeLayout,
  type DecimalColumn,
  type PriceColumn,
} from './codes';
import type { PriceHeader, WidePriceHeader } from './header';
import type { RangeScan, RangeScans } from './ranges';
import { columnView } from './sink';

/**
 * The table of these scans (`source`: its name in messages).
 * @returns the table, or the anomaly for which the simple reader must read the input instead.
 */
export function assembleTable(
  header: PriceHeader,
  scans: RangeScans,
  source: string,
): PriceTable | string {
  for (const r of scans.ranges) if (r.result.anomaly !== null) return r.result.anomaly;
  return header.layout === 'wide'
    ? assembleWide(header, scans, source)
    : assembleLong(scans.ranges, source);
}

/**
 * Wide: moves each range's rows down to close the gaps (capacity − rows) in the shared columns,
 * joins each column's ranges (joinColumn), sorts if needed.
 */
function assembleWide(
  header: WidePriceHeader,
  scans: RangeScans,
  source: string,
): PriceTable | string {
  const job = scans.ranges[0]!.job;
  // times, then each converted column: codes or doubles as its layout says
  const stored = scans.columns!;
  const layouts = stored.layouts;
  const arrays = [null, ...layouts].map((_, i) => columnView(stored, i));
  let n = 0;
  let ordered = true;
  let last = -Infinity;
  const placed: number[] = [];
  for (const r of scans.ranges) {
    placed.push(n);
    const rows = r.result.rows;
    if (rows === 0) continue;
    if (r.offset !== n) for (const a of arrays) a.copyWithin(n, r.offset, r.offset + rows);
    if (!r.result.ordered || r.result.firstTime <= last) ordered = false;
    last = r.result.lastTime;
    n += rows;
  }
  if (n === 0) return 'no data rows';
  const cols: (Float64Array | Int32Array)[] = [arrays[0]!.subarray(0, n)];
  const final = layouts.map((layout, k) => {
    const parts = scans.ranges.map((r, i) => ({ scan: r, at: placed[i]!, rows: r.result.rows }));
    const column = joinColumn(arrays[k + 1]!.subarray(0, n), layout, k, parts);
    cols.push(column instanceof Float64Array ? column : column.codes);
    return column instanceof Float64Array ? null : column;
  });
  if (!ordered && !sortRows(cols)) return 'a time given twice';
  const series = new Map<string, PriceColumn>();
  job.columns.forEach((c, k) => {
    const a = cols[k + 1]!;
    series.set(
      header.symbols[header.symbolColumns.indexOf(c)]!,
      a instanceof Int32Array ? decimalColumn(a, final[k]!) : a,
    );
  });
  return {
    source,
    times: cols[0] as Float64Array,
    series,
    symbols: header.symbols,
    layout: 'wide',
  };
}

/** Where one range's rows of a column are after the move, and how that range stored them. */
interface ColumnPart {
  readonly scan: RangeScan;
  /** First row in the joined column. */
  readonly at: number;
  readonly rows: number;
}

/**
 * Converted column k of the table from its ranges' parts of `stored` (the shared column: doubles
 * when the read's `layout` is null, else codes in each range's own layout): codes in one layout
 * when every range kept codes (re-encoded into one that codes all values when they differ), else
 * doubles, with the values of ranges that continued in doubles, in a buffer of the stored
 * column's kind (a SharedArrayBuffer is shared with the report's worker thread, not copied).
 */
function joinColumn(
  stored: Float64Array | Int32Array,
  layout: CodeLayout | null,
  k: number,
  parts: readonly ColumnPart[],
): Float64Array | DecimalColumn {
  if (layout === null) return stored as Float64Array;
  const codes = stored as Int32Array;
  const newDoubles = () => {
    const n = codes.length;
    return new Float64Array(
      codes.buffer instanceof SharedArrayBuffer
        ? new SharedArrayBuffer(n * 8)
        : new ArrayBuffer(n * 8),
    );
  };
  const own = (p: ColumnPart) => p.scan.switched.find(([c]) => c === k)?.[1] ?? null;
  const layoutOf = (p: ColumnPart) => p.scan.layouts[k]!;
  const used = parts.filter((p) => p.rows > 0);
  if (used.every((p) => own(p) === null)) {
    const first = used.length > 0 ? layoutOf(used[0]!) : layout;
    if (used.every((p) => sameLayout(layoutOf(p), first))) return decimalColumn(codes, first);
    let stats = statsOf(new Float64Array(0));
    for (const p of used) {
      stats = mergeStats(stats, codeStats(codes, p.at, p.at + p.rows, layoutOf(p)));
    }
    const to = layoutFor(stats);
    const recoded = new Set<ColumnPart>();
    for (const p of used) {
      if (to === null || !recode(codes, p.at, p.at + p.rows, layoutOf(p), to)) break;
      recoded.add(p);
    }
    if (to !== null && recoded.size === used.length) return decimalColumn(codes, to);
    const doubles = newDoubles();
    for (const p of used) {
      const part = decimalColumn(codes, recoded.has(p) ? to! : layoutOf(p));
      decodeInto(part, p.at, p.at + p.rows, doubles.subarray(p.at));
    }
    return doubles;
  }
  const doubles = newDoubles();
  for (const p of used) {
    const s = own(p);
    const coded = s === null ? p.rows : s.from;
    const layout = s === null ? layoutOf(p) : s.layout;
    decodeInto(decimalColumn(codes, layout), p.at, p.at + coded, doubles.subarray(p.at));
    if (s !== null) doubles.set(s.values.subarray(0, p.rows - coded), p.at + coded);
  }
  return doubles;
}

/** Whether two layouts read codes alike. */
function sameLayout(a: CodeLayout, b: CodeLayout): boolean {
  return a.base === b.base && a.shift === b.shift;
}

/**
 * Sorts the rows of `cols` (times first) by time in place, stable.
 * @returns false when a time repeats (the simple reader merges or reports such rows).
 */
function sortRows(cols: (Float64Array | Int32Array)[]): boolean {
  const times = cols[0]!;
  const n = times.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => times[a]! - times[b]! || a - b);
  for (let j = 1; j < n; j++) if (times[order[j]!] === times[order[j - 1]!]) return false;
  for (const a of cols) {
    const scratch = a instanceof Int32Array ? new Int32Array(n) : new Float64Array(n);
    for (let j = 0; j < n; j++) scratch[j] = a[order[j]!]!;
    a.set(scratch);
  }
  return true;
}

/** Long: every range's rows by time into one column per converted symbol. */
function assembleLong(ranges: readonly RangeScan[], source: string): PriceTable | string {
  const names: string[] = [];
  const converted: boolean[] = [];
  const index = new Map<string, number>();
  let n = 0;
  for (const r of ranges) n += r.long!.length;
  const times = new Float64Array(n);
  const symbols = new Int32Array(n);
  const prices = new Float64Array(n);
  let at = 0;
  let ordered = true;
  let last = -Infinity;
  for (const r of ranges) {
    const rows = r.long!;
    const global = rows.names.map((name, k) => {
      let g = index.get(name);
      if (g === undefined) {
        g = names.length;
        names.push(name);
        converted.push(rows.converted[k]!);
        index.set(name, g);
      }
      return g;
    });
    const m = rows.length;
    for (let i = 0; i < m; i++) symbols[at + i] = global[rows.symbols[i]!]!;
    times.set(rows.times.subarray(0, m), at);
    prices.set(rows.prices.subarray(0, m), at);
    if (m > 0) {
      if (!r.result.ordered || rows.times[0]! < last) ordered = false;
      last = rows.times[m - 1]!;
    }
    at += m;
  }
  if (n === 0) return 'no converted rows';
  return mergeLong(times, symbols, prices, names, converted, ordered, source);
}

/** Long rows (in file order; `ordered` when by time) into the table's columns. */
function mergeLong(
  times: Float64Array,
  symbols: Int32Array,
  prices: Float64Array,
  names: readonly string[],
  converted: readonly boolean[],
  ordered: boolean,
  source: string,
): PriceTable | string {
  const n = times.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (!ordered) order.sort((a, b) => times[a]! - times[b]! || a - b);
  let unique = 0;
  for (let j = 0; j < n; j++) if (j === 0 || times[order[j]!] !== times[order[j - 1]!]) unique++;
  const outTimes = new Float64Array(unique);
  const out = names.map((_, s) => (converted[s] ? new Float64Array(unique).fill(NaN) : null));
  const ownerRow = new Int32Array(names.length).fill(-1);
  let r = -1;
  for (let j = 0; j < n; j++) {
    const i = order[j]!;
    if (r < 0 || times[i] !== outTimes[r]) outTimes[++r] = times[i]!;
    const s = symbols[i]!;
    if (ownerRow[s] === r) return 'a time given twice'; // the simple reader names both lines
    ownerRow[s] = r;
    out[s]![r] = prices[i]!;
  }
  const series = new Map<string, PriceColumn>();
  names.forEach((name, s) => {
    const column = out[s];
    if (column) series.set(name, column);
  });
  return { source, times: outTimes, series, symbols: [...names], layout: 'long' };
}
