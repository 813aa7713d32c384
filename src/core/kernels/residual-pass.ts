/**
 * One pass over the residuals of a fit solved from centred co-moments, for one or two
 * regressors: e_t = (y_t − ȳ) − Σ_j b_j·(x_jt − x̄_j), their compensated sum of squares and,
 * optionally, the HC3 "meat" Σ_t d_t d_t' e_t² / (1 − h_t)² with d_t = x_t − x̄ and the leverage
 * h_t = h₀ + d_t'·C·d_t (h₀ = 1/n with an intercept, else 0; C = S_xx⁻¹). No residual array is
 * made. The exact path it stands in for is src/core/regression/hc3.ts over the double-double
 * fit's residuals (agreement ~1e-15, test/core/regression.test.ts). Optionally also the
 * Newey–West meat of the scores d_t·e_t, its window sums written out here as in ./bartlett.ts
 * (the same doubles as bartlettScoreCovariance; test/core/hac.test.ts), which saves the HAC
 * covariance its own pass over a large sample.
 */
import { MAX_LEVERAGE } from '../regression/limits';

/**
 * What one residual pass gives: ssr and, when asked, the HC3 meat and the Newey–West meat
 * (p × p, row-major).
 */
export interface ResidualSums {
  readonly ssr: number;
  readonly meat: Float64Array | null;
  readonly hacMeat: Float64Array | null;
}

/**
 * The residual pass over rows [from, to) (see the module comment). `means` are those of
 * [x_1 … x_p, y] (0 without centring), `cov` is C = S_xx⁻¹ (needed for the meat).
 * `hacLags`, when not null, asks for the Newey–West meat with that many lags (a whole number ≥ 0).
 * Cost one pass, O((to − from)·p²).
 * @returns null when `withMeat` and a leverage reaches MAX_LEVERAGE (HC3 undefined)
 * @throws RangeError for other than one or two regressors
 */
export function residualSums(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  from: number,
  to: number,
  means: Float64Array,
  slopes: readonly number[],
  cov: readonly (readonly number[])[],
  h0: number,
  withMeat: boolean,
  hacLags: number | null = null,
): ResidualSums | null {
  const lags = hacLags ?? -1;
  if (regressors.length === 1) {
    const [b, c] = [slopes[0]!, cov[0]![0]!];
    return residualSums1(y, regressors[0]!, from, to, means, b, c, h0, withMeat, lags);
  }
  if (regressors.length === 2) {
    return residualSums2(y, regressors, from, to, means, slopes, cov, h0, withMeat, lags);
  }
  throw new RangeError(`residualSums takes one or two regressors, not ${regressors.length}`);
}

function residualSums1(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  from: number,
  to: number,
  means: Float64Array,
  b: number,
  c: number,
  h0: number,
  withMeat: boolean,
  lags: number,
): ResidualSums | null {
  const mx = means[0]!;
  const my = means[1]!;
  const maxH = MAX_LEVERAGE; // a module binding read in a hot loop is checked on every read
  let ssr = 0;
  let cssr = 0;
  let meat = 0;
  // the Newey–West window (./bartlett.ts bartlett1, the same operations)
  const M = lags + 1;
  const ring = new Float64Array(Math.max(0, M));
  let S = 0;
  let acc = 0;
  let slot = 0;
  for (let t = from; t < to + (lags > 0 ? lags : 0); t++) {
    if (t >= to) {
      S = S + 0 - ring[slot]!;
      ring[slot] = 0;
      if (++slot === M) {
        slot = 0;
        S = ringSum(ring);
      }
      acc += S * S;
      continue;
    }
    const d = x[t]! - mx;
    const e = y[t]! - my - b * d;
    const e2 = e * e;
    const s = ssr + e2;
    cssr += ssr - (s - (s - ssr)) + (e2 - (s - ssr));
    ssr = s;
    if (withMeat) {
      const h = h0 + d * d * c;
      if (!(h < maxH)) return null;
      const g = 1 - h;
      meat += (e2 * d * d) / (g * g);
    }
    if (M > 0) {
      const sc = d * e;
      S = S + sc - ring[slot]!;
      ring[slot] = sc;
      if (++slot === M) {
        slot = 0;
        S = ringSum(ring);
      }
      acc += S * S;
    }
  }
  return {
    ssr: ssr + cssr,
    meat: withMeat ? Float64Array.of(meat) : null,
    hacMeat: M > 0 ? Float64Array.of(acc / M) : null,
  };
}

/** The sum of the ring (the window's exact sum, as bartlett1 recomputes it). */
function ringSum(ring: Float64Array): number {
  let S = 0;
  for (let i = 0; i < ring.length; i++) S += ring[i]!;
  return S;
}

function residualSums2(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  from: number,
  to: number,
  means: Float64Array,
  slopes: readonly number[],
  cov: readonly (readonly number[])[],
  h0: number,
  withMeat: boolean,
  lags: number,
): ResidualSums | null {
  const x0 = regressors[0]!;
  const x1 = regressors[1]!;
  const m0 = means[0]!;
  const m1 = means[1]!;
  const my = means[2]!;
  const b0 = slopes[0]!;
  const b1 = slopes[1]!;
  const C00 = cov[0]![0]!;
  const C01 = cov[0]![1]!;
  const C11 = cov[1]![1]!;
  let ssr = 0;
  let cssr = 0;
  let m00 = 0;
  let m01 = 0;
  let m11 = 0;
  const maxH = MAX_LEVERAGE; // a module binding read in a hot loop is checked on every read
  // the Newey–West window (./bartlett.ts bartlett2, the same operations)
  const M = lags + 1;
  const size = 2 * Math.max(0, M);
  const ring = new Float64Array(size);
  let S0 = 0;
  let S1 = 0;
  let a00 = 0;
  let a01 = 0;
  let a11 = 0;
  let slot = 0;
  for (let t = from; t < to + (lags > 0 ? lags : 0); t++) {
    let s0 = 0;
    let s1 = 0;
    if (t < to) {
      const d0 = x0[t]! - m0;
      const d1 = x1[t]! - m1;
      const e = y[t]! - my - b0 * d0 - b1 * d1;
      const e2 = e * e;
      const s = ssr + e2;
      cssr += ssr - (s - (s - ssr)) + (e2 - (s - ssr));
      ssr = s;
      if (withMeat) {
        const h = h0 + d0 * (C00 * d0 + C01 * d1) + d1 * (C01 * d0 + C11 * d1);
        if (!(h < maxH)) return null;
        const g = 1 - h;
        const w = e2 / (g * g);
        m00 += w * d0 * d0;
        m01 += w * d0 * d1;
        m11 += w * d1 * d1;
      }
      s0 = d0 * e;
      s1 = d1 * e;
    }
    if (M > 0) {
      S0 = S0 + s0 - ring[slot]!;
      S1 = S1 + s1 - ring[slot + 1]!;
      ring[slot] = s0;
      ring[slot + 1] = s1;
      slot += 2;
      if (slot === size) {
        slot = 0;
        S0 = 0;
        S1 = 0;
        for (let i = 0; i < size; i += 2) {
          S0 += ring[i]!;
          S1 += ring[i + 1]!;
        }
      }
      a00 += S0 * S0;
      a01 += S0 * S1;
      a11 += S1 * S1;
    }
  }
  return {
    ssr: ssr + cssr,
    meat: withMeat ? Float64Array.of(m00, m01, m01, m11) : null,
    hacMeat: M > 0 ? Float64Array.of(a00 / M, a01 / M, a01 / M, a11 / M) : null,
  };
}
