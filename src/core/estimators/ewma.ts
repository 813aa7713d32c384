/**
 * `--estimator ewma`: the minimum-variance hedge ratio Σ_FF⁻¹σ_FS of the exponentially weighted
 * covariance, and its walk-forward (recursive least squares with forgetting factor
 * λ = 2^(−1/halflife)).
 */
import { MathError } from '../../errors';
import { CompensatedSum } from '../kernels/compensated';
import { solveSymmetric } from '../linalg';
import { recursiveWalkForward } from './recursive';
import type { EstimatorInput, HedgeEstimator, WalkBuffers } from './types';

/**
 * Exponentially weighted covariance matrix of the given columns (k×k, in column order).
 *
 * Weights: λ = 2^(−1/halflife); observation t (0-based, n observations) has weight
 * w_t = λ^(n−1−t), computed as 2^(−(n−1−t)/halflife) (not by repeated multiplication), so the
 * newest has weight 1 and one half-life back has ½. halflife = Infinity gives equal weights.
 *
 * - centered (intercept on): μ_j = Σ w_t x_jt / Σ w_t and
 *   Σ_ij = Σ w_t (x_it − μ_i)(x_jt − μ_j) / (V₁ − V₂/V₁), V₁ = Σ w_t, V₂ = Σ w_t²
 *   (unbiased for reliability weights; equals the n − 1 sample covariance when halflife = ∞;
 *   pandas: df.ewm(halflife=h, adjust=True).cov(bias=False)).
 * - not centered (no intercept): raw weighted second moments Σ_ij = Σ w_t x_it x_jt / V₁
 *   (equal to Σ x_i x_j / n when halflife = ∞).
 *
 * Sums are compensated (Neumaier); means come first (two passes). Cost O(n·k²) time, O(n) extra
 * memory. The inputs are not modified.
 *
 * @throws RangeError when no column is given or the lengths differ (programming errors)
 * @throws MathError when halflife is not positive (NaN, ≤ 0), when there are fewer than 2
 *   observations (1 when not centered), when a value is not finite, or when the weights are so
 *   concentrated that V₁ − V₂/V₁ vanishes (effectively a single observation)
 * @example ewmaCovariance([[1, 2, 3, 4]], Infinity, true) → [[1.6666666666666667]] (R: var(1:4))
 */
export function ewmaCovariance(
  columns: readonly ArrayLike<number>[],
  halflife: number,
  centered: boolean,
): number[][] {
  const k = columns.length;
  if (k === 0) throw new RangeError('ewmaCovariance needs at least one column');
  const n = columns[0]!.length;
  columns.forEach((c, j) => {
    if (c.length !== n)
      throw new RangeError(`column ${j + 1} has ${c.length} values, expected ${n}`);
  });
  if (!(halflife > 0)) throw new MathError(`the EWMA half-life must be positive, got ${halflife}`);
  const minimum = centered ? 2 : 1;
  if (n < minimum) {
    throw new MathError(`the EWMA covariance needs at least ${minimum} observations, got ${n}`);
  }
  columns.forEach((c, j) => {
    for (let t = 0; t < n; t++) {
      if (!Number.isFinite(c[t]!)) {
        throw new MathError(`column ${j + 1} at index ${t} is not a finite number`);
      }
    }
  });

  const w = new Float64Array(n);
  const v1 = new CompensatedSum();
  const v2 = new CompensatedSum();
  for (let t = 0; t < n; t++) {
    const wt = halflife === Infinity ? 1 : Math.pow(2, -(n - 1 - t) / halflife);
    w[t] = wt;
    v1.add(wt);
    v2.add(wt * wt);
  }
  const sumW = v1.value();
  const sumW2 = v2.value();

  const means = columns.map((c) => {
    if (!centered) return 0;
    const acc = new CompensatedSum();
    for (let t = 0; t < n; t++) acc.add(w[t]! * c[t]!);
    const mu = acc.value() / sumW;
    // One correction pass: μ + Σ w (x − μ) / Σ w.
    const corr = new CompensatedSum();
    for (let t = 0; t < n; t++) corr.add(w[t]! * (c[t]! - mu));
    return mu + corr.value() / sumW;
  });

  const denominator = centered ? sumW - sumW2 / sumW : sumW;
  if (!(denominator > 1e-12 * sumW)) {
    throw new MathError(
      `the EWMA weights are concentrated on a single observation (half-life ${halflife}): the covariance is undefined`,
    );
  }

  const cov: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const dev = columns.map((c, j) => {
    const mu = means[j]!;
    const d = new Float64Array(n);
    for (let t = 0; t < n; t++) d[t] = c[t]! - mu;
    return d;
  });
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const di = dev[i]!;
      const dj = dev[j]!;
      const acc = new CompensatedSum();
      for (let t = 0; t < n; t++) acc.add(w[t]! * di[t]! * dj[t]!);
      const value = acc.value() / denominator;
      cov[i]![j] = value;
      cov[j]![i] = value;
    }
  }
  return cov;
}

/**
 * Minimum-variance hedge ratio h = Σ_FF⁻¹ σ_FS: the weights h_j of the hedges F_j that minimise
 * Var(S − Σ h_j F_j), from a covariance (or weighted second-moment) matrix whose LAST row/column
 * is the position S and the others the hedges F. With the sample covariance this is exactly the
 * OLS slope vector of S on F (with intercept). Reference: L. H. Ederington, "The hedging
 * performance of the new futures markets", J. Finance 34 (1979). Cost O(k³).
 *
 * @throws RangeError when the matrix is not square or smaller than 2×2
 * @throws MathError when a hedge has zero variance, or Σ_FF is singular (collinear hedges; see
 *   solveSymmetric)
 * @example minVarianceRatio([[4, 2], [2, 3]]) → [0.5]
 */
export function minVarianceRatio(cov: readonly (readonly number[])[]): number[] {
  const m = cov.length;
  if (m < 2) throw new RangeError('minVarianceRatio needs at least one hedge and the position');
  cov.forEach((row, i) => {
    if (row.length !== m)
      throw new RangeError(`row ${i + 1} has ${row.length} entries, expected ${m}`);
  });
  const h = m - 1;
  const sff = cov.slice(0, h).map((row) => row.slice(0, h));
  const sfs = cov.slice(0, h).map((row) => row[h]!);
  sff.forEach((row, j) => {
    if (!(row[j]! > 0)) {
      throw new MathError(`hedge ${j + 1} has zero variance: no hedge ratio exists`);
    }
  });
  return solveSymmetric(sff, sfs);
}

/** λ = 2^(−1/halflife): the forgetting factor of an EWMA with this half-life. */
function lambdaOf(halflife: number): number {
  if (!(halflife > 0)) throw new MathError(`the EWMA half-life must be positive, got ${halflife}`);
  return Math.pow(2, -1 / halflife);
}

/** The run's half-life (default 30). */
function halflifeOf(params: Readonly<Record<string, number | null>>): number {
  return params.halflife ?? 30;
}

export const ewmaEstimator = {
  name: 'ewma',
  help: 'ewma = exponentially weighted covariance (--halflife)',
  params: [
    {
      key: 'halflife',
      flag: '--halflife <n>',
      help: 'EWMA half-life in observations, or a duration (30d, 8w, 12h)',
      label: 'half-life',
      default: 30,
      duration: true,
    },
  ],
  ratiosAreSlopes: false,
  relativeCost: 1,
  label: (params: Readonly<Record<string, number | null>>) =>
    `EWMA half-life ${halflifeOf(params)}`,
  ratios: (input: EstimatorInput) =>
    minVarianceRatio(
      ewmaCovariance([...input.xs, input.y], halflifeOf(input.params), input.intercept),
    ),
  walkForward: (input: EstimatorInput, buffers?: WalkBuffers) =>
    recursiveWalkForward(
      input.y,
      input.xs,
      input.intercept,
      lambdaOf(halflifeOf(input.params)),
      buffers,
    ),
} as const satisfies HedgeEstimator;
