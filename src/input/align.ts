/**
 * Alignment of price series on a common time axis: resampling to a calendar frequency, complete
 * rows inside a range, the valuation price. Pure functions over PriceTable columns (times strictly
 * increasing epoch ms, NaN = missing); inputs are never modified.
 */
import type { Frequency } from '../settings';
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
  series: readonly Float64Array[],
  frequency: Frequency,
): { times: Float64Array; series: Float64Array[] } {
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
        if (!Number.isNaN(column[i]!)) {
          v = column[i]!;
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
 * The rows with from ≤ time ≤ to (null = unbounded) where every given series has a value, so
 * that returns computed from consecutive kept rows span the same interval in every series.
 * Cost: O(rows in range × series) plus O(log rows).
 * @returns the kept times and one column per series, in the order given.
 */
export function alignComplete(
  times: Float64Array,
  series: readonly Float64Array[],
  from: number | null,
  to: number | null,
): { times: Float64Array; columns: Float64Array[] } {
  const start = from === null ? 0 : lowerBound(times, from);
  const end = to === null ? times.length : upperBound(times, to);
  const keep: number[] = [];
  for (let i = start; i < end; i++) {
    let complete = true;
    for (const column of series) {
      if (Number.isNaN(column[i]!)) {
        complete = false;
        break;
      }
    }
    if (complete) keep.push(i);
  }
  return {
    times: Float64Array.from(keep, (i) => times[i]!),
    columns: series.map((column) => Float64Array.from(keep, (i) => column[i]!)),
  };
}

/**
 * The valuation price: the last non-missing value at or before `to` (null = the last row), with
 * its time. Cost: O(log rows) plus the missing values skipped.
 * @returns null when the series has no value at or before `to`.
 */
export function valuationPoint(
  times: Float64Array,
  series: Float64Array,
  to: number | null,
): { price: number; time: number } | null {
  const end = to === null ? times.length : upperBound(times, to);
  for (let i = end - 1; i >= 0; i--) {
    const v = series[i]!;
    if (!Number.isNaN(v)) return { price: v, time: times[i]! };
  }
  return null;
}
