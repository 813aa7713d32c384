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
import { MathError } from '../errors';
import { fUpperPValue, normalTwoSidedPValue, tTwoSidedPValue } from './distributions';
import { solveSymmetric } from './linalg';
import { olsFit, type FitMoments } from './ols';
import { fastPartFit1, fastPartFit2, fastPartFitFromMoments, momentsWithout } from './part-fit';
import { scratch } from './scratch';
import { fisherWindowSums, rollingCorrelation, type ShiftedSums } from './rolling';

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

/** Pearson correlation of y and x over [a, b), or NaN when a series is exactly constant there. */
function correlationOf(y: ArrayLike<number>, x: ArrayLike<number>, a: number, b: number): number {
  const m = b - a;
  let mx = 0;
  let my = 0;
  let xConstant = true;
  let yConstant = true;
  for (let i = a; i < b; i++) {
    mx += x[i]!;
    my += y[i]!;
    if (x[i] !== x[a]) xConstant = false;
    if (y[i] !== y[a]) yConstant = false;
  }
  if (xConstant || yConstant) return NaN;
  mx /= m;
  my /= m;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = a; i < b; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (!(sxx > 0) || !(syy > 0)) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
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
    fisherWindowSums(rollingCorrelation(part(y, 0, nBefore), part(x, 0, nBefore), nRecent));
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

function slice(v: ArrayLike<number>, a: number, b: number): Float64Array {
  const out = new Float64Array(b - a);
  for (let i = a; i < b; i++) out[i - a] = v[i]!;
  return out;
}

/** Least-squares fit of one part with its slopes' HC3 covariance. */
export interface PartFit {
  n: number;
  /** Coefficients per part: k slopes plus the intercept when there is one. */
  p: number;
  /** Slopes only, in regressor order. */
  slopes: number[];
  /** HC3 covariance of the slopes, k×k. */
  slopeCovariance: number[][];
  ssr: number;
}

/**
 * OLS of y on the regressors over the observations `index`, and the heteroskedasticity-
 * consistent HC3 covariance of the slopes: (X'X)⁻¹ X' diag(e_t²/(1 − h_t)²) X (X'X)⁻¹ restricted
 * to the slopes, computed with regressors centred on the part's means (the slope block of the
 * sandwich is the same and the leverage h_t = 1/n + d_t'C⁻¹d_t has no cancellation).
 * Reference: MacKinnon & White, J. Econometrics 29 (1985); Long & Ervin, Am. Stat. 54 (2000)
 * recommend HC3 below 250 observations. Cost O(n·k²).
 * @returns null when the part cannot be fitted (n ≤ p, a degenerate regressor) or a leverage is 1
 */
export function partFitHc3(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  index: ArrayLike<number>,
  intercept: boolean,
): PartFit | null {
  const k = regressors.length;
  const n = index.length;
  const p = k + (intercept ? 1 : 0);
  if (n <= p) return null;
  const yp = new Float64Array(n);
  const xp = regressors.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const t = index[i]!;
    yp[i] = y[t]!;
    for (let j = 0; j < k; j++) xp[j]![i] = regressors[j]![t]!;
  }
  return hc3Fit(yp, xp, intercept);
}

/** {@link partFitHc3} of all the observations given (the part already extracted). */
function hc3Fit(
  yp: ArrayLike<number>,
  xp: readonly ArrayLike<number>[],
  intercept: boolean,
): PartFit | null {
  const k = xp.length;
  const n = yp.length;
  const p = k + (intercept ? 1 : 0);
  if (n <= p) return null;
  let fit;
  try {
    fit = olsFit(yp, xp, intercept);
  } catch (e) {
    if (e instanceof MathError) return null;
    throw e;
  }
  const o = intercept ? 1 : 0;
  const s: number[][] = [];
  const sFlat = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    const row: number[] = [];
    for (let b = 0; b < k; b++) {
      const v = fit.unscaledCovariance[(a + o) * p + (b + o)]!;
      row.push(v);
      sFlat[a * k + b] = v;
    }
    s.push(row);
  }
  const means = new Float64Array(k);
  if (intercept) {
    for (let j = 0; j < k; j++) {
      const x = xp[j]!;
      let acc = 0;
      for (let i = 0; i < n; i++) acc += x[i]!;
      means[j] = acc / n;
    }
  }
  const residuals = fit.residuals;
  const meatFlat = new Float64Array(k * k);
  const d = new Float64Array(k);
  const h0 = intercept ? 1 / n : 0;
  // k = 1 and 2 (every single-hedge row, the portfolio, and two hedges): the loop below with its
  // inner loops unrolled into locals, the same operations in the same order (same doubles).
  if (k === 1 && !meat1(xp[0]!, means[0]!, sFlat[0]!, residuals, h0, meatFlat)) return null;
  if (k === 2 && !meat2(xp[0]!, xp[1]!, means, sFlat, residuals, h0, meatFlat)) return null;
  for (let i = 0; k > 2 && i < n; i++) {
    for (let j = 0; j < k; j++) d[j] = xp[j]![i]! - means[j]!;
    let h = h0;
    for (let a = 0; a < k; a++) {
      let sa = 0;
      for (let b = 0; b < k; b++) sa += sFlat[a * k + b]! * d[b]!;
      h += d[a]! * sa;
    }
    if (!(h < 1 - 1e-12)) return null;
    const e = residuals[i]!;
    const w = (e * e) / ((1 - h) * (1 - h));
    for (let a = 0; a < k; a++) {
      const wa = w * d[a]!;
      for (let b = 0; b < k; b++) meatFlat[a * k + b] = meatFlat[a * k + b]! + wa * d[b]!;
    }
  }
  const meat: number[][] = [];
  for (let a = 0; a < k; a++) meat.push(Array.from(meatFlat.subarray(a * k, a * k + k)));
  const cov = multiply(multiply(s, meat), s);
  return {
    n,
    p,
    slopes: Array.from(fit.coefficients.subarray(o)),
    slopeCovariance: cov,
    ssr: fit.ssr,
  };
}

/** The HC3 meat of {@link hc3Fit} for one regressor, added to `meat`; false when a leverage is 1. */
function meat1(
  x: ArrayLike<number>,
  mean: number,
  s00: number,
  residuals: Float64Array,
  h0: number,
  meat: Float64Array,
): boolean {
  let m00 = meat[0]!;
  for (let i = 0; i < residuals.length; i++) {
    const d0 = x[i]! - mean;
    const sa = 0 + s00 * d0;
    const h = h0 + d0 * sa;
    if (!(h < 1 - 1e-12)) return false;
    const e = residuals[i]!;
    const w = (e * e) / ((1 - h) * (1 - h));
    const wa = w * d0;
    m00 = m00 + wa * d0;
  }
  meat[0] = m00;
  return true;
}

/** The HC3 meat of {@link hc3Fit} for two regressors, added to `meat`; false when a leverage is 1. */
function meat2(
  x0: ArrayLike<number>,
  x1: ArrayLike<number>,
  means: Float64Array,
  s: Float64Array,
  residuals: Float64Array,
  h0: number,
  meat: Float64Array,
): boolean {
  const mu0 = means[0]!;
  const mu1 = means[1]!;
  const s00 = s[0]!;
  const s01 = s[1]!;
  const s10 = s[2]!;
  const s11 = s[3]!;
  let m00 = meat[0]!;
  let m01 = meat[1]!;
  let m10 = meat[2]!;
  let m11 = meat[3]!;
  for (let i = 0; i < residuals.length; i++) {
    const d0 = x0[i]! - mu0;
    const d1 = x1[i]! - mu1;
    let h = h0;
    let sa = 0 + s00 * d0;
    sa += s01 * d1;
    h += d0 * sa;
    sa = 0 + s10 * d0;
    sa += s11 * d1;
    h += d1 * sa;
    if (!(h < 1 - 1e-12)) return false;
    const e = residuals[i]!;
    const w = (e * e) / ((1 - h) * (1 - h));
    const wa0 = w * d0;
    m00 = m00 + wa0 * d0;
    m01 = m01 + wa0 * d1;
    const wa1 = w * d1;
    m10 = m10 + wa1 * d0;
    m11 = m11 + wa1 * d1;
  }
  meat[0] = m00;
  meat[1] = m01;
  meat[2] = m10;
  meat[3] = m11;
  return true;
}

function multiply(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
): number[][] {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((acc, v, c) => acc + v * b[c]![j]!, 0)));
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
 * Robust Wald test that two parts of a sample (e.g. before and after a date, or days the hedge
 * fell and rose) have the same slopes, each part with its own intercept and its own error
 * variance: W = d'(V_A + V_B)⁻¹d, d = b_A − b_B, V the HC3 covariances, reported as F = W/k on
 * (k, n_min − p) df. Because the variances are estimated separately, unequal error variances in
 * the two parts (the Behrens–Fisher problem of the Chow test; Toyoda, Econometrica 42, 1974) and
 * heteroskedasticity within them do not inflate the test. Cost O(n·k² + k³).
 * @returns null when a part cannot be fitted or V_A + V_B is singular
 */
export function compareSlopes(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  indexA: ArrayLike<number>,
  indexB: ArrayLike<number>,
  intercept: boolean,
): SlopeComparison | null {
  const a = partFitHc3(y, regressors, indexA, intercept);
  const b = partFitHc3(y, regressors, indexB, intercept);
  return compareParts(a, b, regressors.length);
}

/** The observations [from, to) of a part. */
export interface PartRange {
  readonly from: number;
  readonly to: number;
}

/**
 * {@link partFitHc3} of the observations of `range`: the compensated three-pass fit of
 * src/core/part-fit.ts when it accepts the part (1 regressor, or 2 over a whole range; a
 * well-conditioned design, see there), at any size; else the fit of the part's values by olsFit
 * (double-double) with HC3 from its residuals. The two agree to ~1e-15 relative where both apply
 * (test/core/large-n.test.ts); the fast one has no n-length allocation and, on a cold start, runs
 * in about two thirds of the time of the exact one on a few years of daily returns.
 */
function partFitOfRange(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  range: PartRange,
  intercept: boolean,
): PartFit | null {
  const { from, to } = range;
  const k = regressors.length;
  const fast =
    k === 1
      ? fastPartFit1(y, regressors[0]!, from, to, intercept)
      : k === 2
        ? fastPartFit2(y, regressors[0]!, regressors[1]!, from, to, intercept)
        : undefined;
  if (fast !== undefined) return fast;
  return hc3Fit(
    part(y, from, to),
    regressors.map((x) => part(x, from, to)),
    intercept,
  );
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
 * Both sign selections of [from, to) for one regressor (the downside-beta split), each fitted as
 * partFitOfRange fits a range: the pairs are partitioned by sign (partitionBySign) in place when
 * `reorder` allows it (the caller's y and x are then reordered), else in copies in this thread's
 * reusable buffers — the same arrangement, so the same numbers.
 * @returns [negative part, non-negative part]
 */
function signSplitFits1(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  from: number,
  to: number,
  intercept: boolean,
  reorder: boolean,
): [PartFit | null, PartFit | null] {
  let yp: Float64Array;
  let xp: Float64Array;
  let a = from;
  let b = to;
  if (reorder && y instanceof Float64Array && x instanceof Float64Array) {
    yp = y;
    xp = x;
  } else {
    const m = to - from;
    yp = scratch('work1', m);
    xp = scratch('work2', m);
    for (let t = from; t < to; t++) {
      yp[t - from] = y[t]!;
      xp[t - from] = x[t]!;
    }
    a = 0;
    b = m;
  }
  const split = partitionBySign(yp, xp, a, b);
  return [
    partFitOfRange(yp, [xp], { from: a, to: split }, intercept),
    partFitOfRange(yp, [xp], { from: split, to: b }, intercept),
  ];
}

/**
 * {@link compareSlopes} of two parts given as ranges of the series: no index arrays on the fast
 * path.
 * @returns null when a part cannot be fitted or V_A + V_B is singular
 */
export function compareSlopesOfRanges(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  rangeA: PartRange,
  rangeB: PartRange,
  intercept: boolean,
): SlopeComparison | null {
  const a = partFitOfRange(y, regressors, rangeA, intercept);
  if (a === null) return null;
  const b = partFitOfRange(y, regressors, rangeB, intercept);
  return compareParts(a, b, regressors.length);
}

/**
 * {@link compareSlopes} of the observations of y on one regressor x with x < 0 (part A) against
 * those with x ≥ 0 (part B), the pairs partitioned by sign first (signSplitFits1: in copies, or
 * with `reorder` in the caller's own Float64Arrays, which are then reordered).
 * @returns null when a part cannot be fitted or V_A + V_B is singular
 */
export function compareSignParts(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  intercept: boolean,
  reorder = false,
): SlopeComparison | null {
  const [a, b] = signSplitFits1(y, x, 0, y.length, intercept, reorder);
  return compareParts(a, b, 1);
}

function compareParts(a: PartFit | null, b: PartFit | null, k: number): SlopeComparison | null {
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

/** Values [a, b) of v: a view when v is a Float64Array, else a copy. */
function part(v: ArrayLike<number>, a: number, b: number): ArrayLike<number> {
  return v instanceof Float64Array ? v.subarray(a, b) : slice(v, a, b);
}

/**
 * Chow test of a break in the hedge slopes between the last `recent` observations and the rest.
 *
 * Robust statistic (reported as f): separate OLS fits of the two parts, each with its own
 * intercept (when intercept is on) and error variance; W = d'(V_b + V_r)⁻¹d for the slope
 * difference d with HC3 covariances, F = W/k on (k, min(n_b, n_r) − p) df (see {@link compareSlopes}).
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
 * `fullMoments`, when given, are that fit's moments (OlsFit.moments): the earlier part's moments
 * are then the full sample's less the recent part's (part-fit.ts momentsWithout), and only the
 * last of its three passes runs over the data.
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
  fullMoments?: FitMoments,
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
  const before: PartRange = { from: 0, to: nBefore };
  const after: PartRange = { from: nBefore, to: n };
  const momentsBefore =
    fullMoments && momentsWithout(fullMoments, [...regressors, y], nBefore, n, intercept);
  const fitBefore =
    momentsBefore && fastPartFitFromMoments(y, regressors, 0, nBefore, momentsBefore, intercept);
  const cmp =
    fitBefore === undefined
      ? compareSlopesOfRanges(y, regressors, before, after, intercept)
      : compareParts(fitBefore, partFitOfRange(y, regressors, after, intercept), regressors.length);
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
