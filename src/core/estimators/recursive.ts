/**
 * The walk-forward of the estimators whose ratio is C_xx⁻¹·c_xy from (weighted) moments of the
 * returns so far: OLS (equal weights) and EWMA (weights λ^(t−1−s)). The first ratio comes from
 * the direct weighted moments of the first ⌊n/2⌋ returns, each later one from a rank-one update
 * (src/core/kernels/recursive-ratio.ts): O(n·k²) in all, not a refit at every t.
 */
import { MathError } from '../../errors';
import { inverse } from '../linalg';
import { walkRatios, type RatioState } from '../kernels/recursive-ratio';
import { weightedMoments } from '../kernels/weighted-moments';
import type { WalkBuffers, WalkForward } from './types';

/**
 * Out-of-sample hedged returns of the expanding-window walk-forward with forgetting factor λ:
 * for t = ⌊n/2⌋ … n − 1 the ratio h_t = C_xx⁻¹·c_xy from the weighted moments of returns
 * 0 … t − 1 (centred with an intercept, raw without: regression through the origin), and
 * e_t = y_t − Σ_j h_j,t·x_j,t. Cost O(n·k² + k³).
 * @returns null when ⌊n/2⌋ returns are too few for the coefficients (k + 1 with an intercept,
 *   k without), fewer than 2 returns are left to test, the hedges are collinear in the first
 *   half (singular C_xx), or an error is not finite
 * @throws RangeError when lengths differ or no hedge is given
 */
export function recursiveWalkForward(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  intercept: boolean,
  lambda: number,
  buffers: WalkBuffers = {},
): WalkForward | null {
  const n = y.length;
  const k = regressors.length;
  if (k === 0) throw new RangeError('a walk-forward needs at least one hedge');
  regressors.forEach((x, j) => {
    if (x.length !== n) {
      throw new RangeError(`hedge ${j + 1} has ${x.length} values, the position has ${n}`);
    }
  });
  const start = Math.floor(n / 2);
  if (start < k + (intercept ? 1 : 0) || n - start < 2) return null;
  let state: RatioState;
  try {
    const m = weightedMoments(y, regressors, start, lambda, intercept, buffers.weights);
    const inv = inverse(m.cxx);
    const p = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) p[i * k + j] = inv[i]![j]!;
    state = { weight: m.weight, meanX: m.meanX, meanY: m.meanY, cxy: m.cxy, p };
  } catch (e) {
    if (e instanceof MathError) return null;
    throw e;
  }
  const errors = buffers.errors?.(n - start) ?? new Float64Array(n - start);
  const h = new Float64Array(k);
  if (!walkRatios(state, y, regressors, start, lambda, intercept, errors, h)) return null;
  return { start, errors, lastRatios: Array.from(h) };
}
