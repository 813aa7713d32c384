/**
 * The HC3 heteroskedasticity-consistent covariance of the slopes of a least-squares fit:
 *
 *   V = C · (Σ_t d_t d_t' e_t² / (1 − h_t)²) · C
 *
 * with the regressors centred on their means (d_t = x_t − x̄; raw x_t without an intercept),
 * C = (Σ d_t d_t')⁻¹ the slopes' block of (X'X)⁻¹, e_t the residuals and the leverage
 * h_t = 1/n + d_t'·C·d_t (d_t'·C·d_t without an intercept). Centring gives the same slope block
 * as the full sandwich and a leverage without cancellation. Reference: MacKinnon & White,
 * J. Econometrics 29 (1985); Long & Ervin, Am. Stat. 54 (2000) recommend HC3 below 250
 * observations. R: sandwich::vcovHC(fit, type = "HC3").
 *
 * The meat of a fit from co-moments with one or two regressors is summed in the residual pass
 * itself (src/core/kernels/residual-pass.ts); {@link hc3Meat} is the general path over a
 * residual array, which the pass is tested against.
 */
import { compensatedSum } from '../kernels/compensated';
import { MAX_LEVERAGE } from './limits';

/**
 * The sandwich C·M·C (k × k), as T = C·M then T·C, the upper triangle mirrored so that the
 * result is exactly symmetric. Cost O(k³).
 */
export function sandwich(cov: readonly (readonly number[])[], meat: ArrayLike<number>): number[][] {
  const k = cov.length;
  const t: number[][] = [];
  for (let i = 0; i < k; i++) {
    const row: number[] = [];
    for (let j = 0; j < k; j++) {
      let acc = 0;
      for (let c = 0; c < k; c++) acc += cov[i]![c]! * meat[c * k + j]!;
      row.push(acc);
    }
    t.push(row);
  }
  const v: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let acc = 0;
      for (let c = 0; c < k; c++) acc += t[i]![c]! * cov[c]![j]!;
      v[i]![j] = acc;
      v[j]![i] = acc;
    }
  }
  return v;
}

/**
 * The HC3 meat Σ_t d_t d_t' e_t²/(1 − h_t)² (k × k, row-major) from the regressors, the fit's
 * residuals and C (see the module comment); the regressors are centred on their means
 * (compensated sums) when `intercept`. Cost O(n·k²).
 * @returns null when a leverage reaches MAX_LEVERAGE (HC3 undefined)
 */
export function hc3Meat(
  regressors: readonly ArrayLike<number>[],
  residuals: ArrayLike<number>,
  cov: readonly (readonly number[])[],
  intercept: boolean,
): Float64Array | null {
  const k = regressors.length;
  const n = residuals.length;
  const means = regressors.map((x) => (intercept ? compensatedSum(x) / n : 0));
  const h0 = intercept ? 1 / n : 0;
  const d = new Float64Array(k);
  const meat = new Float64Array(k * k);
  for (let t = 0; t < n; t++) {
    for (let j = 0; j < k; j++) d[j] = regressors[j]![t]! - means[j]!;
    let h = h0;
    for (let a = 0; a < k; a++) {
      let ca = 0;
      for (let b = 0; b < k; b++) ca += cov[a]![b]! * d[b]!;
      h += d[a]! * ca;
    }
    if (!(h < MAX_LEVERAGE)) return null;
    const e = residuals[t]!;
    const g = 1 - h;
    const w = (e * e) / (g * g);
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) meat[a * k + b] = meat[a * k + b]! + w * d[a]! * d[b]!;
    }
  }
  return meat;
}
