/** Totals per hedge instrument across all positions. */
import type { Instrument } from '../input/types';
import { finite } from './position/common';
import { contractsFor } from './position/sizing';
import { NO_TRADE } from './trades';
import type { HedgeTotal, PositionReport } from './types';

/**
 * Totals per hedge instrument, in order of first appearance: the sums of the legs' notionals and
 * quantities (legs without a size do not count; an instrument none of whose legs has one totals
 * null). Contracts round the net position once. The trade fields and funding are null (see
 * ./trades.ts, ./funding.ts).
 */
export function totalsOf(
  positions: readonly PositionReport[],
  instruments: ReadonlyMap<string, Instrument>,
): HedgeTotal[] {
  const bySymbol = new Map<
    string,
    { notional: number; quantity: number; any: boolean; price: number | null }
  >();
  for (const p of positions) {
    for (const h of p.hedges) {
      const acc = bySymbol.get(h.symbol) ?? {
        notional: 0,
        quantity: 0,
        any: false,
        price: h.price,
      };
      if (h.hedgeNotional !== null && h.hedgeQuantity !== null) {
        acc.notional += h.hedgeNotional;
        acc.quantity += h.hedgeQuantity;
        acc.any = true;
      }
      bySymbol.set(h.symbol, acc);
    }
  }
  return [...bySymbol].map(([symbol, a]) => ({
    symbol,
    hedgeNotional: a.any ? finite(a.notional) : null,
    hedgeQuantity: a.any ? finite(a.quantity) : null,
    contracts: a.any
      ? contractsFor(instruments.get(symbol), a.quantity, a.notional, a.price).contracts
      : null,
    ...NO_TRADE,
    funding: null,
  }));
}
