/**
 * Automated-market-maker pool positions: what a liquidity provider holds at a price, how that
 * holding changes with the price (delta, gamma), and where its delta has moved by a given
 * fraction. Everything is in the pool's own units: `price` P is the base token's price in the
 * quote token (quote per base), amounts are token units, values are in the quote token.
 * Fees are not modelled (the position is its liquidity alone).
 *
 * References: H. Adams, N. Zinsmeister, M. Salem, R. Keefer, D. Robinson, "Uniswap v3 Core"
 * (2021), §6.2.3 and eq. 6.29–6.30 (amounts of a position of liquidity L on [pa, pb]);
 * H. Adams, N. Zinsmeister, D. Robinson, "Uniswap v2 Core" (2020), §2 (constant product
 * x·y = k); A. Elsts, "Liquidity math in Uniswap v3" (2021), §3–4 (the worked examples the
 * tests use). Derivations: docs/pools.md.
 */
import { MathError } from '../errors';

/** Token amounts of a pool position. */
export interface PoolAmounts {
  /** Base tokens x. */
  readonly base: number;
  /** Quote tokens y. */
  readonly quote: number;
}

/** Prices (of the base in the quote) at which a position's delta has moved by a fraction. */
export interface RebalancePrices {
  /** The price below the current one where it has risen by the fraction; null: never. */
  readonly below: number | null;
  /** The price above the current one where it has fallen by the fraction; null: never. */
  readonly above: number | null;
}

/** @throws MathError unless `price` is finite and greater than 0 */
function checkPrice(price: number): void {
  if (!(price > 0 && price < Infinity)) {
    throw new MathError(`a pool needs a positive price, got ${price}`);
  }
}

/**
 * Amounts of a Uniswap v3 position of liquidity L on the range [pa, pb] at price P
 * (Uniswap v3 whitepaper eq. 6.29–6.30):
 *
 *   P ≤ pa:       x = L(1/√pa − 1/√pb),  y = 0
 *   pa < P < pb:  x = L(1/√P − 1/√pb),   y = L(√P − √pa)
 *   P ≥ pb:       x = 0,                 y = L(√pb − √pa)
 *
 * evaluated as x = L(pb − P)/(√P·√pb·(√P + √pb)) and y = L(P − pa)/(√P + √pa), which keep full
 * relative accuracy next to a bound (pb − P and P − pa are exact there).
 * @throws MathError when P ≤ 0 (or not finite)
 * @example v3Amounts(847.2135954999579, 2000, 1500, 2500) → { base: 2, quote: 5076.10… }
 */
export function v3Amounts(
  liquidity: number,
  price: number,
  lower: number,
  upper: number,
): PoolAmounts {
  checkPrice(price);
  const p = Math.min(Math.max(price, lower), upper);
  const sp = Math.sqrt(p);
  const sb = Math.sqrt(upper);
  const sa = Math.sqrt(lower);
  return {
    base: (liquidity * (upper - p)) / (sp * sb * (sp + sb)),
    quote: (liquidity * (p - lower)) / (sp + sa),
  };
}

/**
 * Value in the quote token of a v3 position of liquidity 1 on [pa, pb] at price P, V/L = x·P + y
 * with x, y of {@link v3Amounts}: in range 2√P − P/√pb − √pa, below P(1/√pa − 1/√pb), above
 * √pb − √pa. A position worth V therefore has L = V ÷ this.
 * @throws MathError when P ≤ 0
 */
export function v3ValuePerLiquidity(price: number, lower: number, upper: number): number {
  const a = v3Amounts(1, price, lower, upper);
  return a.base * price + a.quote;
}

/** Whether P is strictly inside the range (pa < P < pb): the liquidity is active and earns fees. */
export function v3InRange(price: number, lower: number, upper: number): boolean {
  return price > lower && price < upper;
}

/**
 * Gamma of a v3 position: ∂x/∂P, base tokens per unit of price. dx/dP of L(1/√P − 1/√pb) is
 * −L/(2P^1.5) in range; 0 outside (the holding is all base or all quote and does not change).
 * @throws MathError when P ≤ 0
 */
export function v3Gamma(liquidity: number, price: number, lower: number, upper: number): number {
  checkPrice(price);
  return v3InRange(price, lower, upper) ? -liquidity / (2 * price * Math.sqrt(price)) : 0;
}

/**
 * Prices where the delta (x) of a v3 position has moved by a fraction f of its current value.
 * x falls as P rises: x(P′) = (1 − f)·x(P) at 1/√P′ = (1 − f)/√Pc + f/√pb with Pc = max(P, pa)
 * (below the range x is already at its cap); null at or above pb (x is 0 and cannot fall).
 * x rises as P falls: x(P′) = (1 + f)·x(P) at 1/√P′ = (1 + f)/√P − f/√pb, null when that is at
 * or below pa (x is capped at L(1/√pa − 1/√pb) and never gets there) or P ≤ pa. Above the range
 * x is 0 and any fall below pb moves it: `below` is pb.
 * @throws MathError when P ≤ 0
 * @throws RangeError unless 0 < f < 1
 */
export function v3RebalancePrices(
  price: number,
  lower: number,
  upper: number,
  band: number,
): RebalancePrices {
  checkPrice(price);
  checkBand(band);
  if (price >= upper) return { below: upper, above: null };
  const invSqrtB = 1 / Math.sqrt(upper);
  const above = 1 / ((1 - band) / Math.sqrt(Math.max(price, lower)) + band * invSqrtB) ** 2;
  if (price <= lower) return { below: null, above };
  const s = (1 + band) / Math.sqrt(price) - band * invSqrtB;
  const below = 1 / (s * s);
  return { below: below > lower ? below : null, above };
}

/**
 * Amounts of a Uniswap v2 (constant-product) position worth V quote tokens at price P: half the
 * value in each token, x = V/(2P), y = V/2 (= x·P).
 * @throws MathError when P ≤ 0
 */
export function v2Amounts(value: number, price: number): PoolAmounts {
  checkPrice(price);
  return { base: value / (2 * price), quote: value / 2 };
}

/**
 * Amounts of the same v2 position at another price P′: x·y = k is kept, so x′ = x·√(P/P′) and
 * y′ = y·√(P′/P) (Uniswap v2 whitepaper §2, fees not modelled).
 * @throws MathError when P or P′ ≤ 0
 */
export function v2AmountsAt(amounts: PoolAmounts, price: number, newPrice: number): PoolAmounts {
  checkPrice(price);
  checkPrice(newPrice);
  const r = Math.sqrt(newPrice / price);
  return { base: amounts.base / r, quote: amounts.quote * r };
}

/**
 * Gamma of a v2 position holding x base tokens at price P: x = √(k/P), so ∂x/∂P = −x/(2P).
 * @throws MathError when P ≤ 0
 */
export function v2Gamma(base: number, price: number): number {
  checkPrice(price);
  return -base / (2 * price);
}

/**
 * Prices where the delta (x ∝ P^−½) of a v2 position has moved by a fraction f:
 * P/(1 + f)² below (x up by f), P/(1 − f)² above (x down by f). With f = 0.05: −9.30 %, +10.80 %.
 * @throws MathError when P ≤ 0
 * @throws RangeError unless 0 < f < 1
 */
export function v2RebalancePrices(price: number, band: number): RebalancePrices {
  checkPrice(price);
  checkBand(band);
  return { below: price / (1 + band) ** 2, above: price / (1 - band) ** 2 };
}

/** @throws RangeError unless 0 < f < 1 (the CLI validates --rebalance-band) */
function checkBand(band: number): void {
  if (!(band > 0 && band < 1)) throw new RangeError(`the band must be in (0, 1), got ${band}`);
}
