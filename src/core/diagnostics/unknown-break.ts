/**
 * A break at an unknown date in the regression of y on one regressor x (the hedge, or the hedge
 * portfolio of a row with several): when did the hedge ratio change, and is the change more than
 * noise? The test searches every split of the middle 70% of the sample (15% trimmed at each end,
 * as Andrews 1993 recommends and R's strucchange uses by default).
 *
 * - **Date** (least squares; Bai, Econometric Theory 13, 1997): the split τ̂ that minimises
 *   SSR₁(τ) + SSR₂(τ), each part [0, τ), [τ, n) with its own intercept and slope, over every
 *   split that leaves BREAK_MIN_PART returns on each side: exactly R's
 *   `strucchange::breakpoints(y ~ x, h = 15, breaks = 1)` (its breakpoint is τ̂, the last row of
 *   the first part counted from 1; τ̂ counted from 0 is the first row of the second). The
 *   trimming is the test's (its distribution needs it), not the date's: dated within the middle
 *   70% only (`h = 0.15`), a break in the last 15% of the sample is put at the edge of the
 *   search — on three years of daily data, a relationship that broke 40 days ago would be said to
 *   have broken 164 days ago. Where the least-squares split lies inside the middle 70% the two
 *   searches agree (test/core/unknown-break.test.ts compares both with strucchange).
 * - **Statistic**: sup over τ of the robust Wald statistic of equal slopes,
 *   W(τ) = (b₁ − b₂)² / (V₁ + V₂), b the parts' slopes (each part its own intercept: a change of
 *   mean return is not a change of hedge ratio), V = C⁻²·Σ_part (x_t − x̄_part)²·ω_t the
 *   heteroskedasticity-robust variance with the HC3 weights ω_t = ê_t²/(1 − ĥ_t)² of the
 *   two-part fit at τ̃, the least-squares split within the middle 70% (ê, ĥ: residual and
 *   leverage of row t in its part; `h = 0.15`'s date, which is τ̂ unless τ̂ lies outside it).
 * - **p-value**: Andrews' (Econometrica 61, 1993) asymptotic distribution of sup W for one
 *   restriction at trimming 0.15, by Hansen's (JBES 15, 1997) approximation (supWaldPValue).
 *
 * Why these weights. Any consistent estimate of each row's error variance gives the robust Wald
 * statistic its χ²₁ limit at each τ (Eicker–White); with fixed weights the parts' Ω are running
 * sums, so every split costs O(1) and the whole test O(n) (src/core/kernels/split-scan.ts), where
 * refitting at every split would cost O(n²). Weights from the full-sample fit (the variance under
 * no break, an LM-type statistic) are inflated by the break itself and lose power: on simulated
 * GARCH-t markets whose beta halves, 86% detected at n = 500 against 94% with these weights.
 * The two-part fit at τ̂ tracks the break (τ̂ is consistent for its date) and, with no break, is
 * the no-break fit plus two parameters; HC3's leverage factor undoes the shrinkage of residuals
 * by the fit (MacKinnon & White, J. Econometrics 29, 1985), which with fat-tailed regressors and
 * parts of 40 rows made HC0 weights reject in 2.4% of stable markets at a nominal 1% (these:
 * 0.5–1.6%). Calibration: docs/diagnostics.md, bench/calibration.ts.
 */
import { supWaldPValue } from '../distributions';
import { pearson, type PairMoments } from '../kernels/comoments';
import {
  complementSums,
  pairSums,
  partLine,
  scanSsrSplits,
  type PairSums,
  type ScanRange,
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
  /** The least-squares split within [lo, hi] (strucchange's with h = 0.15): the weights' fit. */
  readonly trimmedIndex: number;
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

/**
 * The break test at an unknown date (see the module comment) of y on x, with an intercept in
 * each part or through the origin. `moments`, when given, are the pair's means and centred
 * co-moments over all rows (raw sums and zero means through the origin), e.g. from the fit:
 * then three passes over the data run (the trimmed date, the statistic, the date), else five.
 * Cost O(n).
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
  const n = y.length;
  if (x.length !== n) throw new RangeError(`series lengths differ (${n} and ${x.length})`);
  const lo = Math.floor(BREAK_TRIM * n);
  const hi = n - lo;
  if (lo < BREAK_MIN_PART) return null;
  let mx = 0;
  let my = 0;
  let totals: PairSums;
  if (moments !== undefined) {
    ({ mx, my } = moments);
    const { sxx, sxy, syy } = moments;
    totals = { n, sw: n, sx: 0, sy: 0, sxx, sxy, syy };
  } else {
    if (intercept) {
      const raw = pairSums(y, x, 0, n, 0, 0);
      mx = raw.sx / n;
      my = raw.sy / n;
    }
    totals = pairSums(y, x, 0, n, mx, my);
  }
  const range: ScanRange = { lo, hi, mx, my, totals, intercept };
  const trimmed = scanSsrSplits(y, x, range);
  if (trimmed.tau < 0) return null;
  const first = partLine(trimmed.before, intercept);
  const second = partLine(complementSums(totals, trimmed.before), intercept);
  if (first === null || second === null) return null;
  const wald = scanWaldSplits(y, x, range, { tau: trimmed.tau, first, second });
  if (wald === null || !(wald.weightTotal > 0)) return null;
  const dateLo = BREAK_MIN_PART;
  const dateHi = n - BREAK_MIN_PART;
  const wide = scanSsrSplits(y, x, { ...range, lo: dateLo, hi: dateHi });
  // the wider search holds the trimmed one: its split is trimmed.tau whenever that is the best
  const dated = wide.tau >= 0 ? wide : trimmed;
  const before = dated.before;
  const after = complementSums(totals, before);
  const b = partFigures(before, intercept);
  const a = partFigures(after, intercept);
  return {
    index: dated.tau,
    trimmedIndex: trimmed.tau,
    statistic: wald.statistic,
    pValue: supWaldPValue(wald.statistic, 1),
    statisticIndex: wald.tau,
    betaBefore: b.beta,
    betaAfter: a.beta,
    correlationBefore: b.correlation,
    correlationAfter: a.correlation,
    nBefore: dated.before.n,
    nAfter: after.n,
    lo,
    hi,
    dateLo,
    dateHi,
  };
}
