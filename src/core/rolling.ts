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

/** Centred moments of one window: means and co-moments Σ(a − ā)(b − b̄). */
interface WindowMoments {
  mx: number;
  my: number;
  cxx: number;
  cyy: number;
  cxy: number;
}

function exactMoments(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  start: number,
  w: number,
): WindowMoments {
  let sx = 0;
  let sy = 0;
  for (let i = start; i < start + w; i++) {
    sx += x[i]!;
    sy += y[i]!;
  }
  const mx = sx / w;
  const my = sy / w;
  let cxx = 0;
  let cyy = 0;
  let cxy = 0;
  for (let i = start; i < start + w; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    cxx += dx * dx;
    cyy += dy * dy;
    cxy += dx * dy;
  }
  return { mx, my, cxx, cyy, cxy };
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
 * Visits every window [s, s + w) of the pair, oldest first, with its centred moments and whether
 * x and y are exactly constant in it. Moments slide in O(1) per step by replacing the oldest
 * observation (x_o, y_o) with the newest (x_n, y_n), with d_x = x_n − x_o, d_y = y_n − y_o:
 *   m_x' = m_x + d_x/w,  C_xy' = C_xy + d_x·(y_n − m_y') + d_y·(x_o − m_x)
 * and are recomputed exactly (two-pass) every w steps, so rounding drift stays bounded and the
 * total cost stays O(n). Constancy is tracked exactly from the index of the last change, so a
 * window of stale (all-equal) prices is recognised without a floating-point tolerance.
 */
function forEachWindow(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  w: number,
  visit: (start: number, m: WindowMoments, xConstant: boolean, yConstant: boolean) => void,
): void {
  const n = y.length;
  if (n < w) return;
  let lastChangeX = 0;
  let lastChangeY = 0;
  for (let i = 1; i < w; i++) {
    if (x[i] !== x[i - 1]) lastChangeX = i;
    if (y[i] !== y[i - 1]) lastChangeY = i;
  }
  let m = exactMoments(y, x, 0, w);
  visit(0, m, lastChangeX === 0, lastChangeY === 0);
  for (let s = 1; s + w <= n; s++) {
    const e = s + w - 1;
    if (x[e] !== x[e - 1]) lastChangeX = e;
    if (y[e] !== y[e - 1]) lastChangeY = e;
    if (s % w === 0) {
      m = exactMoments(y, x, s, w);
    } else {
      const xo = x[s - 1]!;
      const yo = y[s - 1]!;
      const xn = x[e]!;
      const yn = y[e]!;
      const dx = xn - xo;
      const dy = yn - yo;
      const mx = m.mx + dx / w;
      const my = m.my + dy / w;
      m = {
        mx,
        my,
        cxx: m.cxx + dx * (xn - mx + xo - m.mx),
        cyy: m.cyy + dy * (yn - my + yo - m.my),
        cxy: m.cxy + dx * (yn - my) + dy * (xo - m.mx),
      };
    }
    visit(s, m, lastChangeX <= s, lastChangeY <= s);
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
  forEachWindow(y, x, window, (s, m, xConstant, yConstant) => {
    if (xConstant || yConstant || m.cxx <= 0 || m.cyy <= 0) {
      out[s] = NaN;
      return;
    }
    const r = m.cxy / Math.sqrt(m.cxx * m.cyy);
    out[s] = Math.max(-1, Math.min(1, r));
  });
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
  forEachWindow(y, x, window, (s, m, xConstant) => {
    if (intercept) {
      out[s] = xConstant || m.cxx <= 0 ? NaN : m.cxy / m.cxx;
    } else {
      // Raw moments from the centred ones: Σx² = C_xx + w·m_x², Σxy = C_xy + w·m_x·m_y.
      const sxx = m.cxx + window * m.mx * m.mx;
      const sxy = m.cxy + window * m.mx * m.my;
      out[s] = (xConstant && m.mx === 0) || sxx <= 0 ? NaN : sxy / sxx;
    }
  });
  return out;
}

/**
 * Summary of rolling values: min, max, mean and standard deviation (n − 1) of the finite values,
 * and the last value. NaN windows (undefined correlation) are skipped; a summary field that has
 * no data is null, never NaN. Cost O(m) for m values.
 */
export function summarizeRolling(values: Float64Array, window: number): RollingSummary {
  let count = 0;
  let mean = 0;
  let m2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    count++;
    const d = v - mean;
    mean += d / count;
    m2 += d * (v - mean);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const lastValue = values.length > 0 ? values[values.length - 1]! : NaN;
  return {
    window,
    min: count > 0 ? min : null,
    max: count > 0 ? max : null,
    mean: count > 0 ? mean : null,
    stdDev: count > 1 ? Math.sqrt(m2 / (count - 1)) : null,
    last: Number.isFinite(lastValue) ? lastValue : null,
    values,
  };
}

/**
 * Returns of the hedge portfolio p_t = Σ_j w_j·x_j,t (for a row with several hedges, weights =
 * the fitted slopes, so that corr(y, p) is the multiple correlation over the full sample).
 * Cost O(n·k).
 * @throws MathError when the number of weights differs from the number of series, or lengths differ.
 */
export function hedgePortfolio(
  regressors: readonly ArrayLike<number>[],
  weights: readonly number[],
): Float64Array {
  if (regressors.length !== weights.length || regressors.length === 0) {
    throw new MathError(`${regressors.length} hedge series but ${weights.length} weights`);
  }
  const n = regressors[0]!.length;
  const out = new Float64Array(n);
  regressors.forEach((col, j) => {
    if (col.length !== n) throw new MathError(`series lengths differ (${n} and ${col.length})`);
    const w = weights[j]!;
    for (let t = 0; t < n; t++) out[t] = out[t]! + w * col[t]!;
  });
  return out;
}
