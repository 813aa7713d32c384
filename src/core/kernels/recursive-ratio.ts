/**
 * The recursive minimum-variance ratio of a walk-forward: moments of the regressors x (k) and y
 * under exponential forgetting λ (λ = 1: equal weights), updated one observation at a time, and
 * P = C_xx⁻¹ kept by the Sherman–Morrison formula, so that the ratio h = C_xx⁻¹·c_xy costs O(k²)
 * per step. Centred: weighted means m and co-moments by the weighted Welford recursion
 * (m' = m + d/W', C' = λC + (λW/W')·d·d', d = z − m, W' = λW + 1); raw: C' = λC + z·z'.
 * References: Golub & Van Loan, Matrix Computations, §2.1.4 (Sherman–Morrison); for exponential
 * forgetting this is recursive least squares (Haykin, Adaptive Filter Theory, ch. 10).
 *
 * {@link walkRatios} runs the walk: {@link addObservation} and {@link ratiosInto} for any k (the
 * definition), written out with every value in a local for k = 1 and 2, the same operations in
 * the same order (the same doubles; test/core/kernels.test.ts).
 */

/** The recursion's state: total weight, means, c_xy and P = C_xx⁻¹ (k × k, row-major). */
export interface RatioState {
  weight: number;
  readonly meanX: Float64Array;
  meanY: number;
  readonly cxy: Float64Array;
  p: Float64Array;
}

/** h = P·c_xy, written to `h`. */
export function ratiosInto(st: RatioState, h: Float64Array): void {
  const k = st.meanX.length;
  const { p, cxy } = st;
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += p[i * k + j]! * cxy[j]!;
    h[i] = s;
  }
}

/**
 * Decays the old weights by λ and adds observation (x, y) with weight 1:
 * (λC + s²dd')⁻¹ = P/λ − (P/λ)d d'(P/λ)·s² / (1 + s²·d'(P/λ)d), s² = λW/W' centred, 1 raw.
 */
export function addObservation(
  st: RatioState,
  x: ArrayLike<number>,
  y: number,
  lambda: number,
  centred: boolean,
): void {
  const k = st.meanX.length;
  const d = new Float64Array(k);
  const pd = new Float64Array(k);
  const decayed = lambda * st.weight;
  const total = decayed + 1;
  let scale2: number;
  let dy: number;
  if (centred) {
    scale2 = decayed / total;
    for (let j = 0; j < k; j++) d[j] = x[j]! - st.meanX[j]!;
    dy = y - st.meanY;
    for (let j = 0; j < k; j++) st.meanX[j] = st.meanX[j]! + d[j]! / total;
    st.meanY += dy / total;
  } else {
    scale2 = 1;
    for (let j = 0; j < k; j++) d[j] = x[j]!;
    dy = y;
  }
  st.weight = total;
  for (let j = 0; j < k; j++) st.cxy[j] = lambda * st.cxy[j]! + scale2 * d[j]! * dy;
  const p = st.p;
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += p[i * k + j]! * d[j]!;
    pd[i] = s / lambda;
  }
  let dpd = 0;
  for (let i = 0; i < k; i++) dpd += d[i]! * pd[i]!;
  const f = scale2 / (1 + scale2 * dpd);
  const next = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      const v = p[i * k + j]! / lambda - f * pd[i]! * pd[j]!;
      next[i * k + j] = v;
      next[j * k + i] = v;
    }
  }
  st.p = next;
}

/**
 * The walk from `start`: for t = start … n − 1 the ratio h_t from the state (observations before
 * t), e_t = y_t − Σ_j h_j,t·x_j,t written to errors[t − start], then observation t added (but
 * after the last). The last ratios go to `h`. Cost O((n − start)·k²).
 * @returns false when an error is not finite
 */
export function walkRatios(
  st: RatioState,
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  start: number,
  lambda: number,
  centred: boolean,
  errors: Float64Array,
  h: Float64Array,
): boolean {
  const k = regressors.length;
  if (k === 1) return walkOne(st, y, regressors[0]!, start, lambda, centred, errors, h);
  if (k === 2) return walkTwo(st, y, regressors, start, lambda, centred, errors, h);
  return walkAny(st, y, regressors, start, lambda, centred, errors, h);
}

/** {@link walkRatios} for any number of regressors: the definition, step by step. */
export function walkAny(
  st: RatioState,
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  start: number,
  lambda: number,
  centred: boolean,
  errors: Float64Array,
  h: Float64Array,
): boolean {
  const k = regressors.length;
  const n = y.length;
  const x = new Float64Array(k);
  let allFinite = true;
  for (let t = start; t < n; t++) {
    ratiosInto(st, h);
    let e = y[t]!;
    for (let j = 0; j < k; j++) {
      x[j] = regressors[j]![t]!;
      e -= h[j]! * x[j]!;
    }
    errors[t - start] = e;
    if (!Number.isFinite(e)) allFinite = false;
    if (t < n - 1) addObservation(st, x, y[t]!, lambda, centred);
  }
  return allFinite;
}

/** {@link walkRatios} for one regressor, in locals. */
function walkOne(
  st: RatioState,
  y: ArrayLike<number>,
  x0: ArrayLike<number>,
  start: number,
  lambda: number,
  centred: boolean,
  errors: Float64Array,
  h: Float64Array,
): boolean {
  const n = y.length;
  let weight = st.weight;
  let meanY = st.meanY;
  let mx0 = st.meanX[0]!;
  let cxy0 = st.cxy[0]!;
  let p00 = st.p[0]!;
  let allFinite = true;
  let h0 = 0;
  for (let t = start; t < n; t++) {
    h0 = 0 + p00 * cxy0;
    const a = x0[t]!;
    const yt = y[t]!;
    const e = yt - h0 * a;
    errors[t - start] = e;
    if (!Number.isFinite(e)) allFinite = false;
    if (t === n - 1) break;
    const decayed = lambda * weight;
    const total = decayed + 1;
    let scale2 = 1;
    let d0 = a;
    let dy = yt;
    if (centred) {
      scale2 = decayed / total;
      d0 = a - mx0;
      dy = yt - meanY;
      mx0 = mx0 + d0 / total;
      meanY += dy / total;
    }
    weight = total;
    cxy0 = lambda * cxy0 + scale2 * d0 * dy;
    const pd0 = (0 + p00 * d0) / lambda;
    const dpd = 0 + d0 * pd0;
    const f = scale2 / (1 + scale2 * dpd);
    p00 = p00 / lambda - f * pd0 * pd0;
  }
  h[0] = h0;
  return allFinite;
}

/** {@link walkRatios} for two regressors, in locals. */
function walkTwo(
  st: RatioState,
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  start: number,
  lambda: number,
  centred: boolean,
  errors: Float64Array,
  h: Float64Array,
): boolean {
  const n = y.length;
  const x0 = regressors[0]!;
  const x1 = regressors[1]!;
  let weight = st.weight;
  let meanY = st.meanY;
  let mx0 = st.meanX[0]!;
  let mx1 = st.meanX[1]!;
  let cxy0 = st.cxy[0]!;
  let cxy1 = st.cxy[1]!;
  const p = st.p;
  let p00 = p[0]!;
  let p01 = p[1]!;
  let p10 = p[2]!;
  let p11 = p[3]!;
  let allFinite = true;
  let h0 = 0;
  let h1 = 0;
  for (let t = start; t < n; t++) {
    h0 = 0 + p00 * cxy0 + p01 * cxy1;
    h1 = 0 + p10 * cxy0 + p11 * cxy1;
    const a = x0[t]!;
    const b = x1[t]!;
    const yt = y[t]!;
    let e = yt;
    e -= h0 * a;
    e -= h1 * b;
    errors[t - start] = e;
    if (!Number.isFinite(e)) allFinite = false;
    if (t === n - 1) break;
    const decayed = lambda * weight;
    const total = decayed + 1;
    let scale2 = 1;
    let d0 = a;
    let d1 = b;
    let dy = yt;
    if (centred) {
      scale2 = decayed / total;
      d0 = a - mx0;
      d1 = b - mx1;
      dy = yt - meanY;
      mx0 = mx0 + d0 / total;
      mx1 = mx1 + d1 / total;
      meanY += dy / total;
    }
    weight = total;
    cxy0 = lambda * cxy0 + scale2 * d0 * dy;
    cxy1 = lambda * cxy1 + scale2 * d1 * dy;
    const pd0 = (0 + p00 * d0 + p01 * d1) / lambda;
    const pd1 = (0 + p10 * d0 + p11 * d1) / lambda;
    const dpd = 0 + d0 * pd0 + d1 * pd1;
    const f = scale2 / (1 + scale2 * dpd);
    const v00 = p00 / lambda - f * pd0 * pd0;
    const v10 = p10 / lambda - f * pd1 * pd0;
    const v11 = p11 / lambda - f * pd1 * pd1;
    p00 = v00;
    p01 = v10;
    p10 = v10;
    p11 = v11;
  }
  h[0] = h0;
  h[1] = h1;
  return allFinite;
}
