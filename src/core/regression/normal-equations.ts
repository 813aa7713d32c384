/**
 * The moments methods of least squares, for one or two regressors: the normal equations of the
 * centred design, (S_xx) b = S_xy, solved in closed form (1 × 1 or 2 × 2) from co-moments.
 * The normal equations square the design's condition number, so these run only inside the
 * limits of ./limits.ts, where they give the exact solution's doubles (double-double) or
 * agree with it to ~1e-15 (compensated).
 */
import type { CoMoments } from '../kernels/comoments';
import type { DdCoMoments } from '../kernels/dd-comoments';
import {
  ddAdd,
  ddDiv,
  ddMul,
  ddNeg,
  ddResiduals,
  ddSub,
  toDouble,
  type DD,
} from '../kernels/double-double';
import { MOMENTS_MIN_UNEXPLAINED, momentsAcceptPair } from './limits';
import { fullInverse, type Solution } from './solution';

/**
 * The solution from double-double co-moments of [x_1 … x_p, y] (p = 1 or 2): C = S_xx⁻¹ and
 * b = C·S_xy in double-double, ssr = tss − b'S_xy, β₀ = ȳ − Σ b_j x̄_j; residuals recomputed from
 * the data in double-double when asked for. Cost O(1) after the co-moments.
 * @returns null outside the limits (collinear pair, no variance, near-exact fit)
 */
export function solveDdMoments(
  dd: DdCoMoments,
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  intercept: boolean,
): Solution | null {
  const p = regressors.length;
  const m = p + 1;
  const n = dd.n;
  const { sHi, sLo } = dd;
  const S = (a: number, b: number): DD => (a <= b ? [sHi[a * m + b]!, sLo[a * m + b]!] : S(b, a));
  const means: DD[] = [];
  for (let j = 0; j < m; j++) means.push([dd.meanHi[j]!, dd.meanLo[j]!]);

  // C = S_xx⁻¹ (p×p) and the centred slopes b = C·S_xy.
  let cov: DD[][];
  if (p === 1) {
    const sxx = S(0, 0);
    if (!(sxx[0] > 0)) return null;
    cov = [[ddDiv([1, 0], sxx)]];
  } else {
    const s00 = S(0, 0);
    const s01 = S(0, 1);
    const s11 = S(1, 1);
    if (!momentsAcceptPair(s00[0], s01[0], s11[0])) return null;
    const det = ddSub(ddMul(s00, s11), ddMul(s01, s01));
    cov = [
      [ddDiv(s11, det), ddNeg(ddDiv(s01, det))],
      [ddNeg(ddDiv(s01, det)), ddDiv(s00, det)],
    ];
  }
  const slopes: DD[] = [];
  for (let i = 0; i < p; i++) {
    let acc: DD = [0, 0];
    for (let j = 0; j < p; j++) acc = ddAdd(acc, ddMul(cov[i]![j]!, S(j, p)));
    slopes.push(acc);
  }
  const tss = S(p, p);
  let explained: DD = [0, 0];
  for (let j = 0; j < p; j++) explained = ddAdd(explained, ddMul(slopes[j]!, S(j, p)));
  const ssr = ddSub(tss, explained);
  if (!(tss[0] > 0) || !(ssr[0] > MOMENTS_MIN_UNEXPLAINED * tss[0])) return null;

  let beta0: DD = [0, 0];
  if (intercept) {
    beta0 = means[p]!;
    for (let j = 0; j < p; j++) beta0 = ddSub(beta0, ddMul(slopes[j]!, means[j]!));
  }
  const moments = { n, means: new Float64Array(m), S: new Float64Array(m * m) };
  for (let a = 0; a < m; a++) {
    moments.means[a] = dd.meanHi[a]! + dd.meanLo[a]!;
    for (let b = 0; b < m; b++) moments.S[a * m + b] = toDouble(S(a, b));
  }
  return {
    coefficients: intercept ? [beta0, ...slopes] : slopes,
    inverse: fullInverse(cov, means, n, intercept),
    ssr,
    tss,
    residuals: () => ddResiduals(y, regressors, beta0, slopes),
    moments,
  };
}

/** The closed-form solve of compensated co-moments: slopes and C = S_xx⁻¹ in doubles. */
export interface CentredSlopes {
  readonly slopes: readonly number[];
  /** S_xx⁻¹, p × p. */
  readonly cov: readonly (readonly number[])[];
}

/**
 * b = S_xx⁻¹·S_xy from co-moments of [x_1 … x_p, y] in doubles (p = 1: 1/S_xx; p = 2: the
 * closed-form inverse with det = S00·S11 − S01²). Cost O(1).
 * @returns null without variance in y or a regressor, or for a collinear pair (./limits.ts)
 */
export function centredSlopes(moments: CoMoments): CentredSlopes | null {
  const S = moments.S;
  const m = moments.means.length;
  const p = m - 1;
  if (!(S[p * m + p]! > 0)) return null;
  let cov: number[][];
  if (p === 1) {
    const sxx = S[0]!;
    if (!(sxx > 0)) return null;
    cov = [[1 / sxx]];
  } else if (p === 2) {
    const s00 = S[0]!;
    const s01 = S[1]!;
    const s11 = S[4]!;
    if (!momentsAcceptPair(s00, s01, s11)) return null;
    const det = s00 * s11 - s01 * s01;
    cov = [
      [s11 / det, -s01 / det],
      [-s01 / det, s00 / det],
    ];
  } else {
    return null;
  }
  const slopes: number[] = [];
  for (let i = 0; i < p; i++) {
    let acc = 0;
    for (let j = 0; j < p; j++) acc += cov[i]![j]! * S[j * m + p]!;
    slopes.push(acc);
  }
  return { slopes, cov };
}
