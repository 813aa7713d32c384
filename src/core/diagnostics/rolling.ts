/**
 * Rolling-window correlation and beta of a pair, in O(n) by sliding co-moments
 * (src/core/kernels/sliding.ts), and the summary the report shows (min, max, mean, standard
 * deviation, last value, plus the means a sparkline draws), either from the series or, for the
 * report, block by block without ever holding the series ({@link rollingStatistics}).
 */
import { MathError } from '../../errors';
import type { MinMaxDownsampler } from '../downsample';
import { ShiftedSumsBuilder, type ShiftedSums } from '../kernels/shifted-sums';
import { slideWindows, startSlide } from '../kernels/sliding';

/** Summary of a rolling statistic (finite values; NaN marks an undefined window). */
export interface RollingSummary {
  window: number;
  /** Smallest finite value, or null when no window has one. */
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Standard deviation of the finite values (n − 1), or null with fewer than two. */
  stdDev: number | null;
  /** Value of the last window (the most recent `window` observations), or null if undefined. */
  last: number | null;
}

function summaryOf(window: number, t: ShiftedSums, last: number): RollingSummary {
  const c = t.count;
  const m2 = c > 0 ? Math.max(0, t.sum2 - (t.sum * t.sum) / c) : 0;
  return {
    window,
    min: c > 0 ? t.min : null,
    max: c > 0 ? t.max : null,
    mean: c > 0 ? t.shift + t.sum / c : null,
    stdDev: c > 1 ? Math.sqrt(m2 / (c - 1)) : null,
    last: Number.isFinite(last) ? last : null,
  };
}

/**
 * Running means of the finite values in `width` equal buckets of m values given in pieces, oldest
 * first: bucket b holds values [⌊b·m/B⌋, ⌊(b+1)·m/B⌋), B = min(width, m), each summed in order
 * (the sparkline's points; {@link bucketMeansOf} for a whole series).
 */
export class BucketMeansBuilder {
  private readonly buckets: number;
  private readonly sums: Float64Array;
  private readonly counts: Float64Array;
  private bucket = 0;

  constructor(
    private readonly m: number,
    width: number,
  ) {
    this.buckets = Math.min(width, m);
    this.sums = new Float64Array(this.buckets);
    this.counts = new Float64Array(this.buckets);
  }

  /** Adds values[0, count) as the values from index `first` of the m. */
  add(values: ArrayLike<number>, first: number, count: number): void {
    const B = this.buckets;
    let i = first;
    const end = first + count;
    while (i < end && this.bucket < B) {
      const b = this.bucket;
      const bucketEnd = Math.floor(((b + 1) * this.m) / B);
      const stop = Math.min(end, bucketEnd);
      let s = this.sums[b]!;
      let c = this.counts[b]!;
      for (; i < stop; i++) {
        const v = values[i - first]!;
        if (Number.isFinite(v)) {
          s += v;
          c++;
        }
      }
      this.sums[b] = s;
      this.counts[b] = c;
      if (i === bucketEnd) this.bucket++;
    }
  }

  /** The bucket means (NaN for a bucket without a finite value). */
  means(): Float64Array {
    return this.sums.map((s, b) => (this.counts[b]! > 0 ? s / this.counts[b]! : NaN));
  }
}

/**
 * The means of the finite values in `width` equal buckets of the series (fewer when the series
 * is shorter; NaN for a bucket without a finite value): what a sparkline of that width draws.
 * Cost O(n).
 */
export function bucketMeansOf(values: ArrayLike<number>, width: number): Float64Array {
  const b = new BucketMeansBuilder(values.length, width);
  b.add(values, 0, values.length);
  return b.means();
}

function checkWindow(n: number, other: number, window: number, minWindow: number): void {
  if (n !== other) throw new MathError(`series lengths differ (${n} and ${other})`);
  if (!Number.isInteger(window) || window < minWindow) {
    throw new MathError(
      `rolling window must be an integer of at least ${minWindow}, got ${window}`,
    );
  }
}

/** All windows of the pair in one call (m = n − w + 1 of them). */
function slideAll(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  w: number,
  intercept: boolean,
  corr: Float64Array | null,
  beta: Float64Array | null,
): void {
  const m = y.length - w + 1;
  if (m > 0) slideWindows(y, x, w, intercept, corr, beta, startSlide(y, x, w), m);
}

/**
 * Rolling Pearson correlation of y and x over windows of `window` consecutive observations:
 * value i is corr(y[i … i+w−1], x[i … i+w−1]) = C_xy / √(C_xx·C_yy) with centred co-moments
 * (the n or n − 1 convention cancels). Same as pandas `y.rolling(w).corr(x)` without the leading
 * NaNs. A window in which either series is constant has no correlation: its value is NaN.
 * Cost O(n) time, O(n) memory for the result.
 * @returns Float64Array of length n − window + 1 (empty when n < window), oldest window first.
 * @throws MathError when the lengths differ or window is not an integer ≥ 3.
 * @example rollingCorrelation([1, 2, 3, 5], [1, 2, 3, 4], 3) → [1, 0.9819805060619657]
 */
export function rollingCorrelation(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  window: number,
): Float64Array {
  checkWindow(y.length, x.length, window, 3);
  const out = new Float64Array(Math.max(0, y.length - window + 1));
  slideAll(y, x, window, true, out, null);
  return out;
}

/**
 * Rolling simple-regression slope of y on x over windows of `window` observations:
 * with intercept β_i = C_xy/C_xx (centred co-moments), without it β_i = Σxy/Σx² over the window.
 * A window in which x is constant (or all zero without intercept) has no slope: NaN.
 * Cost O(n).
 * @returns Float64Array of length n − window + 1 (empty when n < window), oldest window first.
 * @throws MathError when the lengths differ or window is not an integer ≥ 3.
 */
export function rollingBeta(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  window: number,
  intercept: boolean,
): Float64Array {
  checkWindow(y.length, x.length, window, 3);
  const out = new Float64Array(Math.max(0, y.length - window + 1));
  slideAll(y, x, window, intercept, null, out);
  return out;
}

/**
 * Rolling correlation and rolling beta together, from one pass of the sliding moments: the
 * same values as {@link rollingCorrelation} and {@link rollingBeta} (bit for bit), at the cost of
 * one. Cost O(n). `out`, when given, receives them (each of length n − window + 1; a caller's
 * reusable buffers) and is returned.
 * @throws MathError when the lengths differ or window is not an integer ≥ 3.
 * @throws RangeError when an output buffer has the wrong length
 */
export function rollingCorrelationAndBeta(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  window: number,
  intercept: boolean,
  out?: { correlation: Float64Array; beta: Float64Array },
): { correlation: Float64Array; beta: Float64Array } {
  checkWindow(y.length, x.length, window, 3);
  const m = Math.max(0, y.length - window + 1);
  const correlation = out?.correlation ?? new Float64Array(m);
  const beta = out?.beta ?? new Float64Array(m);
  if (correlation.length !== m || beta.length !== m) {
    throw new RangeError(`output buffers must hold ${m} values`);
  }
  slideAll(y, x, window, intercept, correlation, beta);
  return { correlation, beta };
}

/**
 * Summary of rolling values: min, max, mean and standard deviation (n − 1) of the finite values,
 * and the last value. NaN windows (undefined correlation) are skipped; a summary field that has
 * no data is null, never NaN. One pass of shifted sums (see ShiftedSums; no division per value,
 * as Welford's update has). Cost O(m) for m values.
 */
export function summarizeRolling(values: Float64Array, window: number): RollingSummary {
  const b = new ShiftedSumsBuilder();
  b.addValues(values, 0, values.length);
  return summaryOf(window, b.sums(), values.length > 0 ? values[values.length - 1]! : NaN);
}

/**
 * Sums of the Fisher z = atanh r of the given correlations (the finite z's; see ShiftedSums and
 * ShiftedSumsBuilder.addFisherZ), for fisherZBreak.
 */
export function fisherWindowSums(windows: ArrayLike<number>): ShiftedSums {
  const b = new ShiftedSumsBuilder();
  b.addFisherZ(windows, 0, windows.length);
  return b.sums();
}

/** What the report takes from the rolling windows of a pair ({@link rollingStatistics}). */
export interface RollingStatistics {
  correlation: RollingSummary;
  beta: RollingSummary;
  /** fisherWindowSums of the correlations of the first `fisherWindows` windows. */
  fisherSums: ShiftedSums;
  /** The correlations' bucket means for a sparkline of `buckets` points (empty for 0). */
  bucketMeans: Float64Array;
}

/** Windows per block of {@link rollingStatistics}: two blocks of doubles, 256 KB each. */
export const ROLLING_BLOCK = 1 << 15;

/** Two buffers of a caller's (length ≥ min(windows, ROLLING_BLOCK)) for rollingStatistics. */
export interface RollingBlocks {
  readonly correlation: Float64Array;
  readonly beta: Float64Array;
}

/**
 * The summaries of the rolling correlation and the rolling beta of y on x (window w), the Fisher
 * sums of the first `fisherWindows` correlations and the correlations' bucket means: exactly the
 * values of summarizeRolling, fisherWindowSums and bucketMeansOf over rollingCorrelationAndBeta
 * (and, with `opts.plot`, every window's values handed to its downsamplers),
 * computed block by block over two buffers of ROLLING_BLOCK windows (`opts.blocks`, the caller's
 * reusable buffers, or new ones), so that a report never holds the n-length series. Cost O(n) time, O(1) memory.
 * @throws MathError when the lengths differ or window is not an integer ≥ 3.
 */
export function rollingStatistics(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  w: number,
  intercept: boolean,
  opts: {
    fisherWindows: number;
    buckets: number;
    blocks?: RollingBlocks;
    /** Receive every window's correlation and beta, in order (a chart's points). */
    plot?: { correlation: MinMaxDownsampler; beta: MinMaxDownsampler };
  },
): RollingStatistics {
  checkWindow(y.length, x.length, w, 3);
  const m = Math.max(0, y.length - w + 1);
  const size = Math.min(m, ROLLING_BLOCK);
  const blocks = opts.blocks ?? {
    correlation: new Float64Array(size),
    beta: new Float64Array(size),
  };
  if (blocks.correlation.length < size || blocks.beta.length < size) {
    throw new RangeError(`rolling blocks must hold ${size} values`);
  }
  const corrSums = new ShiftedSumsBuilder();
  const betaSums = new ShiftedSumsBuilder();
  const fisher = new ShiftedSumsBuilder();
  const buckets = opts.buckets > 0 ? new BucketMeansBuilder(m, opts.buckets) : null;
  const st = startSlide(y, x, w);
  let lastCorr = NaN;
  let lastBeta = NaN;
  for (let first = 0; first < m; first += size) {
    const count = Math.min(size, m - first);
    const corr = blocks.correlation.subarray(0, count);
    const beta = blocks.beta.subarray(0, count);
    slideWindows(y, x, w, intercept, corr, beta, st, count);
    corrSums.addValues(corr, 0, count);
    betaSums.addValues(beta, 0, count);
    const f = Math.min(count, opts.fisherWindows - first);
    if (f > 0) fisher.addFisherZ(corr, 0, f);
    buckets?.add(corr, first, count);
    opts.plot?.correlation.add(corr, count);
    opts.plot?.beta.add(beta, count);
    lastCorr = corr[count - 1]!;
    lastBeta = beta[count - 1]!;
  }
  return {
    correlation: summaryOf(w, corrSums.sums(), lastCorr),
    beta: summaryOf(w, betaSums.sums(), lastBeta),
    fisherSums: fisher.sums(),
    bucketMeans: buckets?.means() ?? new Float64Array(0),
  };
}

/**
 * Returns of the hedge portfolio p_t = Σ_j w_j·x_j,t (for a row with several hedges, weights =
 * the fitted slopes, so that corr(y, p) is the multiple correlation over the full sample).
 * Cost O(n·k). `into`, when given (length n, a caller's reusable buffer), receives the values and
 * is returned.
 * @throws MathError when the number of weights differs from the number of series, or lengths differ.
 * @throws RangeError when `into` has the wrong length
 */
export function hedgePortfolio(
  regressors: readonly ArrayLike<number>[],
  weights: readonly number[],
  into?: Float64Array,
): Float64Array {
  if (regressors.length !== weights.length || regressors.length === 0) {
    throw new MathError(`${regressors.length} hedge series but ${weights.length} weights`);
  }
  const n = regressors[0]!.length;
  if (into !== undefined && into.length !== n) {
    throw new RangeError(`the output buffer must hold ${n} values, not ${into.length}`);
  }
  const out = into?.fill(0) ?? new Float64Array(n);
  regressors.forEach((col, j) => {
    if (col.length !== n) throw new MathError(`series lengths differ (${n} and ${col.length})`);
    const w = weights[j]!;
    for (let t = 0; t < n; t++) out[t] = out[t]! + w * col[t]!;
  });
  return out;
}
