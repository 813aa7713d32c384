/** An estimator's input with the parameters it leaves to the data filled in. */
import type { EstimatorInput, HedgeEstimator } from './types';

/** The input with the parameters fitted on returns 0 … count − 1 filled in. */
export function fittedInput(
  estimator: HedgeEstimator,
  input: EstimatorInput,
  count: number,
): EstimatorInput {
  const fitted = estimator.fitParams?.(input, count);
  return fitted === undefined ? input : { ...input, params: { ...input.params, ...fitted } };
}
