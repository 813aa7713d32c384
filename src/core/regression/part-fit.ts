/**
 * The least-squares fit of a part of a sample (a range of rows) with the HC3 covariance of its
 * slopes: what the break and downside-beta tests compare. Through olsFit's `fast` method (the
 * compensated co-moments, the HC3 meat summed in the residual pass; falling back to the exact
 * method and HC3 from the residuals outside its limits).
 */
import { MathError } from '../../errors';
import type { CoMoments } from '../kernels/comoments';
import { olsFit, type FitMethod, type OlsFit } from './ols';

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
  /** The least-squares method that ran. */
  method: FitMethod;
}

/** The rows [from, to) of a part. */
export interface PartRange {
  readonly from: number;
  readonly to: number;
}

/**
 * OLS of y on the regressors over the rows of `range`, with the HC3 covariance of the slopes.
 * `moments`, when given, are the part's co-moments (e.g. downdated from the full sample's): only
 * the residual pass then runs over the data. Cost O(n·k²) for the part's n rows.
 * @returns null when the part cannot be fitted (n ≤ p, a degenerate regressor) or a leverage is 1
 */
export function partFit(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  range: PartRange,
  intercept: boolean,
  moments?: CoMoments,
): PartFit | null {
  let fit;
  try {
    fit = olsFit(y, regressors, intercept, {
      method: 'fast',
      range,
      hc3: true,
      ...(moments === undefined ? {} : { moments }),
    });
  } catch (e) {
    if (e instanceof MathError) return null;
    throw e;
  }
  return partFitOf(fit, intercept);
}

/** A fit's slopes with their HC3 covariance, as a part fit; null when a leverage is 1. */
export function partFitOf(fit: OlsFit, intercept: boolean): PartFit | null {
  const cov = fit.hc3();
  if (cov === null) return null;
  return {
    n: fit.n,
    p: fit.k,
    slopes: Array.from(fit.coefficients.subarray(intercept ? 1 : 0)),
    slopeCovariance: cov,
    ssr: fit.ssr,
    method: fit.method,
  };
}
