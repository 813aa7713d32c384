/**
 * Price columns held as decimal codes: 4 bytes a value instead of a double's 8, with every value
 * exactly the double the simple reader parses. Private to the prices reader (src/input/prices/)
 * and src/input/series.ts, through which everyone else reads a series.
 *
 * A price cell such as `41932.077` is an integer mantissa m = 41932077 over 10^d, d = 3 decimals.
 * A column has a layout: a base number of decimals b and an offset width of s = 2 or 0 bits.
 * Each value is written with d' = max(d, b) decimals (m' = m·10^(d'−d): `2.5` with b = 3 is
 * 2500 / 10^3) and its code is the 32 bits m'·2^s + (d' − b). With s = 2 a code holds
 * 0 ≤ m' ≤ 2^30 − 2 (every 9-digit mantissa) and d' − b ≤ 3; with s = 0, m' ≤ 2^32 − 2 (every
 * 9-digit mantissa and 10-digit ones up to 4294967294) and d' = b. Decoding computes m' / 10^d':
 * m' and 10^d' are exact doubles (m' < 2^53, d' ≤ 22), so the one IEEE division rounds the exact
 * decimal value correctly, and correct rounding is unique: the same double as
 * `Number('41932.077')`, which the simple reader gives. Negative values, −0, more digits and
 * decimals beyond the layout have no code: the scanner keeps such a column in doubles.
 *
 * Both representations are plain data (a structured clone keeps them; a worker thread shares
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
 * m = round(v·10^d) with m / 10^d identical to v. For cells the scanner's decimal reader
 * declined (exponents, long digit strings).
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

/** What a column's values need of a decimal code (see {@link layoutFor}). */
export interface ColumnStats {
  /** The most decimals of a value's shortest exact form (−1: no value). */
  readonly maxDecimals: number;
  readonly maxValue: number;
  readonly maxMantissa: number;
  /** Values no layout codes: negative, −0, or with no exact decimal form of ≤ 22 decimals. */
  readonly uncoded: number;
}

/**
 * The stats of `values` (NaN = missing): each value's decimals are the fewest d for which
 * round(v·10^d) / 10^d is v, the decimal form a code of it would use. Cost O(n × decimals).
 */
export function statsOf(values: Float64Array): ColumnStats {
  let maxDecimals = -1;
  let maxValue = 0;
  let maxM = 0;
  let uncoded = 0;
  for (const v of values) {
    if (v !== v) continue;
    if (!(v >= 0) || v === Infinity || Object.is(v, -0)) {
      uncoded++;
      continue;
    }
    let d = 0;
    while (d <= MAX_DECIMALS && Math.round(v * POW10[d]!) / POW10[d]! !== v) d++;
    const m = Math.round(v * POW10[d]!);
    if (d > MAX_DECIMALS || m > Number.MAX_SAFE_INTEGER) {
      uncoded++;
      continue;
    }
    if (d > maxDecimals) maxDecimals = d;
    if (v > maxValue) maxValue = v;
    if (m > maxM) maxM = m;
  }
  return { maxDecimals, maxValue, maxMantissa: maxM, uncoded };
}

/** Stats of values a and b together. */
export function mergeStats(a: ColumnStats, b: ColumnStats): ColumnStats {
  return {
    maxDecimals: Math.max(a.maxDecimals, b.maxDecimals),
    maxValue: Math.max(a.maxValue, b.maxValue),
    maxMantissa: Math.max(a.maxMantissa, b.maxMantissa),
    uncoded: a.uncoded + b.uncoded,
  };
}

/**
 * Stats of codes [start, end) in `layout`, from the codes themselves: each value as its code
 * writes it, mantissa m' over 10^d' (trailing zeros included, so maxDecimals may be more than
 * statsOf gives: a layout for these stats still codes every value). Cost O(n), integer work.
 */
export function codeStats(
  codes: Int32Array,
  start: number,
  end: number,
  layout: CodeLayout,
): ColumnStats {
  const { base, shift } = layout;
  const mask = (1 << shift) - 1;
  let maxOffset = -1;
  let maxValue = 0;
  let maxM = 0;
  for (let i = start; i < end; i++) {
    const code = codes[i]!;
    if (code === MISSING_CODE) continue;
    const m = code >>> shift;
    const offset = code & mask;
    if (offset > maxOffset) maxOffset = offset;
    if (m > maxM) maxM = m;
    const v = m / POW10[base + offset]!;
    if (v > maxValue) maxValue = v;
  }
  const maxDecimals = maxOffset < 0 ? -1 : base + maxOffset;
  return { maxDecimals, maxValue, maxMantissa: maxOffset < 0 ? 0 : maxM, uncoded: 0 };
}

/**
 * Re-encodes codes [start, end) from layout `from` to `to` in place: each value's decimal form as
 * its code writes it (m' over 10^d') coded in `to` (decimalCode: the same rational, so the same
 * correctly rounded double). A layout for the codes' stats (codeStats) holds every one.
 * @returns false, the codes unchanged, when one has no code in `to`.
 */
export function recode(
  codes: Int32Array,
  start: number,
  end: number,
  from: CodeLayout,
  to: CodeLayout,
): boolean {
  const mask = (1 << from.shift) - 1;
  for (let pass = 0; pass < 2; pass++) {
    for (let i = start; i < end; i++) {
      const c = codes[i]!;
      if (c === MISSING_CODE) continue;
      const code = decimalCode(c >>> from.shift, from.base + (c & mask), to);
      if (code === null) return false;
      if (pass === 1) codes[i] = code;
    }
  }
  return true;
}

/** The layout a column has when nothing is known of it. */
const FIRST_LAYOUT: CodeLayout = { base: 0, shift: 2 };

/**
 * The layout of a column's decimal codes for values with these stats (from samples of the
 * column), or null (doubles) when none codes them all. A value v with d decimals is written with
 * max(d, b) decimals, which fits when v·10^b ≤ maxMantissa(shift) and d − b is within the
 * offsets. Shift 2 first, with headroom: b = d − 2 where the largest value ten times higher still
 * fits (room for one more decimal than seen and for prices ten times higher), else down to
 * b = d − 3; then shift 0 with b = d, which holds ten-digit mantissas.
 */
export function layoutFor(s: ColumnStats): CodeLayout | null {
  if (s.uncoded > 0) return null;
  if (s.maxDecimals < 0) return FIRST_LAYOUT; // no value seen
  const max2 = maxMantissa(2);
  if (s.maxMantissa <= max2) {
    const lowest = Math.max(0, s.maxDecimals - 3);
    let base = Math.max(0, s.maxDecimals - 2);
    while (base > lowest && s.maxValue * POW10[base]! * 10 > max2) base--;
    if (base + 3 <= MAX_DECIMALS && s.maxValue * POW10[base]! <= max2) return { base, shift: 2 };
  }
  const base = s.maxDecimals;
  if (base <= MAX_DECIMALS && s.maxValue * POW10[base]! <= maxMantissa(0)) {
    return { base, shift: 0 };
  }
  return null;
}
