/**
 * What the HTML report plots for a position (ReportNeeds.chartPoints > 0), computed by the
 * report's own formulas and downsampled as they are computed (src/core/downsample.ts: min/max
 * per bucket, at most chartPoints points a line), so that a chart never holds an n-length series:
 * the rolling correlation and beta (handed over by rollingStatistics, ./diagnostics.ts), the
 * cumulative return of the position unhedged and hedged over the walk-forward (its errors are the
 * returns hedged with the ratio estimated from the returns before each), and a pool's value and
 * delta across the base's price (its exposure's own revaluation and amounts, src/core/amm.ts).
 */
import { MinMaxDownsampler, type Downsampled } from '../../core/downsample';
import type { WalkForward } from '../../core/estimators/types';
import { compoundReturn } from '../../core/returns';
import type { ReturnsKind } from '../../settings';
import { regressionLeg, type Exposure } from '../exposure';
import type { PositionDiagnostics } from './diagnostics';
import { timesPowerOfTwo } from './scaling';
import type { PositionSeries } from './series';

/** A line of a chart: its points' times (epoch ms) and values. */
export interface ChartLine {
  readonly times: Float64Array;
  readonly values: Float64Array;
}

/** A pool's value (in quote tokens) and delta (base tokens) across the base's price in the quote. */
export interface PoolCurve {
  readonly prices: Float64Array;
  readonly values: Float64Array;
  readonly deltas: Float64Array;
  /** The base's price in the quote now. */
  readonly price: number;
}

/** A position's charts (a line is null where its statistic is not computed). */
export interface PositionCharts {
  /** Rolling correlation and beta over --window, at each window's last return. */
  readonly rollingCorrelation: ChartLine | null;
  readonly rollingBeta: ChartLine | null;
  /** Cumulative return from the walk-forward's start, unhedged and hedged (null for levels). */
  readonly cumulativeUnhedged: ChartLine | null;
  readonly cumulativeHedged: ChartLine | null;
  readonly curve: PoolCurve | null;
  /**
   * Whether the rolling lines are on the fitted hedge portfolio Σβ_j·x_j (several regressors,
   * --lags' lagged returns included; its full-sample slope is 1) rather than on the one hedge.
   */
  readonly portfolio: boolean;
}

/** Points a line of the HTML report's charts has at most (docs/html.md). */
export const HTML_CHART_POINTS = 1000;

/** Points of a pool's curve. */
const CURVE_POINTS = 241;

/** Downsamplers of the rolling correlation and beta of m windows. */
export function rollingPlot(
  m: number,
  points: number,
): { correlation: MinMaxDownsampler; beta: MinMaxDownsampler } {
  return {
    correlation: new MinMaxDownsampler(m, points),
    beta: new MinMaxDownsampler(m, points),
  };
}

/**
 * The cumulative returns (compoundReturn) of the position, unhedged (y) and hedged (the
 * walk-forward's hedged returns), from return wf.start on, in the data's units (y and the errors
 * are scaled by 2^−exponent). `direction` −1 for a short position: its returns are the asset's
 * with the sign reversed (its hedge is a long). Null for `level` returns, which do not add up.
 */
export function cumulativePlot(
  y: Float64Array,
  wf: WalkForward,
  exponent: number,
  kind: ReturnsKind,
  points: number,
  direction: 1 | -1,
): { unhedged: Downsampled; hedged: Downsampled } | null {
  if (kind === 'level') return null;
  const m = y.length - wf.start;
  const unhedged = new MinMaxDownsampler(m, points);
  const hedged = new MinMaxDownsampler(m, points);
  let u = 0;
  let h = 0;
  for (let k = 0; k < m; k++) {
    u = compoundReturn(u, direction * timesPowerOfTwo(y[wf.start + k]!, exponent), kind);
    h = compoundReturn(h, direction * timesPowerOfTwo(wf.errors[k]!, exponent), kind);
    unhedged.push(u);
    hedged.push(h);
  }
  return { unhedged: unhedged.result(), hedged: hedged.result() };
}

/** A downsampled line's indices (returns from `first`) as times; `timeOf` maps a return index. */
export function lineAt(
  d: Downsampled,
  first: number,
  timeOf: (returnIndex: number) => number,
): ChartLine {
  return { times: d.index.map((i) => timeOf(first + i)), values: d.values };
}

/**
 * A pool's value and delta from half its lower price (or today's) to one and a half times its
 * upper price (or today's), evenly spaced; null for a kind without a curve.
 */
export function poolCurve(exposure: Exposure): PoolCurve | null {
  const c = exposure.curve;
  const revalue = exposure.revalue;
  if (c === null || revalue === null || !(c.ratio > 0 && c.ratio < Infinity)) return null;
  const base = regressionLeg(exposure).symbol;
  const lo = 0.5 * Math.min(c.ratio, exposure.facts.lower ?? c.ratio);
  const hi = 1.5 * Math.max(c.ratio, exposure.facts.upper ?? c.ratio);
  const prices = new Float64Array(CURVE_POINTS);
  const values = new Float64Array(CURVE_POINTS);
  const deltas = new Float64Array(CURVE_POINTS);
  for (let i = 0; i < CURVE_POINTS; i++) {
    const p = lo + ((hi - lo) * i) / (CURVE_POINTS - 1);
    prices[i] = p;
    // in quote tokens: the base priced at p, the quote at 1
    values[i] = revalue((symbol) => (symbol === base ? p : 1)) ?? NaN;
    deltas[i] = c.amountsAt(p).base;
  }
  return { prices, values, deltas, price: c.ratio };
}

/**
 * A position's charts from its diagnostics (null when it was not fitted): each line's points at
 * the time of their return (a window's: its last return's).
 */
export function positionCharts(
  series: PositionSeries,
  d: PositionDiagnostics | null,
  exposure: Exposure,
  window: number,
): PositionCharts {
  const offset = series.times.length - series.n; // 1 for changes, 0 for levels
  const timeOf = (t: number) => series.times[t + offset]!;
  const rolling = d?.rollingPlot ?? null;
  const cumulative = d?.cumulativePlot ?? null;
  const from = d?.cumulativeFrom ?? 0;
  return {
    rollingCorrelation: rolling && lineAt(rolling.correlation, window - 1, timeOf),
    rollingBeta: rolling && lineAt(rolling.beta, window - 1, timeOf),
    cumulativeUnhedged: cumulative && lineAt(cumulative.unhedged, from, timeOf),
    cumulativeHedged: cumulative && lineAt(cumulative.hedged, from, timeOf),
    curve: poolCurve(exposure),
    portfolio: series.xs.length > 1,
  };
}
