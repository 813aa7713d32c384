/**
 * STALE_PRICES by each series' own calendar: one warning per series whose last value is older
 * than its usual gaps allow at the valuation date, naming every position it values or hedges.
 *
 * A series' usual gap G is the 99th percentile (nearest rank) of the gaps between its
 * consecutive values, over its last {@link GAPS} gaps up to the valuation date. The series is
 * stale when its next value was due by the valuation date even so: last + G ≤ valuation date.
 * Weekday closes (gaps of 1 day, 3 over a weekend, 4 over a long weekend) are current on a
 * Saturday or Sunday and on a Monday holiday; a 24/7 daily series missing its last day is stale.
 * A series with fewer than two values before the date has no gaps: it is stale when its last value
 * is older than the date. Rare outages (under 1% of the gaps) do not widen G.
 */
import { rangeBounds, valuationPoint } from '../input/align';
import { pricedSymbols } from '../input/positions';
import { seriesValue, type PriceSeries } from '../input/series';
import { formatTime } from '../input/time';
import type { Position, PriceTable } from '../input/types';
import { positionName } from './position/common';
import { showText } from './text';
import type { ReportWarning } from './types';

/** Gaps a usual gap is taken from: about two years of weekday closes. */
export const GAPS = 500;

/** The share of gaps at or below the usual gap. */
export const USUAL_GAP_QUANTILE = 0.99;

/** Rows scanned back for those gaps at most (a sparse column in a long file stops here). */
const MAX_ROWS_SCANNED = 200_000;

/**
 * The usual gap of a series: the USUAL_GAP_QUANTILE nearest-rank quantile of the gaps between its
 * last GAPS + 1 values at or before row `end − 1`; null with fewer than two values.
 */
export function usualGap(times: Float64Array, series: PriceSeries, end: number): number | null {
  const seen: number[] = [];
  const stop = Math.max(0, end - MAX_ROWS_SCANNED);
  for (let i = end - 1; i >= stop && seen.length <= GAPS; i--) {
    if (!Number.isNaN(seriesValue(series, i))) seen.push(times[i]!);
  }
  if (seen.length < 2) return null;
  const gaps = new Float64Array(seen.length - 1);
  for (let k = 0; k < gaps.length; k++) gaps[k] = seen[k]! - seen[k + 1]!;
  gaps.sort();
  return gaps[Math.ceil(USUAL_GAP_QUANTILE * gaps.length) - 1]!;
}

/** A duration in the largest whole unit: `1 day`, `3 days`, `4 hours`, `90 s`. */
export function durationText(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return ms >= 86_400_000 ? `${(ms / 86_400_000).toFixed(1)} days` : `${ms} ms`;
}

/** Every symbol the positions price, in order of first use, with the positions using it. */
function usesOf(
  positions: readonly Position[],
  hedge: readonly string[],
  cash: readonly string[],
): Map<string, number[]> {
  const uses = new Map<string, number[]>();
  positions.forEach((p, i) => {
    for (const s of [p.symbol, ...(p.hedges ?? hedge), ...pricedSymbols(p, cash).slice(1)]) {
      const list = uses.get(s) ?? [];
      if (list[list.length - 1] !== i) list.push(i);
      uses.set(s, list);
    }
  });
  return uses;
}

/** The STALE_PRICES warnings of a report, and the positions each concerns. */
export interface StaleSeries {
  readonly warning: ReportWarning;
  /** Indexes of the positions that price or hedge with the series. */
  readonly positions: readonly number[];
}

/**
 * One STALE_PRICES per stale series (see the module comment) at `valuationTime`, the last row at
 * or before `to` (null: the last row).
 */
export function staleSeries(
  positions: readonly Position[],
  prices: PriceTable,
  settings: { readonly hedge: readonly string[]; readonly cash: readonly string[] },
  to: number | null,
  valuationTime: number,
): StaleSeries[] {
  const out: StaleSeries[] = [];
  const when = formatTime(valuationTime);
  for (const [symbol, users] of usesOf(positions, settings.hedge, settings.cash)) {
    const series = prices.series.get(symbol);
    if (series === undefined) continue;
    const names = users.map((i) => positionName(positions[i]!)).join(', ');
    const at = valuationPoint(prices.times, series, to);
    const shown = showText(symbol);
    let message: string | null = null;
    if (at === null) {
      message = `${shown} has no price at or before ${when}`;
    } else if (at.time < valuationTime) {
      const end = rangeBounds(prices.times, null, at.time).end;
      const gap = usualGap(prices.times, series, end);
      const last = formatTime(at.time);
      if (gap === null) {
        message = `${shown}: last price from ${last}, older than the valuation date ${when}`;
      } else if (at.time + gap <= valuationTime) {
        message =
          `${shown}: last price from ${last}, but its prices come at most ${durationText(gap)} ` +
          `apart (${USUAL_GAP_QUANTILE * 100}% of its recent gaps) and the report is valued at ${when}`;
      }
    }
    if (message !== null) {
      out.push({
        warning: {
          code: 'STALE_PRICES',
          severity: 'warning',
          message: `${message}; used by ${names}`,
        },
        positions: users,
      });
    }
  }
  return out;
}
