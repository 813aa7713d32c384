/**
 * Rolling OLS: the hedge ratios are the OLS slopes of the last `window` returns only (an entrant
 * of `--estimator auto`, ./auto.ts, not an `--estimator` of its own). Its walk-forward hedges
 * return t with the slopes of returns max(0, t − window) … t − 1 (fewer than `window` while the
 * sample is shorter). Every fit is src/core/regression/ols.ts's olsFit on a range of the series
 * (its compensated method, which is tested against the exact one there). Cost O(n·window·k²) for
 * the walk-forward.
 */
import { MathError } from '../../errors';
import { olsFit } from '../regression/ols';
import type { EstimatorInput, HedgeEstimator, WalkBuffers, WalkForward } from './types';

/** The OLS slopes of rows [from, to). @throws MathError when they are undefined */
function slopesOf(input: EstimatorInput, from: number, to: number): Float64Array {
  const fit = olsFit(input.y, input.xs, input.intercept, { range: { from, to }, method: 'fast' });
  return fit.coefficients.subarray(input.intercept ? 1 : 0);
}

/** The rolling-OLS estimator over the last `window` returns, named `rolling-<window>`. */
export function rollingEstimator(window: number): HedgeEstimator {
  return {
    name: `rolling-${window}`,
    help: `rolling-${window} = the OLS slopes of the last ${window} returns`,
    params: [],
    ratiosAreSlopes: false,
    relativeCost: 1 + window / 20,
    label: () => `rolling OLS, last ${window}`,
    ratios: (input: EstimatorInput) => {
      const n = input.y.length;
      return Array.from(slopesOf(input, Math.max(0, n - window), n));
    },
    walkForward: (input: EstimatorInput, buffers: WalkBuffers = {}): WalkForward | null => {
      const { y, xs } = input;
      const n = y.length;
      const start = Math.floor(n / 2);
      if (start <= xs.length + (input.intercept ? 1 : 0) || n - start < 2) return null;
      const errors = buffers.errors?.(n - start) ?? new Float64Array(n - start);
      let h: Float64Array = new Float64Array(xs.length);
      try {
        for (let t = start; t < n; t++) {
          h = slopesOf(input, Math.max(0, t - window), t);
          let e = y[t]!;
          for (let j = 0; j < xs.length; j++) e -= h[j]! * xs[j]![t]!;
          errors[t - start] = e;
        }
      } catch (e) {
        if (e instanceof MathError) return null;
        throw e;
      }
      if (!errors.every(Number.isFinite)) return null;
      return { start, errors, lastRatios: Array.from(h) };
    },
  };
}
