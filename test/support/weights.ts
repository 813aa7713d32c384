/**
 * Row weights for the tests of the weighted split scans and the dated break's GLS weights
 * (src/core/kernels/split-scan.ts RowWeights, src/core/diagnostics/gls-weights.ts).
 */
import { glsWeights } from '../../src/core/diagnostics/gls-weights';
import { BLOCK, type RowWeights, type SplitFit } from '../../src/core/kernels/split-scan';

/** RowWeights over weights held whole: w[t] is row t's. */
export function arrayWeights(w: Float64Array): RowWeights {
  return { block: (from, to) => w.subarray(from, to) };
}

/** The GLS weights of all n rows as one array, read block by block as the scans read them. */
export function breakWeights(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  mx: number,
  my: number,
  fit: SplitFit,
): Float64Array {
  const n = y.length;
  const w = glsWeights(y, x, mx, my, fit);
  const all = new Float64Array(n);
  for (let b = 0; b < n; b += BLOCK) all.set(w.block(b, Math.min(b + BLOCK, n)), b);
  return all;
}
