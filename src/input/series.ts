/**
 * A price series as the prices reader holds it, and the only way to read one. How the values
 * are stored (doubles, or the reader's 4-byte decimal codes) is the reader's business: callers
 * (alignment, the report) see lengths, values as doubles (NaN = missing) and views.
 *
 * A series is plain data (a structured clone keeps it; a worker thread shares the storage of a
 * SharedArrayBuffer), read through these functions.
 */
import {
  MISSING_CODE,
  columnDoubles,
  columnLength,
  decodeInto,
  priceAt,
  sliceColumn,
  type PriceColumn,
} from './prices/codes';

/** One symbol's prices, one value per row of its table (opaque: read it with this module). */
export type PriceSeries = PriceColumn;

/** Number of values. */
export function seriesLength(s: PriceSeries): number {
  return columnLength(s);
}

/** Value i as a double (NaN = missing). */
export function seriesValue(s: PriceSeries, i: number): number {
  return priceAt(s, i);
}

/**
 * Values [from, to) as doubles, written to `out` from index 0 (out.length ≥ to − from), which is
 * returned. Cost O(to − from).
 */
export function seriesValuesInto(
  s: PriceSeries,
  from: number,
  to: number,
  out: Float64Array,
): Float64Array {
  return decodeInto(s, from, to, out);
}

/** All values as doubles: the storage itself when it holds doubles (do not write), else a copy. */
export function seriesDoubles(s: PriceSeries): Float64Array {
  return columnDoubles(s);
}

/** Values [from, to) as a series (a view: no copy). */
export function seriesSlice(s: PriceSeries, from: number, to: number): PriceSeries {
  return sliceColumn(s, from, to);
}

/** Whether no value in [from, to) is missing. Cost O(to − from). */
export function seriesComplete(s: PriceSeries, from: number, to: number): boolean {
  if (s instanceof Float64Array) {
    for (let i = from; i < to; i++) {
      const v = s[i]!;
      if (v !== v) return false;
    }
    return true;
  }
  const codes = s.codes;
  for (let i = from; i < to; i++) if (codes[i] === MISSING_CODE) return false;
  return true;
}
