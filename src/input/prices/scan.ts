/**
 * The fast path for the prices CSV (the simple one is parsePrices over the whole text). Bytes are
 * scanned directly, without one string of the file and without a string per cell: small files
 * and standard input in this thread; files from STREAM_THRESHOLD_BYTES up in 1 MB chunks over
 * byte ranges split at line boundaries, range 0 in this thread and the others on worker threads
 * (src/input/price-worker.ts), into one array per used column over SharedArrayBuffers sized by a
 * line count (no copy, no growth; the rows are moved down over the few unused slots). A large
 * file's column holds decimal codes, 4 bytes a value (src/input/decimal.ts), when a base chosen
 * from samples of the file codes its values (escapes for a few that do not; past a limit, the
 * file is scanned again with layouts from what every value needs, or doubles); else doubles.
 *
 * Identical results by construction: the header goes through csv-parse and analyzePriceHeader;
 * every time cell through parseTime (the date part of ISO times once per distinct date, the time
 * of day and integer epochs by the same integer arithmetic), every price cell through an exact
 * decimal fast path (at most 15 digits: the integer and the power of ten are exact doubles, so
 * one IEEE division is the correctly rounded value, as Number() gives) or else parseNumberCell.
 * Whatever is not plain (a bad cell, a ragged row, a non-positive price, a time given twice, a
 * lone CR or mixed line ends, invalid UTF-8, a quoted line break...) is an anomaly: the simple
 * path then reads the input again and gives the table or the located error messages. A chunk
 * holding a quote character is split by csv-parse with the simple path's options.
 *
 * Why not csv-parse per worker (measured on 233 MB of minute closes, 1M rows × 21 columns, one
 * core, this machine under load): csv-parse alone, records only, 12.8–13.3 s (17.6 MB/s); this
 * scanner with times and numbers converted, 1.5 s; two threads, whole read, 0.7–1.0 s and a peak
 * RSS of 230 MB for 168 MB of columns. csv-parse on two cores could not have met the target.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { cleanName, parseNumberCell } from './cells';
import {
  analyzePriceHeader,
  parsePrices,
  type PriceHeader,
  type PriceParseOptions,
  type WidePriceHeader,
} from './prices';
import { STDIN_NAME, decodeText, readTextSource } from './read';
import {
  MAX_DECIMALS,
  maxMantissa,
  type CodeLayout,
  MISSING_CODE,
  POW10,
  decimalCode,
  decimalColumn,
  decodeInto,
  decodePrice,
  encodePrice,
  type PriceColumn,
} from './decimal';
import { dateMs, parseTime } from './time';
import type { PriceTable } from './types';

/** Files of at least this many bytes are scanned on worker threads; smaller ones in this thread. */
export const STREAM_THRESHOLD_BYTES = 8 * 1024 * 1024;

/** Pieces of a large file sampled to choose the decimal codes' layouts. */
const SAMPLES = 8;

/** Bytes read and scanned per chunk. */
const CHUNK_BYTES = 1024 * 1024;

/** Called while a large input is read: bytes done, and the total (null for standard input). */
export type ProgressFn = (doneBytes: number, totalBytes: number | null) => void;

/** Which path produced a table: `scan` (bytes in this thread), `workers`/`ranges` (large file), `simple`. */
export type PricePath = 'scan' | 'ranges' | 'workers' | 'simple';

export interface ReadPricesOptions extends PriceParseOptions {
  /**
   * Worker threads for a large file; 0 scans the ranges one after the other in this thread
   * (tests). Default: the available parallelism, at most 4; in-thread when the worker script
   * is not next to this module (unbundled runs such as jest).
   */
  readonly workers?: number;
  /** Byte ranges to split a large file into when `workers` is 0 (tests); default 1. */
  readonly ranges?: number;
  /** Files of at least this many bytes are read in byte ranges. Default STREAM_THRESHOLD_BYTES. */
  readonly thresholdBytes?: number;
  /** The bundled worker entry; default `price-worker.cjs` next to the running bundle. */
  readonly workerScript?: string;
  /** Told which path produced the table and, for `simple`, why the scan gave way (tests, --verbose). */
  readonly trace?: (path: PricePath, anomaly: string | null) => void;
  /**
   * Told the input's size in bytes when it is parsed in this thread (standard input, and files
   * below `thresholdBytes`), before parsing starts (the CLI's tiering, src/cli/tiering.ts).
   */
  readonly beforeScan?: ((bytes: number) => void) | undefined;
}

/**
 * Reads and parses the prices file `file` (or standard input for `-`) into a PriceTable, the
 * same as `parsePrices(await readTextSource(file, stdin), opts)` in every result and every error
 * message, faster and in less memory: the bytes are scanned without csv-parse unless they hold
 * quotes, and files of at least `opts.thresholdBytes` are read in chunks (never one string) over
 * byte ranges on worker threads into one array per used column. Peak memory for a large file
 * ≈ (8 + 4 per column in decimal codes + 8 per column in doubles) × rows plus 4 MB per thread (a
 * second scan, rare, holds both sets of columns until the first is collected); standard input is held as
 * bytes (it cannot be read twice). On anything unusual (see the module comment) the simple path
 * reads the input again and reports.
 * @throws InputError as parsePrices and readTextSource do.
 */
export async function readPricesFile(
  file: string,
  stdin: NodeJS.ReadableStream,
  opts: ReadPricesOptions,
  onProgress?: ProgressFn,
): Promise<PriceTable> {
  const threshold = opts.thresholdBytes ?? STREAM_THRESHOLD_BYTES;
  const simple = async (anomaly: string | null) => {
    opts.trace?.('simple', anomaly);
    return parsePrices(await readTextSource(file, stdin), opts);
  };
  let bytes: Buffer | null = null;
  if (file === '-') {
    const got = await readStdinBytes(stdin, threshold, onProgress);
    if ('error' in got) {
      // the simple path words the read error: hand it a stream that fails the same way
      opts.trace?.('simple', 'read error');
      return parsePrices(await readTextSource(file, failingStream(got.error)), opts);
    }
    bytes = got;
  } else {
    let size = -1;
    try {
      const fd = openSync(file, 'r');
      try {
        const st = fstatSync(fd);
        if (st.isFile()) size = st.size;
        if (size >= 0 && size < threshold) {
          bytes = Buffer.allocUnsafe(size);
          if (readSync(fd, bytes, 0, size, 0) !== size) bytes = null;
        }
      } finally {
        closeSync(fd);
      }
    } catch {
      size = -1;
    }
    if (size < 0) return simple('not a readable file');
    if (bytes === null) {
      const large = await readPricesLarge(file, size, opts, onProgress);
      return large.table ?? simple(large.anomaly);
    }
  }
  opts.beforeScan?.(bytes.length);
  const name = displayName(file);
  const scanned = scanWholeBuffer(bytes, name, opts, file === '-' ? onProgress : undefined);
  if (scanned.table !== null) {
    opts.trace?.('scan', null);
    return scanned.table;
  }
  opts.trace?.('simple', scanned.anomaly);
  return parsePrices({ name, text: decodeText(bytes, name) }, opts);
}

/** The name in messages and PriceTable.source, as readTextSource makes it. */
function displayName(file: string): string {
  return file === '-' ? STDIN_NAME : cleanName(file);
}

/** Standard input as bytes, or the read error. */
async function readStdinBytes(
  stdin: NodeJS.ReadableStream,
  threshold: number,
  onProgress?: ProgressFn,
): Promise<Buffer | { readonly error: unknown }> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stdin) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
      chunks.push(b);
      total += b.length;
      if (total >= threshold) onProgress?.(total, null);
    }
  } catch (error) {
    return { error };
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

function failingStream(error: unknown): NodeJS.ReadableStream {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Readable } = require('node:stream') as typeof import('node:stream');
  return new Readable({
    read() {
      this.destroy(error instanceof Error ? error : new Error(String(error)));
    },
  });
}

interface Attempt {
  readonly table: PriceTable | null;
  readonly anomaly: string | null;
}

/** Scans a whole input held as bytes in this thread (small files, standard input). */
function scanWholeBuffer(
  all: Buffer,
  name: string,
  opts: PriceParseOptions,
  onProgress?: ProgressFn,
): Attempt {
  const head = readHeader(all.subarray(0, Math.min(all.length, 1 << 20)), name);
  if (head === null) return { table: null, anomaly: 'header' };
  const read = (pos: number, len: number) => all.subarray(pos, pos + len);
  // doubles: a file held in memory is small, or standard input, which is held as bytes anyway
  const doubles = new Map<number, CodeLayout | null>(
    head.header.layout === 'wide' ? head.header.symbolColumns.map((c) => [c, null]) : [],
  );
  const job = { ...jobFor(head, opts, head.dataStart, all.length, '', doubles), findByText: true };
  const sink = new ColumnSink(job, Math.max(1024, Math.ceil(all.length / 64)), true);
  const result = scanBytes(job, sink, read, (done) => onProgress?.(done, all.length));
  if (result.anomaly !== null) return { table: null, anomaly: result.anomaly };
  const part: RangePart = {
    job,
    offset: 0,
    result,
    long: job.layout === 'long' ? longRowsOf(sink) : null,
  };
  const n = result.rows;
  // trim the growable columns unless they are nearly full
  const trim = (a: Float64Array) => (a.length > n + (n >> 3) + 1024 ? a.slice(0, n) : a);
  const arrays = job.layout === 'wide' ? [trim(sink.times), ...sink.doubles.map(trim)] : [];
  return assemble(head, [part], name, arrays);
}

/**
 * The layout of each wide column's decimal codes (src/input/decimal.ts; null: doubles), from
 * samples of the file: `SAMPLES` pieces of 8 KB spread over it ({@link layoutFor} with headroom).
 * A later value without a code is an escape; too many, and the scan is repeated
 * ({@link layoutsToRetry}).
 */
function sampleFieldLayouts(
  head: HeaderInfo,
  opts: PriceParseOptions,
  fd: number,
  size: number,
): Map<number, CodeLayout | null> {
  const layouts = new Map<number, CodeLayout | null>();
  if (head.header.layout !== 'wide') return layouts;
  const job = jobFor(head, opts, 0, 0, '', layouts);
  const sink = new ColumnSink(job, 1024, true);
  sink.escapeLimit = 0;
  const piece = Buffer.allocUnsafe(1 << 13);
  const body = size - head.dataStart;
  for (let i = 0; i < SAMPLES; i++) {
    const at = head.dataStart + Math.floor((body * i) / SAMPLES);
    const got = readSync(fd, piece, 0, piece.length, at);
    // whole lines only: after the first line end (but at the data's start), to the last
    const from = i === 0 ? 0 : piece.indexOf(10) + 1;
    const to = at + got >= size ? got : piece.lastIndexOf(10) + 1;
    if (from <= 0 && i > 0) continue;
    if (to <= from) continue;
    const bytes = piece.subarray(from, to);
    sink.length = 0;
    scanBytes({ ...job, end: bytes.length }, sink, (pos, len) => bytes.subarray(pos, pos + len));
  }
  job.columns.forEach((c, k) => layouts.set(c, layoutFor(statsOf([sink.stats], k), true)));
  return layouts;
}

/** Column k's stats over several ranges. */
function statsOf(stats: readonly DecimalStats[], k: number): ColumnStats {
  let maxDecimals = -1;
  let maxValue = 0;
  let maxM = 0;
  let uncoded = 0;
  for (const st of stats) {
    maxDecimals = Math.max(maxDecimals, st.maxDecimals[k]!);
    maxValue = Math.max(maxValue, st.maxValue[k]!);
    maxM = Math.max(maxM, st.maxMantissa[k]!);
    uncoded += st.uncoded[k]!;
  }
  return { maxDecimals, maxValue, maxMantissa: maxM, uncoded };
}

/**
 * The layouts for another scan when a range overflowed a column (null when none did): from what
 * the whole file's values need, which codes every value, or doubles when no layout does (or the
 * one it gives is the one that overflowed).
 */
function layoutsToRetry(
  job: ScanJob,
  results: readonly (ScanResult | null)[],
  layouts: ReadonlyMap<number, CodeLayout | null>,
): Map<number, CodeLayout | null> | null {
  const next = new Map(layouts);
  let changed = false;
  const stats = results.flatMap((r) => (r === null ? [] : [r.stats]));
  job.columns.forEach((c, k) => {
    if (!results.some((r) => r !== null && r.overflow.includes(k))) return;
    const layout = layoutFor(statsOf(stats, k), false);
    const old = job.layouts[k];
    const same =
      layout !== null && old != null && layout.base === old.base && layout.shift === old.shift;
    next.set(c, same ? null : layout);
    changed = true;
  });
  return changed ? next : null;
}

// ---------------------------------------------------------------------------------------------
// Header

interface HeaderInfo {
  readonly header: PriceHeader;
  /** Byte offset of the first data line. */
  readonly dataStart: number;
  readonly crlf: boolean;
}

/**
 * The header record from the first bytes: BOM skipped, no leading blank line, no quoted line
 * break, the same csv-parse options as the simple path, then analyzePriceHeader.
 * @returns null when the simple path must decide (it reports any problem itself).
 */
function readHeader(first: Buffer, name: string): HeaderInfo | null {
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
  let fields: string[];
  try {
    const records = parseCsv(line, CSV_OPTIONS) as string[][];
    if (records.length !== 1) return null;
    fields = records[0]!;
  } catch {
    return null;
  }
  try {
    return { header: analyzePriceHeader(fields, name, 1), dataStart: nl + 1, crlf };
  } catch {
    return null;
  }
}

/** csv-parse options of the simple path (src/input/csv.ts) for quote-holding chunks. */
const CSV_OPTIONS = {
  bom: false,
  trim: true,
  skip_empty_lines: true,
  relax_quotes: true,
  relax_column_count: true,
} as const;

// ---------------------------------------------------------------------------------------------
// Jobs, sinks, and the scanner (shared with the worker entry, src/input/price-worker.ts)

/** What a range scanner needs to know; plain data, sent to workers. */
export interface ScanJob {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly layout: 'wide' | 'long';
  readonly fieldCount: number;
  readonly timeColumn: number;
  readonly crlf: boolean;
  readonly positive: boolean;
  /** Wide: the field indexes converted, ascending. */
  readonly columns: readonly number[];
  /** Wide, per converted column: the layout of its decimal codes (src/input/decimal.ts), null for doubles. */
  readonly layouts: readonly (CodeLayout | null)[];
  /** Long: field index of the symbol and of the price; the converted symbols (null = all). */
  readonly symbolColumn: number;
  readonly priceColumn: number;
  readonly wanted: readonly string[] | null;
  /**
   * Wide: find the fields not converted, and the line ends, with String#indexOf over a latin1
   * copy of each chunk rather than a loop over its bytes. In V8's interpreter, where a small
   * input is read (src/cli/tiering.ts), one builtin call beats ~5 bytecodes a byte: the typical
   * run's 420 KB file, 3/4 of it in columns no position uses, reads in 11.3 ms instead of 14.6;
   * optimised, the two are even. Set by the in-thread reader of a whole input, not by the
   * range reader of large files.
   */
  readonly findByText: boolean;
}

function jobFor(
  head: HeaderInfo,
  opts: PriceParseOptions,
  start: number,
  end: number,
  file = '',
  fieldLayouts: ReadonlyMap<number, CodeLayout | null> = new Map(),
): ScanJob {
  const h = head.header;
  const base = {
    file,
    start,
    end,
    fieldCount: h.fieldCount,
    timeColumn: h.timeColumn,
    crlf: head.crlf,
    positive: opts.positive,
    findByText: false,
  };
  if (h.layout === 'wide') {
    const columns: number[] = [];
    h.symbols.forEach((s, k) => {
      if (opts.symbols === null || opts.symbols.has(s)) columns.push(h.symbolColumns[k]!);
    });
    const layouts = columns.map((c) => {
      const l = fieldLayouts.get(c);
      return l === undefined ? FIRST_LAYOUT : l;
    });
    return {
      ...base,
      layout: 'wide',
      columns,
      layouts,
      symbolColumn: -1,
      priceColumn: -1,
      wanted: null,
    };
  }
  return {
    ...base,
    layout: 'long',
    columns: [],
    layouts: [],
    symbolColumn: h.symbolColumn,
    priceColumn: h.priceColumn,
    wanted: opts.symbols === null ? null : [...opts.symbols],
  };
}

/**
 * Converted rows of one range. Wide: `times` and, per converted column, decimal codes (`codes`,
 * src/input/decimal.ts) or doubles (`doubles`, for the columns whose layout is null); a value a
 * code cannot hold exactly is kept aside as an escape. Long: `times`, `symbols` (index into
 * `names`) and `prices`. Fixed capacity over SharedArrayBuffers for file ranges (capacity = line
 * count, an upper bound of the records), growing by doubling otherwise.
 */
export class ColumnSink {
  times: Float64Array;
  /** Wide, per converted column: its codes (empty for a column of doubles). */
  codes: Int32Array[];
  /** Wide, per converted column: its doubles (empty for a column of codes). */
  doubles: Float64Array[];
  /** Long: the price of each row. */
  prices: Float64Array;
  symbols: Int32Array;
  length = 0;
  readonly long: boolean;
  /** Long: symbol names of this range in order of first appearance, and whether each is converted. */
  readonly names: string[] = [];
  readonly converted: boolean[] = [];
  readonly index = new Map<string, number>();
  /** Wide: values kept aside, per converted column (row in this sink, value). */
  readonly escapes: Escapes[];
  /** Escapes a column may have; past it the column overflows (Infinity: no limit). */
  escapeLimit: number;
  /** Wide, per converted column: what its values need of a decimal code. */
  readonly stats: DecimalStats;
  /** Wide: converted columns with more escapes than escapeLimit (their codes are then unusable). */
  readonly overflow: number[];

  constructor(
    private readonly job: ScanJob,
    capacity: number,
    private readonly growable: boolean,
    /** Fixed sinks: views at `offset` (elements) into these buffers (times first, then columns). */
    buffers?: readonly ArrayBufferLike[],
    offset = 0,
  ) {
    this.long = job.layout === 'long';
    const cols = job.layout === 'wide' ? job.columns.length : 0;
    const none32 = new Int32Array(0);
    const none64 = new Float64Array(0);
    const isDouble = (k: number) => job.layouts[k] === null;
    if (buffers) {
      this.times = new Float64Array(buffers[0]!, offset * 8, capacity);
      const cols = buffers.slice(1);
      this.codes = cols.map((b, k) =>
        isDouble(k) ? none32 : new Int32Array(b, offset * 4, capacity),
      );
      this.doubles = cols.map((b, k) =>
        isDouble(k) ? new Float64Array(b, offset * 8, capacity) : none64,
      );
    } else {
      this.times = new Float64Array(capacity);
      this.codes = Array.from({ length: cols }, (_, k) =>
        isDouble(k) ? none32 : new Int32Array(capacity),
      );
      this.doubles = Array.from({ length: cols }, (_, k) =>
        isDouble(k) ? new Float64Array(capacity) : none64,
      );
    }
    this.prices = this.long ? new Float64Array(this.times.length) : none64;
    this.symbols = new Int32Array(this.long ? this.times.length : 0);
    this.escapes = Array.from({ length: cols }, () => ({ rows: [], values: [] }));
    this.escapeLimit = Math.max(256, capacity >> 8);
    this.stats = {
      maxDecimals: new Int32Array(cols).fill(-1),
      maxValue: new Float64Array(cols),
      maxMantissa: new Float64Array(cols),
      uncoded: new Float64Array(cols),
    };
    this.overflow = [];
  }

  /** Makes room for one more row; false when a fixed sink is full (a bug in the line count). */
  room(): boolean {
    if (this.length < this.times.length) return true;
    if (!this.growable) return false;
    const cap = this.times.length * 2;
    const grow = <T extends Float64Array | Int32Array>(a: T): T => {
      if (a.length === 0) return a;
      const next = (a instanceof Int32Array ? new Int32Array(cap) : new Float64Array(cap)) as T;
      next.set(a);
      return next;
    };
    this.times = grow(this.times);
    this.codes = this.codes.map(grow);
    this.doubles = this.doubles.map(grow);
    this.prices = grow(this.prices);
    this.symbols = grow(this.symbols);
    return true;
  }

  /**
   * Wide: stores value `v` of converted column k in `row`. `m` and `d`: the cell as written, an
   * integer mantissa m ≥ 0 over 10^d, when the fast parser read it (else m = −1, and the code is
   * derived from v). A value without a code is an escape; past escapeLimit the column overflows.
   */
  store(k: number, row: number, v: number, m: number, d: number): void {
    const doubles = this.doubles[k]!;
    if (doubles.length > 0) {
      doubles[row] = v;
      return;
    }
    const layout = this.job.layouts[k]!;
    const stats = this.stats;
    let code: number | null;
    if (v !== v) code = MISSING_CODE;
    else {
      if (v > stats.maxValue[k]!) stats.maxValue[k] = v;
      if (m >= 0) {
        if (d > stats.maxDecimals[k]!) stats.maxDecimals[k] = d;
        if (m > stats.maxMantissa[k]!) stats.maxMantissa[k] = m;
        code = decimalCode(m, d, layout);
      } else {
        code = encodePrice(v, layout);
        if (code === null) stats.uncoded[k]!++; // negative, or a form only doubles hold
      }
    }
    if (code !== null) {
      this.codes[k]![row] = code;
      return;
    }
    const e = this.escapes[k]!;
    this.codes[k]![row] = MISSING_CODE;
    if (e.rows.length < this.escapeLimit) {
      e.rows.push(row);
      e.values.push(v);
    } else if (!this.overflow.includes(k)) this.overflow.push(k);
  }

  /** Long: the local index of a symbol, registered on first sight. */
  symbolIndex(name: string): number {
    let k = this.index.get(name);
    if (k === undefined) {
      k = this.names.length;
      this.names.push(name);
      this.index.set(name, k);
      const w = this.job.wanted;
      this.converted.push(w === null || w.includes(name));
    }
    return k;
  }
}

/**
 * Per converted column of a range: the most decimals of a value the fast parser read (−1: none),
 * the largest value, the largest mantissa as written, and how many values no layout can code
 * (negative, or a form only doubles hold). Enough to choose a layout that codes every value
 * ({@link layoutFor}).
 */
export interface DecimalStats {
  readonly maxDecimals: Int32Array;
  readonly maxValue: Float64Array;
  readonly maxMantissa: Float64Array;
  readonly uncoded: Float64Array;
}

/** One column's {@link DecimalStats}. */
export interface ColumnStats {
  readonly maxDecimals: number;
  readonly maxValue: number;
  readonly maxMantissa: number;
  readonly uncoded: number;
}

/** The layout a column starts with when nothing is known of it (samples choose the real one). */
const FIRST_LAYOUT: CodeLayout = { base: 0, shift: 2 };

/**
 * The layout of a column's decimal codes for values with these stats, or null (doubles) when
 * none codes them all. A value v with d decimals is written with max(d, b) decimals, which fits
 * when v·10^b ≤ maxMantissa(shift) and d − b is within the offsets. Shift 2 first: b = d − 3,
 * or with `headroom` (a layout chosen from samples) b = d − 2 where the largest value ten times
 * higher still fits — room for prices ten times lower and higher than seen; then shift 0 with
 * b = d, which holds ten-digit mantissas.
 */
export function layoutFor(s: ColumnStats, headroom: boolean): CodeLayout | null {
  if (s.uncoded > 0) return null;
  if (s.maxDecimals < 0) return FIRST_LAYOUT; // no value seen
  const max2 = maxMantissa(2);
  if (s.maxMantissa <= max2) {
    const lowest = Math.max(0, s.maxDecimals - 3);
    let base = headroom ? Math.max(0, s.maxDecimals - 2) : lowest;
    while (base > lowest && s.maxValue * POW10[base]! * 10 > max2) base--;
    if (base + 3 <= MAX_DECIMALS && s.maxValue * POW10[base]! <= max2) return { base, shift: 2 };
  }
  const base = s.maxDecimals;
  if (base <= MAX_DECIMALS && s.maxValue * POW10[base]! <= maxMantissa(0)) {
    return { base, shift: 0 };
  }
  return null;
}

/** Values of one column a decimal code cannot hold, by row (few: else the column is doubles). */
export interface Escapes {
  readonly rows: number[];
  readonly values: number[];
}

/** What a range scan found besides the rows in its sink. */
export interface ScanResult {
  /** Why the simple path must take over, or null. */
  anomaly: string | null;
  /** Rows stored. */
  rows: number;
  /** Wide: strictly increasing times within the range. Long: non-decreasing. */
  ordered: boolean;
  firstTime: number;
  lastTime: number;
  /** Quote characters seen (an odd count before a split means the split was inside quotes). */
  quotes: number;
  /** Wide: the sink's escapes, per converted column. */
  escapes: Escapes[];
  /** Wide: converted columns (indexes into job.columns) with too many escapes: scan again. */
  overflow: number[];
  /** Wide: what the values of each converted column need of a decimal code. */
  stats: DecimalStats;
}

/** Counts LF bytes in [start, end): an upper bound of the records of a range. */
export function countLines(file: string, start: number, end: number): number {
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK_BYTES);
  let n = 0;
  try {
    for (let pos = start; pos < end;) {
      const got = readSync(fd, buf, 0, Math.min(CHUNK_BYTES, end - pos), pos);
      if (got === 0) break;
      for (let i = buf.indexOf(10, 0); i >= 0 && i < got; i = buf.indexOf(10, i + 1)) n++;
      pos += got;
    }
  } finally {
    closeSync(fd);
  }
  return n;
}

/** Scans the byte range of `job.file` into `sink`, reading it in chunks. */
export function scanFileRange(
  job: ScanJob,
  sink: ColumnSink,
  onBytes?: (done: number) => void,
): ScanResult {
  const fd = openSync(job.file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK_BYTES);
  try {
    return scanBytes(
      job,
      sink,
      (pos, len) => {
        const got = readSync(fd, buf, 0, Math.min(len, CHUNK_BYTES), pos);
        return buf.subarray(0, got);
      },
      onBytes,
    );
  } finally {
    closeSync(fd);
  }
}

/**
 * Scans [job.start, job.end) in chunks cut after the last LF of each read; `read(pos, len)`
 * returns up to `len` bytes at `pos` (the returned buffer is only used until the next call).
 */
function scanBytes(
  job: ScanJob,
  sink: ColumnSink,
  read: (pos: number, len: number) => Buffer,
  onBytes?: (done: number) => void,
): ScanResult {
  const res: ScanResult = {
    anomaly: null,
    rows: 0,
    ordered: true,
    firstTime: NaN,
    lastTime: NaN,
    quotes: 0,
    escapes: sink.escapes,
    overflow: sink.overflow,
    stats: sink.stats,
  };
  const state: RowState = { last: -Infinity, dates: newDateCache() };
  let pos = job.start;
  while (pos < job.end && res.anomaly === null) {
    const want = Math.min(CHUNK_BYTES, job.end - pos);
    const bytes = read(pos, want);
    if (bytes.length === 0) {
      res.anomaly = 'file shorter than expected';
      break;
    }
    const atEnd = pos + bytes.length >= job.end;
    let cut = atEnd ? bytes.length : bytes.lastIndexOf(10) + 1;
    if (cut === 0) {
      // a line longer than a chunk: take it whole
      const lf = findByte(read, pos + bytes.length, job.end, 10);
      const whole = read(pos, (lf < 0 ? job.end : lf + 1) - pos);
      if (whole.length !== (lf < 0 ? job.end : lf + 1) - pos) {
        res.anomaly = 'line too long';
        break;
      }
      cut = whole.length;
      scanChunk(job, sink, whole.subarray(0, cut), res, state);
    } else {
      scanChunk(job, sink, bytes.subarray(0, cut), res, state);
    }
    pos += cut;
    onBytes?.(pos - job.start);
  }
  if (res.anomaly === null && res.rows > 0) {
    res.firstTime = sink.times[0]!;
    res.lastTime = sink.times[res.rows - 1]!;
  }
  return res;
}

function findByte(
  read: (pos: number, len: number) => Buffer,
  from: number,
  end: number,
  byte: number,
): number {
  for (let pos = from; pos < end;) {
    const b = read(pos, Math.min(CHUNK_BYTES, end - pos));
    if (b.length === 0) return -1;
    const i = b.indexOf(byte);
    if (i >= 0) return pos + i;
    pos += b.length;
  }
  return -1;
}

interface RowState {
  /** Previous stored time (ordering check). */
  last: number;
  readonly dates: DateCache;
}

function scanChunk(
  job: ScanJob,
  sink: ColumnSink,
  bytes: Buffer,
  res: ScanResult,
  state: RowState,
): void {
  if (bytes.indexOf(0) >= 0 || !isUtf8(bytes)) {
    res.anomaly = 'not UTF-8 text';
    return;
  }
  // before the quote check too: csv-parse would detect a chunk's line end on its own
  if (!lineEndsOk(bytes, job.crlf)) {
    res.anomaly = 'mixed or lone CR line ends';
    return;
  }
  let q = bytes.indexOf(34);
  if (q >= 0) {
    while (q >= 0) {
      res.quotes++;
      q = bytes.indexOf(34, q + 1);
    }
    scanQuoted(job, sink, bytes.toString('utf8'), res, state);
    return;
  }
  if (job.layout === 'wide') scanWide(job, sink, bytes, res, state);
  else scanLong(job, sink, bytes, res, state);
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

/** Sentinel: a fast path declined; the caller decodes the cell and uses the shared parser. */
const DECLINED = -Infinity;

/**
 * `-?digits[.digits]` with 1–15 digits in b[a, e): the exact double (m and 10^f are exact
 * doubles, so one IEEE division rounds correctly, as Number() does). DECLINED for anything else:
 * blanks, '+', exponents, longer digit strings.
 */
export function fastDecimal(b: Uint8Array, a: number, e: number): number {
  if (a === e) return DECLINED;
  const v = decimalField(b, a, e);
  return v === DECLINED || fieldEnd !== e ? DECLINED : v;
}

/** A price cell as parsePrices converts it, or undefined when it would report a problem. */
/** Where the last {@link decimalField} stopped: the end of its field (a comma, or the line's end). */
let fieldEnd = 0;
/** The last {@link decimalField} value as written: mantissa m ≥ 0 (−1 if negative) over 10^d. */
let fieldMantissa = 0;
let fieldDecimals = 0;

/**
 * {@link fastDecimal} of the field that starts at `a` on a line ending at `e`, finding the field's
 * end on the way (one pass over its bytes instead of a search for the comma, then a parse):
 * the field's value, with its end in `fieldEnd`; NaN for an empty field; DECLINED (fieldEnd
 * unset) for a byte other than `-`, a digit or one `.` before the comma, or more than 15
 * digits: the caller then takes the general path, which gives these cells their meaning.
 */
function decimalField(b: Uint8Array, a: number, e: number): number {
  let i = a;
  if (i === e || b[i] === 44) {
    fieldEnd = i;
    fieldMantissa = -1;
    return NaN;
  }
  let neg = false;
  if (b[i] === 45) {
    neg = true;
    i++;
  }
  let m = 0;
  let digits = 0;
  let dot = -1;
  for (; i < e; i++) {
    const c = b[i]!;
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
    } else if (c === 44) break;
    else if (c === 46 && dot < 0) dot = digits;
    else return DECLINED;
  }
  if (digits === 0 || digits > 15) return DECLINED;
  fieldEnd = i;
  const f = dot < 0 ? 0 : digits - dot;
  const v = m / POW10[f]!; // m / 1 = m
  fieldMantissa = neg ? -1 : m;
  fieldDecimals = f;
  return neg ? -v : v;
}

function priceCell(b: Buffer, a: number, e: number, positive: boolean): number | undefined {
  if (a === e) return NaN;
  let v = fastDecimal(b, a, e);
  if (v === DECLINED) {
    const p = parseNumberCell(b.toString('utf8', a, e));
    if (p === undefined) return undefined;
    v = p;
  }
  if (positive && v <= 0) return undefined;
  return v;
}

/** The date part of the last ISO time seen, so that rows of one day parse it once. */
export interface DateCache {
  readonly bytes: Uint8Array;
  ms: number;
}

export function newDateCache(): DateCache {
  return { bytes: new Uint8Array(10), ms: NaN };
}

const MAX_TIME_MS = 8.64e15;

function two(b: Uint8Array, i: number): number {
  const h = b[i]! - 48;
  const l = b[i + 1]! - 48;
  return h >= 0 && h <= 9 && l >= 0 && l <= 9 ? h * 10 + l : -1;
}

/**
 * parseTime of b[a, e) without making a string for the common forms: `YYYY-MM-DD`, with
 * `[T t space]hh:mm`, `:ss` and `Z`; integer epoch seconds or milliseconds. The date part is
 * read once per distinct date: digits and dashes by parseTime's own dateMs, anything else by
 * parseTime; the rest is the same arithmetic as parseTime's (all integers below 2^53, so exact
 * in any order). Anything else: parseTime of the decoded text. null = not a valid time.
 * `text`, when given, is b as latin1 text (the in-thread reader has it: slicing it is cheaper).
 */
export function timeCell(
  b: Buffer,
  a: number,
  e: number,
  cache: DateCache,
  text: string | null = null,
): number | null {
  const len = e - a;
  if (len >= 10 && b[a + 4] === 45) {
    const cb = cache.bytes;
    let same = true;
    for (let i = 0; i < 10; i++) {
      if (cb[i] !== b[a + i]) {
        same = false;
        break;
      }
    }
    if (!same) {
      for (let i = 0; i < 10; i++) cb[i] = b[a + i]!;
      // YYYY-MM-DD in digits and dashes: parseTime's arithmetic on the bytes (no string)
      const y1 = two(b, a);
      const y2 = two(b, a + 2);
      const m = two(b, a + 5);
      const d = two(b, a + 8);
      cache.ms =
        (y1 >= 0 && y2 >= 0 && m >= 0 && d >= 0 && b[a + 7] === 45
          ? dateMs(y1 * 100 + y2, m, d)
          : parseTime(text !== null ? text.slice(a, a + 10) : b.toString('latin1', a, a + 10))) ??
        NaN;
    }
    const date = cache.ms;
    if (date !== date) return parseTime(b.toString('utf8', a, e));
    if (len === 10) return date;
    const sep = b[a + 10];
    if (
      (sep === 84 || sep === 116 || sep === 32) &&
      (len === 16 || len === 17 || len === 19 || len === 20)
    ) {
      const hh = two(b, a + 11);
      const mm = b[a + 13] === 58 ? two(b, a + 14) : -1;
      let ss = 0;
      let p = a + 16;
      if (len >= 19 && b[p] === 58) {
        ss = two(b, p + 1);
        p += 3;
      }
      const zone = p === e ? true : p + 1 === e && (b[p] === 90 || b[p] === 122);
      if (zone && hh >= 0 && hh <= 23 && mm >= 0 && mm <= 59 && ss >= 0 && ss <= 59) {
        const t = date + hh * 3_600_000 + mm * 60_000 + ss * 1000;
        if (Math.abs(t) <= MAX_TIME_MS) return t;
      }
    }
    return parseTime(b.toString('utf8', a, e));
  }
  if (len > 0 && len <= 16 && len !== 8) {
    let v = 0;
    let i = a;
    for (; i < e; i++) {
      const d = b[i]! - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (i === e) {
      const ms = v >= 1e11 ? v : v * 1000;
      if (ms <= MAX_TIME_MS) return ms;
    }
  }
  return parseTime(b.toString('utf8', a, e));
}

function scanWide(
  job: ScanJob,
  sink: ColumnSink,
  b: Buffer,
  res: ScanResult,
  state: RowState,
): void {
  const L = b.length;
  const cols = job.columns;
  const ncols = cols.length;
  const fieldCount = job.fieldCount;
  const positive = job.positive;
  const crlf = job.crlf;
  const cache = state.dates;
  const text = job.findByText ? b.toString('latin1', 0, L) : null;
  // per converted column: base (−1: doubles), mantissa multiplier 2^shift, largest mantissa
  const bases = Int32Array.from(job.layouts, (l) => (l === null ? -1 : l.base));
  const scales = Int32Array.from(job.layouts, (l) => (l === null ? 0 : 1 << l.shift));
  const mMax = Float64Array.from(job.layouts, (l) => (l === null ? 0 : maxMantissa(l.shift)));
  const { maxDecimals, maxValue, maxMantissa: maxM } = sink.stats;
  let p = 0;
  while (p < L) {
    let le = text !== null ? text.indexOf('\n', p) : b.indexOf(10, p);
    if (le < 0) le = L;
    const e = crlf && le > p && b[le - 1] === 13 ? le - 1 : le;
    if (e === p) {
      p = le + 1; // blank line: csv-parse skips it
      continue;
    }
    if (!sink.room()) {
      res.anomaly = 'more records than lines';
      return;
    }
    const codes = sink.codes; // room() may have grown them
    const doubles = sink.doubles;
    const row = sink.length;
    let field = 0;
    let a = p;
    let k = 0;
    let nextCol = ncols > 0 ? cols[0]! : -1;
    let t: number | null = null;
    let bad = false;
    let allEmpty = true;
    for (;;) {
      let c = a;
      // a price column: parsed while its end is found (decimalField), unless it declines
      const v = field === nextCol && field !== 0 ? decimalField(b, a, e) : DECLINED;
      if (v !== DECLINED) c = fieldEnd;
      else if (text !== null) {
        c = text.indexOf(',', a);
        if (c < 0 || c > e) c = e;
      } else while (c < e && b[c] !== 44) c++;
      if (c > a) allEmpty = false;
      if (field === 0) {
        // wide: the time is the first column
        t = c === a ? null : timeCell(b, a, c, cache, text);
        if (t === null) bad = true;
      } else if (field === nextCol) {
        const p =
          v === DECLINED ? priceCell(b, a, c, positive) : positive && v <= 0 ? undefined : v;
        const base = bases[k]!;
        if (p === undefined) bad = true;
        else if (base < 0) doubles[k]![row] = p;
        else if (v !== DECLINED && fieldMantissa >= 0) {
          // ColumnSink.store's common case inline: a value the fast parser read, with a code
          const d = fieldDecimals;
          let m = fieldMantissa;
          if (d > maxDecimals[k]!) maxDecimals[k] = d;
          if (p > maxValue[k]!) maxValue[k] = p;
          if (m > maxM[k]!) maxM[k] = m;
          const scale = scales[k]!;
          let off = d - base;
          if (off < 0) {
            m *= POW10[-off]!;
            off = 0;
          }
          if (m <= mMax[k]! && off < scale) codes[k]![row] = m * scale + off;
          else sink.store(k, row, p, fieldMantissa, d);
        } else sink.store(k, row, p, v === DECLINED ? -1 : fieldMantissa, fieldDecimals);
        k++;
        nextCol = k < ncols ? cols[k]! : -1;
      }
      field++;
      if (c === e) break;
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
    storeTime(sink, res, state, t!);
  }
}

function storeTime(sink: ColumnSink, res: ScanResult, state: RowState, t: number): void {
  sink.times[sink.length++] = t;
  res.rows++;
  if (sink.long ? t < state.last : t <= state.last) res.ordered = false;
  state.last = t;
}

function scanLong(
  job: ScanJob,
  sink: ColumnSink,
  b: Buffer,
  res: ScanResult,
  state: RowState,
): void {
  const L = b.length;
  const { fieldCount, timeColumn, symbolColumn, priceColumn, positive, crlf } = job;
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
      let c = a;
      while (c < e && b[c] !== 44) c++;
      if (c > a) allEmpty = false;
      if (field === timeColumn) {
        ta = a;
        tb = c;
      }
      if (field === symbolColumn) {
        sa = a;
        sb = c;
      }
      if (field === priceColumn) {
        pa = a;
        pb = c;
      }
      field++;
      if (c === e) break;
      a = c + 1;
    }
    p = le + 1;
    if (field !== fieldCount) {
      res.anomaly = 'ragged row';
      return;
    }
    if (allEmpty) continue;
    if (sa === sb || isTrimmed(b[sa]!) || isTrimmed(b[sb - 1]!)) {
      res.anomaly = 'symbol cell';
      return;
    }
    const k = sink.symbolIndex(b.toString('utf8', sa, sb));
    if (!sink.converted[k]) continue;
    const t = ta === tb ? null : timeCell(b, ta, tb, state.dates);
    if (!longRow(sink, res, state, k, t, priceCell(b, pa, pb, positive))) return;
  }
}

/** csv-parse's trim characters: CR, LF, FF, space, tab. */
function isTrimmed(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 13 || c === 10;
}

/** Stores one converted long row; false (with the anomaly set) when it has a problem. */
function longRow(
  sink: ColumnSink,
  res: ScanResult,
  state: RowState,
  k: number,
  t: number | null,
  v: number | undefined,
): boolean {
  if (t === null || v === undefined) {
    res.anomaly = 'bad cell';
    return false;
  }
  if (!sink.room()) {
    res.anomaly = 'more records than lines';
    return false;
  }
  sink.symbols[sink.length] = k;
  sink.prices[sink.length] = v;
  storeTime(sink, res, state, t);
  return true;
}

/** A chunk holding a quote: csv-parse splits it with the simple path's options. */
function scanQuoted(
  job: ScanJob,
  sink: ColumnSink,
  s: string,
  res: ScanResult,
  state: RowState,
): void {
  let records: string[][];
  try {
    records = parseCsv(s, CSV_OPTIONS) as string[][];
  } catch {
    res.anomaly = 'CSV syntax';
    return;
  }
  const cols = job.columns;
  const cell = (text: string) => Buffer.from(text, 'utf8');
  for (const f of records) {
    if (f.length !== job.fieldCount) {
      res.anomaly = 'ragged row';
      return;
    }
    let allEmpty = true;
    for (const x of f) {
      if (x.indexOf('\n') >= 0 || x.indexOf('\r') >= 0) {
        res.anomaly = 'line break in a field';
        return;
      }
      if (x !== '') allEmpty = false;
    }
    if (allEmpty) continue;
    const timeText = cell(f[job.timeColumn]!);
    const t = timeText.length === 0 ? null : timeCell(timeText, 0, timeText.length, state.dates);
    if (job.layout === 'long') {
      const symbol = f[job.symbolColumn]!;
      if (symbol === '') {
        res.anomaly = 'symbol cell';
        return;
      }
      const k = sink.symbolIndex(symbol);
      if (!sink.converted[k]) continue;
      const price = cell(f[job.priceColumn]!);
      if (!longRow(sink, res, state, k, t, priceCell(price, 0, price.length, job.positive))) return;
      continue;
    }
    if (!sink.room()) {
      res.anomaly = 'more records than lines';
      return;
    }
    if (t === null) {
      res.anomaly = 'bad cell';
      return;
    }
    for (let k = 0; k < cols.length; k++) {
      const text = cell(f[cols[k]!]!);
      const v = priceCell(text, 0, text.length, job.positive);
      if (v === undefined) {
        res.anomaly = 'bad cell';
        return;
      }
      sink.store(k, sink.length, v, -1, 0);
    }
    storeTime(sink, res, state, t);
  }
}

// ---------------------------------------------------------------------------------------------
// Large files: ranges, workers, assembly

/** One byte range of a large file and what its scan produced. */
interface RangePart {
  readonly job: ScanJob;
  /** Wide: element offset of the range in the shared columns. */
  offset: number;
  result: ScanResult | null;
  /** Long: the range's own rows. */
  long: LongRows | null;
}

/** Long-layout rows of one range, as sent back by a worker. */
export interface LongRows {
  names: string[];
  converted: boolean[];
  times: Float64Array;
  symbols: Int32Array;
  prices: Float64Array;
}

/** Messages from the worker entry (src/input/price-worker.ts). */
export type WorkerMessage =
  | { readonly type: 'count'; readonly lines: number }
  | { readonly type: 'progress'; readonly done: number }
  | { readonly type: 'done'; readonly result: ScanResult; readonly long: LongRows | null };

/** The message that starts a wide worker's scan: its place in the shared columns. */
export interface FillMessage {
  readonly type: 'fill';
  readonly offset: number;
  readonly capacity: number;
  readonly buffers: readonly SharedArrayBuffer[];
}

function defaultWorkers(): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { availableParallelism } = require('node:os') as typeof import('node:os');
  return Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * A large file in byte ranges, on workers (or in this thread with `opts.workers` 0).
 * @returns the table, or the anomaly for which the simple path must take over.
 */
async function readPricesLarge(
  file: string,
  size: number,
  opts: ReadPricesOptions,
  onProgress?: ProgressFn,
): Promise<Attempt> {
  const fd = openSync(file, 'r');
  let head: HeaderInfo | null;
  let layouts = new Map<number, CodeLayout | null>();
  let previous: readonly SharedArrayBuffer[] = [];
  const splits: number[] = [];
  const script = opts.workerScript ?? path.join(__dirname, 'price-worker.cjs');
  const useWorkers = (opts.workers ?? defaultWorkers()) > 0 && existsSync(script);
  try {
    const first = Buffer.allocUnsafe(Math.min(size, 1 << 20));
    readSync(fd, first, 0, first.length, 0);
    head = readHeader(first, file);
    if (head === null) return { table: null, anomaly: 'header' };
    layouts = sampleFieldLayouts(head, opts, fd, size);
    const n = useWorkers ? (opts.workers ?? defaultWorkers()) : (opts.ranges ?? 1);
    const body = size - head.dataStart;
    // a worker is worth its start-up for a megabyte or more; in-thread ranges are for tests
    const count = Math.max(1, Math.min(n, useWorkers ? Math.floor(body / (1 << 20)) : body));
    splits.push(head.dataStart);
    const window = Buffer.allocUnsafe(1 << 16);
    for (let i = 1; i < count; i++) {
      let pos = head.dataStart + Math.floor((body * i) / count);
      let split = -1;
      while (split < 0 && pos < size) {
        const got = readSync(fd, window, 0, window.length, pos);
        if (got === 0) break;
        const lf = window.subarray(0, got).indexOf(10);
        if (lf >= 0) split = pos + lf + 1;
        pos += got;
      }
      if (split > splits[splits.length - 1]! && split < size) splits.push(split);
    }
    splits.push(size);
  } finally {
    closeSync(fd);
  }
  const total = size - head.dataStart;
  for (;;) {
    const parts: RangePart[] = [];
    for (let i = 0; i + 1 < splits.length; i++) {
      const job = jobFor(head, opts, splits[i]!, splits[i + 1]!, file, layouts);
      parts.push({ job, offset: 0, result: null, long: null });
    }
    const done = new Float64Array(parts.length);
    const progress = (i: number, d: number) => {
      done[i] = d;
      if (onProgress) {
        let sum = 0;
        for (const x of done) sum += x;
        onProgress(sum, total);
      }
    };
    const buffers = useWorkers
      ? await scanWithWorkers(script, parts, progress, previous)
      : scanInThread(parts, progress, previous);
    const job = parts[0]!.job;
    const retry = layoutsToRetry(
      job,
      parts.map((p) => p.result),
      layouts,
    );
    if (retry !== null) {
      layouts = retry; // a column's values outgrew its codes: once more, with layouts that fit them all
      previous = buffers; // every column whose layout stays is scanned into its buffer again
      continue;
    }
    const arrays = buffers.map((b, i) =>
      i > 0 && job.layouts[i - 1] !== null ? new Int32Array(b) : new Float64Array(b),
    );
    const attempt = assemble(head, parts, displayName(file), arrays);
    if (attempt.table !== null) opts.trace?.(useWorkers ? 'workers' : 'ranges', null);
    return attempt;
  }
}

/**
 * Scans the ranges one after the other in this thread. Wide: into shared columns (times first),
 * returned; long: each range into its own rows.
 */
function scanInThread(
  parts: RangePart[],
  progress: (i: number, done: number) => void,
  previous: readonly SharedArrayBuffer[],
): SharedArrayBuffer[] {
  if (parts[0]!.job.layout === 'wide') {
    const caps = parts.map((p) => countLines(p.job.file, p.job.start, p.job.end) + 1);
    const buffers = allocateColumns(parts, caps, previous);
    parts.forEach((p, i) => {
      const sink = new ColumnSink(p.job, caps[i]!, false, buffers, p.offset);
      p.result = scanFileRange(p.job, sink, (d) => progress(i, d));
    });
    return buffers;
  }
  parts.forEach((p, i) => {
    const sink = new ColumnSink(p.job, 1 << 16, true);
    p.result = scanFileRange(p.job, sink, (d) => progress(i, d));
    p.long = longRowsOf(sink);
  });
  return [];
}

/**
 * The shared columns of a wide scan (times first): `previous` ones (the same file's last scan)
 * where they have the right size, so that a second scan holds new memory only for the columns
 * whose representation changed.
 */
function allocateColumns(
  parts: RangePart[],
  caps: readonly number[],
  previous: readonly SharedArrayBuffer[],
): SharedArrayBuffer[] {
  let total = 0;
  parts.forEach((p, i) => {
    p.offset = total;
    total += caps[i]!;
  });
  const layouts = parts[0]!.job.layouts;
  // times, then each converted column: 8 bytes a row for doubles, 4 for decimal codes
  return [null, ...layouts].map((l, i) => {
    const bytes = total * (l === null ? 8 : 4);
    const old = previous[i];
    return old !== undefined && old.byteLength === bytes ? old : new SharedArrayBuffer(bytes);
  });
}

/** Long rows of a sink, trimmed to length (copies: the long layout is not the memory-critical case). */
export function longRowsOf(sink: ColumnSink): LongRows {
  const n = sink.length;
  return {
    names: sink.names,
    converted: sink.converted,
    times: sink.times.slice(0, n),
    symbols: sink.symbols.slice(0, n),
    prices: sink.prices.slice(0, n),
  };
}

/**
 * Scans range 0 in this thread and each other range on a worker, in parallel (one thread per
 * core, the main one included, and one isolate fewer). Wide: returns the shared columns (times
 * first), sized once every range has counted its lines.
 */
async function scanWithWorkers(
  script: string,
  parts: RangePart[],
  progress: (i: number, done: number) => void,
  previous: readonly SharedArrayBuffer[],
): Promise<SharedArrayBuffer[]> {
  const wide = parts[0]!.job.layout === 'wide';
  // small heaps: a worker holds one chunk and its short-lived strings at a time
  const resourceLimits = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 };
  // loaded here: `node:worker_threads` costs ~2.5 ms of start-up, and small files never use it
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  const workers = parts
    .slice(1)
    .map((p) => new Worker(script, { workerData: p.job, resourceLimits }));
  const counts = workers.map(() => deferred<number>());
  const dones = workers.map(() => deferred<void>());
  const failed = (e: unknown) => {
    for (const w of workers) void w.terminate();
    const err = e instanceof Error ? e : new Error(String(e));
    for (const d of [...counts, ...dones]) d.reject(err);
  };
  workers.forEach((w, k) => {
    const i = k + 1;
    w.on('error', failed);
    w.on('message', (m: WorkerMessage) => {
      if (m.type === 'count') counts[k]!.resolve(m.lines);
      else if (m.type === 'progress') progress(i, m.done);
      else {
        parts[i]!.result = m.result;
        parts[i]!.long = m.long;
        void w.terminate();
        dones[k]!.resolve();
      }
    });
  });
  try {
    const first = parts[0]!;
    // while this thread scans synchronously, the workers' progress messages wait: estimate theirs
    const estimate = (d: number) => {
      const share = d / (first.job.end - first.job.start);
      parts.forEach((p, i) => progress(i, i === 0 ? d : share * (p.job.end - p.job.start)));
    };
    let buffers: SharedArrayBuffer[] = [];
    if (wide) {
      const own = countLines(first.job.file, first.job.start, first.job.end);
      const caps = [own, ...(await Promise.all(counts.map((c) => c.promise)))].map((n) => n + 1);
      buffers = allocateColumns(parts, caps, previous);
      workers.forEach((w, k) => {
        const fill: FillMessage = {
          type: 'fill',
          offset: parts[k + 1]!.offset,
          capacity: caps[k + 1]!,
          buffers,
        };
        w.postMessage(fill);
      });
      first.result = scanFileRange(
        first.job,
        new ColumnSink(first.job, caps[0]!, false, buffers, 0),
        estimate,
      );
    } else {
      const sink = new ColumnSink(first.job, 1 << 16, true);
      first.result = scanFileRange(first.job, sink, estimate);
      first.long = longRowsOf(sink);
    }
    await Promise.all(dones.map((d) => d.promise));
    return buffers;
  } catch (e) {
    failed(e);
    throw e;
  }
}

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(v: T): void;
  reject(e: Error): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // rejections are awaited where they matter
  return { promise, resolve, reject };
}

/** Builds the table from the scanned ranges, or null when the simple path must take over. */
function assemble(
  head: HeaderInfo,
  parts: RangePart[],
  source: string,
  arrays: (Float64Array | Int32Array)[],
): Attempt {
  for (let i = 0; i < parts.length; i++) {
    const r = parts[i]!.result;
    if (r === null) return { table: null, anomaly: 'range not scanned' };
    if (r.anomaly !== null) return { table: null, anomaly: r.anomaly };
    if (i + 1 < parts.length && r.quotes % 2 === 1)
      return { table: null, anomaly: 'split inside quotes' };
  }
  const h = head.header;
  const built =
    h.layout === 'wide' ? assembleWide(h, parts, source, arrays) : assembleLong(parts, source);
  return typeof built === 'string'
    ? { table: null, anomaly: built }
    : { table: built, anomaly: null };
}

/**
 * Wide: moves each range's rows down to close the gaps (capacity − rows), turns a column with
 * escapes into doubles, sorts if needed. `arrays`: times, then each converted column (codes or
 * doubles as the job says).
 */
function assembleWide(
  header: WidePriceHeader,
  parts: RangePart[],
  source: string,
  arrays: (Float64Array | Int32Array)[],
): PriceTable | string {
  let n = 0;
  let ordered = true;
  let last = -Infinity;
  const job = parts[0]!.job;
  const escapes = job.columns.map(() => ({ rows: [] as number[], values: [] as number[] }));
  for (const p of parts) {
    const r = p.result!;
    if (r.rows === 0) continue;
    if (p.offset !== n) for (const a of arrays) a.copyWithin(n, p.offset, p.offset + r.rows);
    r.escapes.forEach((e, k) => {
      e.rows.forEach((row, j) => {
        escapes[k]!.rows.push(n + row);
        escapes[k]!.values.push(e.values[j]!);
      });
    });
    if (!r.ordered || r.firstTime <= last) ordered = false;
    last = r.lastTime;
    n += r.rows;
  }
  if (n === 0) return 'no data rows';
  const cols = arrays.map((a) => a.subarray(0, n));
  const layouts = [...job.layouts];
  const stats = parts.flatMap((p) => (p.result!.rows > 0 ? [p.result!.stats] : []));
  escapes.forEach((e, k) => {
    if (e.rows.length === 0) return;
    const codes = cols[k + 1] as Int32Array;
    // a layout that holds the escapes too, from what every value needs: the codes re-encoded
    const wider = layoutFor(statsOf(stats, k), false);
    if (wider !== null && recode(codes, layouts[k]!, wider, e)) {
      layouts[k] = wider;
      return;
    }
    const doubles = new Float64Array(n);
    decodeInto(decimalColumn(codes, layouts[k]!), 0, n, doubles);
    e.rows.forEach((row, j) => (doubles[row] = e.values[j]!));
    cols[k + 1] = doubles;
  });
  if (!ordered && !sortRows(cols)) return 'a time given twice';
  const series = new Map<string, PriceColumn>();
  job.columns.forEach((c, k) => {
    const a = cols[k + 1]!;
    series.set(
      header.symbols[header.symbolColumns.indexOf(c)]!,
      a instanceof Int32Array ? decimalColumn(a, layouts[k]!) : a,
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

/**
 * Re-encodes `codes` from layout `from` to `to` in place and writes the escapes' values, or
 * returns false (the codes are then unusable) when a value has no code in `to`. Every value
 * keeps its double: decode, then encodePrice, which checks that the new code decodes to it.
 */
function recode(codes: Int32Array, from: CodeLayout, to: CodeLayout, escapes: Escapes): boolean {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c === MISSING_CODE) continue;
    const code = encodePrice(decodePrice(c, from), to);
    if (code === null) return false;
    codes[i] = code;
  }
  for (let j = 0; j < escapes.rows.length; j++) {
    const code = encodePrice(escapes.values[j]!, to);
    if (code === null) return false;
    codes[escapes.rows[j]!] = code;
  }
  return true;
}

/**
 * Sorts the rows of `cols` (times first) by time in place, stable; false when a time repeats
 * (the simple path merges or reports such rows).
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

function assembleLong(parts: RangePart[], source: string): PriceTable | string {
  const names: string[] = [];
  const converted: boolean[] = [];
  const index = new Map<string, number>();
  let n = 0;
  for (const p of parts) n += p.long!.times.length;
  const times = new Float64Array(n);
  const symbols = new Int32Array(n);
  const prices = new Float64Array(n);
  let at = 0;
  let ordered = true;
  let last = -Infinity;
  for (const p of parts) {
    const rows = p.long!;
    const map = rows.names.map((name, k) => {
      let g = index.get(name);
      if (g === undefined) {
        g = names.length;
        names.push(name);
        converted.push(rows.converted[k]!);
        index.set(name, g);
      }
      return g;
    });
    const m = rows.times.length;
    for (let i = 0; i < m; i++) symbols[at + i] = map[rows.symbols[i]!]!;
    times.set(rows.times, at);
    prices.set(rows.prices, at);
    if (m > 0) {
      if (!p.result!.ordered || rows.times[0]! < last) ordered = false;
      last = rows.times[m - 1]!;
    }
    at += m;
  }
  if (n === 0) return 'no converted rows';
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
    if (ownerRow[s] === r) return 'a time given twice'; // the simple path names both lines
    ownerRow[s] = r;
    out[s]![r] = prices[i]!;
  }
  const series = new Map<string, PriceColumn>();
  names.forEach((name, s) => {
    const column = out[s];
    if (column) series.set(name, column);
  });
  return { source, times: outTimes, series, symbols: names, layout: 'long' };
}
