/**
 * The prices reader's fast path: a byte scanner over one range of the input (the whole input, or
 * one of the byte ranges a large file is split into at line starts), without a string of the file
 * and without a string per cell, into the range's sink (./sink.ts).
 *
 * It gives what the simple reader (./simple.ts) gives, by construction: the header went through
 * csv-parse and analyzePriceHeader (./header.ts); every time cell goes through timeCell and every
 * price cell through decimalField or parseNumberCell (./byte-cells.ts), which give exactly what
 * parseTime and parseNumberCell give. A field in quotes is read when it is plain (`"…"` right
 * between the delimiters, no quote or line break inside), as csv-parse reads it. Whatever is not
 * plain — a bad cell, a ragged row, a non-positive price, any other quoting, a lone CR or mixed
 * line ends, invalid UTF-8 or a NUL byte — is an anomaly: the scan stops, and the simple reader
 * reads the whole input again and gives the table or the located error messages.
 */
import { isUtf8 } from 'node:buffer';
import {
  DECLINED,
  decimalField,
  generalPriceCell,
  newDateCache,
  newFieldCursor,
  priceCell,
  timeCell,
  type DateCache,
  type FieldCursor,
} from './byte-cells';
import { MISSING_CODE, decimalCode, type CodeLayout } from './codes';
import type { LongRows, WideColumns } from './sink';
import { CHUNK_BYTES, findByte, type ByteSource } from './source';

/** What the scan of one range needs to know: plain data, sent to worker threads. */
export interface ScanJob {
  /** The input file (worker threads open it), '' for an input held in memory. */
  readonly file: string;
  /** The byte range [start, end): whole lines. */
  readonly start: number;
  readonly end: number;
  readonly layout: 'wide' | 'long';
  readonly fieldCount: number;
  readonly timeColumn: number;
  readonly crlf: boolean;
  /** True for log/simple returns: a price ≤ 0 is an anomaly (the simple reader reports it). */
  readonly positive: boolean;
  /** Wide: the field indexes converted, ascending. */
  readonly columns: readonly number[];
  /** Long: field index of the symbol and of the price; the converted symbols (null = all). */
  readonly symbolColumn: number;
  readonly priceColumn: number;
  readonly wanted: readonly string[] | null;
  /**
   * Wide: find the fields not converted, and the line ends, with String#indexOf over a latin1
   * copy of each chunk rather than a loop over its bytes. A small input is read by code not yet
   * optimised, where one builtin call beats ~5 bytecodes a byte (the bench's typical file, 3/4
   * of it in unused columns: 12 % fewer instructions for the whole read, valgrind); optimised,
   * the two are even, and the copy costs a pass. Set for an input held in memory, not for a
   * large file's ranges.
   */
  readonly findByText: boolean;
}

/** What the scan of a range found besides the rows in its sink. */
export interface ScanResult {
  /** Why the simple reader must take over, or null. */
  anomaly: string | null;
  /** Rows stored. */
  rows: number;
  /** Wide: strictly increasing times within the range. Long: non-decreasing. */
  ordered: boolean;
  /** The first and last time stored (NaN without rows). */
  firstTime: number;
  lastTime: number;
}

/** The state of one range's scan: its result so far and its scratch objects. */
interface ScanState {
  readonly res: ScanResult;
  /** The previous stored time (ordering check). */
  last: number;
  readonly dates: DateCache;
  readonly cursor: FieldCursor;
}

/**
 * Scans [job.start, job.end) of `source` into `sink` (WideColumns for a wide job, LongRows for a
 * long one), in chunks of CHUNK_BYTES cut after the last LF of each (a longer line is read
 * whole). `onBytes` is told the bytes done after each chunk.
 * @returns the range's result; `anomaly` set when the scan stopped early.
 */
export function scanRange(
  job: ScanJob,
  sink: WideColumns | LongRows,
  source: ByteSource,
  onBytes?: (done: number) => void,
): ScanResult {
  const res: ScanResult = { anomaly: null, rows: 0, ordered: true, firstTime: NaN, lastTime: NaN };
  const state: ScanState = {
    res,
    last: -Infinity,
    dates: newDateCache(),
    cursor: newFieldCursor(),
  };
  let pos = job.start;
  while (pos < job.end && res.anomaly === null) {
    const bytes = source.read(pos, Math.min(CHUNK_BYTES, job.end - pos));
    if (bytes.length === 0) {
      res.anomaly = 'file shorter than expected';
      break;
    }
    let chunk = bytes;
    if (pos + bytes.length < job.end) {
      const cut = bytes.lastIndexOf(10) + 1;
      if (cut > 0) chunk = bytes.subarray(0, cut);
      else {
        // a line longer than a chunk: read it whole
        const lf = findByte(source, pos + bytes.length, job.end, 10);
        const len = (lf < 0 ? job.end : lf + 1) - pos;
        chunk = source.read(pos, len);
        if (chunk.length !== len) {
          res.anomaly = 'line too long';
          break;
        }
      }
    }
    scanChunk(job, sink, chunk, state);
    pos += chunk.length;
    onBytes?.(pos - job.start);
  }
  if (res.anomaly === null && res.rows > 0) {
    res.firstTime = sink.times[0]!;
    res.lastTime = sink.times[res.rows - 1]!;
  }
  return res;
}

/** Scans whole lines after checking the chunk's bytes (UTF-8, no NUL) and line ends. */
function scanChunk(job: ScanJob, sink: WideColumns | LongRows, b: Buffer, state: ScanState): void {
  if (b.indexOf(0) >= 0 || !isUtf8(b)) {
    state.res.anomaly = 'not UTF-8 text';
    return;
  }
  // csv-parse takes the first line end it sees as the only one; the simple reader normalises
  if (!lineEndsOk(b, job.crlf)) {
    state.res.anomaly = 'mixed or lone CR line ends';
    return;
  }
  if (job.layout === 'wide') scanWide(job, sink as WideColumns, b, state);
  else scanLong(job, sink as LongRows, b, state);
}

/** LF files have no CR at all; CRLF files have a CR before every LF and nowhere else. */
function lineEndsOk(b: Buffer, crlf: boolean): boolean {
  let r = b.indexOf(13);
  if (!crlf) return r < 0;
  let lf = b.indexOf(10);
  while (lf >= 0) {
    if (r !== lf - 1) return false;
    r = b.indexOf(13, lf);
    lf = b.indexOf(10, lf + 1);
  }
  return r < 0; // a final line without LF may not end with a CR either
}

/**
 * The closing quote of the quoted field that opens at `a` on a line ending at `e`, when the field
 * is plain: no quote inside, and the closing quote right before a comma or the line's end.
 * @returns its index, or −1 (an anomaly: escaped quotes, a line break inside, text after it).
 */
function closingQuote(b: Buffer, a: number, e: number): number {
  const q = b.indexOf(34, a + 1);
  return q < 0 || q >= e || (q + 1 < e && b[q + 1] !== 44) ? -1 : q;
}

/**
 * One chunk of a wide file: per line, the time (field 0), the converted columns parsed while
 * their ends are found, the others skipped.
 */
function scanWide(job: ScanJob, sink: WideColumns, b: Buffer, state: ScanState): void {
  const L = b.length;
  const cols = job.columns;
  const ncols = cols.length;
  const { fieldCount, positive, crlf } = job;
  const { res, dates, cursor } = state;
  const text = job.findByText ? b.toString('latin1', 0, L) : null;
  let p = 0;
  while (p < L) {
    let le = text !== null ? text.indexOf('\n', p) : b.indexOf(10, p);
    if (le < 0) le = L;
    const e = crlf && le > p && b[le - 1] === 13 ? le - 1 : le;
    if (e === p) {
      p = le + 1; // blank line: csv-parse skips it
      continue;
    }
    if (sink.length === sink.capacity) {
      res.anomaly = 'more records than lines';
      return;
    }
    const row = sink.length;
    let field = 0;
    let a = p;
    let k = 0;
    let nextCol = ncols > 0 ? cols[0]! : -1;
    let t: number | null = null;
    let bad = false;
    let allEmpty = true;
    for (;;) {
      // the field's text is b[fa, fb); the next field starts after c
      let fa = a;
      let fb: number;
      let c: number;
      const v = field === nextCol && field !== 0 ? decimalField(b, a, e, cursor, text) : DECLINED;
      if (v !== DECLINED) c = fb = cursor.end;
      else if (b[a] === 34) {
        const q = closingQuote(b, a, e);
        if (q < 0) {
          res.anomaly = 'quoted field';
          return;
        }
        fa = a + 1;
        fb = q;
        c = q + 1;
      } else {
        if (text !== null) {
          c = text.indexOf(',', a);
          if (c < 0 || c > e) c = e;
        } else {
          c = a;
          while (c < e && b[c] !== 44) c++;
        }
        fb = c;
      }
      if (fb > fa) allEmpty = false;
      if (field === 0) {
        // wide: the time is the first column
        t = fb === fa ? null : timeCell(b, fa, fb, dates, text);
        if (t === null) bad = true;
      } else if (field === nextCol) {
        const price =
          v !== DECLINED
            ? positive && v <= 0
              ? undefined
              : v
            : fa === a
              ? generalPriceCell(b, fa, fb, positive)
              : priceCell(b, fa, fb, positive, cursor);
        if (price === undefined) bad = true;
        else storePrice(sink, k, row, price, v !== DECLINED ? cursor : null);
        k++;
        nextCol = k < ncols ? cols[k]! : -1;
      }
      field++;
      if (c >= e) break;
      a = c + 1;
    }
    p = le + 1;
    if (field !== fieldCount) {
      res.anomaly = 'ragged row';
      return;
    }
    if (allEmpty) continue; // `,,,`: skipped like a blank line
    if (bad) {
      res.anomaly = 'bad cell';
      return;
    }
    sink.length++;
    storeTime(sink.times, row, state, t!, true);
  }
}

/**
 * Stores converted column k's price of `row`: in its doubles, or as a code — the code of the cell
 * as written when decimalField read it (`written`, else null), else WideColumns.store's.
 */
function storePrice(
  sink: WideColumns,
  k: number,
  row: number,
  price: number,
  written: FieldCursor | null,
): void {
  const doubles = sink.doubles[k]!;
  if (doubles.length > 0) {
    doubles[row] = price;
    return;
  }
  const layout = sink.layouts[k] as CodeLayout | null;
  const code =
    layout === null // continued in doubles
      ? null
      : price !== price
        ? MISSING_CODE
        : written !== null && written.mantissa >= 0
          ? decimalCode(written.mantissa, written.decimals, layout)
          : null;
  if (code !== null) sink.codes[k]![row] = code;
  else sink.store(k, row, price);
}

/** Records time `t` of the range's row `row` (its `length` already counts it). */
function storeTime(times: Float64Array, row: number, state: ScanState, t: number, strict: boolean) {
  times[row] = t;
  state.res.rows++;
  if (strict ? t <= state.last : t < state.last) state.res.ordered = false;
  state.last = t;
}

/** One chunk of a long file: per line, its time, symbol and price fields. */
function scanLong(job: ScanJob, sink: LongRows, b: Buffer, state: ScanState): void {
  const L = b.length;
  const { fieldCount, timeColumn, symbolColumn, priceColumn, positive, crlf } = job;
  const res = state.res;
  let p = 0;
  while (p < L) {
    let le = b.indexOf(10, p);
    if (le < 0) le = L;
    const e = crlf && le > p && b[le - 1] === 13 ? le - 1 : le;
    if (e === p) {
      p = le + 1;
      continue;
    }
    let field = 0;
    let a = p;
    let ta = 0;
    let tb = 0;
    let sa = 0;
    let sb = 0;
    let pa = 0;
    let pb = 0;
    let allEmpty = true;
    for (;;) {
      let fa = a;
      let fb: number;
      let c: number;
      if (b[a] === 34) {
        const q = closingQuote(b, a, e);
        if (q < 0) {
          res.anomaly = 'quoted field';
          return;
        }
        fa = a + 1;
        fb = q;
        c = q + 1;
      } else {
        c = a;
        while (c < e && b[c] !== 44) c++;
        fb = c;
      }
      if (fb > fa) allEmpty = false;
      if (field === timeColumn) {
        ta = fa;
        tb = fb;
      }
      if (field === symbolColumn) {
        sa = fa;
        sb = fb;
      }
      if (field === priceColumn) {
        pa = fa;
        pb = fb;
      }
      field++;
      if (c >= e) break;
      a = c + 1;
    }
    p = le + 1;
    if (field !== fieldCount) {
      res.anomaly = 'ragged row';
      return;
    }
    if (allEmpty) continue;
    // csv-parse trims unquoted fields: a symbol with blanks around it is the simple reader's case
    if (sa === sb || isTrimmed(b[sa]!) || isTrimmed(b[sb - 1]!)) {
      res.anomaly = 'symbol cell';
      return;
    }
    const k = sink.symbolIndex(b.toString('utf8', sa, sb));
    if (!sink.converted[k]) continue;
    const t = ta === tb ? null : timeCell(b, ta, tb, state.dates);
    const v = priceCell(b, pa, pb, positive, state.cursor);
    if (t === null || v === undefined) {
      res.anomaly = 'bad cell';
      return;
    }
    if (sink.length === sink.times.length) {
      res.anomaly = 'more records than lines';
      return;
    }
    const row = sink.length++;
    sink.symbols[row] = k;
    sink.prices[row] = v;
    storeTime(sink.times, row, state, t, false);
  }
}

/** csv-parse's trim characters: CR, LF, FF, space, tab. */
function isTrimmed(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 13 || c === 10;
}
