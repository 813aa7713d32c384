/**
 * What every least-squares method hands to olsFit's common finish: the coefficients and (X'X)⁻¹
 * in double-double, ssr and tss, and how to get the residuals.
 */
import type { CoMoments } from '../kernels/comoments';
import { ddAdd, ddDiv, ddMul, ddNeg, type DD } from '../kernels/double-double';

export interface Solution {
  /** Intercept first when there is one, then the slopes in regressor order. */
  readonly coefficients: readonly DD[];
  /** (X'X)⁻¹, k × k, in the coefficient order. */
  readonly inverse: readonly (readonly DD[])[];
  readonly ssr: DD;
  /** Σ(y − ȳ)² with an intercept, Σy² without. */
  readonly tss: DD;
  /** The residuals y − Xβ (computed when first asked for). */
  readonly residuals: () => Float64Array;
  /** The co-moments the method solved from (moments methods only). */
  readonly moments?: CoMoments;
}

/**
 * (X'X)⁻¹ of the full design from C, the inverse of the centred regressors' cross-products
 * (p × p), and their means x̄: [[1/n + x̄'Cx̄, −(Cx̄)'], [−Cx̄, C]] with an intercept, C without.
 */
export function fullInverse(
  cov: readonly (readonly DD[])[],
  means: readonly DD[],
  n: number,
  intercept: boolean,
): DD[][] {
  const p = cov.length;
  const k = p + (intercept ? 1 : 0);
  const off = intercept ? 1 : 0;
  const full: DD[][] = Array.from({ length: k }, () => new Array<DD>(k).fill([0, 0]));
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) full[i + off]![j + off] = cov[i]![j]!;
  if (intercept) {
    // C x̄ and x̄'C x̄
    let quad: DD = [0, 0];
    for (let i = 0; i < p; i++) {
      let acc: DD = [0, 0];
      for (let j = 0; j < p; j++) acc = ddAdd(acc, ddMul(cov[i]![j]!, means[j]!));
      full[0]![i + 1] = ddNeg(acc);
      full[i + 1]![0] = ddNeg(acc);
      quad = ddAdd(quad, ddMul(means[i]!, acc));
    }
    full[0]![0] = ddAdd(ddDiv([1, 0], [n, 0]), quad);
  }
  return full;
}
