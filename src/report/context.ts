/**
 * What every position of one report shares: its inputs, the price grid (range cut, then
 * resampled), the valuation date, the caches of series that are the same for every position,
 * and this thread's work buffers.
 */
import { MathError } from '../errors';
import { rangeBounds, resample } from '../input/align';
import { seriesSlice, seriesLength, type PriceSeries } from '../input/series';
import { parseTime } from '../input/time';
import type {
  CurrentHolding,
  FundingSeries,
  Instrument,
  Position,
  PreviousReport,
  PriceTable,
} from '../input/types';
import type { Settings } from '../settings';
import type { ExposureTerms } from './exposure';
import { columnReturns, rangeKeyOf, returnsKey, returnsLengthOf } from './position/series';
import type { SeriesFacts } from './position/scaling';
import { Workspace } from './workspace';

/** What a renderer needs computed beyond the JSON contract's fields (never the format's name). */
export interface ReportNeeds {
  /** Points of the rolling correlation's sparkline (bucket means); 0: none. */
  readonly sparklinePoints: number;
  /** The downside/upside betas and their test (stability.downsideBeta …). */
  readonly upDownBetas: boolean;
  /**
   * At most this many points per line of a position's charts (rolling correlation and beta,
   * cumulative returns unhedged and hedged; a pool's value and delta curve); 0: no charts.
   */
  readonly chartPoints: number;
}

/** Everything computed: what the JSON, CSV and Markdown reports show. */
export const ALL_FIELDS: ReportNeeds = { sparklinePoints: 0, upDownBetas: true, chartPoints: 0 };

/** Inputs of one report, already parsed (plain data: a worker thread receives a copy). */
export interface ReportInput {
  readonly positions: readonly Position[];
  readonly positionsSource: string;
  readonly prices: PriceTable;
  readonly instruments: ReadonlyMap<string, Instrument>;
  readonly settings: Settings;
  readonly needs: ReportNeeds;
  /** The rows of the current-hedges file (`--current`); absent without it. */
  readonly current?: readonly CurrentHolding[];
  /** The previous report (`--previous`); absent without it. */
  readonly previous?: PreviousReport;
  /** The funding rows of the hedge instruments by symbol (`--funding`); absent without it. */
  readonly funding?: ReadonlyMap<string, FundingSeries>;
}

/**
 * The price grid, and the series that are the same for every position over a range where
 * alignment dropped no row: a hedge's returns, the hedges' correlations, their scale facts.
 */
export interface Grid {
  readonly times: Float64Array;
  readonly series: Map<string, PriceSeries>;
  readonly returnsCache: Map<string, Float64Array>;
  readonly correlationCache: Map<string, number>;
  readonly factsCache: Map<string, SeriesFacts>;
}

export interface ReportContext {
  readonly grid: Grid;
  readonly valuationTime: number;
  /** Index of the last raw row at or before --to, −1 when there is none. */
  readonly lastAtOrBefore: number;
  /** --from and --to as epoch ms (null: unbounded). */
  readonly from: number | null;
  readonly to: number | null;
  /** What positions resolve their exposure with (--cash, --rebalance-band). */
  readonly terms: ExposureTerms;
  readonly workspace: Workspace;
}

/** The report's context in this thread: the grid (range cut, then resampled) and the valuation date. */
export function reportContext(input: ReportInput): ReportContext {
  const s = input.settings;
  const symbols = [...input.prices.series.keys()];
  const raw = input.prices;
  const from = s.from === null ? null : parseTime(s.from);
  const to = s.to === null ? null : parseTime(s.to);
  // The range first, then the periods: a week or month cut by --from/--to keeps only its rows
  // inside the range (as pandas' df.loc[from:to].resample(rule).last()).
  const { start, end } = rangeBounds(raw.times, from, to);
  const sampled = resample(
    raw.times.subarray(start, end),
    symbols.map((k) => seriesSlice(raw.series.get(k)!, start, end)),
    s.frequency,
  );
  const grid: Grid = {
    times: sampled.times,
    series: new Map(symbols.map((k, i) => [k, sampled.series[i]!])),
    returnsCache: new Map(),
    correlationCache: new Map(),
    factsCache: new Map(),
  };
  // The valuation date: the last time in the file at or before --to (or the last time).
  const lastAtOrBefore = rangeBounds(raw.times, null, to).end - 1;
  const valuationTime = lastAtOrBefore >= 0 ? raw.times[lastAtOrBefore]! : (to ?? 0);
  const workspace = new Workspace(grid.times.length);
  const terms = { cash: s.cash, rebalanceBand: s.rebalanceBand };
  return { grid, valuationTime, lastAtOrBefore, from, to, terms, workspace };
}

/**
 * The hedges' returns over the whole range, computed once for every thread of a report (each in
 * a SharedArrayBuffer) and put in this context's returns cache: for each symbol that hedges a
 * position, what a position that keeps every row of the range would cache. A hedge with a gap or
 * a price its returns cannot take is left to the positions (they then align, compute or fail as
 * usual). Returns the entries, for the other thread's context ({@link withSharedReturns}).
 */
export function sharedHedgeReturns(
  input: ReportInput,
  context: ReportContext,
): [string, Float64Array][] {
  const s = input.settings;
  const grid = context.grid;
  const bounds = rangeBounds(grid.times, context.from, context.to);
  const rangeKey = rangeKeyOf(bounds, s.returns);
  const hedges = new Set(input.positions.flatMap((p) => p.hedges ?? s.hedge));
  const entries: [string, Float64Array][] = [];
  for (const h of hedges) {
    const whole = grid.series.get(h);
    if (whole === undefined) continue;
    const column = seriesSlice(whole, bounds.start, bounds.end);
    if (seriesLength(column) === 0) continue;
    const length = returnsLengthOf(column, s.returns);
    let r: Float64Array;
    try {
      r = columnReturns(
        column,
        s.returns,
        new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT)),
      );
    } catch (e) {
      if (e instanceof MathError) continue; // a gap or a price returns cannot take
      throw e;
    }
    const key = returnsKey(h, rangeKey);
    grid.returnsCache.set(key, r);
    entries.push([key, r]);
  }
  return entries;
}

/** The context with another thread's {@link sharedHedgeReturns} in its returns cache. */
export function withSharedReturns(
  context: ReportContext,
  entries: readonly (readonly [string, Float64Array])[],
): ReportContext {
  for (const [key, r] of entries) context.grid.returnsCache.set(key, r);
  return context;
}
