/**
 * Perpetual-swap funding: what holding a hedge on a perpetual costs or earns. A funding rate r is
 * the fraction of notional that longs pay shorts at the end of one funding period (negative r:
 * shorts pay longs). Conventions, each with its reason:
 *
 * - A year is 365 days (8,760 hours), as exchanges quote APRs: 0.01 % per 8 h is 0.0001 × 1,095
 *   = 10.95 % a year, simple (not compounded; funding is paid on the notional, not reinvested).
 * - The side of a hedge: a short (hedge notional < 0) receives r per period, a long pays it, so
 *   the funding received per unit of |notional| is side × r with side = −sign(notional).
 *
 * Pure functions on arrays of epoch-millisecond times and rates; docs/funding.md has the
 * arithmetic and a worked example.
 */
import { CompensatedSum } from './kernels/compensated';
import { mean } from './stats';

/** Hours in a 365-day year. */
export const HOURS_PER_YEAR = 365 * 24;

/** The window of {@link worstWindowFunding} in the report: 30 days. */
export const WORST_WINDOW_DAYS = 30;

const MS_PER_HOUR = 3_600_000;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/**
 * Median of the finite values: the middle one of the sorted values, or the mean of the two
 * middle ones for an even count. Cost O(n log n) (a sorted copy).
 * @returns the median, or null when no value is finite.
 */
export function medianOf(values: ArrayLike<number>): number | null {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) kept.push(values[i]!);
  const n = kept.length;
  if (n === 0) return null;
  const finite = Float64Array.from(kept).sort();
  const h = n >> 1;
  return n % 2 === 1 ? finite[h]! : (finite[h - 1]! + finite[h]!) / 2;
}

/**
 * The funding interval in hours: the median of the intervals a file states
 * (`funding_interval_hours`, NaN where a row states none) when any row states one, else the
 * median spacing of consecutive funding times rounded to the whole minute (exchanges stamp
 * funding a few milliseconds after the hour: 28,800,003 ms is 8 h). The median, not the mean,
 * so that a missing period or an exchange's change of interval late in the sample does not set
 * it. Precondition: `times` strictly increasing.
 * @returns hours (> 0), or null when no row states an interval and there are fewer than two times.
 * @example fundingIntervalHours([0, 28_800_003, 57_600_001], [NaN, NaN, NaN]) === 8
 */
export function fundingIntervalHours(
  times: ArrayLike<number>,
  statedHours: ArrayLike<number>,
): number | null {
  const stated = medianOf(statedHours);
  if (stated !== null) return stated;
  if (times.length < 2) return null;
  const spacing = new Float64Array(times.length - 1);
  for (let i = 1; i < times.length; i++) spacing[i - 1] = times[i]! - times[i - 1]!;
  const minutes = Math.round(medianOf(spacing)! / MS_PER_MINUTE);
  return minutes > 0 ? (minutes * MS_PER_MINUTE) / MS_PER_HOUR : null;
}

/**
 * Annualised funding rate (simple, 365-day year): meanRate × 8,760 / intervalHours, i.e. the
 * mean rate per period times the periods in a year.
 * @example annualizedFundingRate(0.0001, 8) === 0.1095
 * @example annualizedFundingRate(0.0001, 4) === 0.219
 * @example annualizedFundingRate(0.0000125, 1) === 0.1095
 */
export function annualizedFundingRate(meanRate: number, intervalHours: number): number {
  return meanRate * (HOURS_PER_YEAR / intervalHours);
}

/**
 * Funding expected over a horizon in the quote currency, positive = received:
 * −hedgeNotional × annualizedRate × horizonDays / 365 (a short, notional < 0, receives a
 * positive rate).
 * @example expectedFundingCarry(-50_000, 0.1095, 30) === 450
 */
export function expectedFundingCarry(
  hedgeNotional: number,
  annualizedRate: number,
  horizonDays: number,
): number {
  return (-hedgeNotional * annualizedRate * horizonDays) / 365;
}

/**
 * The worst cumulative funding a side received over any window of `windowDays`, as a fraction
 * of notional (negative = paid): min over the funding times t_i of side × Σ r_k over
 * t_i − window < t_k ≤ t_i (a payment at t settles the period that ends at t, so the window ends
 * at a payment), taking only windows the data cover: t_i − window ≥ t_0 − interval (the first row
 * settles the period that began one interval before it). This is pandas'
 * `(side * r).rolling('30D').sum()` from the first covered row on. Sums are compensated
 * (src/core/kernels/compensated.ts). Preconditions: `times` strictly increasing, `rates` as
 * long, side ±1, interval > 0. Cost O(n) (two pointers).
 * @returns the worst window's sum, or null when the data cover no whole window.
 */
export function worstWindowFunding(
  times: ArrayLike<number>,
  rates: ArrayLike<number>,
  side: 1 | -1,
  intervalHours: number,
  windowDays = WORST_WINDOW_DAYS,
): number | null {
  const n = times.length;
  if (n === 0) return null;
  const window = windowDays * MS_PER_DAY;
  const coveredFrom = times[0]! - intervalHours * MS_PER_HOUR;
  const running = new CompensatedSum();
  let worst: number | null = null;
  let start = 0;
  for (let i = 0; i < n; i++) {
    running.add(side * rates[i]!);
    while (times[start]! <= times[i]! - window) running.add(-side * rates[start++]!);
    if (times[i]! - window < coveredFrom) continue;
    const s = running.value();
    if (worst === null || s < worst) worst = s;
  }
  return worst;
}

/** The funding figures of one instrument over the rows used. */
export interface FundingSummary {
  /** Hours per funding period ({@link fundingIntervalHours}), null when unknown. */
  readonly intervalHours: number | null;
  /** Funding rows used. */
  readonly periods: number;
  /** Mean rate per period (n in the denominator; src/core/stats.ts mean). */
  readonly meanRate: number;
  /** meanRate × periods in a 365-day year; null without an interval. */
  readonly annualizedRate: number | null;
  /** Share of the periods with a negative rate (shorts paid). */
  readonly negativeShare: number;
  /** {@link worstWindowFunding} over 30 days for `side`; null without a side or a whole window. */
  readonly worst30d: number | null;
}

/**
 * The funding figures of one instrument's rows (see the functions above). `side` is the hedge's
 * (1 short, −1 long, null when it has no side: no hedge, or none recommended).
 * Preconditions: at least one row; `times` strictly increasing; arrays of one length.
 */
export function fundingSummary(
  times: ArrayLike<number>,
  rates: ArrayLike<number>,
  statedHours: ArrayLike<number>,
  side: 1 | -1 | null,
): FundingSummary {
  const intervalHours = fundingIntervalHours(times, statedHours);
  const meanRate = mean(rates);
  let negative = 0;
  for (let i = 0; i < rates.length; i++) if (rates[i]! < 0) negative++;
  return {
    intervalHours,
    periods: rates.length,
    meanRate,
    annualizedRate: intervalHours === null ? null : annualizedFundingRate(meanRate, intervalHours),
    negativeShare: negative / rates.length,
    worst30d:
      side === null || intervalHours === null
        ? null
        : worstWindowFunding(times, rates, side, intervalHours),
  };
}
