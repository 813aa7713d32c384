/**
 * The least-squares fit of a part of a sample (a range of observations; the break tests copy a
 * sign selection into a range first) with the HC3 covariance of its slopes, for one
 * or two regressors, in three passes over the data (one when the part's moments are known:
 * fastPartFitFromMoments, momentsWithout) and no allocation of n-length arrays: the fast path of
 * the break and downside-beta tests, which fit two parts of every position.
 *
 * Arithmetic: compensated (Neumaier) sums in doubles instead of double-double. For the designs
 * it accepts (the same limits as olsFit's moments path: values within 1e±60, centred regressors
 * with 1 − r² > 1e-4, ssr/tss > 1e-4, so κ(X'X) < 4·10⁴), the compensated centred
 * cross-products are within a few ulps of exact and the slopes within ~κ·1e-16 ≤ 1e-12 relative
 * of the double-double solution (in practice ~1e-15); the HC3 covariance is a sum of
 * non-negative terms. Anything else returns undefined and the caller takes the exact path.
 * References: A. Neumaier, ZAMM 54 (1974) (compensated summation); Chan, Golub & LeVeque,
 * Am. Stat. 37 (1983) (corrected two-pass algorithm); MacKinnon & White, J. Econometrics 29
 * (1985) (HC3).
 */
import type { FitMoments } from './ols';

/** Fit of one part: slopes, their HC3 covariance (k×k), n, coefficients p, ssr. */
export interface FastPartFit {
  n: number;
  p: number;
  slopes: number[];
  slopeCovariance: number[][];
  ssr: number;
}

const MAX_ABS = 1e60;
const MIN_ABS = 1e-60;
const MIN_SINE2 = 1e-4;
const MIN_UNEXPLAINED = 1e-4;
const MAX_LEVERAGE = 1 - 1e-12;

/**
 * OLS of y on x over the observations [from, to), with the HC3 covariance of the
 * slope: (Σd²)⁻² Σ d_t² e_t²/(1 − h_t)², d_t = x_t − x̄ (x_t without intercept),
 * h_t = 1/n + d_t²/Σd² (d_t²/Σd² without). Cost: three passes over [from, to) (the last is
 * finishPart1).
 * @returns null when a leverage is 1 (as hc3Fit); undefined when the part is outside the
 *   accepted designs (too few observations, a value not finite or out of range, a constant x,
 *   a near-exact fit): the caller then fits the part exactly
 */
export function fastPartFit1(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  from: number,
  to: number,
  intercept: boolean,
): FastPartFit | null | undefined {
  const p = intercept ? 2 : 1;
  // pass 1: count, range, means (compensated sums)
  let n = 0;
  let sx = 0;
  let cx = 0;
  let sy = 0;
  let cy = 0;
  let big = 0;
  let small = Infinity;
  for (let t = from; t < to; t++) {
    const xv = x[t]!;
    const yv = y[t]!;
    n++;
    const ax = Math.abs(xv);
    const ay = Math.abs(yv);
    // NaN fails both comparisons below and is caught by the range check
    if (!(ax <= big)) big = ax > big ? ax : NaN;
    if (!(ay <= big)) big = ay > big ? ay : NaN;
    if (ax > 0 && ax < small) small = ax;
    if (ay > 0 && ay < small) small = ay;
    let s = sx + xv;
    cx += sx - (s - (s - sx)) + (xv - (s - sx));
    sx = s;
    s = sy + yv;
    cy += sy - (s - (s - sy)) + (yv - (s - sy));
    sy = s;
  }
  if (n <= p || !(big <= MAX_ABS) || !(big >= MIN_ABS) || small < MIN_ABS) return undefined;
  const mx = intercept ? (sx + cx) / n : 0;
  const my = intercept ? (sy + cy) / n : 0;
  // pass 2: centred cross-products (compensated, with the corrected two-pass term)
  let sxx = 0;
  let cxx = 0;
  let sxy = 0;
  let cxy = 0;
  let syy = 0;
  let dxSum = 0;
  let dySum = 0;
  for (let t = from; t < to; t++) {
    const xv = x[t]!;
    const dx = xv - mx;
    const dy = y[t]! - my;
    dxSum += dx;
    dySum += dy;
    let v = dx * dx;
    let s = sxx + v;
    cxx += sxx - (s - (s - sxx)) + (v - (s - sxx));
    sxx = s;
    v = dx * dy;
    s = sxy + v;
    cxy += sxy - (s - (s - sxy)) + (v - (s - sxy));
    sxy = s;
    syy += dy * dy;
  }
  const corr = intercept ? 1 / n : 0;
  const Sxx = sxx + cxx - dxSum * dxSum * corr;
  const Sxy = sxy + cxy - dxSum * dySum * corr;
  const Syy = syy - dySum * dySum * corr;
  return finishPart1(y, x, from, to, intercept, n, mx, my, Sxx, Sxy, Syy);
}

/**
 * {@link fastPartFit1} for two regressors over the range [from, to) (every observation):
 * C = (centred X'X)⁻¹ (2×2, closed form), h_t = 1/n + d_t'C d_t, HC3 = C·Σ d_t d_t' e_t²/(1 − h_t)²·C.
 * Cost: three passes over [from, to).
 * @returns null when a leverage is 1; undefined outside the accepted designs (see fastPartFit1)
 */
export function fastPartFit2(
  y: ArrayLike<number>,
  x0: ArrayLike<number>,
  x1: ArrayLike<number>,
  from: number,
  to: number,
  intercept: boolean,
): FastPartFit | null | undefined {
  const p = intercept ? 3 : 2;
  const n = to - from;
  if (n <= p) return undefined;
  let s0 = 0;
  let c0 = 0;
  let s1 = 0;
  let c1 = 0;
  let sy = 0;
  let cy = 0;
  let big = 0;
  let small = Infinity;
  for (let t = from; t < to; t++) {
    const a = x0[t]!;
    const b = x1[t]!;
    const v = y[t]!;
    const aa = Math.abs(a);
    const ab = Math.abs(b);
    const av = Math.abs(v);
    const m = aa > ab ? (aa > av ? aa : av) : ab > av ? ab : av;
    if (!(m <= big)) big = m > big ? m : NaN;
    if (aa > 0 && aa < small) small = aa;
    if (ab > 0 && ab < small) small = ab;
    if (av > 0 && av < small) small = av;
    let s = s0 + a;
    c0 += s0 - (s - (s - s0)) + (a - (s - s0));
    s0 = s;
    s = s1 + b;
    c1 += s1 - (s - (s - s1)) + (b - (s - s1));
    s1 = s;
    s = sy + v;
    cy += sy - (s - (s - sy)) + (v - (s - sy));
    sy = s;
  }
  if (!(big <= MAX_ABS) || !(big >= MIN_ABS) || small < MIN_ABS) return undefined;
  const m0 = intercept ? (s0 + c0) / n : 0;
  const m1 = intercept ? (s1 + c1) / n : 0;
  const my = intercept ? (sy + cy) / n : 0;
  // compensated centred cross-products: 00, 01, 11, 0y, 1y; yy plain (a check only)
  let a00 = 0;
  let k00 = 0;
  let a01 = 0;
  let k01 = 0;
  let a11 = 0;
  let k11 = 0;
  let a0y = 0;
  let k0y = 0;
  let a1y = 0;
  let k1y = 0;
  let ayy = 0;
  let d0s = 0;
  let d1s = 0;
  let dys = 0;
  for (let t = from; t < to; t++) {
    const d0 = x0[t]! - m0;
    const d1 = x1[t]! - m1;
    const dy = y[t]! - my;
    d0s += d0;
    d1s += d1;
    dys += dy;
    let v = d0 * d0;
    let s = a00 + v;
    k00 += a00 - (s - (s - a00)) + (v - (s - a00));
    a00 = s;
    v = d0 * d1;
    s = a01 + v;
    k01 += a01 - (s - (s - a01)) + (v - (s - a01));
    a01 = s;
    v = d1 * d1;
    s = a11 + v;
    k11 += a11 - (s - (s - a11)) + (v - (s - a11));
    a11 = s;
    v = d0 * dy;
    s = a0y + v;
    k0y += a0y - (s - (s - a0y)) + (v - (s - a0y));
    a0y = s;
    v = d1 * dy;
    s = a1y + v;
    k1y += a1y - (s - (s - a1y)) + (v - (s - a1y));
    a1y = s;
    ayy += dy * dy;
  }
  const corr = intercept ? 1 / n : 0;
  const S00 = a00 + k00 - d0s * d0s * corr;
  const S01 = a01 + k01 - d0s * d1s * corr;
  const S11 = a11 + k11 - d1s * d1s * corr;
  const S0y = a0y + k0y - d0s * dys * corr;
  const S1y = a1y + k1y - d1s * dys * corr;
  const Syy = ayy - dys * dys * corr;
  return finishPart2(y, x0, x1, from, to, intercept, n, m0, m1, my, S00, S01, S11, S0y, S1y, Syy);
}

/**
 * The last pass of a one-regressor part fit, from the part's moments (n observations, means
 * mx, my, centred Sxx, Sxy, Syy): slope, residuals, ssr and the HC3 meat, no residual array.
 */
function finishPart1(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  from: number,
  to: number,
  intercept: boolean,
  n: number,
  mx: number,
  my: number,
  Sxx: number,
  Sxy: number,
  Syy: number,
): FastPartFit | null | undefined {
  const p = intercept ? 2 : 1;
  if (!(Sxx > 0) || !(Syy > 0)) return undefined;
  const c = 1 / Sxx;
  const b = Sxy * c;
  const h0 = intercept ? 1 / n : 0;
  let ssr = 0;
  let cssr = 0;
  let meat = 0;
  for (let t = from; t < to; t++) {
    const xv = x[t]!;
    const d = xv - mx;
    const e = y[t]! - my - b * d;
    const h = h0 + d * d * c;
    if (!(h < MAX_LEVERAGE)) return null;
    const e2 = e * e;
    const s = ssr + e2;
    cssr += ssr - (s - (s - ssr)) + (e2 - (s - ssr));
    ssr = s;
    const g = 1 - h;
    meat += (e2 * d * d) / (g * g);
  }
  ssr += cssr;
  if (!(ssr > MIN_UNEXPLAINED * Syy)) return undefined;
  return { n, p, slopes: [b], slopeCovariance: [[c * meat * c]], ssr };
}

/**
 * The last pass of a two-regressor part fit over [from, to), from its moments (means m0, m1, my;
 * centred cross-products): C = S_xx⁻¹ (closed form), slopes, then residuals, ssr and the HC3 meat.
 */
function finishPart2(
  y: ArrayLike<number>,
  x0: ArrayLike<number>,
  x1: ArrayLike<number>,
  from: number,
  to: number,
  intercept: boolean,
  n: number,
  m0: number,
  m1: number,
  my: number,
  S00: number,
  S01: number,
  S11: number,
  S0y: number,
  S1y: number,
  Syy: number,
): FastPartFit | null | undefined {
  const p = intercept ? 3 : 2;
  if (!(S00 > 0) || !(S11 > 0) || !(Syy > 0)) return undefined;
  if (!(1 - (S01 * S01) / (S00 * S11) > MIN_SINE2)) return undefined;
  const det = S00 * S11 - S01 * S01;
  const C00 = S11 / det;
  const C01 = -S01 / det;
  const C11 = S00 / det;
  const b0 = C00 * S0y + C01 * S1y;
  const b1 = C01 * S0y + C11 * S1y;
  const h0 = intercept ? 1 / n : 0;
  let ssr = 0;
  let cssr = 0;
  let m00 = 0;
  let m01 = 0;
  let m11 = 0;
  for (let t = from; t < to; t++) {
    const d0 = x0[t]! - m0;
    const d1 = x1[t]! - m1;
    const e = y[t]! - my - b0 * d0 - b1 * d1;
    const h = h0 + d0 * (C00 * d0 + C01 * d1) + d1 * (C01 * d0 + C11 * d1);
    if (!(h < MAX_LEVERAGE)) return null;
    const e2 = e * e;
    const s = ssr + e2;
    cssr += ssr - (s - (s - ssr)) + (e2 - (s - ssr));
    ssr = s;
    const g = 1 - h;
    const w = e2 / (g * g);
    m00 += w * d0 * d0;
    m01 += w * d0 * d1;
    m11 += w * d1 * d1;
  }
  ssr += cssr;
  if (!(ssr > MIN_UNEXPLAINED * Syy)) return undefined;
  // V = C·M·C (symmetric 2×2)
  const t00 = C00 * m00 + C01 * m01;
  const t01 = C00 * m01 + C01 * m11;
  const t10 = C01 * m00 + C11 * m01;
  const t11 = C01 * m01 + C11 * m11;
  const v00 = t00 * C00 + t01 * C01;
  const v01 = t00 * C01 + t01 * C11;
  const v11 = t10 * C01 + t11 * C11;
  return {
    n,
    p,
    slopes: [b0, b1],
    slopeCovariance: [
      [v00, v01],
      [v01, v11],
    ],
    ssr,
  };
}

/**
 * Moments of every observation of the full sample except [from, to), by downdating the full
 * sample's moments (`full`, over all `full.n` rows; columns [x_1 … x_p, y]): with B = [from, to)
 * and A the rest, n_A = n − n_B, x̄_A = (n·x̄ − n_B·x̄_B)/n_A and
 * S_A = S − S_B − (n_A·n_B/n)·(x̄_A − x̄_B)(x̄_A − x̄_B)' (Chan, Golub & LeVeque, Am. Stat. 37,
 * 1983, run backwards); without an intercept the raw S_A = S − S_B. B's moments are compensated
 * two-pass sums over B only. Used only while B holds at most a quarter of the rows, so S_A is
 * most of S and the subtraction keeps its digits; otherwise undefined.
 */
export function momentsWithout(
  full: FitMoments,
  columns: readonly ArrayLike<number>[],
  from: number,
  to: number,
  intercept: boolean,
): FitMoments | undefined {
  const n = full.n;
  const nB = to - from;
  const m = columns.length;
  if (m !== full.means.length || nB < 1 || 4 * nB > n || columns[0]!.length !== n) return undefined;
  const nA = n - nB;
  const meanB = new Float64Array(m);
  if (intercept) {
    for (let a = 0; a < m; a++) {
      const c = columns[a]!;
      let s = 0;
      for (let t = from; t < to; t++) s += c[t]!;
      meanB[a] = s / nB;
    }
  }
  const meansA = new Float64Array(m);
  const S = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    meansA[a] = intercept ? (n * full.means[a]! - nB * meanB[a]!) / nA : 0;
  }
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      // compensated Σ over B of (u − ū_B)(v − v̄_B), with the corrected two-pass term
      const u = columns[a]!;
      const v = columns[b]!;
      const mu = meanB[a]!;
      const mv = meanB[b]!;
      let s = 0;
      let c = 0;
      let du = 0;
      let dv = 0;
      for (let t = from; t < to; t++) {
        const x = u[t]! - mu;
        const z = v[t]! - mv;
        du += x;
        dv += z;
        const w = x * z;
        const q = s + w;
        c += s - (q - (q - s)) + (w - (q - s));
        s = q;
      }
      const sB = s + c - (intercept ? (du * dv) / nB : 0);
      const shift = intercept
        ? ((nA * nB) / n) * (meansA[a]! - meanB[a]!) * (meansA[b]! - meanB[b]!)
        : 0;
      const sA = full.S[a * m + b]! - sB - shift;
      S[a * m + b] = sA;
      S[b * m + a] = sA;
    }
  }
  return { n: nA, means: meansA, S };
}

/**
 * {@link fastPartFit1} / {@link fastPartFit2} of the range [from, to) whose moments are given
 * (e.g. by {@link momentsWithout}): only the last pass (residuals, ssr, HC3 meat) runs over the
 * data. The values were range-checked by the fit the moments came from (olsFit's moments paths
 * take values within 1e±60); the design checks (a constant x, collinear regressors, a near-exact
 * fit) and the results are the three-pass fit's, within a few ulps.
 * @returns as fastPartFit1; undefined also for more than two regressors or a moments size mismatch
 */
export function fastPartFitFromMoments(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  from: number,
  to: number,
  moments: FitMoments,
  intercept: boolean,
): FastPartFit | null | undefined {
  const k = regressors.length;
  const n = to - from;
  if (moments.n !== n || moments.means.length !== k + 1 || n <= k + (intercept ? 1 : 0)) {
    return undefined;
  }
  const M = moments.means;
  const S = moments.S;
  if (k === 1) {
    return finishPart1(
      y,
      regressors[0]!,
      from,
      to,
      intercept,
      n,
      M[0]!,
      M[1]!,
      S[0]!,
      S[1]!,
      S[3]!,
    );
  }
  if (k === 2) {
    return finishPart2(
      y,
      regressors[0]!,
      regressors[1]!,
      from,
      to,
      intercept,
      n,
      M[0]!,
      M[1]!,
      M[2]!,
      S[0]!,
      S[1]!,
      S[4]!,
      S[2]!,
      S[5]!,
      S[8]!,
    );
  }
  return undefined;
}
