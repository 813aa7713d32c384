/**
 * Exact references for the part fits of the break and downside tests: the rows of an index list
 * copied out, fitted by olsFit's exact method (double-double), HC3 from the residuals
 * (src/core/regression/hc3.ts), compared by the same robust Wald test.
 */
import { compareParts, type SlopeComparison } from '../../src/core/diagnostics/breaks';
import { MathError } from '../../src/errors';
import { olsFit } from '../../src/core/regression/ols';
import { partFit, partFitOf, type PartFit } from '../../src/core/regression/part-fit';

/** OLS of y on the regressors over the rows `index` (exact method) with HC3, or null. */
export function exactPartFit(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  index: ArrayLike<number>,
  intercept: boolean,
): PartFit | null {
  const n = index.length;
  const yp = new Float64Array(n);
  const xp = regressors.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const t = index[i]!;
    yp[i] = y[t]!;
    regressors.forEach((x, j) => (xp[j]![i] = x[t]!));
  }
  let fit;
  try {
    fit = olsFit(yp, xp, intercept, { method: 'exact' });
  } catch (e) {
    if (e instanceof MathError) return null;
    throw e;
  }
  return partFitOf(fit, intercept);
}

/** The robust comparison of two index lists' exact part fits. */
export function exactComparison(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  indexA: ArrayLike<number>,
  indexB: ArrayLike<number>,
  intercept: boolean,
): SlopeComparison | null {
  return compareParts(
    exactPartFit(y, regressors, indexA, intercept),
    exactPartFit(y, regressors, indexB, intercept),
    regressors.length,
  );
}

/** The robust comparison of two ranges' part fits (the fast method, as the report runs it). */
export function rangeComparison(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  a: { from: number; to: number },
  b: { from: number; to: number },
  intercept: boolean,
): SlopeComparison | null {
  return compareParts(
    partFit(y, regressors, a, intercept),
    partFit(y, regressors, b, intercept),
    regressors.length,
  );
}

/** [0, 1, …, count − 1] + from. */
export function rowsFrom(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}
