/**
 * A Uniswap v2 (constant-product) liquidity position: half its value in each token, x = V/(2P),
 * y = x·P; delta x, gamma −x/(2P); the delta has moved by f at P/(1 ± f)² (src/core/amm.ts).
 * A row gives the base tokens in the pool now (`quantity`) or the position's value (`notional`).
 */
import { v2Amounts, v2AmountsAt, v2Gamma, v2RebalancePrices } from '../../core/amm';
import type { V2Position } from '../../input/types';
import type { ExposureTerms, PositionKind, PriceAt } from '../exposure';
import { poolExposure, poolPrices, type PoolModel, type PoolPrices } from './pool';

/** The v2 pool of row `p` at prices `at`. */
function v2Model(p: V2Position, at: PoolPrices, band: number): PoolModel {
  const amounts =
    p.quantity !== null
      ? { base: p.quantity, quote: p.quantity * at.ratio }
      : v2Amounts(p.notional! / at.quote, at.ratio);
  return {
    amounts,
    amountsAt: (ratio) => v2AmountsAt(amounts, at.ratio, ratio),
    gamma: v2Gamma(amounts.base, at.ratio),
    inRange: true,
    rebalance: v2RebalancePrices(at.ratio, band),
  };
}

export const v2: PositionKind<V2Position> = {
  name: 'v2',
  resolve(p: V2Position, priceAt: PriceAt, terms: ExposureTerms) {
    const at = poolPrices(p, priceAt, terms);
    return poolExposure(p, terms, at, at === null ? null : v2Model(p, at, terms.rebalanceBand));
  },
};
