/**
 * A break at an unknown date in the regression of y on one regressor x (the hedge, or the hedge
 * portfolio of a row with several): when did the hedge ratio change, and is the change more than
 * noise? The test searches every split of the middle 70% of the sample (15% trimmed at each end,
 * as Andrews 1993 recommends and R's strucchange uses by default).
 *
 * - **Date** (least squares, Bai, Econometric Theory 13, 1997, in its feasible-GLS form: each
 *   row weighted by the inverse of its estimated error variance): the split τ̂ that minimises
 *   WSSR₁(τ) + WSSR₂(τ), WSSR = Σ_part w_t·(y_t − a − b·x_t)², each part [0, τ), [τ, n) with
 *   its own intercept and slope, over every split that leaves BREAK_MIN_PART returns on each
 *   side, with w_t = 1/σ̂_t² (./gls-weights.ts): exactly R's
 *   `strucchange::breakpoints(I(y/s) ~ 0 + I(1/s) + I(x/s), h = 15, breaks = 1)` on s = σ̂ (its
 *   breakpoint is τ̂, the last row of the first part counted from 1; τ̂ counted from 0 is the
 *   first row of the second). σ̂_t² is a two-sided exponential average (half-life
 *   BREAK_SCALE_HALFLIFE rows) of the squared residuals of the ordinary two-part fit at the
 *   ordinary least-squares split over the same range (strucchange's `breakpoints(y ~ x, h = 15)`),
 *   row t's own left out. Why: under volatility clustering ordinary least squares weighs the
 *   high-volatility stretches most, where a change of slope is hardest to see, and their noise
 *   spreads the date; weighted, each row counts by its information. On simulated GARCH-t markets
 *   whose beta halves at 50–85% of n = 500 the date is within 5% of n in 83% of markets against
 *   76.5% unweighted (docs/diagnostics.md, Calibration). The weights come from the fit with a
 *   break anywhere, not within the trimming: a break beyond it left in the residuals would make
 *   its own rows look noisy and weigh them down. Own residual left out: a weight that depends on
 *   its row's error is an M-estimator's, not GLS (with it, the weighted statistic below rejected
 *   1.4–2.8% of stable markets at 1% instead of 0.6–1.7%). The trimming is the test's (its
 *   distribution needs it), not the date's: dated within the middle 70% only (`h = 0.15`), a
 *   break in the last 15% of the sample is put at the edge of the search — on three years of
 *   daily data, a relationship that broke 40 days ago would be said to have broken 164 days ago
 *   (test/core/unknown-break.test.ts compares the dates, the weights and the sums of squares
 *   with R).
 * - **Statistic** (ordinary least squares, not weighted: see below): sup over τ of the robust
 *   Wald statistic of equal slopes,
 *   W(τ) = (b₁ − b₂)² / (V₁ + V₂), b the parts' slopes (each part its own intercept: a change of
 *   mean return is not a change of hedge ratio), V = C⁻²·Σ_part (x_t − x̄_part)²·ω_t the
 *   heteroskedasticity-robust variance with the HC3 weights ω_t = ê_t²/(1 − ĥ_t)² of the
 *   ordinary two-part fit at τ̂₀, the ordinary least-squares split over the date's range (ê, ĥ:
 *   residual and leverage of row t in its part; strucchange's `breakpoints(y ~ x, h = 15)`) —
 *   the fit whose residuals give σ̂ too.
 * - **p-value**: Andrews' (Econometrica 61, 1993) asymptotic distribution of sup W for one
 *   restriction at trimming 0.15, by Hansen's (JBES 15, 1997) approximation (supWaldPValue).
 *
 * Why these weights. Any consistent estimate of each row's error variance gives the robust Wald
 * statistic its χ²₁ limit at each τ (Eicker–White); with fixed weights the parts' Ω are running
 * sums, so every split costs O(1) and the whole test O(n) (src/core/kernels/split-scan.ts), where
 * refitting at every split would cost O(n²). Weights from the full-sample fit (the variance under
 * no break, an LM-type statistic) are inflated by the break itself and lose power: on simulated
 * GARCH-t markets whose beta halves, 86% detected at n = 500 against 94% with these weights.
 * The two-part fit at τ̂₀ tracks the break (τ̂₀ is consistent for its date) and, with no break,
 * is the no-break fit plus two parameters. Searched over the date's range rather than the
 * statistic's, it tracks a break beyond the trimming too, which left in the residuals would
 * inflate the variance of the edge split that sees it: on breaks at 85–97% of the sample,
 * collapses are detected in 58–88.5% against 41–73.5% with the fit within the trimming, sign
 * flips 88–96.5% against 59–84%, at the same false-alarm rates (5,000 stable markets per row:
 * every row within 0.1 point). HC3's leverage factor undoes the shrinkage of residuals
 * by the fit (MacKinnon & White, J. Econometrics 29, 1985), which with fat-tailed regressors and
 * parts of 40 rows made HC0 weights reject in 2.4% of stable markets at a nominal 1% (these:
 * 0.5–1.6%). Calibration: docs/diagnostics.md, bench/calibration.ts.
 *
 * Why the statistic is not weighted. The same statistic on the GLS transform (y/σ̂ on 1/σ̂ and
 * x/σ̂, HC3 weights of that regression; split-scan.ts's weighted sums make it O(n) too) detects
 * a few more moderate breaks inside the trimming (beta halvings at n = 500: 93.5% against 90.5%)
 * but fewer beyond it: where the noise rises after a break (a collapse: the hedge no longer
 * explains y), GLS weighs the new regime's rows down, and the split at the edge of the trimming,
 * the one that sees a late break, sees less of it (collapses at 85–97% of n = 1500: 53% against
 * 73.5% for the ordinary statistic, both then with the HC3 weights of the fit within the
 * trimming; the sample's ZED, broken 40 returns before the end of 1,095: p = 0.24 against
 * 0.0014), and it rejected stable markets a little more often (at 1%: mean 1.1% against 1.0%).
 *
 * The parts' betas and correlations shown are the ordinary least-squares fits' of [0, τ̂) and
 * [τ̂, n) (the hedge ratio a desk would estimate on each side), not the weighted ones.
 */
import { supWaldPValue } from '../distributions';
import { glsWeights } from './gls-weights';
import { pearson, type PairMoments } from '../kernels/comoments';
import {
  complementSums,
  pairSums,
  partLine,
  splitScanRange,
  scanSsrSplits,
  type PairSums,
  type ScanRange,
  type SplitFit,
  type SsrSplit,
} from '../kernels/split-scan';
import { scanWaldSplits } from '../kernels/split-wald';

/** The share of the sample trimmed from each end of the searched splits. */
export const BREAK_TRIM = 0.15;

/** The smallest part the test fits: below it (n < 100) the test is not run. */
export const BREAK_MIN_PART = 15;

/** Result of {@link unknownDateBreak}. Slopes in the units of y per unit of x. */
export interface UnknownDateBreak {
  /** First row of the new regime (the least-squares date τ̂, in [dateLo, dateHi]). */
  readonly index: number;
  /** sup over the splits of the robust Wald statistic (χ²₁ scale). */
  readonly statistic: number;
  /** Its asymptotic p-value (Andrews 1993, Hansen 1997; one restriction, trimming 0.15). */
  readonly pValue: number;
  /** The split where the statistic peaks (near index when there is one clear break). */
  readonly statisticIndex: number;
  /** Slope and correlation of y on x over [0, index) and [index, n). */
  readonly betaBefore: number;
  readonly betaAfter: number;
  readonly correlationBefore: number;
  readonly correlationAfter: number;
  readonly nBefore: number;
  readonly nAfter: number;
  /** The statistic's splits [lo, hi]: lo = ⌊0.15·n⌋, hi = n − lo. */
  readonly lo: number;
  readonly hi: number;
  /**
   * The date's splits [dateLo, dateHi]: BREAK_MIN_PART and n − BREAK_MIN_PART. A date at either
   * end is censored (the change may lie beyond it).
   */
  readonly dateLo: number;
  readonly dateHi: number;
}

/** The pair's means and centred co-moments over all rows, as a fit has them. */
export type PairSumsOfFit = Pick<PairMoments, 'mx' | 'my' | 'sxx' | 'sxy' | 'syy'>;

/** Slope and (centred) correlation of a part from its sums. */
function partFigures(s: PairSums, intercept: boolean): { beta: number; correlation: number } {
  const line = partLine(s, intercept);
  const cxx = s.sxx - (s.sx * s.sx) / s.n;
  const cyy = s.syy - (s.sy * s.sy) / s.n;
  const cxy = s.sxy - (s.sx * s.sy) / s.n;
  return { beta: line === null ? NaN : line.slope, correlation: pearson(cxx, cyy, cxy) };
}

/** The two-part fit of a split's sums (null when a part has no slope). */
function splitFitOf(s: SsrSplit, totals: PairSums, intercept: boolean): SplitFit | null {
  const first = partLine(s.before, intercept);
  const second = partLine(complementSums(totals, s.before), intercept);
  return first === null || second === null ? null : { tau: s.tau, first, second };
}

/**
 * The statistic's splits [lo, hi] (lo = ⌊BREAK_TRIM·n⌋) with the shift and sums the scans take:
 * the full sample's means and centred sums (raw sums, no shift, through the origin), from
 * `moments` when given, else from two passes.
 * @returns null below 100 observations (parts under BREAK_MIN_PART)
 * @throws RangeError when the lengths differ
 */
function statisticRange(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  intercept: boolean,
  moments?: PairSumsOfFit,
): ScanRange | null {
  const n = y.length;
  if (x.length !== n) throw new RangeError(`series lengths differ (${n} and ${x.length})`);
  const lo = Math.floor(BREAK_TRIM * n);
  if (lo < BREAK_MIN_PART) return null;
  if (moments !== undefined) {
    const { mx, my, sxx, sxy, syy } = moments;
    const totals = { n, sw: n, sx: 0, sy: 0, sxx, sxy, syy };
    return splitScanRange(lo, n - lo, mx, my, totals, intercept);
  }
  let mx = 0;
  let my = 0;
  if (intercept) {
    const raw = pairSums(y, x, 0, n, 0, 0);
    mx = raw.sx / n;
    my = raw.sy / n;
  }
  return splitScanRange(lo, n - lo, mx, my, pairSums(y, x, 0, n, mx, my), intercept);
}

/**
 * The ordinary least-squares split within the statistic's trimming [lo, hi]: strucchange's
 * `breakpoints(y ~ x, h = 0.15, breaks = 1)`, the date a search limited to the middle 70% would
 * give (calibration and tests compare it with {@link unknownDateBreak}'s). Cost three passes.
 * @returns the first row of the second part; −1 below 100 observations or when no split there
 *   has two fits
 * @throws RangeError when the lengths differ
 */
export function trimmedSplit(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  intercept: boolean,
): number {
  const range = statisticRange(y, x, intercept);
  return range === null ? -1 : scanSsrSplits(y, x, range).tau;
}

/**
 * The break test at an unknown date (see the module comment) of y on x, with an intercept in
 * each part or through the origin. `moments`, when given, are the pair's means and centred
 * co-moments over all rows (raw sums and zero means through the origin), e.g. from the fit:
 * then, up to BLOCK rows, six passes over the data run (the ordinary split, the statistic,
 * the weights (2, from the two-part fit's residuals: ./gls-weights.ts), the weighted sums, the
 * date) and a seventh for the parts' sums when the date is not the ordinary split, else two more; above BLOCK rows the weights are read a block at a time
 * and cost two passes to make plus two each time they are read (twice). Cost O(n), memory
 * O(min(n, BLOCK)).
 * @returns null with fewer than 100 observations (parts under BREAK_MIN_PART), when no split has
 *   two fits (x constant on a side), a leverage is 1, or the two-part fit is exact (no noise to
 *   test against)
 * @throws RangeError when the lengths differ
 */
export function unknownDateBreak(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  intercept: boolean,
  moments?: PairSumsOfFit,
): UnknownDateBreak | null {
  const range = statisticRange(y, x, intercept, moments);
  if (range === null) return null;
  const { lo, hi, mx, my, totals } = range;
  const n = y.length;
  const dateLo = BREAK_MIN_PART;
  const dateHi = n - BREAK_MIN_PART;
  // the ordinary least-squares split over the date's range: its two-part fit gives the HC3
  // weights and the residuals of the GLS weights
  const ordinary = scanSsrSplits(y, x, splitScanRange(dateLo, dateHi, mx, my, totals, intercept));
  if (ordinary.tau < 0) return null;
  const fit = splitFitOf(ordinary, totals, intercept);
  if (fit === null) return null;
  const wald = scanWaldSplits(y, x, range, fit);
  if (wald === null || !(wald.weightTotal > 0)) return null;
  const weights = glsWeights(y, x, mx, my, fit);
  const wTotals = pairSums(y, x, 0, n, mx, my, weights);
  const gls = scanSsrSplits(
    y,
    x,
    splitScanRange(dateLo, dateHi, mx, my, wTotals, intercept, weights),
  );
  const index = gls.tau >= 0 ? gls.tau : ordinary.tau;
  // the parts' figures are the ordinary (unweighted) fits' at the date: at the ordinary split
  // the scan has their sums already (the same additions in the same order as pairSums')
  const before = index === ordinary.tau ? ordinary.before : pairSums(y, x, 0, index, mx, my);
  const after = complementSums(totals, before);
  const b = partFigures(before, intercept);
  const a = partFigures(after, intercept);
  return {
    index,
    statistic: wald.statistic,
    pValue: supWaldPValue(wald.statistic, 1),
    statisticIndex: wald.tau,
    betaBefore: b.beta,
    betaAfter: a.beta,
    correlationBefore: b.correlation,
    correlationAfter: a.correlation,
    nBefore: before.n,
    nAfter: after.n,
    lo,
    hi,
    dateLo,
    dateHi,
  };
}
