/**
 * Part of stage 3 (diagnostics) of a position: the break at an unknown date in its hedge
 * relationship (src/core/diagnostics/unknown-break.ts) on the hedge, or on the hedge portfolio
 * for several hedges, and — when the break is significant — the hedge ratios estimated on the
 * returns since it alone, by the run's estimator.
 */
import {
  unknownDateBreak,
  type PairSumsOfFit,
  type UnknownDateBreak,
} from '../../core/diagnostics/unknown-break';
import type { OlsFit } from '../../core/regression/ols';
import type { Thresholds } from '../../settings';
import { breakTestLevels } from '../stability-warnings';
import { timesPowerOfTwo } from './scaling';

/** The dated break of a position, in the units of the data. */
export interface DatedBreak {
  /** The test (betas in ratio units; on the hedge portfolio for several hedges: 1 = full sample). */
  readonly test: UnknownDateBreak;
  /** p-value below its level (a quarter of --break-p-value: ../stability-warnings.ts). */
  readonly significant: boolean;
  /** When significant: the estimator's ratios on the returns from test.index on; else null. */
  readonly ratiosSince: readonly number[] | null;
}

/**
 * The pair moments of (portfolio Σ w_j·x_j, y) from the fit's co-moments of [x_1 … x_k, y]:
 * mean w'x̄, S_pp = w'S_xx·w, S_py = w'S_xy. Undefined when the fit has none (QR).
 */
function portfolioMoments(fit: OlsFit, w: readonly number[]): PairSumsOfFit | undefined {
  const m = fit.moments;
  if (m === undefined) return undefined;
  const k = w.length;
  const c = k + 1;
  let mx = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < k; i++) {
    mx += w[i]! * m.means[i]!;
    sxy += w[i]! * m.S[i * c + k]!;
    for (let j = 0; j < k; j++) sxx += w[i]! * w[j]! * m.S[i * c + j]!;
  }
  return { mx, my: m.means[k]!, sxx, sxy, syy: m.S[k * c + k]! };
}

/**
 * The dated break of y on x1 (the hedge's returns, or the portfolio of the fitted betas) and, when
 * significant, the ratios per hedge since it from `refit(first row of the new regime)` (null
 * when undefined there). `slopeExp`: the binary exponent that puts a slope on x1 in ratio units
 * (./scaling.ts).
 * @returns null when the test does not apply (fewer than 100 returns, …; see unknownDateBreak)
 */
export function datedBreak(
  input: {
    readonly y: Float64Array;
    readonly xs: readonly Float64Array[];
    readonly intercept: boolean;
    readonly fit: OlsFit;
  },
  x1: Float64Array,
  thresholds: Thresholds,
  slopeExp: number,
  refit: (from: number) => readonly number[] | null,
): DatedBreak | null {
  const { y, xs, intercept, fit } = input;
  const w = xs.length === 1 ? [1] : Array.from(fit.coefficients.subarray(intercept ? 1 : 0));
  const raw = unknownDateBreak(y, x1, intercept, portfolioMoments(fit, w));
  if (raw === null) return null;
  const test = {
    ...raw,
    betaBefore: timesPowerOfTwo(raw.betaBefore, slopeExp),
    betaAfter: timesPowerOfTwo(raw.betaAfter, slopeExp),
  };
  const significant = raw.pValue < breakTestLevels(thresholds).dated;
  return { test, significant, ratiosSince: significant ? refit(raw.index) : null };
}
