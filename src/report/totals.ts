/** Totals per hedge instrument across all positions. */
import type { Instrument } from '../input/types';
import { MathError } from '../errors';
import { showText } from './text';
import { contractsFor } from './position/sizing';
import { NO_TRADE } from './trades';
import type { HedgeTotal, PositionReport } from './types';

/** A total that is finite, else a MathError: legs within range whose sum is not. */
function checkedTotal(x: number, what: string, symbol: string): number {
  if (Number.isFinite(x)) return x;
  throw new MathError(
    `the total hedge ${what} of ${showText(symbol)} overflows (beyond ±1.8e308, the largest number a double holds); check the magnitudes of the positions hedged with it`,
  );
}

/**
 * Totals per hedge instrument, in order of first appearance: the sums of the legs' notionals and
 * quantities (legs without a size do not count; an instrument none of whose legs has one totals
 * null). Contracts round the net position once. The trade fields and funding are null (see
 * ./trades.ts, ./funding.ts).
 * @throws MathError when a total overflows
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
    hedgeNotional: a.any ? checkedTotal(a.notional, 'notional', symbol) : null,
    hedgeQuantity: a.any ? checkedTotal(a.quantity, 'quantity', symbol) : null,
    contracts: a.any
      ? contractsFor(instruments.get(symbol), a.quantity, a.notional, a.price).contracts
      : null,
    ...NO_TRADE,
    funding: null,
  }));
}
