/**
 * Where the scanner (./scan.ts) puts the rows of one byte range. Capacity is the range's line
 * count (an upper bound of its records), known before the scan: nothing grows.
 *
 * Wide: the times and one column per converted symbol, as views at the range's offset into
 * column buffers shared by every range of the read (SharedArrayBuffers when ranges run on worker
 * threads). A column holds decimal codes (./codes.ts) in the layout the read chose for it, or
 * doubles. A value its codes cannot hold widens the range's layout of that column: its codes so
 * far are re-encoded in place into a layout for every value seen (4 bytes a value still), or,
 * when none codes them all (a negative price, 11 digits or more), the range continues the column
 * in doubles of its own (`switched`). The assembly (./assemble.ts) brings the ranges of a column
 * to one layout, or to doubles. Long: times, symbols and prices of the range's own.
 */
import {
  codeStats,
  decimalColumn,
  decodeInto,
  encodePrice,
  layoutFor,
  mergeStats,
  recode,
  statsOf,
  type CodeLayout,
} from './codes';

const NO_CODES = new Int32Array(0);
const NO_DOUBLES = new Float64Array(0);

/** Rows of one range of a wide file. */
export class WideColumns {
  readonly times: Float64Array;
  /** Per converted column: its codes (empty for a column of doubles). */
  readonly codes: Int32Array[];
  /** Per converted column: its doubles (empty for a column of codes). */
  readonly doubles: Float64Array[];
  /** Per converted column: the layout of its codes in this range, null for doubles. */
  readonly layouts: (CodeLayout | null)[];
  /** Columns of codes that met a value without a code: this range's values of it, as doubles. */
  readonly switched = new Map<number, Float64Array>();
  /** Rows stored. */
  length = 0;

  /** Views of `capacity` rows from row `offset` of `columns`. */
  constructor(
    columns: ColumnBuffer,
    offset: number,
    readonly capacity: number,
  ) {
    const { buffer, layouts, at } = columns;
    this.layouts = [...layouts];
    this.times = new Float64Array(buffer, at[0]! + offset * 8, capacity);
    this.codes = layouts.map((l, k) =>
      l === null ? NO_CODES : new Int32Array(buffer, at[k + 1]! + offset * 4, capacity),
    );
    this.doubles = layouts.map((l, k) =>
      l === null ? new Float64Array(buffer, at[k + 1]! + offset * 8, capacity) : NO_DOUBLES,
    );
  }

  /**
   * Stores value `v` (NaN = missing) of converted column k in `row`, as a code when the column
   * holds codes and `v` has one, else in a wider layout or as a double (see the class comment).
   */
  store(k: number, row: number, v: number): void {
    const doubles = this.doubles[k]!;
    if (doubles.length > 0) {
      doubles[row] = v;
      return;
    }
    const code = encodePrice(v, this.layouts[k]!);
    if (code !== null) this.codes[k]![row] = code;
    else if (!this.widen(k, row, v)) this.switchToDoubles(k, row)[row] = v;
  }

  /**
   * Re-encodes column k's rows before `row` into a layout that also codes `v` (with headroom),
   * and stores `v`. Cost O(row): rare, as each widening leaves room for larger values.
   * @returns false when no layout codes them all (the codes are then unchanged).
   */
  private widen(k: number, row: number, v: number): boolean {
    const codes = this.codes[k]!;
    const from = this.layouts[k]!;
    const stats = mergeStats(codeStats(codes, 0, row, from), statsOf(Float64Array.of(v)));
    const to = layoutFor(stats);
    if (to === null) return false;
    const code = encodePrice(v, to);
    if (code === null || !recode(codes, 0, row, from, to)) return false;
    this.layouts[k] = to;
    codes[row] = code;
    return true;
  }

  /** Column k of this range continued as doubles from `row` on (rows before it decoded). */
  private switchToDoubles(k: number, row: number): Float64Array {
    const own = new Float64Array(this.capacity);
    decodeInto(decimalColumn(this.codes[k]!, this.layouts[k]!), 0, row, own);
    this.codes[k] = NO_CODES;
    this.doubles[k] = own;
    this.switched.set(k, own);
    return own;
  }
}

/**
 * The columns of a wide read, `rows` rows each, in one buffer (one allocation, and one object
 * for worker threads to share): the times, then each converted column, codes when its layout is
 * not null, else doubles. Plain data.
 */
export interface ColumnBuffer {
  readonly buffer: ArrayBufferLike;
  readonly rows: number;
  readonly layouts: readonly (CodeLayout | null)[];
  /** Byte offset of each column in `buffer`: the times, then the converted columns. */
  readonly at: readonly number[];
}

/**
 * The columns of a wide read of `rows` rows, in a SharedArrayBuffer when `shared` (ranges on
 * worker threads). The columns of doubles come first, so that every column is aligned.
 */
export function allocateColumns(
  layouts: readonly (CodeLayout | null)[],
  rows: number,
  shared: boolean,
): ColumnBuffer {
  const at: number[] = [0];
  let bytes = rows * 8;
  for (const pass of [8, 4]) {
    layouts.forEach((l, k) => {
      if ((l === null ? 8 : 4) !== pass) return;
      at[k + 1] = bytes;
      bytes += rows * pass;
    });
  }
  const buffer = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  return { buffer, rows, layouts, at };
}

/** Column i (0: the times, k + 1: converted column k) of `c`, all its rows. */
export function columnView(c: ColumnBuffer, i: number): Float64Array | Int32Array {
  const codes = i > 0 && c.layouts[i - 1] !== null;
  return codes
    ? new Int32Array(c.buffer, c.at[i]!, c.rows)
    : new Float64Array(c.buffer, c.at[i]!, c.rows);
}

/** Rows of one range of a long file, in file order. */
export class LongRows {
  readonly times: Float64Array;
  /** Index into `names` of each row's symbol. */
  readonly symbols: Int32Array;
  readonly prices: Float64Array;
  length = 0;
  /** Symbol names of this range in order of first appearance, and whether each is converted. */
  readonly names: string[] = [];
  readonly converted: boolean[] = [];
  private readonly index = new Map<string, number>();

  constructor(
    capacity: number,
    /** The converted symbols, null = all. */
    private readonly wanted: readonly string[] | null,
  ) {
    this.times = new Float64Array(capacity);
    this.symbols = new Int32Array(capacity);
    this.prices = new Float64Array(capacity);
  }

  /** The range's index of a symbol, registered on first sight. */
  symbolIndex(name: string): number {
    let k = this.index.get(name);
    if (k === undefined) {
      k = this.names.length;
      this.names.push(name);
      this.index.set(name, k);
      this.converted.push(this.wanted === null || this.wanted.includes(name));
    }
    return k;
  }
}
