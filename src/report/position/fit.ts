/**
 * Stage 2 of a position: the OLS fit of its returns on its hedges', and the collinearity of the
 * hedges (COLLINEAR_HEDGES). A singular design fails here, naming the hedges.
 */
import { MathError } from '../../errors';
import { inverse } from '../../core/linalg';
import { pearson } from '../../core/kernels/comoments';
import { DegenerateRegressorError } from '../../core/regression/degenerate';
import { neweyWestMaxlags } from '../../core/regression/hac';
import { olsFit, type OlsFit } from '../../core/regression/ols';
import { correlation } from '../../core/stats';
import type { Settings } from '../../settings';
import type { Grid } from '../context';
import { fmt, showText } from '../text';
import type { Warn } from './common';
import type { PositionSeries } from './series';

/**
 * Why a regression is undefined, naming the series: `hedge "FLAT" has zero variance (its
 * returns are all zero)`, `hedge "XBT" is a linear combination of a constant and "BTC" (perfectly
 * collinear hedges)`; other MathErrors as they are.
 */
function degenerateText(e: MathError, hedges: readonly string[], s: Settings): string {
  if (!(e instanceof DegenerateRegressorError) || e.regressor >= hedges.length * (s.lags + 1)) {
    return e.message;
  }
  // Regressor i is hedge i mod k at lag ⌊i/k⌋ (laggedSeries' column order).
  const k = hedges.length;
  const named = (i: number) =>
    `"${showText(hedges[i % k]!)}"${i >= k ? ` lagged ${Math.floor(i / k)}` : ''}`;
  const h = named(e.regressor);
  const what =
    s.returns === 'level' ? 'prices' : s.returns === 'diff' ? 'price changes' : 'returns';
  switch (e.reason) {
    case 'zero':
      return `hedge ${h} has zero variance (its ${what} are all zero)`;
    case 'constant':
      return `hedge ${h} has zero variance (its ${what} are constant)`;
    case 'collinear': {
      const before = Array.from({ length: e.regressor }, (_, i) => named(i));
      const others = s.intercept ? ['a constant', ...before] : before;
      return `hedge ${h} is a linear combination of ${others.join(' and ')} (perfectly collinear hedges)`;
    }
  }
}

/**
 * The OLS fit of the position's returns on its hedges'.
 * @throws MathError naming the hedge when the regression is undefined (zero variance, collinear)
 */
export function fitPosition(
  series: PositionSeries,
  hedges: readonly string[],
  s: Settings,
  period: { start: string | null; end: string | null },
): OlsFit {
  try {
    // the HAC meat in the residual pass of a large fit (the report asks for it: diagnostics.ts)
    return olsFit(series.y, series.xs, s.intercept, { hacLags: neweyWestMaxlags(series.n) });
  } catch (e) {
    if (e instanceof MathError) {
      throw new MathError(
        `${degenerateText(e, hedges, s)} over the ${series.n} returns from ${period.start} to ${period.end}; no regression is defined`,
      );
    }
    throw e;
  }
}

/**
 * Variance-inflation factors of the hedges: VIF_j = 1/(1 − R²_j), R²_j from regressing hedge j
 * on the others, which is the j-th diagonal element of the inverse correlation matrix.
 */
export function varianceInflationFactors(corr: readonly (readonly number[])[]): number[] {
  if (corr.length < 2) return corr.map(() => 1);
  const inv = inverse(corr);
  return inv.map((row, j) => row[j]!);
}

/**
 * corr(x_i, x_j) of the fit's regressors i and j: pearson of its centred co-moments when it has
 * them (moments methods with an intercept; the value then depends on this position's inputs
 * only, whichever thread computes it); otherwise from the data, once per range when the hedges'
 * returns are shared (the grid's cache). NaN where undefined.
 */
function hedgeCorrelation(
  fit: OlsFit,
  series: PositionSeries,
  hedges: readonly string[],
  grid: Grid,
  i: number,
  j: number,
): number {
  const moments = fit.moments;
  if (moments !== undefined && fit.intercept) {
    const m = moments.means.length;
    const S = moments.S;
    return pearson(S[i * m + i]!, S[j * m + j]!, S[i * m + j]!);
  }
  const key =
    series.rangeKey === null
      ? null
      : `${hedges[i]!}\u0000${hedges[j]!}\u0000${series.rangeKey}\u0000${series.n}`;
  let r = key === null ? undefined : grid.correlationCache.get(key);
  if (r === undefined) {
    try {
      r = correlation(series.xs[i]!, series.xs[j]!);
    } catch {
      r = NaN;
    }
    if (key !== null) grid.correlationCache.set(key, r);
  }
  return r;
}

/**
 * COLLINEAR_HEDGES: two hedges correlated beyond --max-hedge-correlation, or a VIF beyond
 * --max-vif (a singular design has failed the fit already, with a message naming the hedges).
 */
export function collinearityWarnings(
  name: string,
  fit: OlsFit,
  series: PositionSeries,
  hedges: readonly string[],
  grid: Grid,
  s: Settings,
  warn: Warn,
): void {
  // The hedges' current returns: their lagged columns (--lags) are not other hedges.
  const k = hedges.length;
  if (k < 2) return;
  const t = s.thresholds;
  const corr = hedges.map(() => hedges.map(() => 1));
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const r = hedgeCorrelation(fit, series, hedges, grid, i, j);
      corr[i]![j] = r;
      corr[j]![i] = r;
      if (Number.isFinite(r) && Math.abs(r) > t.maxHedgeCorrelation) {
        warn(
          'COLLINEAR_HEDGES',
          'warning',
          `${name}: hedges ${showText(hedges[i]!)} and ${showText(hedges[j]!)} have correlation ${fmt(r, 3)} (limit ${fmt(t.maxHedgeCorrelation, 2)}); their separate ratios are unreliable, consider hedging with one of them`,
        );
      }
    }
  }
  if (!corr.every((row) => row.every(Number.isFinite))) return;
  let vifs: number[] = [];
  try {
    vifs = varianceInflationFactors(corr);
  } catch {
    vifs = [];
  }
  const worst = vifs.reduce((m, v, j) => (v > (vifs[m] ?? -Infinity) ? j : m), 0);
  const vmax = vifs[worst];
  if (vmax !== undefined && !(vmax <= t.maxVif)) {
    warn(
      'COLLINEAR_HEDGES',
      'warning',
      `${name}: hedge ${showText(hedges[worst]!)} has a variance-inflation factor of ${Number.isFinite(vmax) ? fmt(vmax, 1) : 'infinity'} (limit ${fmt(t.maxVif, 1)}); the other hedges explain it almost entirely`,
    );
  }
}
