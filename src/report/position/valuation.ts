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
import { positionKind } from '../exposures';
import { showText } from '../text';
import type { Warn } from './common';

export interface Valuation {
  readonly exposure: Exposure;
  /** Each hedge's valuation price, null when it has none. */
  readonly hedgePrices: readonly (number | null)[];
}

/** The valuation of position `p` and its hedges, with STALE_PRICES warnings (see above). */
export function valuationOf(
  p: Position,
  hedges: readonly string[],
  prices: PriceTable,
  context: ReportContext,
  name: string,
  warn: Warn,
): Valuation {
  const at = (symbol: string) =>
    valuationPoint(prices.times, prices.series.get(symbol)!, context.to);
  const points = [p.symbol, ...hedges].map((symbol) => ({ symbol, point: at(symbol) }));
  const when = formatTime(context.valuationTime);
  for (const { symbol, point } of points) {
    if (point === null) {
      warn(
        'STALE_PRICES',
        'warning',
        `${name}: ${showText(symbol)} has no price at or before ${when}`,
      );
    } else if (point.time < context.valuationTime) {
      warn(
        'STALE_PRICES',
        'warning',
        `${name}: the last ${showText(symbol)} price is from ${formatTime(point.time)}, older than the valuation date ${when}`,
      );
    }
  }
  const priceOf = new Map(points.map(({ symbol, point }) => [symbol, point?.price ?? null]));
  const exposure = positionKind(p.kind).resolve(p, (symbol) => priceOf.get(symbol) ?? null);
  return { exposure, hedgePrices: hedges.map((h) => priceOf.get(h) ?? null) };
}
