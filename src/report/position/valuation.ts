/**
 * Stage 0 of a position: its exposure and its hedges' prices at the valuation date (the last
 * value at or before --to, or the last row, from the prices as given: not resampled, not cut at
 * --from), and STALE_PRICES for a series whose last value is older than that date.
 */
import { valuationPoint } from '../../input/align';
import { formatTime } from '../../input/time';
import type { Position, PriceTable } from '../../input/types';
import type { ReportContext } from '../context';
import type { Exposure } from '../exposure';
import { resolveExposure } from '../exposures';
import { showText } from '../text';
import type { Warn } from './common';

export interface Valuation {
  readonly exposure: Exposure;
  /** Each hedge's valuation price, null when it has none. */
  readonly hedgePrices: readonly (number | null)[];
}

/**
 * The valuation of position `p` and its hedges, with STALE_PRICES warnings (see above) for the
 * position's symbol, its hedges and any other symbol its kind prices (a pool's quote).
 */
export function valuationOf(
  p: Position,
  hedges: readonly string[],
  prices: PriceTable,
  context: ReportContext,
  name: string,
  warn: Warn,
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
  point(p.symbol); // first: the warnings below come in the order the symbols were priced
  const hedgePrices = hedges.map(priceAt);
  const exposure = resolveExposure(p, priceAt, context.terms);
  const when = formatTime(context.valuationTime);
  for (const [symbol, at] of points) {
    if (at === null) {
      warn(
        'STALE_PRICES',
        'warning',
        `${name}: ${showText(symbol)} has no price at or before ${when}`,
      );
    } else if (at.time < context.valuationTime) {
      warn(
        'STALE_PRICES',
        'warning',
        `${name}: the last ${showText(symbol)} price is from ${formatTime(at.time)}, older than the valuation date ${when}`,
      );
    }
  }
  return { exposure, hedgePrices };
}
