/**
 * Rolling-window correlation and beta, in O(n) by sliding centred co-moments, and the summary the
 * report shows (min, max, mean, standard deviation, last value, plus the values for a sparkline).
 */
import { MathError } from '../errors';

/** Summary of a rolling statistic; `values` keeps every window's value (NaN where undefined). */
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
  /** One value per window, oldest first; for the sparkline. */
  values: Float64Array;
}

/**
 * One-pass sums of values v (the finite ones): count, min, max, the shift K (the first value),
 * Σ(v − K) and Σ(v − K)², each a compensated (Neumaier) sum. Then mean = K + Σd/c and
 * Σ(v − v̄)² = Σd² − (Σd)²/c, with no division per value and little cancellation (K is one of
 * the values). Built by {@link summarizeRolling} and {@link fisherWindowSums}.
 */
export interface ShiftedSums {
  count: number;
  min: number;
  max: number;
  shift: number;
  sum: number;
  sum2: number;
}

function summaryOf(
  window: number,
  t: ShiftedSums,
  last: number,
  values: Float64Array,
): RollingSummary {
  const c = t.count;
  const m2 = c > 0 ? Math.max(0, t.sum2 - (t.sum * t.sum) / c) : 0;
  return {
    window,
    min: c > 0 ? t.min : null,
    max: c > 0 ? t.max : null,
    mean: c > 0 ? t.shift + t.sum / c : null,
    stdDev: c > 1 ? Math.sqrt(m2 / (c - 1)) : null,
    last: Number.isFinite(last) ? last : null,
    values,
  };
}

function checkWindow(n: number, other: number, window: number, minWindow: number): void {
  if (n !== other) throw new MathError(`series lengths differ (${n} and ${other})`);
  if (!Number.isInteger(window) || window < minWindow) {
    throw new MathError(
      `rolling window must be an integer of at least ${minWindow}, got ${window}`,
    );
  }
}

/**
 * Slides over every window [s, s + w) of the pair, oldest first, and writes the window's
 * correlation to `corr` and its slope to `beta` (either may be null). Moments slide in O(1) per
 * step by replacing the oldest observation (x_o, y_o) with the newest (x_n, y_n), with
 * d_x = x_n − x_o, d_y = y_n − y_o:
 *   m_x' = m_x + d_x/w,  C_xy' = C_xy + d_x·(y_n − m_y') + d_y·(x_o − m_x)
 * and are recomputed exactly (two-pass) every w steps, so rounding drift stays bounded and the
 * total cost stays O(n). Constancy is tracked exactly from the index of the last change, so a
 * window of stale (all-equal) prices is recognised without a floating-point tolerance.
 * One loop, no allocation per window: both statistics of the report come from one pass.
 */
function slideWindows(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  w: number,
  intercept: boolean,
  corr: Float64Array | null,
  beta: Float64Array | null,
): void {
  const n = y.length;
  if (n < w) return;
  let lastChangeX = 0;
  let lastChangeY = 0;
  for (let i = 1; i < w; i++) {
    if (x[i] !== x[i - 1]) lastChangeX = i;
    if (y[i] !== y[i - 1]) lastChangeY = i;
  }
  let mx = 0;
  let my = 0;
  let cxx = 0;
  let cyy = 0;
  let cxy = 0;
  // steps until the next exact recomputation (a counter: `s % w` is an integer division per step)
  let untilExact = 0;
  for (let s = 0; s + w <= n; s++) {
    const e = s + w - 1;
    if (s > 0) {
      if (x[e] !== x[e - 1]) lastChangeX = e;
      if (y[e] !== y[e - 1]) lastChangeY = e;
    }
    if (untilExact-- === 0) {
      untilExact = w - 1;
      // exact two-pass moments of the window
      let sx = 0;
      let sy = 0;
      for (let i = s; i < s + w; i++) {
        sx += x[i]!;
        sy += y[i]!;
      }
      mx = sx / w;
      my = sy / w;
      cxx = 0;
      cyy = 0;
      cxy = 0;
      for (let i = s; i < s + w; i++) {
        const dx = x[i]! - mx;
        const dy = y[i]! - my;
        cxx += dx * dx;
        cyy += dy * dy;
        cxy += dx * dy;
      }
    } else {
      const xo = x[s - 1]!;
      const yo = y[s - 1]!;
      const xn = x[e]!;
      const yn = y[e]!;
      const dx = xn - xo;
      const dy = yn - yo;
      const mx1 = mx + dx / w;
      const my1 = my + dy / w;
      cxx = cxx + dx * (xn - mx1 + xo - mx);
      cyy = cyy + dy * (yn - my1 + yo - my);
      cxy = cxy + dx * (yn - my1) + dy * (xo - mx);
      mx = mx1;
      my = my1;
    }
    const xConstant = lastChangeX <= s;
    const yConstant = lastChangeY <= s;
    if (corr !== null) {
      if (xConstant || yConstant || cxx <= 0 || cyy <= 0) {
        corr[s] = NaN;
      } else {
        const r = cxy / Math.sqrt(cxx * cyy);
        corr[s] = Math.max(-1, Math.min(1, r));
      }
    }
    if (beta !== null) {
      if (intercept) {
        beta[s] = xConstant || cxx <= 0 ? NaN : cxy / cxx;
      } else {
        // Raw moments from the centred ones: Σx² = C_xx + w·m_x², Σxy = C_xy + w·m_x·m_y.
        const sxx = cxx + w * mx * mx;
        const sxy = cxy + w * mx * my;
        beta[s] = (xConstant && mx === 0) || sxx <= 0 ? NaN : sxy / sxx;
      }
    }
  }
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
  slideWindows(y, x, window, true, out, null);
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
  slideWindows(y, x, window, intercept, null, out);
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
  slideWindows(y, x, window, intercept, correlation, beta);
  return { correlation, beta };
}

/**
 * Summary of rolling values: min, max, mean and standard deviation (n − 1) of the finite values,
 * and the last value. NaN windows (undefined correlation) are skipped; a summary field that has
 * no data is null, never NaN. One pass of shifted sums (see ShiftedSums; no division per value,
 * as Welford's update has). Cost O(m) for m values.
 */
export function summarizeRolling(values: Float64Array, window: number): RollingSummary {
  const m = values.length;
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  let shift = 0;
  let sum = 0;
  let comp = 0;
  let sum2 = 0;
  let comp2 = 0;
  for (let i = 0; i < m; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (count === 0) shift = v;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
    const d = v - shift;
    const t = sum + d;
    comp += sum - (t - (t - sum)) + (d - (t - sum));
    sum = t;
    const q = d * d;
    const u = sum2 + q;
    comp2 += sum2 - (u - (u - sum2)) + (q - (u - sum2));
    sum2 = u;
  }
  const last = m > 0 ? values[m - 1]! : NaN;
  return summaryOf(
    window,
    { count, min, max, shift, sum: sum + comp, sum2: sum2 + comp2 },
    last,
    values,
  );
}

/**
 * Sums of the Fisher z = atanh r = ½·ln((1 + r)/(1 − r)) of the given correlations (the finite
 * z's; see ShiftedSums; min and max are not kept), for fisherZBreak: the logarithm form costs
 * half of Math.atanh, with an absolute error ~1e-16 against a standard deviation of z ~0.1.
 */
export function fisherWindowSums(windows: ArrayLike<number>): ShiftedSums {
  const m = windows.length;
  let count = 0;
  let shift = 0;
  let sum = 0;
  let comp = 0;
  let sum2 = 0;
  let comp2 = 0;
  for (let i = 0; i < m; i++) {
    const r = windows[i]!;
    const z = 0.5 * Math.log((1 + r) / (1 - r));
    if (!Number.isFinite(z)) continue;
    if (count === 0) shift = z;
    count++;
    const d = z - shift;
    const t = sum + d;
    comp += sum - (t - (t - sum)) + (d - (t - sum));
    sum = t;
    const q = d * d;
    const u = sum2 + q;
    comp2 += sum2 - (u - (u - sum2)) + (q - (u - sum2));
    sum2 = u;
  }
  return { count, min: NaN, max: NaN, shift, sum: sum + comp, sum2: sum2 + comp2 };
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
