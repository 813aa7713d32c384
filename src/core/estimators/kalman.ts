/**
 * `--estimator kalman`: the hedge regression with coefficients that follow a random walk,
 *
 *   y_t = z_t'a_t + ε_t, ε_t ~ N(0, r);   a_t = a_{t−1} + η_t, η_t ~ N(0, q·I),
 *
 * z_t = (1, x_t) with an intercept, x_t without; a_0 = 0, P_0 = 10⁶·I (the filter:
 * src/core/kernels/kalman-filter.ts). The hedge ratio is the filtered slope at the last return;
 * the walk-forward hedges return t with the slopes filtered through t − 1. q and r are the
 * flags' values, or else their maximum-likelihood estimates (prediction-error decomposition;
 * ./kalman-model.ts). One q for every coefficient is the model the issue fixes (as arbitragelab's
 * KalmanFilterStrategy and pykalman's examples): with an intercept, q is the intercept's step
 * variance (in the position's units²) as much as the slopes' (docs/estimators.md says what that
 * implies for returns). The model is not scale-equivariant, so the filter runs on the scaled
 * series with q, r and P_0 scaled to match (exact: powers of two), and q, r are given and
 * reported in the data's units.
 */
import { kalmanMle, kalmanRun } from './kalman-model';
import type { EstimatorInput, HedgeEstimator, WalkBuffers, WalkForward } from './types';

/** q and r: the flags' values, or else estimated from returns 0 … count − 1. */
function variancesOf(input: EstimatorInput, count: number): { q: number; r: number } {
  const q = input.params.kalmanQ ?? null;
  const r = input.params.kalmanR ?? null;
  if (q !== null && r !== null) return { q, r };
  const fit = kalmanMle(input, count);
  return { q: fit.q, r: fit.r };
}

/** How a number is shown in the estimator's label. */
function shown(v: number | null): string {
  return v === null ? 'ML' : String(v);
}

export const kalmanEstimator = {
  name: 'kalman',
  help: 'kalman = Kalman-filter beta, coefficients a random walk (--kalman-q, --kalman-r)',
  params: [
    {
      key: 'kalmanQ',
      flag: '--kalman-q <q>',
      help: 'Kalman: variance of each coefficient’s random-walk step',
      label: 'q',
      default: 'mle',
      zeroAllowed: true,
    },
    {
      key: 'kalmanR',
      flag: '--kalman-r <r>',
      help: 'Kalman: variance of the observation noise',
      label: 'r',
      default: 'mle',
    },
  ],
  ratiosAreSlopes: false,
  // The maximum-likelihood fits run the filter a few hundred times on all and on half the returns.
  relativeCost: 30,
  label: (params: Readonly<Record<string, number | null>>) => {
    const q = params.kalmanQ ?? null;
    const r = params.kalmanR ?? null;
    return q === null && r === null
      ? 'Kalman (q, r by maximum likelihood)'
      : `Kalman q ${shown(q)}, r ${shown(r)}`;
  },
  fitParams: (input: EstimatorInput, count: number) => {
    const { q, r } = variancesOf(input, count);
    return { kalmanQ: q, kalmanR: r };
  },
  ratios: (input: EstimatorInput) => {
    const n = input.y.length;
    const { q, r } = variancesOf(input, n);
    const off = input.intercept ? 1 : 0;
    return Array.from(kalmanRun(input, q, r, n).state.subarray(off));
  },
  walkForward: (input: EstimatorInput, buffers: WalkBuffers = {}): WalkForward | null => {
    const n = input.y.length;
    const start = Math.floor(n / 2);
    const m = input.xs.length + (input.intercept ? 1 : 0);
    if (start < m || n - start < 2) return null;
    const { q, r } = variancesOf(input, start);
    const errors = buffers.errors?.(n - start) ?? new Float64Array(n - start);
    const out = kalmanRun(input, q, r, n, { start, errors });
    if (!errors.every(Number.isFinite)) return null;
    return { start, errors, lastRatios: Array.from(out.previousSlopes) };
  },
} as const satisfies HedgeEstimator;
