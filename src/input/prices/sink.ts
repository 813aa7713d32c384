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
  columnStats,
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

  /**
   * Views at element `offset` into `buffers` (the times, then each converted column: codes when
   * its layout is not null, else doubles), `capacity` rows each.
   */
  constructor(
    buffers: readonly ArrayBufferLike[],
    layouts: readonly (CodeLayout | null)[],
    offset: number,
    readonly capacity: number,
  ) {
    this.layouts = [...layouts];
    this.times = new Float64Array(buffers[0]!, offset * 8, capacity);
    this.codes = layouts.map((l, k) =>
      l === null ? NO_CODES : new Int32Array(buffers[k + 1]!, offset * 4, capacity),
    );
    this.doubles = layouts.map((l, k) =>
      l === null ? new Float64Array(buffers[k + 1]!, offset * 8, capacity) : NO_DOUBLES,
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
    const stats = mergeStats(
      columnStats(decimalColumn(codes, from), 0, row),
      statsOf(Float64Array.of(v)),
    );
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

/** The shared column buffers of a wide read of `rows` rows in all (times first). */
export function allocateColumns(
  layouts: readonly (CodeLayout | null)[],
  rows: number,
  shared: boolean,
): ArrayBufferLike[] {
  return [null, ...layouts].map((l, i) => {
    const bytes = rows * (i > 0 && l !== null ? 4 : 8);
    return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  });
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
