/**
 * A spot holding (tokens, staked tokens): its exposure is its quantity. A row given by notional
 * is worth exactly that notional (quantity × price would add a rounding error), and its quantity
 * is notional ÷ price. Its delta never moves: gamma 0, no range, no rebalance prices.
 */
import type { Exposure, PositionKind, PriceAt } from '../exposure';
import type { SpotPosition } from '../../input/types';

export const spot: PositionKind<SpotPosition> = {
  name: 'spot',
  resolve(p: SpotPosition, priceAt: PriceAt): Exposure {
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
      legs: [{ symbol: p.symbol, delta: quantity, deltaValue: value, price, hedge: 'regression' }],
      facts: {
        quote: null,
        baseAmount: quantity,
        quoteAmount: null,
        gamma: 0,
        lower: null,
        upper: null,
        inRange: null,
        rebalanceBelow: null,
        rebalanceAbove: null,
      },
      revalue: null,
      curve: null,
    };
  },
};
