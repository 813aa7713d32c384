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
 * from that row on in doubles of its own (`switched`). The assembly (./assemble.ts) brings the ranges of a column
 * to one layout, or to doubles. Long: times, symbols and prices of the range's own.
 */
import {
  codeStats,
  encodePrice,
  layoutFor,
  mergeStats,
  recode,
  statsOf,
  type CodeLayout,
} from './codes';

const NO_CODES = new Int32Array(0);
const NO_DOUBLES = new Float64Array(0);

/** A range's column continued in doubles: rows before `from` are codes in `layout`. */
export interface Switched {
  readonly from: number;
  readonly layout: CodeLayout;
  /** Row from + i is values[i]. */
  readonly values: Float64Array;
}

/** Rows of one range of a wide file. */
export class WideColumns {
  readonly times: Float64Array;
  /** Per converted column: its codes (empty for a column of doubles). */
  readonly codes: Int32Array[];
  /** Per converted column: its doubles (empty for a column of codes). */
  readonly doubles: Float64Array[];
  /** Per converted column: the layout of its codes in this range, null for doubles. */
  readonly layouts: (CodeLayout | null)[];
  /** Columns of codes that met a value no layout codes, continued in doubles. */
  readonly switched = new Map<number, Switched>();
  /** Rows stored. */
  length = 0;

  /** Views of `capacity` rows from row `offset` of `columns`. */
  constructor(
    columns: ColumnBuffer,
    offset: number,
    readonly capacity: number,
  ) {
    const { buffers, layouts, at } = columns;
    const of = (i: number) => buffers[columns.of[i]!]!;
    this.layouts = [...layouts];
    this.times = new Float64Array(of(0), at[0]! + offset * 8, capacity);
    this.codes = layouts.map((l, k) =>
      l === null ? NO_CODES : new Int32Array(of(k + 1), at[k + 1]! + offset * 4, capacity),
    );
    this.doubles = layouts.map((l, k) =>
      l === null ? new Float64Array(of(k + 1), at[k + 1]! + offset * 8, capacity) : NO_DOUBLES,
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
    const layout = this.layouts[k] as CodeLayout | null;
    if (layout === null) {
      const own = this.switched.get(k)!;
      own.values[row - own.from] = v;
      return;
    }
    const code = encodePrice(v, layout);
    if (code !== null) this.codes[k]![row] = code;
    else if (!this.widen(k, row, v)) this.switchToDoubles(k, row, v);
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

  /** Column k of this range continued as doubles from `row` on, starting with `v`. */
  private switchToDoubles(k: number, row: number, v: number): void {
    const values = new Float64Array(this.capacity - row);
    values[0] = v;
    this.switched.set(k, { from: row, layout: this.layouts[k]!, values });
    this.layouts[k] = null;
  }
}

/**
 * The columns of a wide read, `rows` rows each: the times, then each converted column, codes when
 * its layout is not null, else doubles. Small columns share buffers of up to GROUP_BYTES (one
 * allocation for a 2,000-column book instead of 2,001); a larger column has its own, which is
 * freed when the column is (a column that ends in doubles leaves its codes behind). Plain data,
 * for worker threads to share.
 */
export interface ColumnBuffer {
  readonly buffers: readonly ArrayBufferLike[];
  readonly rows: number;
  readonly layouts: readonly (CodeLayout | null)[];
  /** Per column (the times, then the converted columns): its buffer's index, its byte offset. */
  readonly of: readonly number[];
  readonly at: readonly number[];
}

/** Bytes of columns that share one buffer. */
const GROUP_BYTES = 16 << 20;

/**
 * The columns of a wide read of `rows` rows, in SharedArrayBuffers when `shared` (ranges on
 * worker threads). Columns of doubles come first, so that every column is aligned.
 */
export function allocateColumns(
  layouts: readonly (CodeLayout | null)[],
  rows: number,
  shared: boolean,
): ColumnBuffer {
  const sizes: number[] = [];
  const of: number[] = [];
  const at: number[] = [];
  const place = (i: number, size: number) => {
    const last = sizes.length - 1;
    if (last < 0 || sizes[last]! + rows * size > GROUP_BYTES) sizes.push(0);
    of[i] = sizes.length - 1;
    at[i] = sizes[sizes.length - 1]!;
    sizes[sizes.length - 1]! += rows * size;
  };
  place(0, 8);
  for (const size of [8, 4]) {
    layouts.forEach((l, k) => {
      if ((l === null ? 8 : 4) === size) place(k + 1, size);
    });
  }
  const buffers = sizes.map((n) => (shared ? new SharedArrayBuffer(n) : new ArrayBuffer(n)));
  return { buffers, rows, layouts, of, at };
}

/** Column i (0: the times, k + 1: converted column k) of `c`, all its rows. */
export function columnView(c: ColumnBuffer, i: number): Float64Array | Int32Array {
  const buffer = c.buffers[c.of[i]!]!;
  return i > 0 && c.layouts[i - 1] !== null
    ? new Int32Array(buffer, c.at[i]!, c.rows)
    : new Float64Array(buffer, c.at[i]!, c.rows);
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
