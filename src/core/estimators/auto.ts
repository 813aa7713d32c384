/**
 * `--estimator auto`: the hedge ratios of the estimator that hedged best out of sample, chosen
 * by ./tournament.ts among OLS, EWMA (half-lives 10, 30, 90), rolling OLS (the last 60 and 180
 * returns) and the Kalman filter (q, r by maximum likelihood). Its walk-forward is the winner's
 * over the last third of the sample, the part the choice was not made on.
 */
import { ewmaEstimator } from './ewma';
import { kalmanEstimator } from './kalman';
import { olsEstimator } from './ols';
import { rollingEstimator } from './rolling';
import { positionEstimate } from './estimate';
import type { Candidate, EstimatorInput, HedgeEstimator, WalkForward } from './types';

let entrants: readonly Candidate[] | null = null;

/** The entrants, in the order a tie is decided (the simplest first). */
export function autoCandidates(): readonly Candidate[] {
  entrants ??= [
    { name: 'ols', estimator: olsEstimator, params: {} },
    ...[10, 30, 90].map((h) => ({
      name: `ewma-${h}`,
      estimator: ewmaEstimator,
      params: { halflife: h },
    })),
    ...[60, 180].map((w) => ({ name: `rolling-${w}`, estimator: rollingEstimator(w), params: {} })),
    { name: 'kalman', estimator: kalmanEstimator, params: { kalmanQ: null, kalmanR: null } },
  ];
  return entrants;
}

export const autoEstimator = {
  name: 'auto',
  help: 'auto = the best out of sample of ols, ewma-10/30/90, rolling-60/180 and kalman',
  params: [],
  ratiosAreSlopes: false,
  // two walk-forwards of each entrant, the Kalman fits dominating
  relativeCost: 80,
  label: () => 'auto (out-of-sample tournament)',
  candidates: autoCandidates,
  // (the report goes through positionEstimate, which runs the tournament once for both)
  ratios: (input: EstimatorInput): number[] => positionEstimate(autoEstimator, input).ratios,
  walkForward: (input: EstimatorInput): WalkForward | null =>
    positionEstimate(autoEstimator, input).walk,
} as const satisfies HedgeEstimator;
