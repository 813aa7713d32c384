/**
 * Tail probabilities of the t, F, normal and chi-square distributions, as p-values. Thin
 * wrappers over @stdlib special functions, arranged so that every upper tail is computed
 * directly (by symmetry, or as the complementary incomplete beta / gamma integral), never as
 * 1 − cdf, which loses all relative accuracy for small p-values (1 − cdf is 0 below about 1e-16).
 * Accuracy against R: within 2.2e-14 relative down to p ≈ 1e-89 (normal: 1.2e-13 at p ≈ 1e-197).
 */
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
// Installed as dependencies of @stdlib/stats-base-dists-{t,f}-cdf (regularized incomplete beta
// and gamma functions); used directly where the CDF wrappers would lose tail accuracy.
import betainc from '@stdlib/math-base-special-betainc';
import gammainc from '@stdlib/math-base-special-gammainc';

function requireDf(df: number, name: string): void {
  if (!(df > 0)) throw new RangeError(`${name} must be positive, got ${df}`);
}

function requireNumber(x: number, name: string): void {
  if (Number.isNaN(x)) throw new RangeError(`${name} is NaN`);
}

/**
 * Two-sided p-value of a t statistic: P(|T| ≥ |t|) for T ~ Student t with df degrees of freedom,
 * computed as 2·cdf(−|t|) (the lower tail, evaluated through the incomplete beta function without
 * cancellation). Returns 1 at t = 0 and 0 at t = ±Infinity. Cost O(1).
 *
 * @throws RangeError when t is NaN or df ≤ 0 (programming errors)
 * @example tTwoSidedPValue(2.228138851986273, 10) ≈ 0.05 (R: 2*pt(-2.228138851986273, 10))
 */
export function tTwoSidedPValue(t: number, df: number): number {
  requireNumber(t, 't');
  requireDf(df, 'degrees of freedom');
  if (!Number.isFinite(t)) return 0;
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

/**
 * Upper-tail p-value of an F statistic: P(F ≥ f) for F ~ F(df1, df2) = I_x(df2/2, df1/2) with
 * x = df2 / (df2 + df1·f), the regularized incomplete beta function. When x < ½ (the tail) it is
 * evaluated as that lower integral directly; otherwise as the upper integral in the complementary
 * argument df1·f / (df2 + df1·f). Both arguments are then computed without cancellation, so small
 * p-values keep full relative accuracy (stdlib's F cdf forms 1/(1 + tiny) in that case).
 * Returns 1 for f ≤ 0 and 0 at f = Infinity. Cost O(1).
 *
 * @throws RangeError when f is NaN or a df ≤ 0
 * @example fUpperPValue(4.964602743730711, 1, 10) ≈ 0.05 (R: pf(4.964602743730711, 1, 10, lower.tail = FALSE))
 */
export function fUpperPValue(f: number, df1: number, df2: number): number {
  requireNumber(f, 'F');
  requireDf(df1, 'numerator degrees of freedom');
  requireDf(df2, 'denominator degrees of freedom');
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  const d = df2 + df1 * f;
  const x = df2 / d;
  const p =
    x < 0.5
      ? betainc(x, df2 / 2, df1 / 2, true, false)
      : betainc((df1 * f) / d, df1 / 2, df2 / 2, true, true);
  return Math.min(1, p);
}

/**
 * Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|) = 2·Φ(−|z|), with Φ evaluated
 * through erfc (no cancellation in the tail). Cost O(1).
 *
 * @throws RangeError when z is NaN
 * @example normalTwoSidedPValue(1.959963984540054) ≈ 0.05 (R: 2*pnorm(-1.959963984540054))
 */
export function normalTwoSidedPValue(z: number): number {
  requireNumber(z, 'z');
  return Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
}

/**
 * Upper-tail p-value of a chi-square statistic: P(X ≥ x) for X ~ χ²(df), which is the
 * regularized upper incomplete gamma function Q(df/2, x/2), evaluated directly (not 1 − P).
 * Returns 1 for x ≤ 0 and 0 at x = Infinity. Cost O(1).
 *
 * @throws RangeError when x is NaN or df ≤ 0
 * @example chiSquareUpperPValue(3.841458820694124, 1) ≈ 0.05 (R: pchisq(3.841458820694124, 1, lower.tail = FALSE))
 */
export function chiSquareUpperPValue(x: number, df: number): number {
  requireNumber(x, 'chi-square statistic');
  requireDf(df, 'degrees of freedom');
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return Math.min(1, gammainc(x / 2, df / 2, true, true));
}
