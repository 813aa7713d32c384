/**
 * `--estimator ols`: the hedge ratio is the OLS slope vector, which is the minimum-variance ratio
 * Σ_FF⁻¹σ_FS of the sample covariance (Ederington, J. Finance 34, 1979); its walk-forward is the
 * recursive OLS of the returns so far (equal weights).
 */
import { olsFit } from '../regression/ols';
import { recursiveWalkForward } from './recursive';
import type { EstimatorInput, HedgeEstimator, WalkBuffers } from './types';

export const olsEstimator = {
  name: 'ols',
  help: 'ols = the OLS slopes (sample covariance)',
  params: [],
  ratiosAreSlopes: true,
  relativeCost: 1,
  label: () => 'OLS',
  ratios: (input: EstimatorInput) => {
    const fit = input.fit ?? olsFit(input.y, input.xs, input.intercept);
    return Array.from(fit.coefficients.subarray(input.intercept ? 1 : 0));
  },
  walkForward: (input: EstimatorInput, buffers?: WalkBuffers) =>
    recursiveWalkForward(input.y, input.xs, input.intercept, 1, buffers),
} as const satisfies HedgeEstimator;
