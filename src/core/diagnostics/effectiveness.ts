/**
 * Hedge effectiveness (Ederington): the share of the position's variance a hedge removes, in
 * sample at the recommended ratios and out of sample over an estimator's walk-forward.
 * Reference: L. H. Ederington, "The hedging performance of the new futures markets",
 * J. Finance 34(1), 1979.
 */
import { MathError } from '../../errors';
import type { WalkForward } from '../estimators/types';
import { variance } from '../stats';

/**
 * Returns of the hedged position e_t = y_t − Σ_j h_j·x_j,t (a long position in y, short h_j of
 * each hedge), written to `into` (length n, a caller's buffer) or a new array. Cost O(n·k).
 * @throws MathError when no hedge is given or the number of ratios differs from the hedges'
 * @throws RangeError when lengths differ
 */
export function hedgedReturns(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  ratios: readonly number[],
  into?: Float64Array,
): Float64Array {
  if (regressors.length === 0) throw new MathError('effectiveness needs at least one hedge');
  regressors.forEach((x, j) => {
    if (x.length !== y.length) {
      throw new RangeError(`hedge ${j + 1} has ${x.length} values, the position has ${y.length}`);
    }
  });
  if (ratios.length !== regressors.length) {
    throw new MathError(`${regressors.length} hedges but ${ratios.length} hedge ratios`);
  }
  const e = into?.subarray(0, y.length) ?? new Float64Array(y.length);
  for (let t = 0; t < e.length; t++) e[t] = y[t]!;
  regressors.forEach((x, j) => {
    const h = ratios[j]!;
    for (let t = 0; t < e.length; t++) e[t] = e[t]! - h * x[t]!;
  });
  return e;
}

/**
 * In-sample hedge effectiveness: 1 − Var(y − Σ_j h_j·x_j) / Var(y), both variances with n − 1
 * (the factor cancels). With OLS ratios and an intercept it equals R². Negative when the hedge
 * adds variance. `buffer` (length n) receives the hedged returns. Cost O(n·k).
 * @throws MathError when fewer than 2 observations, y is constant, or ratios and hedges differ in number
 * @throws RangeError when lengths differ
 * @example inSampleEffectiveness([1, 2, 3, 5], [[1, 2, 3, 4]], [1]) → 1 − 0.25/2.9166… = 0.9142857142857143
 */
export function inSampleEffectiveness(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  ratios: readonly number[],
  buffer?: Float64Array,
): number {
  const vy = variance(y);
  if (!(vy > 0))
    throw new MathError('effectiveness is undefined: the position returns are constant');
  return 1 - variance(hedgedReturns(y, regressors, ratios, buffer)) / vy;
}

/**
 * Out-of-sample hedge effectiveness of a walk-forward: 1 − Var(e_t) / Var(y_t) over
 * t = start … n − 1, both with n − 1 (the factor cancels). Negative when the hedge added
 * variance out of sample. Cost O(n).
 * @returns null when the walk-forward is null or y is constant over the tested returns
 */
export function outOfSampleEffectiveness(
  y: ArrayLike<number>,
  wf: WalkForward | null,
): number | null {
  if (wf === null) return null;
  let tested: ArrayLike<number>;
  if (y instanceof Float64Array) {
    tested = y.subarray(wf.start);
  } else {
    const copy = new Float64Array(y.length - wf.start);
    for (let t = wf.start; t < y.length; t++) copy[t - wf.start] = y[t]!;
    tested = copy;
  }
  const vy = variance(tested);
  if (!(vy > 0)) return null;
  return 1 - variance(wf.errors) / vy;
}
