/**
 * Dimson betas: the hedge betas of a regression on each hedge's current and lagged returns.
 *
 * When the position's price is marked later than its hedges' (a thinly traded token, a venue
 * that closes at another hour), part of its response to a hedge's return t shows in its return
 * t + 1, and the slope on the current return alone understates the beta, by up to half
 * (M. Scholes & J. Williams, "Estimating betas from nonsynchronous data", J. Financial Economics
 * 5(3), 1977). E. Dimson ("Risk measurement when shares are subject to infrequent trading",
 * JFE 7(2), 1979) regresses on the current and L lagged returns and sums the slopes.
 */
import { fUpperPValue, tTwoSidedPValue } from '../distributions';
import { MathError } from '../../errors';
import { solveSymmetric } from '../linalg';
import type { OlsFit } from './ols';

/** One hedge's Dimson beta. */
export interface DimsonBeta {
  /** β = Σ_l b_l. */
  readonly beta: number;
  /** √(s²·Σ_l Σ_l' C_ll'), C = (X'X)⁻¹ over the hedge's slopes. */
  readonly stdError: number;
  /** beta/stdError (±Infinity for an exact fit with β ≠ 0, 0 when β = 0). */
  readonly tStat: number;
  /** Two-sided, Student t with the fit's residual degrees of freedom. */
  readonly pValue: number;
  /** The slopes b_0 (current return), b_1, …, b_L. */
  readonly lagBetas: readonly number[];
}

/** The robust test that every lagged slope (l ≥ 1, every hedge) is 0. */
export interface LaggedSlopesTest {
  /** F = W/(k·L), W = b'V⁻¹b with V the slopes' HC3 covariance. */
  readonly f: number;
  readonly df1: number;
  readonly df2: number;
  readonly pValue: number;
}

/**
 * The Dimson betas of a fit of y on the columns x_j,t−l (j = 1 … k hedges, l = 0 … L lags) in
 * lag-major order, column l·k + j (all hedges' current returns, then their returns one step
 * back, …): for each hedge β_j = Σ_l b_{l,j} with the standard error of the sum from the fit's
 * classical covariance s²(X'X)⁻¹ (Var Σ_l b_l = s²·1'C_j1, C_j the hedge's block of (X'X)⁻¹),
 * t and two-sided p with the fit's n − p degrees of freedom. Cost O(k·L²).
 * @throws RangeError when the fit's slopes are not k·(L + 1)
 * @example a fit of y = 0.5·x_t + 0.5·x_{t−1} on (x_t, x_{t−1}): β = 1, lagBetas [0.5, 0.5]
 */
export function dimsonBetas(fit: OlsFit, hedges: number, lags: number): DimsonBeta[] {
  const off = fit.intercept ? 1 : 0;
  if (fit.k - off !== hedges * (lags + 1)) {
    throw new RangeError(
      `a fit with ${fit.k - off} slopes is not ${hedges} hedges × ${lags + 1} lags`,
    );
  }
  const s2 = fit.residualStdDev * fit.residualStdDev;
  const c = fit.unscaledCovariance;
  return Array.from({ length: hedges }, (_, j) => {
    const index = (l: number) => off + l * hedges + j;
    const lagBetas = Array.from({ length: lags + 1 }, (_, l) => fit.coefficients[index(l)]!);
    const beta = lagBetas.reduce((s, b) => s + b, 0);
    let v = 0;
    for (let a = 0; a <= lags; a++) {
      for (let b = 0; b <= lags; b++) v += c[index(a) * fit.k + index(b)]!;
    }
    const stdError = Math.sqrt(Math.max(0, s2 * v));
    const tStat = stdError > 0 ? beta / stdError : beta === 0 ? 0 : Math.sign(beta) * Infinity;
    return { beta, stdError, tStat, pValue: tTwoSidedPValue(tStat, fit.dfResidual), lagBetas };
  });
}

/**
 * Whether the lagged slopes matter: the Wald test of b_{l,j} = 0 for every l ≥ 1 and hedge j,
 * W = b'V⁻¹b with V the HC3 covariance of those slopes (returns are heteroskedastic; MacKinnon &
 * White, J. Econometrics 29, 1985), F = W/(k·L) on (k·L, n − p) degrees of freedom, as
 * statsmodels' `fit(cov_type='HC3').wald_test(…, use_f=True)`. Cost O((k·L)³) besides the HC3
 * covariance (one pass over the residuals, cached on the fit).
 * @returns null without lags, when a leverage is 1 (no HC3) or V is singular
 */
export function laggedSlopesTest(
  fit: OlsFit,
  hedges: number,
  lags: number,
): LaggedSlopesTest | null {
  if (lags === 0 || fit.dfResidual <= 0) return null;
  const hc3 = fit.hc3();
  if (hc3 === null) return null;
  const off = fit.intercept ? 1 : 0;
  const lagged = Array.from({ length: hedges * lags }, (_, i) => hedges + i);
  const b = lagged.map((i) => fit.coefficients[off + i]!);
  const v = lagged.map((i) => lagged.map((j) => hc3[i]![j]!));
  let w: number;
  try {
    const x = solveSymmetric(v, b);
    w = b.reduce((s, bi, i) => s + bi * x[i]!, 0);
  } catch (e) {
    if (e instanceof MathError) return null;
    throw e;
  }
  const df1 = hedges * lags;
  const f = w / df1;
  if (!Number.isFinite(f)) return null;
  return { f, df1, df2: fit.dfResidual, pValue: fUpperPValue(f, df1, fit.dfResidual) };
}
