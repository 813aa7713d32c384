/**
 * Stage 0 of a position: its exposure and its hedges' prices at the valuation date (the last
 * value at or before --to, or the last row, from the prices as given: not resampled, not cut at
 * --from). Whether a price is stale is the report's to say, once per series (../staleness.ts).
 */
import { valuationPoint } from '../../input/align';
import type { Position, PriceTable } from '../../input/types';
import type { ReportContext } from '../context';
import type { Exposure } from '../exposure';
import { resolveExposure } from '../exposures';

export interface Valuation {
  readonly exposure: Exposure;
  /** Each hedge's valuation price, null when it has none. */
  readonly hedgePrices: readonly (number | null)[];
}

/** The valuation of position `p` and its hedges. */
export function valuationOf(
  p: Position,
  hedges: readonly string[],
  prices: PriceTable,
  context: ReportContext,
): Valuation {
  const points = new Map<string, { price: number; time: number } | null>();
  const point = (symbol: string) => {
    if (!points.has(symbol)) {
      const series = prices.series.get(symbol);
      points.set(
        symbol,
        series === undefined ? null : valuationPoint(prices.times, series, context.to),
      );
    }
    return points.get(symbol)!;
  };
  const priceAt = (symbol: string) => point(symbol)?.price ?? null;
  const hedgePrices = hedges.map(priceAt);
  const exposure = resolveExposure(p, priceAt, context.terms);
  return { exposure, hedgePrices };
}
