/**
 * Descriptive statistics over numeric arrays: sum, mean, sample variance, standard deviation,
 * covariance and correlation, built from one another as their definitions are: the mean from a
 * compensated sum, the (co)variances from the corrected two-pass co-moments around that mean
 * (src/core/kernels/comoments.ts centredProducts), the correlation from the co-moments
 * (pearson). Accurate for series with a large mean and a small spread (price levels, returns
 * near zero). Sample moments divide by n − 1.
 */
import { MathError } from '../errors';
import { compensatedSum } from './kernels/compensated';
import { centredProducts, pearson } from './kernels/comoments';

/**
 * Compensated sum: Σ x_i with a running correction term, error about 2ε·Σ|x_i| independent of n
 * (src/core/kernels/compensated.ts). The empty sum is 0. Non-finite inputs propagate. Cost O(n).
 * @example sum([0.1, 0.2, 0.3]) === 0.6 (plain addition gives 0.6000000000000001)
 */
export function sum(x: ArrayLike<number>): number {
  return compensatedSum(x);
}

/**
 * Arithmetic mean: Σ x_i / n, with a compensated sum and one correction pass
 * (mean + Σ(x_i − mean)/n), so the result is the correctly rounded mean in all but rare cases.
 * Cost O(n).
 *
 * @throws MathError when x is empty
 * @example mean([1, 2, 3, 4]) === 2.5
 */
export function mean(x: ArrayLike<number>): number {
  const n = x.length;
  if (n === 0) throw new MathError('the mean of an empty series is undefined');
  const m = compensatedSum(x) / n;
  if (!Number.isFinite(m)) return m;
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]! - m;
    const t = s + v;
    c += s - (t - (t - s)) + (v - (t - s));
    s = t;
  }
  return m + (s + c) / n;
}

/** Σ d_a·d_b (a, b over the columns) around their means (see the module comment). */
function centredMoments(columns: readonly ArrayLike<number>[]): Float64Array {
  const means = columns.map(mean);
  return centredProducts(columns, 0, columns[0]!.length, means, true);
}

function requireSameLength(x: ArrayLike<number>, y: ArrayLike<number>): void {
  if (x.length !== y.length) {
    throw new RangeError(`series lengths differ: ${x.length} and ${y.length}`);
  }
}

function requireTwo(n: number, what: string): void {
  if (n < 2) throw new MathError(`the sample ${what} needs at least 2 observations, got ${n}`);
}

/**
 * Sample variance (n − 1 denominator): Σ (x_i − x̄)² / (n − 1), corrected two-pass algorithm.
 * Cost O(n).
 *
 * @throws MathError when x has fewer than 2 values
 * @example variance([1, 2, 3, 4]) === 1.6666666666666667 (R: var(1:4))
 */
export function variance(x: ArrayLike<number>): number {
  requireTwo(x.length, 'variance');
  return Math.max(0, centredMoments([x])[0]!) / (x.length - 1);
}

/**
 * Sample standard deviation: √variance(x), n − 1 denominator. Cost O(n).
 *
 * @throws MathError when x has fewer than 2 values
 * @example standardDeviation([2, 4, 4, 4, 5, 5, 7, 9]) === 2.138089935299395 (R: sd(c(2,4,4,4,5,5,7,9)))
 */
export function standardDeviation(x: ArrayLike<number>): number {
  return Math.sqrt(variance(x));
}

/**
 * Sample covariance (n − 1 denominator): Σ (x_i − x̄)(y_i − ȳ) / (n − 1), corrected two-pass
 * algorithm. covariance(x, x) equals variance(x). Cost O(n).
 *
 * @throws RangeError when the lengths differ (a programming error, not a data error)
 * @throws MathError when there are fewer than 2 pairs
 * @example covariance([1, 2, 3, 4], [2, 4, 6, 9]) === 3.8333333333333335 (R: cov(1:4, c(2,4,6,9)))
 */
export function covariance(x: ArrayLike<number>, y: ArrayLike<number>): number {
  requireSameLength(x, y);
  requireTwo(x.length, 'covariance');
  return centredMoments([x, y])[1]! / (x.length - 1);
}

/**
 * Pearson correlation: pearson() of the centred co-moments, Σdx·dy / √(Σdx²·Σdy²) (the n − 1
 * factors cancel), clamped to [−1, 1] against rounding. Cost O(n).
 *
 * @throws RangeError when the lengths differ
 * @throws MathError when there are fewer than 2 pairs, when x or y is constant (zero
 *   variance: the correlation is undefined, never returned as NaN), or a value is not finite
 * @example correlation([1, 2, 3, 4], [2, 4, 6, 9]) === 0.994376712684369 (R: cor(1:4, c(2,4,6,9)))
 */
export function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  requireSameLength(x, y);
  requireTwo(x.length, 'correlation');
  const S = centredMoments([x, y]);
  const sxx = S[0]!;
  const syy = S[3]!;
  if (!Number.isFinite(sxx) || !Number.isFinite(syy)) {
    throw new MathError('correlation is undefined: a series has a non-finite value');
  }
  if (sxx <= 0 || syy <= 0) {
    const which = sxx <= 0 ? 'first' : 'second';
    throw new MathError(`correlation is undefined: the ${which} series is constant`);
  }
  return pearson(sxx, syy, S[1]!);
}
