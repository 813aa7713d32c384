/**
 * The Newey–West heteroskedasticity- and autocorrelation-consistent (HAC) covariance of the
 * slopes of a least-squares fit:
 *
 *   V = C · Ω · C,   Ω = Γ_0 + Σ_{l=1..L} (1 − l/(L+1))·(Γ_l + Γ_l'),   Γ_l = Σ_t s_t·s_{t−l}',
 *
 * with the scores s_t = d_t·e_t (d_t the regressors centred on their means, raw x_t without an
 * intercept; e_t the residuals) and C the slopes' block of (X'X)⁻¹. As for HC3 (./hc3.ts), the
 * centred form gives exactly the slopes' block of the full sandwich (X'X)⁻¹X'ΩX(X'X)⁻¹ (the slope
 * rows of (X'X)⁻¹X' are C·d_t). Bartlett weights (positive semi-definite), no small-sample
 * correction: what statsmodels computes with `OLS(y, X).fit(cov_type='HAC', cov_kwds={'maxlags':
 * L})` (its defaults: Bartlett kernel, use_correction=False). Ω by the kernel of
 * src/core/kernels/bartlett.ts in O(n·p²).
 *
 * Reference: W. K. Newey, K. D. West, "A simple, positive semi-definite, heteroskedasticity and
 * autocorrelation consistent covariance matrix", Econometrica 55 (1987); the lag rule
 * ⌊4(n/100)^(2/9)⌋ is Newey & West's (Rev. Econ. Studies 61, 1994) plug-in form, as Stata and
 * statsmodels' examples use it.
 */
import { compensatedSum } from '../kernels/compensated';
import { bartlettScoreCovariance } from '../kernels/bartlett';
import { sandwich } from './hc3';

/**
 * The lag truncation ⌊4·(n/100)^(2/9)⌋ for n observations (0 below 1 observation): 3 at 80,
 * 5 at 500, 7 at 1,826, 30 at 1,000,000.
 */
export function neweyWestMaxlags(n: number): number {
  return n > 0 ? Math.floor(4 * Math.pow(n / 100, 2 / 9)) : 0;
}

/**
 * The HAC covariance of the slopes (p × p; see the module comment) of the fit of y on the
 * regressors over all their rows, from the fit's slopes and C (its slopes' block of (X'X)⁻¹).
 * `means`: of [x_1 … x_p, y] when the caller has them (a moments fit), else computed
 * (compensated). Cost O(n·p²) plus O(p³).
 * @throws RangeError when maxlags is not a whole number ≥ 0
 */
export function hacSlopeCovariance(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  intercept: boolean,
  slopes: readonly number[],
  cov: readonly (readonly number[])[],
  maxlags: number,
  means?: ArrayLike<number>,
): number[][] {
  const n = y.length;
  const m =
    means ?? [...regressors, y].map((c) => (intercept && n > 0 ? compensatedSum(c) / n : 0));
  const meat = bartlettScoreCovariance(y, regressors, 0, n, m, slopes, maxlags);
  return sandwich(cov, meat);
}
