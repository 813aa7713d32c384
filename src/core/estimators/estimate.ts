/**
 * What an estimator gives one position: the hedge ratios from all its returns, and the
 * expanding-window walk-forward its out-of-sample effectiveness is measured on, each with the
 * parameters the data decide (HedgeEstimator.fitParams) estimated from the returns it may see.
 */
import { MathError } from '../../errors';
import type { EstimatorInput, HedgeEstimator, WalkBuffers, WalkForward } from './types';

export interface PositionEstimate {
  /** The ratios to apply now, one per regressor. */
  readonly ratios: number[];
  /** The walk-forward from ⌊n/2⌋, or null when it cannot be computed. */
  readonly walk: WalkForward | null;
  /**
   * The parameter values the ratios were computed with, by ParamSpec key (the estimated ones
   * filled in, in the data's units); null for an estimator without parameters.
   */
  readonly params: Readonly<Record<string, number>> | null;
}

/** The input with the parameters fitted on returns 0 … count − 1 filled in. */
function fittedInput(
  estimator: HedgeEstimator,
  input: EstimatorInput,
  count: number,
): EstimatorInput {
  const fitted = estimator.fitParams?.(input, count);
  return fitted === undefined ? input : { ...input, params: { ...input.params, ...fitted } };
}

/**
 * The estimator's ratios on all n returns (parameters left to the data estimated from all of
 * them) and its walk-forward from ⌊n/2⌋ (parameters estimated from returns 0 … ⌊n/2⌋ − 1 only,
 * so that no ratio of the walk depends on the returns it hedges or later ones). A walk-forward
 * whose parameters cannot be estimated from the first half is null, like one whose first half
 * cannot be fitted.
 * @throws MathError when the ratios are undefined or their parameters cannot be estimated
 */
export function positionEstimate(
  estimator: HedgeEstimator,
  input: EstimatorInput,
  buffers?: WalkBuffers,
): PositionEstimate {
  const n = input.y.length;
  const full = fittedInput(estimator, input, n);
  const ratios = estimator.ratios(full);
  let walkInput: EstimatorInput | null = input;
  if (estimator.fitParams !== undefined) {
    try {
      walkInput = fittedInput(estimator, input, Math.floor(n / 2));
    } catch (e) {
      if (!(e instanceof MathError)) throw e;
      walkInput = null;
    }
  }
  const walk = walkInput === null ? null : estimator.walkForward(walkInput, buffers);
  const params: Record<string, number> = {};
  for (const p of estimator.params) params[p.key] = full.params[p.key] ?? NaN;
  return { ratios, walk, params: estimator.params.length === 0 ? null : params };
}
