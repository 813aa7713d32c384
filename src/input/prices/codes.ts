/**
 * Price columns held as decimal codes: 4 bytes a value instead of a double's 8, with every value
 * exactly the double the simple path parses.
 *
 * A price cell such as `41932.077` is an integer mantissa m = 41932077 over 10^d, d = 3 decimals.
 * A column has a layout: a base number of decimals b and an offset width of s = 2 or 0 bits.
 * Each value is written with d' = max(d, b) decimals (m' = m·10^(d'−d): `2.5` with b = 3 is
 * 2500 / 10^3) and its code is the 32 bits m'·2^s + (d' − b). With s = 2 a code holds
 * 0 ≤ m' ≤ 2^30 − 2 (every 9-digit mantissa) and d' − b ≤ 3; with s = 0, m' ≤ 2^32 − 2 (every
 * 9-digit mantissa and 10-digit ones up to 4294967294) and d' = b. Decoding computes m' / 10^d':
 * m' and 10^d' are exact doubles (m' < 2^53, d' ≤ 22), so the one IEEE division rounds the exact
 * decimal value correctly, and correct rounding is unique: the same double as
 * `Number('41932.077')`, which the simple path gives. Negative values, −0, more digits and
 * decimals beyond the layout have no code: the large-file reader keeps such a column in doubles
 * (src/input/prices-stream.ts chooses the layout from samples of the file).
 *
 * The two representations are plain data (a structured clone keeps them; a worker thread shares
 * the codes of a SharedArrayBuffer), read through the functions of this module.
 */

/** A column of decimal codes (see the module comment); {@link MISSING_CODE} is a missing value. */
export interface DecimalColumn extends CodeLayout {
  readonly kind: 'decimal';
  readonly codes: Int32Array;
}

/** How a column's codes read: value = (code >>> shift) / 10^(base + (code & (2^shift − 1))). */
export interface CodeLayout {
  /** The base number of decimals b. */
  readonly base: number;
  /** Bits of the decimals' offset from b: 2 (offsets 0 … 3) or 0 (every value has b decimals). */
  readonly shift: 0 | 2;
}

/** A price column: doubles (NaN = missing), or decimal codes. */
export type PriceColumn = Float64Array | DecimalColumn;

/** The code of a missing value (an empty cell), all bits set: decodes to NaN; no value has it. */
export const MISSING_CODE = -1;

/** Largest mantissa a code holds with shift s: 2^(32−s) − 2 (all ones is MISSING_CODE). */
export function maxMantissa(shift: 0 | 2): number {
  return shift === 2 ? 0x3ffffffe : 0xfffffffe;
}

/** Largest base + offset: the exact powers of ten below. */
export const MAX_DECIMALS = 22;

/** 10^0 … 10^22: exact doubles. */
export const POW10: readonly number[] = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
  1e18, 1e19, 1e20, 1e21, 1e22,
];

/** The column of these codes, read with this layout. */
export function decimalColumn(codes: Int32Array, layout: CodeLayout): DecimalColumn {
  return { kind: 'decimal', codes, base: layout.base, shift: layout.shift };
}

/**
 * The code of m / 10^d (an integer m ≥ 0 with d decimals, as written in the file) in a column
 * with this layout, or null when it has none (see the module comment).
 */
export function decimalCode(m: number, d: number, layout: CodeLayout): number | null {
  const { base, shift } = layout;
  if (d < base) {
    m *= POW10[base - d]!;
    d = base;
  }
  if (m > maxMantissa(shift) || d - base > (1 << shift) - 1) return null;
  return (m * (1 << shift) + (d - base)) | 0;
}

/**
 * The code of any double in a column with this layout, when one decodes back to it exactly
 * (Object.is: −0 has none), else null; NaN → MISSING_CODE. Tries each d the layout has:
 * m = round(v·10^d) with m / 10^d identical to v. For cells the fast parser declined
 * (exponents, quoted cells).
 */
export function encodePrice(v: number, layout: CodeLayout): number | null {
  if (Number.isNaN(v)) return MISSING_CODE;
  if (!(v >= 0) || v === Infinity || Object.is(v, -0)) return null;
  const { base, shift } = layout;
  for (let d = base; d < base + (1 << shift); d++) {
    const m = Math.round(v * POW10[d]!);
    if (m > maxMantissa(shift)) return null;
    if (m / POW10[d]! === v) return (m * (1 << shift) + (d - base)) | 0;
  }
  return null;
}

/** The double of a code in a column with this layout: NaN for MISSING_CODE. */
export function decodePrice(code: number, layout: CodeLayout): number {
  const { base, shift } = layout;
  return code === MISSING_CODE
    ? NaN
    : (code >>> shift) / POW10[base + (code & ((1 << shift) - 1))]!;
}

/** Number of values. */
export function columnLength(c: PriceColumn): number {
  return c instanceof Float64Array ? c.length : c.codes.length;
}

/** Value i (NaN = missing). */
export function priceAt(c: PriceColumn, i: number): number {
  return c instanceof Float64Array ? c[i]! : decodePrice(c.codes[i]!, c);
}

/** Values [start, end) as a view (no copy), in the same representation. */
export function sliceColumn(c: PriceColumn, start: number, end: number): PriceColumn {
  return c instanceof Float64Array
    ? c.subarray(start, end)
    : decimalColumn(c.codes.subarray(start, end), c);
}

/**
 * Values [start, end) of `c` as doubles, written to `out` from index 0 (out.length ≥ end − start),
 * which is returned. Cost O(end − start).
 */
export function decodeInto(
  c: PriceColumn,
  start: number,
  end: number,
  out: Float64Array,
): Float64Array {
  if (c instanceof Float64Array) {
    out.set(c.subarray(start, end));
    return out;
  }
  const { codes, base, shift } = c;
  const mask = (1 << shift) - 1;
  for (let i = start; i < end; i++) {
    const code = codes[i]!;
    out[i - start] = code === MISSING_CODE ? NaN : (code >>> shift) / POW10[base + (code & mask)]!;
  }
  return out;
}

/** All values as doubles: the column itself when it holds doubles, else a decoded copy. */
export function columnDoubles(c: PriceColumn): Float64Array {
  if (c instanceof Float64Array) return c;
  return decodeInto(c, 0, c.codes.length, new Float64Array(c.codes.length));
}
