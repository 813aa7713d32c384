/**
 * A spot holding (tokens, staked tokens): its exposure is its quantity. A row given by notional
 * is worth exactly that notional (quantity × price would add a rounding error), and its quantity
 * is notional ÷ price.
 */
import type { Exposure, PositionKind, PriceAt } from '../exposure';
import type { Position } from '../../input/types';

export const spot: PositionKind = {
  name: 'spot',
  resolve(p: Position, priceAt: PriceAt): Exposure {
    const price = priceAt(p.symbol);
    const quantity =
      p.quantity !== null
        ? p.quantity
        : price !== null && p.notional !== null
          ? p.notional / price
          : null;
    const value =
      p.notional !== null
        ? p.notional
        : quantity !== null && price !== null
          ? quantity * price
          : null;
    return {
      kind: 'spot',
      value,
      quantity,
      price,
      legs: [{ symbol: p.symbol, delta: quantity, deltaValue: value, hedge: 'regression' }],
    };
  },
};
