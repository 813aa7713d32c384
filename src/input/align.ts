/**
 * Alignment of price series on a common time axis: resampling to a calendar frequency, complete
 * rows inside a range, the valuation price. Pure functions over PriceTable columns (times strictly
 * increasing epoch ms; a column of doubles, NaN = missing, or of decimal codes); inputs are never
 * modified.
 */
import type { Frequency } from '../settings';
import {
  seriesComplete,
  seriesSlice,
  seriesValue,
  seriesValuesInto,
  type PriceSeries,
} from './series';
import { monthIndexOfDay } from './time';

const MS_PER_DAY = 86_400_000;

/** Key of the UTC calendar period holding `ms`: day number, ISO week number or month index. */
function periodKey(ms: number, frequency: Exclude<Frequency, 'native'>): number {
  const day = Math.floor(ms / MS_PER_DAY);
  switch (frequency) {
    case 'daily':
      return day;
    case 'weekly':
      return Math.floor((day + 3) / 7); // day 0 (1970-01-01) is a Thursday: weeks start on Monday
    case 'monthly':
      return monthIndexOfDay(day);
  }
}

/**
 * Resamples to the last value of each UTC period per series: daily = calendar day, weekly = ISO
 * week (Monday to Sunday, so weeks cross year ends: 2020-12-31 and 2021-01-03 are both in
 * 2020-W53), monthly = calendar month. A period's row time is the time of the last row of the
 * table in that period; a series with no value in a period is NaN there. Periods with no rows do
 * not appear. 'native' returns the input arrays themselves.
 * Cost: O(rows × series).
 * @param times strictly increasing epoch ms
 * @param series columns of the same length as `times`
 */
export function resample(
  times: Float64Array,
  series: readonly PriceSeries[],
  frequency: Frequency,
): { times: Float64Array; series: PriceSeries[] } {
  if (frequency === 'native') return { times, series: [...series] };
  const n = times.length;
  const ends: number[] = []; // index of the last row of each period
  for (let i = 0; i < n; i++) {
    if (i === n - 1 || periodKey(times[i]!, frequency) !== periodKey(times[i + 1]!, frequency))
      ends.push(i);
  }
  const outTimes = Float64Array.from(ends, (i) => times[i]!);
  const outSeries = series.map((column) => {
    const out = new Float64Array(ends.length);
    let start = 0;
    ends.forEach((end, p) => {
      let v = NaN;
      for (let i = end; i >= start; i--) {
        const x = seriesValue(column, i);
        if (!Number.isNaN(x)) {
          v = x;
          break;
        }
      }
      out[p] = v;
      start = end + 1;
    });
    return out;
  });
  return { times: outTimes, series: outSeries };
}

/** First index with times[i] ≥ t (binary search). */
function lowerBound(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with times[i] > t (binary search). */
function upperBound(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Index range [start, end) of the rows with from ≤ time ≤ to (null = unbounded), by binary search.
 * alignComplete keeps all of them exactly when no series has a missing value there.
 */
export function rangeBounds(
  times: Float64Array,
  from: number | null,
  to: number | null,
): { start: number; end: number } {
  return {
    start: from === null ? 0 : lowerBound(times, from),
    end: to === null ? times.length : upperBound(times, to),
  };
}

/**
 * The rows with from ≤ time ≤ to (null = unbounded) where every given series has a value, so
 * that returns computed from consecutive kept rows span the same interval in every series.
 * Cost: one pass, O(rows in range × series) plus O(log rows); the results are views into
 * arrays of the range's length (no per-row allocation). When no row is dropped they are views of
 * the inputs themselves (no copy: a large file's columns are not duplicated per position), so the
 * caller must not write to them.
 * @returns the kept times and one column per series, in the order given.
 */
export function alignComplete(
  times: Float64Array,
  series: readonly PriceSeries[],
  from: number | null,
  to: number | null,
): { times: Float64Array; columns: PriceSeries[] } {
  const { start, end } = rangeBounds(times, from, to);
  const m = series.length;
  const size = Math.max(0, end - start);
  if (size > 0 && series.every((c) => seriesComplete(c, start, end))) {
    return {
      times: times.subarray(start, end),
      columns: series.map((c) => seriesSlice(c, start, end)),
    };
  }
  // Rows are dropped: the range as doubles (views, or decoded copies of decimal codes).
  const ts = times.subarray(start, end);
  const cols = series.map((c) => seriesValuesInto(c, start, end, new Float64Array(size)));
  const outTimes = new Float64Array(size);
  const out = series.map(() => new Float64Array(size));
  let count = 0;
  if (m === 1) {
    const c0 = cols[0]!;
    const o0 = out[0]!;
    for (let i = 0; i < size; i++) {
      const v0 = c0[i]!;
      if (v0 !== v0) continue; // NaN: missing
      outTimes[count] = ts[i]!;
      o0[count] = v0;
      count++;
    }
  } else if (m === 2) {
    const c0 = cols[0]!;
    const c1 = cols[1]!;
    const o0 = out[0]!;
    const o1 = out[1]!;
    for (let i = 0; i < size; i++) {
      const v0 = c0[i]!;
      const v1 = c1[i]!;
      if (v0 !== v0 || v1 !== v1) continue;
      outTimes[count] = ts[i]!;
      o0[count] = v0;
      o1[count] = v1;
      count++;
    }
  } else if (m === 3) {
    const c0 = cols[0]!;
    const c1 = cols[1]!;
    const c2 = cols[2]!;
    const o0 = out[0]!;
    const o1 = out[1]!;
    const o2 = out[2]!;
    for (let i = 0; i < size; i++) {
      const v0 = c0[i]!;
      const v1 = c1[i]!;
      const v2 = c2[i]!;
      if (v0 !== v0 || v1 !== v1 || v2 !== v2) continue;
      outTimes[count] = ts[i]!;
      o0[count] = v0;
      o1[count] = v1;
      o2[count] = v2;
      count++;
    }
  } else {
    for (let i = 0; i < size; i++) {
      let complete = true;
      for (let j = 0; j < m; j++) {
        if (Number.isNaN(cols[j]![i]!)) {
          complete = false;
          break;
        }
      }
      if (!complete) continue;
      outTimes[count] = ts[i]!;
      for (let j = 0; j < m; j++) out[j]![count] = cols[j]![i]!;
      count++;
    }
  }
  // Views of the filled part (no copy); the unused tail is freed with the views' buffer.
  return {
    times: outTimes.subarray(0, count),
    columns: out.map((c) => c.subarray(0, count)),
  };
}

/**
 * The valuation price: the last non-missing value at or before `to` (null = the last row), with
 * its time. Cost: O(log rows) plus the missing values skipped.
 * @returns null when the series has no value at or before `to`.
 */
export function valuationPoint(
  times: Float64Array,
  series: PriceSeries,
  to: number | null,
): { price: number; time: number } | null {
  const end = to === null ? times.length : upperBound(times, to);
  for (let i = end - 1; i >= 0; i--) {
    const v = seriesValue(series, i);
    if (!Number.isNaN(v)) return { price: v, time: times[i]! };
  }
  return null;
}
