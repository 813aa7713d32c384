/**
 * The walk-forward of an estimator by name, as the report runs it, for tests and calibration:
 * estimatorNamed(name).walkForward and the out-of-sample effectiveness of its errors.
 */
import { outOfSampleEffectiveness } from '../../src/core/diagnostics/effectiveness';
import { estimatorNamed, type EstimatorName } from '../../src/core/estimators';
import type { WalkForward } from '../../src/core/estimators/types';

export interface WalkForwardOptions {
  intercept: boolean;
  estimator: EstimatorName;
  halflife: number;
}

/** The estimator's walk-forward of y on xs. */
export function walkForwardHedgedReturns(
  y: ArrayLike<number>,
  xs: readonly ArrayLike<number>[],
  opts: WalkForwardOptions,
): WalkForward | null {
  return estimatorNamed(opts.estimator).walkForward({
    y,
    xs,
    intercept: opts.intercept,
    params: { halflife: opts.halflife },
  });
}

/** Out-of-sample effectiveness of the estimator's walk-forward. */
export function walkForwardEffectiveness(
  y: ArrayLike<number>,
  xs: readonly ArrayLike<number>[],
  opts: WalkForwardOptions,
): number | null {
  return outOfSampleEffectiveness(y, walkForwardHedgedReturns(y, xs, opts));
}
