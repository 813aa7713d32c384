/**
 * Stage 1 of a position: its aligned returns and its hedges', exactly as the contract says:
 * the price rows in range, the complete rows (the position and all its hedges have a value),
 * returns between consecutive kept rows, the last --lookback of them; then scaled (./scaling.ts).
 */
import { returnsInPlace } from '../../core/returns';
import { alignComplete, rangeBounds } from '../../input/align';
import { seriesLength, seriesValue, seriesValuesInto, type PriceSeries } from '../../input/series';
import type { Settings } from '../../settings';
import type { ReportContext } from '../context';
import { scaledSeries, seriesFacts, type SeriesFacts } from './scaling';

/** The key of a range's rows and returns kind in the grid's caches. */
export function rangeKeyOf(
  bounds: { start: number; end: number },
  kind: Settings['returns'],
): string {
  return `${bounds.start}:${bounds.end}:${kind}`;
}

/** The key of a symbol's returns over a whole range in Grid.returnsCache. */
export function returnsKey(symbol: string, rangeKey: string): string {
  return `${symbol}\u0000${rangeKey}`;
}

/** Length of the returns of a price series (returnsOf). */
export function returnsLengthOf(prices: PriceSeries, kind: Settings['returns']): number {
  const n = seriesLength(prices);
  return kind === 'level' ? n : Math.max(0, n - 1);
}

/**
 * returnsOf for a price series: its values are written straight into the returns' buffer
 * (`into`, or a new one), then turned into returns in place.
 */
export function columnReturns(
  prices: PriceSeries,
  kind: Settings['returns'],
  into?: Float64Array,
): Float64Array {
  const n = seriesLength(prices);
  const out = into ?? new Float64Array(returnsLengthOf(prices, kind));
  seriesValuesInto(prices, n - out.length, n, out);
  return returnsInPlace(n > 0 ? seriesValue(prices, 0) : null, out, kind);
}

/** A position's returns and its hedges', ready for the statistics. */
export interface PositionSeries {
  /** Returns used. */
  readonly n: number;
  /** The price times the returns span (n + 1 of them for changes, n for levels). */
  readonly times: Float64Array;
  /** The position's returns, scaled by 2^−exps[0] (in the workspace's `returns` buffer). */
  readonly y: Float64Array;
  /** The hedges' returns, each scaled by 2^−exps[j + 1]. */
  readonly xs: readonly Float64Array[];
  /** The binary exponents the series were divided by: the position's, then each hedge's. */
  readonly exps: readonly number[];
  /** The facts of each series (position first). */
  readonly facts: readonly SeriesFacts[];
  /**
   * Set when alignment dropped no row of the range: the key of the range in the grid's caches
   * (a hedge's returns, facts and correlations are then the same for every position).
   */
  readonly rangeKey: string | null;
  /**
   * Lags of each hedge among the regressors (--lags; laggedSeries): xs then holds the k hedges'
   * returns at lag 0, then at lag 1, … (k·(lags + 1) columns); 0: xs are the hedges.
   */
  readonly lags: number;
}

/** The number of hedges of a series' regression (its columns without their lags). */
export function hedgeCountOf(series: PositionSeries): number {
  return series.xs.length / (series.lags + 1);
}

/**
 * The regression of y_t on every hedge's returns x_j,t−l, l = 0 … lags (Dimson): y and the
 * times from return `lags` on (the first `lags` returns have no lagged hedge returns), the
 * columns lag-major (all hedges at lag 0, then at lag 1, …), each a view of the hedge's returns
 * (no copy); facts stay those of the unlagged series. Cost O(k·lags).
 */
export function laggedSeries(series: PositionSeries, lags: number): PositionSeries {
  if (lags === 0) return series;
  const { n, y, xs, exps, times } = series;
  const m = Math.max(0, n - lags);
  const at = (x: Float64Array, l: number) => x.subarray(n - m - l, n - l);
  return {
    ...series,
    n: m,
    times: times.subarray(Math.min(lags, times.length)),
    y: y.subarray(n - m),
    xs: Array.from({ length: lags + 1 }, (_, l) => xs.map((x) => at(x, l))).flat(),
    exps: [exps[0]!, ...Array.from({ length: lags + 1 }, () => exps.slice(1)).flat()],
    lags,
  };
}

/**
 * The returns of `symbol` and its hedges over the report's range (see the module comment).
 * @throws MathError when a price cannot be turned into a return (e.g. ≤ 0 for log returns)
 */
export function positionSeries(
  symbol: string,
  hedges: readonly string[],
  settings: Settings,
  context: ReportContext,
): PositionSeries {
  const { grid, from, to } = context;
  const symbols = [symbol, ...hedges];
  const aligned = alignComplete(
    grid.times,
    symbols.map((h) => grid.series.get(h)!),
    from,
    to,
  );
  // With no row dropped, the kept rows are the whole range: a hedge's returns are then the same
  // for every position, and computed once.
  const bounds = rangeBounds(grid.times, from, to);
  const fullRange = aligned.times.length === bounds.end - bounds.start;
  const rangeKey = fullRange ? rangeKeyOf(bounds, settings.returns) : null;
  let cols = aligned.columns.map((c, i) => {
    // The position's returns live only while this position is computed: a reusable buffer.
    if (i === 0) {
      const length = returnsLengthOf(c, settings.returns);
      return columnReturns(c, settings.returns, context.workspace.returns(length));
    }
    if (rangeKey === null) return columnReturns(c, settings.returns);
    const key = returnsKey(symbols[i]!, rangeKey);
    let r = grid.returnsCache.get(key);
    if (r === undefined) {
      r = columnReturns(c, settings.returns);
      grid.returnsCache.set(key, r);
    }
    return r;
  });
  let times = aligned.times;
  const retLen = cols[0]!.length;
  const offset = times.length - retLen; // 1 for changes, 0 for levels
  // With --lags, the lookback counts the regression's observations: the lagged hedge returns
  // reach `lags` returns further back (laggedSeries).
  const want = settings.lookback === null ? retLen : settings.lookback + settings.lags;
  const keep = want < retLen ? want : retLen;
  cols = cols.map((c) => c.subarray(retLen - keep));
  times = times.subarray(times.length - keep - offset);
  const facts = cols.map((c, i) => {
    if (i === 0 || rangeKey === null) return seriesFacts(c);
    const key = `${returnsKey(symbols[i]!, rangeKey)}\u0000${keep}`;
    let f = grid.factsCache.get(key);
    if (f === undefined) {
      f = seriesFacts(c);
      grid.factsCache.set(key, f);
    }
    return f;
  });
  const exps = facts.map((f) => f.exponent);
  return {
    n: keep,
    times,
    y: scaledSeries(cols[0]!, exps[0]!),
    xs: cols.slice(1).map((c, j) => scaledSeries(c, exps[j + 1]!)),
    exps,
    facts,
    rangeKey,
    lags: 0,
  };
}

/**
 * The time of return t of the series (0-based): the price time at which it is realised, the end
 * of the interval it spans (for levels, the time of that price).
 */
export function returnTime(series: PositionSeries, t: number): number {
  return series.times[t + series.times.length - series.n]!;
}
