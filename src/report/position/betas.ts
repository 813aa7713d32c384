/**
 * The hedge betas a position reports, in the units of the data: the fit's slopes with their
 * statistics, or with --lags each hedge's Dimson beta (the sum of its current and lagged slopes,
 * src/core/regression/dimson.ts) and the slopes it sums.
 */
import { dimsonBetas } from '../../core/regression/dimson';
import type { OlsFit } from '../../core/regression/ols';
import { timesPowerOfTwo } from './scaling';
import { hedgeCountOf, type PositionSeries } from './series';

/** One hedge's beta and its statistics. */
export interface HedgeBeta {
  readonly beta: number;
  readonly stdError: number;
  readonly tStat: number;
  readonly pValue: number;
  /** With --lags: the slopes on the hedge's return at lag 0, 1, …; null without. */
  readonly lagBetas: readonly number[] | null;
}

/** Values of the series' columns summed per hedge (over its lags; one value per hedge). */
export function sumByHedge(values: readonly number[], series: PositionSeries): number[] {
  const k = hedgeCountOf(series);
  const sums = new Array<number>(k).fill(0);
  values.forEach((v, i) => (sums[i % k] = sums[i % k]! + v));
  return sums;
}

/** The betas of the position's hedges from its fit (see the module comment). */
export function hedgeBetas(series: PositionSeries, fit: OlsFit): HedgeBeta[] {
  const ey = series.exps[0]!;
  const k = hedgeCountOf(series);
  const unit = (x: number, j: number) => timesPowerOfTwo(x, ey - series.exps[j + 1]!);
  if (series.lags === 0) {
    const o = fit.intercept ? 1 : 0;
    return Array.from({ length: k }, (_, j) => ({
      beta: unit(fit.coefficients[o + j]!, j),
      stdError: unit(fit.stdErrors[o + j]!, j),
      tStat: fit.tStats[o + j]!,
      pValue: fit.pValues[o + j]!,
      lagBetas: null,
    }));
  }
  return dimsonBetas(fit, k, series.lags).map((d, j) => ({
    ...d,
    beta: unit(d.beta, j),
    stdError: unit(d.stdError, j),
    lagBetas: d.lagBetas.map((b) => unit(b, j)),
  }));
}
