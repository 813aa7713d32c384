/**
 * Descriptive statistics over numeric arrays: sum, mean, sample variance, standard deviation,
 * covariance and correlation. Sums use Neumaier's compensated summation; moments use the
 * corrected two-pass algorithm, so results stay accurate for series with a large mean and a
 * small spread (price levels, returns near zero). Sample moments divide by n − 1.
 */
import { MathError } from '../errors';

/**
 * Compensated sum (Neumaier's variant of Kahan summation).
 *
 * Σ x_i with a running correction term, error bound about 2ε·Σ|x_i| independent of n
 * (plain left-to-right summation: n·ε·Σ|x_i|). Reference: A. Neumaier, "Rundungsfehleranalyse
 * einiger Verfahren zur Summation endlicher Summen", ZAMM 54 (1974). Cost O(n).
 * The empty sum is 0. Non-finite inputs propagate (NaN, ±Infinity).
 *
 * @example sum([0.1, 0.2, 0.3]) === 0.6 (plain addition gives 0.6000000000000001)
 */
export function sum(x: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
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
  const m = sum(x) / n;
  if (!Number.isFinite(m)) return m;
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]! - m;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return m + (s + c) / n;
}

/**
 * Σ (x_i − x̄)(y_i − ȳ) by the corrected two-pass algorithm: the compensated sum of the products
 * of deviations minus (Σ dx_i)(Σ dy_i)/n, which removes the error left in the computed means
 * (Chan, Golub & LeVeque, "Algorithms for computing the sample variance", Am. Stat. 37, 1983).
 */
function centredCrossProduct(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  const mx = mean(x);
  const my = x === y ? mx : mean(y);
  let s = 0;
  let c = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sx += dx;
    sy += dy;
    const v = dx * dy;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c - (sx * sy) / n;
}

/**
 * Σdx², Σdy² and Σdx·dy of {@link centredCrossProduct} for a pair, in one pass over the data
 * after the two means: each accumulator sees the same terms in the same order, so the three
 * values are bit-identical to three separate calls.
 */
function centredMomentsOfPair(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): [number, number, number] {
  const n = x.length;
  const mx = mean(x);
  const my = x === y ? mx : mean(y);
  let sxxS = 0;
  let sxxC = 0;
  let syyS = 0;
  let syyC = 0;
  let sxyS = 0;
  let sxyC = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sx += dx;
    sy += dy;
    let v = dx * dx;
    let t = sxxS + v;
    sxxC += Math.abs(sxxS) >= Math.abs(v) ? sxxS - t + v : v - t + sxxS;
    sxxS = t;
    v = dy * dy;
    t = syyS + v;
    syyC += Math.abs(syyS) >= Math.abs(v) ? syyS - t + v : v - t + syyS;
    syyS = t;
    v = dx * dy;
    t = sxyS + v;
    sxyC += Math.abs(sxyS) >= Math.abs(v) ? sxyS - t + v : v - t + sxyS;
    sxyS = t;
  }
  return [sxxS + sxxC - (sx * sx) / n, syyS + syyC - (sy * sy) / n, sxyS + sxyC - (sx * sy) / n];
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
  return Math.max(0, centredCrossProduct(x, x)) / (x.length - 1);
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
  return centredCrossProduct(x, y) / (x.length - 1);
}

/**
 * Pearson correlation: Σ dx·dy / √(Σ dx² · Σ dy²) with deviations from the means (the n − 1
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
  const [sxx, syy, sxy] = centredMomentsOfPair(x, y);
  if (!Number.isFinite(sxx) || !Number.isFinite(syy)) {
    throw new MathError('correlation is undefined: a series has a non-finite value');
  }
  if (sxx <= 0 || syy <= 0) {
    const which = sxx <= 0 ? 'first' : 'second';
    throw new MathError(`correlation is undefined: the ${which} series is constant`);
  }
  const r = sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
  return Math.min(1, Math.max(-1, r));
}
