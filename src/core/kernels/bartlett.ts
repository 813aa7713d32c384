/**
 * The Bartlett-kernel long-run covariance of a regression's scores, the "meat" of the
 * Newey–West covariance (../regression/hac.ts), in one pass and O(n·p²) whatever the lag count.
 *
 * The scores are s_t = d_t·e_t (p-vectors), with d_t the regressors centred on their means (raw
 * without an intercept) and e_t = (y_t − ȳ) − Σ_j b_j·d_jt the residuals. The definition:
 *
 *   Ω = Γ_0 + Σ_{l=1..L} (1 − l/(L+1))·(Γ_l + Γ_l'),   Γ_l = Σ_{t=l..n−1} s_t·s_{t−l}'.
 *
 * The Bartlett weights are a triangle, the self-convolution of a box of width M = L + 1, so
 *
 *   Ω = (1/M)·Σ_{j=−(M−1)..n−1} S_j·S_j',   S_j = Σ_{t=max(0,j)..min(n−1,j+M−1)} s_t,
 *
 * (each pair t, t' shares M − |t − t'| windows). The window sums slide (add the newest score,
 * drop the oldest, kept in a ring of M) and are recomputed from the ring every M steps so that
 * rounding cannot drift; each S_j·S_j' is positive semi-definite, so Ω is too, as the definition
 * guarantees. The direct form costs O(n·L·p²); this one O(n·p²). test/core/kernels.test.ts
 * compares the two.
 */

/**
 * Ω of the scores of rows [from, to) (see the module comment), p × p row-major. `means` are those
 * of [x_1 … x_p, y] (all 0 without an intercept), `slopes` the fit's. Cost one pass,
 * O((to − from)·p²), and O(M·p) memory for the ring.
 * @throws RangeError when maxlags is not a whole number ≥ 0
 */
export function bartlettScoreCovariance(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  from: number,
  to: number,
  means: ArrayLike<number>,
  slopes: readonly number[],
  maxlags: number,
): Float64Array {
  if (!Number.isInteger(maxlags) || maxlags < 0) {
    throw new RangeError(`maxlags must be a whole number ≥ 0, got ${maxlags}`);
  }
  const p = regressors.length;
  if (p === 1) {
    return bartlett1(y, regressors[0]!, from, to, means[0]!, means[1]!, slopes[0]!, maxlags);
  }
  if (p === 2) return bartlett2(y, regressors, from, to, means, slopes, maxlags);
  const M = maxlags + 1;
  const my = means[p]!;
  const ring = new Float64Array(M * p);
  const S = new Float64Array(p);
  const s = new Float64Array(p);
  const out = new Float64Array(p * p);
  let slot = 0;
  for (let t = from; t < to + M - 1; t++) {
    if (t < to) {
      let e = y[t]! - my;
      for (let j = 0; j < p; j++) {
        s[j] = regressors[j]![t]! - means[j]!;
        e -= slopes[j]! * s[j]!;
      }
      for (let j = 0; j < p; j++) s[j] = s[j]! * e;
    } else {
      s.fill(0);
    }
    for (let j = 0; j < p; j++) {
      S[j] = S[j]! + s[j]! - ring[slot * p + j]!;
      ring[slot * p + j] = s[j]!;
    }
    if (++slot === M) {
      slot = 0;
      resum(ring, M, p, S);
    }
    for (let a = 0; a < p; a++) {
      for (let b = a; b < p; b++) out[a * p + b] = out[a * p + b]! + S[a]! * S[b]!;
    }
  }
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      const v = out[a * p + b]! / M;
      out[a * p + b] = v;
      out[b * p + a] = v;
    }
  }
  return out;
}

/** S = the sum of the ring's M scores (the exact window sum that the slide stands in for). */
function resum(ring: Float64Array, M: number, p: number, S: Float64Array): void {
  S.fill(0);
  for (let i = 0; i < M; i++) for (let j = 0; j < p; j++) S[j] = S[j]! + ring[i * p + j]!;
}

/** {@link bartlettScoreCovariance} for two regressors, in locals (the same doubles). */
function bartlett2(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  from: number,
  to: number,
  means: ArrayLike<number>,
  slopes: readonly number[],
  maxlags: number,
): Float64Array {
  const x0 = regressors[0]!;
  const x1 = regressors[1]!;
  const m0 = means[0]!;
  const m1 = means[1]!;
  const my = means[2]!;
  const b0 = slopes[0]!;
  const b1 = slopes[1]!;
  const M = maxlags + 1;
  const ring = new Float64Array(2 * M);
  let S0 = 0;
  let S1 = 0;
  let a00 = 0;
  let a01 = 0;
  let a11 = 0;
  let slot = 0;
  const end = to + M - 1;
  for (let t = from; t < end; t++) {
    let s0 = 0;
    let s1 = 0;
    if (t < to) {
      const d0 = x0[t]! - m0;
      const d1 = x1[t]! - m1;
      const e = y[t]! - my - b0 * d0 - b1 * d1;
      s0 = d0 * e;
      s1 = d1 * e;
    }
    S0 = S0 + s0 - ring[slot]!;
    S1 = S1 + s1 - ring[slot + 1]!;
    ring[slot] = s0;
    ring[slot + 1] = s1;
    slot += 2;
    if (slot === 2 * M) {
      slot = 0;
      S0 = 0;
      S1 = 0;
      for (let i = 0; i < 2 * M; i += 2) {
        S0 += ring[i]!;
        S1 += ring[i + 1]!;
      }
    }
    a00 += S0 * S0;
    a01 += S0 * S1;
    a11 += S1 * S1;
  }
  return Float64Array.of(a00 / M, a01 / M, a01 / M, a11 / M);
}

/** {@link bartlettScoreCovariance} for one regressor, in locals (the same doubles). */
function bartlett1(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  from: number,
  to: number,
  mx: number,
  my: number,
  b: number,
  maxlags: number,
): Float64Array {
  const M = maxlags + 1;
  const ring = new Float64Array(M);
  let S = 0;
  let acc = 0;
  let slot = 0;
  for (let t = from; t < to + M - 1; t++) {
    let s = 0;
    if (t < to) {
      const d = x[t]! - mx;
      s = d * (y[t]! - my - b * d);
    }
    S = S + s - ring[slot]!;
    ring[slot] = s;
    if (++slot === M) {
      slot = 0;
      S = 0;
      for (let i = 0; i < M; i++) S += ring[i]!;
    }
    acc += S * S;
  }
  return Float64Array.of(acc / M);
}
