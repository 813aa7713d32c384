/**
 * Weighted moments of a prefix of the data, the starting point of the walk-forward's recursion
 * (./recursive-ratio.ts). Written out for one and two regressors; the general loop computes
 * the same sums in the same order (the same doubles; test/core/kernels.test.ts).
 */

/** Total weight, means, C_xx (k × k) and c_xy of {@link weightedMoments}. */
export interface WeightedMoments {
  weight: number;
  meanX: Float64Array;
  meanY: number;
  cxx: number[][];
  cxy: Float64Array;
}

/**
 * Weighted moments of the first t observations: observation s has weight λ^(t−1−s) (the newest
 * 1; all 1 for λ = 1); total weight W = Σ w_s; centred, the weighted means (plain weighted sums,
 * one correction pass: μ + Σ w(z − μ)/W) and C = Σ w (z − m)(z − m)'; raw, m = 0 and C = Σ w z z'.
 * Plain sums: the walk-forward's recursion that continues from them is plain arithmetic too.
 * `weights`, when given, returns a reusable buffer of a length for the weights. Cost O(t·k²).
 */
export function weightedMoments(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  t: number,
  lambda: number,
  centred: boolean,
  weights?: (length: number) => Float64Array,
): WeightedMoments {
  if (regressors.length <= 2)
    return weightedMomentsSmall(y, regressors, t, lambda, centred, weights);
  return weightedMomentsAny(y, regressors, t, lambda, centred, weights);
}

/** {@link weightedMoments} for any number of regressors. */
export function weightedMomentsAny(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  t: number,
  lambda: number,
  centred: boolean,
  weights?: (length: number) => Float64Array,
): WeightedMoments {
  const k = regressors.length;
  const w = weights?.(t) ?? new Float64Array(t);
  let weight = 0;
  for (let s = 0; s < t; s++) {
    w[s] = lambda === 1 ? 1 : Math.pow(lambda, t - 1 - s);
    weight += w[s]!;
  }
  // Every accumulator below sees the same terms in the same order as a separate pass per
  // moment would; the passes are only fused so that the data are read three times, not 3 + k².
  const cols: ArrayLike<number>[] = [...regressors, y];
  const m = k + 1;
  const means = new Float64Array(m);
  if (centred) {
    const acc = new Float64Array(m);
    for (let s = 0; s < t; s++) {
      const ws = w[s]!;
      for (let j = 0; j < m; j++) acc[j] = acc[j]! + ws * cols[j]![s]!;
    }
    const mu = new Float64Array(m);
    for (let j = 0; j < m; j++) mu[j] = acc[j]! / weight;
    const corr = new Float64Array(m);
    for (let s = 0; s < t; s++) {
      const ws = w[s]!;
      for (let j = 0; j < m; j++) corr[j] = corr[j]! + ws * (cols[j]![s]! - mu[j]!);
    }
    for (let j = 0; j < m; j++) means[j] = mu[j]! + corr[j]! / weight;
  }
  const meanX = means.slice(0, k);
  const meanY = means[k]!;
  // Lower triangle of C_xx (i ≥ j) and c_xy, packed: (i, j) at i·m + j, c_xy_i at i·m + k.
  const sums = new Float64Array(m * m);
  const dev = new Float64Array(m);
  for (let s = 0; s < t; s++) {
    const ws = w[s]!;
    for (let j = 0; j < m; j++) dev[j] = cols[j]![s]! - means[j]!;
    for (let i = 0; i < k; i++) {
      const wi = ws * dev[i]!;
      for (let j = 0; j <= i; j++) sums[i * m + j] = sums[i * m + j]! + wi * dev[j]!;
      sums[i * m + k] = sums[i * m + k]! + wi * dev[k]!;
    }
  }
  const cxx: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const cxy = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      cxx[i]![j] = sums[i * m + j]!;
      cxx[j]![i] = sums[i * m + j]!;
    }
    cxy[i] = sums[i * m + k]!;
  }
  return { weight, meanX, meanY, cxx, cxy };
}

/**
 * {@link weightedMoments} for one or two regressors: every accumulator in a local, the same
 * operations in the same order (the same doubles); no weights array for equal weights.
 */
function weightedMomentsSmall(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  t: number,
  lambda: number,
  centred: boolean,
  weights?: (length: number) => Float64Array,
): WeightedMoments {
  const k = regressors.length;
  const equal = lambda === 1;
  const w = equal ? null : (weights?.(t) ?? new Float64Array(t));
  let weight = 0;
  for (let s = 0; s < t; s++) {
    const ws = equal ? 1 : Math.pow(lambda, t - 1 - s);
    if (w !== null) w[s] = ws;
    weight += ws;
  }
  const x0 = regressors[0]!;
  const two = k === 2;
  const x1 = two ? regressors[1]! : x0;
  let m0 = 0;
  let m1 = 0;
  let my = 0;
  if (centred) {
    let a0 = 0;
    let a1 = 0;
    let ay = 0;
    for (let s = 0; s < t; s++) {
      const ws = w === null ? 1 : w[s]!;
      a0 = a0 + ws * x0[s]!;
      if (two) a1 = a1 + ws * x1[s]!;
      ay = ay + ws * y[s]!;
    }
    const u0 = a0 / weight;
    const u1 = a1 / weight;
    const uy = ay / weight;
    let c0 = 0;
    let c1 = 0;
    let cy = 0;
    for (let s = 0; s < t; s++) {
      const ws = w === null ? 1 : w[s]!;
      c0 = c0 + ws * (x0[s]! - u0);
      if (two) c1 = c1 + ws * (x1[s]! - u1);
      cy = cy + ws * (y[s]! - uy);
    }
    m0 = u0 + c0 / weight;
    m1 = u1 + c1 / weight;
    my = uy + cy / weight;
  }
  let s00 = 0;
  let s10 = 0;
  let s11 = 0;
  let s0y = 0;
  let s1y = 0;
  for (let s = 0; s < t; s++) {
    const ws = w === null ? 1 : w[s]!;
    const d0 = x0[s]! - m0;
    const dy = y[s]! - my;
    const wi0 = ws * d0;
    s00 = s00 + wi0 * d0;
    s0y = s0y + wi0 * dy;
    if (two) {
      const d1 = x1[s]! - m1;
      const wi1 = ws * d1;
      s10 = s10 + wi1 * d0;
      s11 = s11 + wi1 * d1;
      s1y = s1y + wi1 * dy;
    }
  }
  return two
    ? {
        weight,
        meanX: Float64Array.of(m0, m1),
        meanY: my,
        cxx: [
          [s00, s10],
          [s10, s11],
        ],
        cxy: Float64Array.of(s0y, s1y),
      }
    : { weight, meanX: Float64Array.of(m0), meanY: my, cxx: [[s00]], cxy: Float64Array.of(s0y) };
}
