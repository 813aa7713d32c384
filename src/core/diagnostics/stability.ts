/**
 * Stability of the hedge relationship over the whole sample (CORRELATION_UNSTABLE) and the
 * beta on the days the hedge falls (the rolling beta's range is in ./rolling.ts).
 */
import { MathError } from '../../errors';
import { chiSquareUpperPValue } from '../distributions';
import { pairMoments, pearson, plainCoMoments2 } from '../kernels/comoments';
import { windowScores, type WindowScores } from '../kernels/window-scores';
import { compareSignParts, type SlopeComparison } from './breaks';

/** Residual sum of squares below this fraction of Σ(y − ȳ)² is an exact fit (rounding only). */
const EXACT_FIT = 1e-20;

/** Result of {@link correlationDispersionTest}. */
export interface DispersionTest {
  /** Q = Σ_i S_i²/M_i (see the function). Chi-square with df under a stable relationship. */
  statistic: number;
  /** Number of windows used − 1. */
  df: number;
  pValue: number;
  /** Non-overlapping windows used (those where x varies and the residuals are not all zero). */
  windows: number;
  window: number;
  /** Full-sample slope of y on x (with intercept). */
  beta: number;
  /**
   * Slope of y on x in each window, oldest first (NaN for a window where x is constant); null
   * unless asked for (`keepWindows`).
   */
  windowBetas: Float64Array | null;
  /** Correlation in each window, oldest first (NaN where undefined); null unless asked for. */
  windowCorrelations: Float64Array | null;
  /** Smallest and largest finite window slope and correlation. */
  betaMin: number;
  betaMax: number;
  correlationMin: number;
  correlationMax: number;
}

/**
 * Dispersion test of the relationship between y and x across non-overlapping windows: is the
 * spread of the window correlations more than a stable relationship produces?
 *
 * What is tested: correlation = β·σ_x/σ_y. When volatilities cluster, σ_x/σ_y moves from one
 * window to the next even if the relationship is constant, so window correlations wander
 * widely and their sampling variance cannot be estimated from inside a window; on simulated
 * stable GARCH-t markets a dispersion test of window correlations with any within-window
 * variance (normal theory: 14–100%; the fourth-moment delta-method variance: 12–42%) rejects
 * far above its nominal level; this test rejects in 0–1% at a nominal 1% (bench/calibration.ts). The wandering that matters for a hedge is that of the hedge ratio β, and its sampling
 * error is known exactly conditionally on the data, even under heteroskedasticity. So the test
 * is on the window slopes:
 *
 *   m = ⌊n/w⌋ windows of w observations, aligned to the end (the first n − m·w observations
 *   belong to no window); β̂, ε̂_t from the full-sample OLS of y on x with intercept;
 *   per window i: d_t = x_t − x̄_i, S_i = Σ d_t·ε̂_t = (β_i − β̂)·Σ d_t², M_i = Σ d_t²·ε̂_t²;
 *   Q = Σ_i S_i²/M_i, chi-square with m − 1 df under H0 (one β for all windows).
 *
 * This is the heteroskedasticity-robust score (LM) form of the multi-period Chow test
 * (White-type variance, White, Econometrica 48, 1980), with each window's score self-normalised
 * by its own realised variance; self-normalised sums of symmetric terms have tails no heavier
 * than the normal (Efron, JASA 64, 1969), which keeps the test from over-rejecting on fat
 * tails. Each window has its own intercept (x is centred per window). For a row with several
 * hedges pass the hedge portfolio Σ h_j x_j as x: the slope on it is 1 over the full sample.
 * Cost O(n); O(n/w) memory for the windows' slopes and correlations with `keepWindows`, else O(1).
 * @returns null with fewer than 2 usable windows or when y is an exact linear function of x
 * @throws RangeError when lengths differ
 * @throws MathError when window is not an integer ≥ 3
 */
export function correlationDispersionTest(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  window: number,
  keepWindows = true,
): DispersionTest | null {
  const n = y.length;
  if (x.length !== n) throw new RangeError(`series lengths differ (${n} and ${x.length})`);
  if (!Number.isInteger(window) || window < 3) {
    throw new MathError(`the window must be an integer of at least 3, got ${window}`);
  }
  const m = Math.floor(n / window);
  if (m < 2) return null;
  const full = plainCoMoments2(y, x, 0, n, pairMoments());
  const { mx, my, sxx } = full;
  if (!(sxx > 0)) return null;
  const beta = full.sxy / sxx;
  let ssr = 0;
  for (let t = 0; t < n; t++) ssr += (y[t]! - my - beta * (x[t]! - mx)) ** 2;
  // An exact linear relationship (up to rounding): there is no sampling error to test against.
  if (!(ssr > EXACT_FIT * full.syy)) return null;
  const first = n - m * window;
  const windowBetas = keepWindows ? new Float64Array(m) : null;
  const windowCorrelations = keepWindows ? new Float64Array(m) : null;
  let betaMin = Infinity;
  let betaMax = -Infinity;
  let correlationMin = Infinity;
  let correlationMax = -Infinity;
  let q = 0;
  let used = 0;
  const ws: WindowScores = {
    moments: { mx: 0, my: 0, sxx: 0, syy: 0, sxy: 0 },
    score: 0,
    scoreVariance: 0,
  };
  const fullFit = { mx, my, beta };
  for (let i = 0; i < m; i++) {
    const a = first + i * window;
    windowScores(y, x, a, a + window, fullFit, ws);
    const w = ws.moments;
    const s = ws.score;
    const mm = ws.scoreVariance;
    const wb = w.sxx > 0 ? w.sxy / w.sxx : NaN;
    const wr = pearson(w.sxx, w.syy, w.sxy);
    if (windowBetas !== null) windowBetas[i] = wb;
    if (windowCorrelations !== null) windowCorrelations[i] = wr;
    if (Number.isFinite(wb)) {
      betaMin = Math.min(betaMin, wb);
      betaMax = Math.max(betaMax, wb);
    }
    if (Number.isFinite(wr)) {
      correlationMin = Math.min(correlationMin, wr);
      correlationMax = Math.max(correlationMax, wr);
    }
    if (w.sxx > 0 && mm > 0) {
      q += (s * s) / mm;
      used++;
    }
  }
  if (used < 2) return null;
  return {
    statistic: q,
    df: used - 1,
    pValue: chiSquareUpperPValue(q, used - 1),
    windows: used,
    window,
    beta,
    windowBetas,
    windowCorrelations,
    betaMin,
    betaMax,
    correlationMin,
    correlationMax,
  };
}

/** Beta on the days the hedge fell and on the days it rose, and a robust test of the difference. */
export interface DownsideBeta {
  /** Slope of y on x over the observations with x < 0. */
  downside: number;
  /** Slope of y on x over the observations with x ≥ 0. */
  upside: number;
  nDown: number;
  nUp: number;
  /** Robust F (HC3 Wald) of downside = upside on (1, min(nDown, nUp) − p). */
  f: number;
  pValue: number;
}

/**
 * Downside beta (Ang, Chen & Xing, Rev. Financial Studies 19, 2006, who condition on the
 * market being below its mean; here below zero, the days the hedge lost value): the OLS slope
 * of y on x over the days x < 0, with the upside slope over x ≥ 0 and the heteroskedasticity-
 * robust Wald test of their equality ({@link compareSignParts}). A downside beta well above the
 * full-sample beta means the hedge under-protects exactly when the market falls. For several
 * hedges pass the hedge portfolio as x. y and x are partitioned by sign in place (reordered):
 * pass copies the caller no longer needs in time order. Cost O(n).
 * @returns null when either side has too few observations (≤ 3) or cannot be fitted
 * @throws RangeError when lengths differ
 */
export function downsideBeta(
  y: Float64Array,
  x: Float64Array,
  intercept: boolean,
): DownsideBeta | null {
  const n = y.length;
  if (x.length !== n) throw new RangeError(`series lengths differ (${n} and ${x.length})`);
  const cmp: SlopeComparison | null = compareSignParts(y, x, intercept);
  if (cmp === null) return null;
  // the parts' sizes, from the split itself
  const nDown = cmp.partA.n;
  const nUp = cmp.partB.n;
  if (nDown <= 3 || nUp <= 3) return null;
  return {
    downside: cmp.slopesA[0]!,
    upside: cmp.slopesB[0]!,
    nDown,
    nUp,
    f: cmp.f,
    pValue: cmp.pValue,
  };
}
