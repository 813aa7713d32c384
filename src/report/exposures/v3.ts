/**
 * A Uniswap v3 concentrated-liquidity position of liquidity L on [lower, upper]: amounts by the
 * v3 whitepaper's eq. 6.29–6.30, delta x, gamma −L/(2P^1.5) in range and 0 outside, rebalance
 * prices where x has moved by f (src/core/amm.ts). A row gives L (`liquidity`) or the position's
 * value now (`notional`), from which L = V ÷ (V/L at the valuation price).
 */
import {
  v3Amounts,
  v3Gamma,
  v3InRange,
  v3RebalancePrices,
  v3ValuePerLiquidity,
} from '../../core/amm';
import type { V3Position } from '../../input/types';
import type { ExposureTerms, PositionKind, PriceAt } from '../exposure';
import { poolExposure, poolPrices, type PoolModel, type PoolPrices } from './pool';

/** The v3 position of row `p` at prices `at`. */
function v3Model(p: V3Position, at: PoolPrices, band: number): PoolModel {
  const { lower, upper } = p;
  const liquidity =
    p.liquidity ?? p.notional! / at.quote / v3ValuePerLiquidity(at.ratio, lower, upper);
  return {
    amounts: v3Amounts(liquidity, at.ratio, lower, upper),
    amountsAt: (ratio) => v3Amounts(liquidity, ratio, lower, upper),
    gamma: v3Gamma(liquidity, at.ratio, lower, upper),
    inRange: v3InRange(at.ratio, lower, upper),
    rebalance: v3RebalancePrices(at.ratio, lower, upper, band),
  };
}

export const v3: PositionKind<V3Position> = {
  name: 'v3',
  resolve(p: V3Position, priceAt: PriceAt, terms: ExposureTerms) {
    const at = poolPrices(p, priceAt, terms);
    return poolExposure(p, terms, at, at === null ? null : v3Model(p, at, terms.rebalanceBand));
  },
};
