/**
 * Tests for a break between the last `recent` observations and the rest: a Fisher z test of the
 * correlations and a Chow test of the regression slopes, each in a robust form (the default,
 * reported) and the textbook form (for comparison).
 *
 * Why robust forms: crypto returns have fat tails and volatility clustering. On simulated
 * markets with a constant relationship (GARCH(1,1)-t4, see bench/calibration.ts) the textbook
 * Fisher test (variance 1/(n−3)) rejects at a nominal 1% level in 6–34% of stable markets, because
 * a 30-observation correlation varies several times more than normal theory says (the robust
 * form: 1–3.5%); the textbook Chow F, which assumes one error variance for both parts, rejects
 * in 1–4.5% (the robust form: 0–1.5%). Calibration and references: docs/diagnostics.md.
 */
import { MathError } from '../../errors';
import { fUpperPValue, normalTwoSidedPValue, tTwoSidedPValue } from '../distributions';
import {
  downdateCoMoments,
  pairMoments,
  pearson,
  plainCoMoments2,
  type CoMoments,
} from '../kernels/comoments';
import type { ShiftedSums } from '../kernels/shifted-sums';
import { solveSymmetric } from '../linalg';
import { olsFit } from '../regression/ols';
import { partFit, type PartFit } from '../regression/part-fit';
import { fisherWindowSums, rollingCorrelation } from './rolling';

/** Result of {@link fisherZBreak}. */
export interface FisherBreak {
  /** Correlation over the first nBefore observations. */
  rBefore: number;
  /** Correlation over the last nRecent observations. */
  rRecent: number;
  /**
   * Typical correlation of a nRecent-observation window before the split: tanh of the mean Fisher
   * z of every such window inside the first nBefore observations. The robust test compares
   * rRecent with this.
   */
  rTypical: number;
  /**
   * Robust statistic (z̄ − z_r) / (s·√(1 + nRecent/nBefore)), z_r = atanh(rRecent), z̄ and s the
   * mean and standard deviation (n − 1) of the Fisher z of every nRecent-window before the split.
   * Positive when the recent correlation is lower. Student t with `df` degrees of freedom.
   */
  z: number;
  /** Degrees of freedom of z: nBefore/nRecent − 1 (non-overlapping windows of history − 1). */
  df: number;
  /** Two-sided p-value of z (Student t, df). */
  pValue: number;
  /** s: standard deviation of the windows' Fisher z before the split (subsampling estimate). */
  windowStdDev: number;
  nBefore: number;
  nRecent: number;
  /**
   * Textbook statistic (atanh rBefore − atanh rRecent) / √(1/(nBefore−3) + 1/(nRecent−3));
   * NaN when |rBefore| = 1. For comparison only.
   */
  zClassic: number;
  /** Two-sided normal p-value of zClassic (NaN with it). */
  pValueClassic: number;
}

/** Pearson correlation of y and x over [a, b) (plain two-pass), NaN when a series is constant there. */
function correlationOf(y: ArrayLike<number>, x: ArrayLike<number>, a: number, b: number): number {
  const m = plainCoMoments2(y, x, a, b, pairMoments());
  return m.constantX || m.constantY ? NaN : pearson(m.sxx, m.syy, m.sxy);
}

/** Values [a, b) of v: a view when v is a Float64Array, else a copy. */
function viewOf(v: ArrayLike<number>, a: number, b: number): ArrayLike<number> {
  if (v instanceof Float64Array) return v.subarray(a, b);
  const out = new Float64Array(b - a);
  for (let i = a; i < b; i++) out[i - a] = v[i]!;
  return out;
}

function checkSplit(n: number, lengths: readonly number[], recent: number): void {
  lengths.forEach((len) => {
    if (len !== n) throw new RangeError(`series lengths differ (${n} and ${len})`);
  });
  if (!Number.isInteger(recent) || recent < 1) {
    throw new MathError(
      `the recent part must be a positive whole number of observations, got ${recent}`,
    );
  }
}

/**
 * Fisher z test of a correlation break between the last `recent` observations and the rest.
 *
 * Robust statistic (reported): the recent window's Fisher z, z_r = atanh(r_recent), is compared
 * with the Fisher z of every window of the same length inside the earlier part (n_b − w + 1
 * overlapping windows, w = recent): t = (z̄ − z_r) / (s·√(1 + w/n_b)), with z̄ and s their mean and
 * standard deviation (n − 1). The sampling variance of a w-window correlation is thereby measured
 * on the series itself — fat tails, volatility clustering and the drift of the correlation that
 * moving volatilities cause are all in it — instead of assumed (1/(w−3) holds only for iid normal
 * data). This is Carlstein's subseries variance estimator (Ann. Statist. 14, 1986) with
 * overlapping batches (Meketon & Schmeiser, Proc. Winter Simulation Conf. 1984); the √(1 + w/n_b)
 * factor adds the error of z̄. p-value from Student t with n_b/w − 1 df, the number of
 * non-overlapping windows of history minus one (a conservative count: overlapping windows are
 * dependent). Windows whose correlation is undefined (a constant series) or ±1 are skipped.
 *
 * Textbook statistic (zClassic): (atanh r_b − atanh r_r) / √(1/(n_b−3) + 1/(n_r−3)), normal
 * (Fisher 1921); valid for iid bivariate normal data only.
 *
 * Cost O(n) (rolling correlation by sliding moments). `windowSums`, when given, is
 * fisherWindowSums of the first n − 2·recent + 1 values of rollingCorrelation(y, x, recent),
 * which the caller has from rollingStatistics: they are used instead of recomputed.
 * @returns null when either part is too short (recent < 4, or fewer than 2·recent earlier
 *   observations, so fewer than two windows of history), a correlation is undefined (a constant
 *   series in a part), |r_recent| = 1, or fewer than 2 usable history windows
 * @throws RangeError when lengths differ
 * @throws MathError when recent is not a positive integer
 */
export function fisherZBreak(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  recent: number,
  windowSums?: ShiftedSums,
): FisherBreak | null {
  const n = y.length;
  checkSplit(n, [x.length], recent);
  const nRecent = recent;
  const nBefore = n - recent;
  if (nRecent < 4 || nBefore < 2 * nRecent) return null;
  const rBefore = correlationOf(y, x, 0, nBefore);
  const rRecent = correlationOf(y, x, nBefore, n);
  // |r| within rounding of 1: the recent relationship is exact and z is infinite.
  if (!Number.isFinite(rBefore) || !Number.isFinite(rRecent) || Math.abs(rRecent) > 1 - 1e-14) {
    return null;
  }
  // The windows inside the first nBefore observations are the first nBefore − w + 1 values of the
  // rolling correlation of the whole series (same anchors for the exact recomputation). Their
  // Fisher z's, z = atanh r, as one-pass shifted sums (rolling.ts fisherWindowSums): mean =
  // K + Σd/c, Σ(z − z̄)² = Σd² − (Σd)²/c, d = z − K, Σd compensated (the statistic is a
  // difference of z̄ and z_r).
  const sums =
    windowSums ??
    fisherWindowSums(rollingCorrelation(viewOf(y, 0, nBefore), viewOf(x, 0, nBefore), nRecent));
  const count = sums.count;
  if (count < 2) return null;
  const mean = sums.shift + sums.sum / count;
  const m2 = sums.sum2 - (sums.sum * sums.sum) / count;
  if (!(m2 > 0)) return null;
  const sd = Math.sqrt(m2 / (count - 1));
  const zRecent = Math.atanh(rRecent);
  const z = (mean - zRecent) / (sd * Math.sqrt(1 + nRecent / nBefore));
  const df = nBefore / nRecent - 1;
  const zb = Math.atanh(rBefore);
  const zClassic = Number.isFinite(zb)
    ? (zb - zRecent) / Math.sqrt(1 / (nBefore - 3) + 1 / (nRecent - 3))
    : NaN;
  return {
    rBefore,
    rRecent,
    rTypical: Math.tanh(mean),
    z,
    df,
    pValue: tTwoSidedPValue(z, df),
    windowStdDev: sd,
    nBefore,
    nRecent,
    zClassic,
    // computed on first read: the report shows only the robust test
    get pValueClassic(): number {
      return Number.isFinite(zClassic) ? normalTwoSidedPValue(zClassic) : NaN;
    },
  };
}

/** Heteroskedasticity-robust Wald comparison of the slopes of two independent parts. */
export interface SlopeComparison {
  /** W/k with W = (b_A − b_B)'(V_A + V_B)⁻¹(b_A − b_B), V the HC3 covariances. */
  f: number;
  /** Upper tail of F(df1, df2). */
  pValue: number;
  /** k, the number of slopes compared. */
  df1: number;
  /** Residual degrees of freedom of the smaller part, n_min − p (conservative). */
  df2: number;
  slopesA: number[];
  slopesB: number[];
  partA: PartFit;
  partB: PartFit;
}

/**
 * Reorders the pairs (y_t, x_t) of [from, to) in place so that those with x < 0 come first
 * (Hoare's partition: one pass, swaps from both ends; the order inside each part is not time
 * order, which the fits of a part do not depend on). Returns the end of the x < 0 part.
 */
function partitionBySign(y: Float64Array, x: Float64Array, from: number, to: number): number {
  let i = from;
  let j = to - 1;
  for (;;) {
    while (i <= j && x[i]! < 0) i++;
    while (i <= j && !(x[j]! < 0)) j--;
    if (i >= j) return i;
    const xi = x[i]!;
    x[i] = x[j]!;
    x[j] = xi;
    const yi = y[i]!;
    y[i] = y[j]!;
    y[j] = yi;
    i++;
    j--;
  }
}

/**
 * The robust comparison of the slopes of y on one regressor x over the rows with x < 0 (part A)
 * against those with x ≥ 0 (part B): the pairs are partitioned by sign (partitionBySign, which
 * reorders them: the fits of a part do not depend on row order) in `y` and `x` themselves, which
 * the caller gives as copies it no longer needs in time order.
 * @returns null when a part cannot be fitted or V_A + V_B is singular
 */
export function compareSignParts(
  y: Float64Array,
  x: Float64Array,
  intercept: boolean,
): SlopeComparison | null {
  const split = partitionBySign(y, x, 0, y.length);
  const a = partFit(y, [x], { from: 0, to: split }, intercept);
  const b = partFit(y, [x], { from: split, to: y.length }, intercept);
  return compareParts(a, b, 1);
}

/**
 * Robust Wald test that two parts of a sample (e.g. before and after a date, or days the hedge
 * fell and rose) have the same slopes, each part with its own intercept and its own error
 * variance: W = d'(V_A + V_B)⁻¹d, d = b_A − b_B, V the HC3 covariances, reported as F = W/k on
 * (k, n_min − p) df. Because the variances are estimated separately, unequal error variances in
 * the two parts (the Behrens–Fisher problem of the Chow test; Toyoda, Econometrica 42, 1974) and
 * heteroskedasticity within them do not inflate the test. Cost O(k³) after the fits.
 * @returns null when a part is null or V_A + V_B is singular
 */
export function compareParts(
  a: PartFit | null,
  b: PartFit | null,
  k: number,
): SlopeComparison | null {
  if (a === null || b === null) return null;
  const d = a.slopes.map((v, j) => v - b.slopes[j]!);
  const v = a.slopeCovariance.map((row, i) => row.map((c, j) => c + b.slopeCovariance[i]![j]!));
  let w: number;
  try {
    const sol = solveSymmetric(v, d);
    w = d.reduce((acc, dj, j) => acc + dj * sol[j]!, 0);
  } catch (e) {
    if (e instanceof MathError) return null;
    throw e;
  }
  const f = w / k;
  const df2 = Math.min(a.n, b.n) - a.p;
  if (!Number.isFinite(f) || df2 < 1) return null;
  return {
    f,
    pValue: fUpperPValue(f, k, df2),
    df1: k,
    df2,
    slopesA: a.slopes,
    slopesB: b.slopes,
    partA: a,
    partB: b,
  };
}

/** Result of {@link chowBreak}. */
export interface ChowBreak {
  /** Robust F: heteroskedasticity-robust Wald statistic of equal slopes / number of slopes. */
  f: number;
  /** Upper tail of F(df1, df2). */
  pValue: number;
  /** Number of slopes tested (hedges). */
  df1: number;
  /** Residual degrees of freedom of the smaller part, min(nBefore, nRecent) − p. */
  df2: number;
  /** Slopes (no intercept) fitted on the first nBefore observations. */
  betaBefore: number[];
  /** Slopes fitted on the last nRecent observations. */
  betaRecent: number[];
  nBefore: number;
  nRecent: number;
  /** Textbook Chow F over all p coefficients (intercept included), one common error variance. */
  fClassic: number;
  /** Upper tail of F(p, n − 2p) for fClassic. */
  pValueClassic: number;
}

/**
 * Chow test of a break in the hedge slopes between the last `recent` observations and the rest.
 *
 * Robust statistic (reported as f): separate OLS fits of the two parts, each with its own
 * intercept (when intercept is on) and error variance; W = d'(V_b + V_r)⁻¹d for the slope
 * difference d with HC3 covariances, F = W/k on (k, min(n_b, n_r) − p) df (see {@link compareParts}).
 * Only the slopes are tested: a change in the mean return (intercept) is not a change of hedge
 * ratio. On simulated GARCH-t markets with constant slopes it rejects in 0–1.5% at a nominal
 * 1% (bench/calibration.ts).
 *
 * Textbook statistic (fClassic): Chow (Econometrica 28, 1960),
 * F = ((SSR − SSR_b − SSR_r)/p) / ((SSR_b + SSR_r)/(n − 2p)) on (p, n − 2p), all p coefficients,
 * one common error variance; as statsmodels/R compute it from three OLS fits.
 *
 * Cost O(n·k² + k³). `fullSsr`, when given, is the SSR of olsFit(y, regressors, intercept) that
 * the caller already has (for fClassic); otherwise the full sample is fitted once more.
 * `fullMoments`, when given, are that fit's co-moments (OlsFit.moments): the earlier part's are
 * then the full sample's less the recent part's (downdateCoMoments), and only its residual pass
 * runs over the data.
 * @returns null when a part has no more observations than coefficients, a part's design is
 *   degenerate (a constant hedge), a leverage is 1, or the covariance is singular
 * @throws RangeError when lengths differ
 * @throws MathError when recent is not a positive integer or no regressor is given
 */
export function chowBreak(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  recent: number,
  intercept: boolean,
  fullSsr?: number,
  fullMoments?: CoMoments,
): ChowBreak | null {
  const n = y.length;
  if (regressors.length === 0) throw new MathError('the Chow test needs at least one regressor');
  checkSplit(
    n,
    regressors.map((x) => x.length),
    recent,
  );
  const nBefore = n - recent;
  const p = regressors.length + (intercept ? 1 : 0);
  if (recent <= p + 1 || nBefore <= p + 1) return null;
  const momentsBefore =
    fullMoments && downdateCoMoments(fullMoments, [...regressors, y], nBefore, n, intercept);
  const before = partFit(y, regressors, { from: 0, to: nBefore }, intercept, momentsBefore);
  const cmp =
    before === null
      ? null
      : compareParts(
          before,
          partFit(y, regressors, { from: nBefore, to: n }, intercept),
          regressors.length,
        );
  if (cmp === null) return null;
  let ssrFull: number;
  if (fullSsr !== undefined) {
    ssrFull = fullSsr;
  } else {
    try {
      ssrFull = olsFit(y, regressors, intercept).ssr;
    } catch (e) {
      if (e instanceof MathError) return null;
      throw e;
    }
  }
  const ssrParts = cmp.partA.ssr + cmp.partB.ssr;
  const dfClassic = n - 2 * p;
  const fClassic =
    ssrParts > 0 ? Math.max(0, (ssrFull - ssrParts) / p / (ssrParts / dfClassic)) : Infinity;
  return {
    f: cmp.f,
    pValue: cmp.pValue,
    df1: cmp.df1,
    df2: cmp.df2,
    betaBefore: cmp.slopesA,
    betaRecent: cmp.slopesB,
    nBefore,
    nRecent: recent,
    fClassic,
    // computed on first read: the report shows only the robust test
    get pValueClassic(): number {
      return fUpperPValue(fClassic, p, dfClassic);
    },
  };
}
