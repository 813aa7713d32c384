/**
 * What the two pool kinds (./v2.ts, ./v3.ts) share: the pool's prices at the valuation date and
 * the exposure of a pool holding x base and y quote tokens.
 *
 * With S_b, S_q the base's and the quote's prices in the report currency (S_q = 1 for a cash
 * quote) and P = S_b/S_q, the position is worth W = S_q·V(P) with V(P) = x(P)·P + y(P) in quote
 * tokens. Along a pool's curve dV/dP = x, so ∂W/∂S_b = x and ∂W/∂S_q = V − x·P = y: the base leg
 * (x, hedged through the row's regression) and the quote leg (y, hedged one for one in the quote
 * itself; none for a cash quote). Derivation: docs/pools.md.
 */
import type { PoolAmounts, RebalancePrices } from '../../core/amm';
import type { PoolPosition } from '../../input/types';
import type { Exposure, ExposureLeg, ExposureTerms, PriceAt } from '../exposure';

/** The prices a pool is valued at. */
export interface PoolPrices {
  /** The base token's price in the report currency, S_b. */
  readonly base: number;
  /** The quote token's price in the report currency, S_q (1 for a cash quote). */
  readonly quote: number;
  /** P = S_b/S_q, the base's price in the quote. */
  readonly ratio: number;
}

/** A pool at the valuation price, as its kind computes it. */
export interface PoolModel {
  readonly amounts: PoolAmounts;
  /** The same position's amounts at another price of the base in the quote. */
  amountsAt(ratio: number): PoolAmounts;
  /** ∂x/∂P at the valuation price. */
  readonly gamma: number;
  readonly inRange: boolean;
  readonly rebalance: RebalancePrices;
}

/** Whether the pool's quote is cash (worth 1, no price risk). */
function quoteIsCash(p: PoolPosition, terms: ExposureTerms): boolean {
  return terms.cash.includes(p.quote);
}

/** The pool's prices at `priceAt`, or null when the base or a priced quote has none. */
export function poolPrices(
  p: PoolPosition,
  priceAt: PriceAt,
  terms: ExposureTerms,
): PoolPrices | null {
  const base = priceAt(p.symbol);
  const quote = quoteIsCash(p, terms) ? 1 : priceAt(p.quote);
  return base === null || quote === null ? null : { base, quote, ratio: base / quote };
}

/**
 * The exposure of pool row `p` whose model at prices `at` is `model` (both null when a price is
 * missing: then only a given notional is known). Value: the row's notional when it gives one
 * (exactly), else x·S_b + y·S_q. Legs: x in the base (regression), y in a priced quote (direct).
 */
export function poolExposure(
  p: PoolPosition,
  terms: ExposureTerms,
  at: PoolPrices | null,
  model: PoolModel | null,
): Exposure {
  const cash = quoteIsCash(p, terms);
  const x = model?.amounts.base ?? null;
  const y = model?.amounts.quote ?? null;
  const basePrice = at?.base ?? null;
  const quotePrice = at?.quote ?? null;
  const legs: ExposureLeg[] = [
    {
      symbol: p.symbol,
      delta: x,
      deltaValue: x !== null && basePrice !== null ? x * basePrice : null,
      price: basePrice,
      hedge: 'regression',
    },
  ];
  if (!cash) {
    legs.push({
      symbol: p.quote,
      delta: y,
      deltaValue: y !== null && quotePrice !== null ? y * quotePrice : null,
      price: quotePrice,
      hedge: 'direct',
    });
  }
  const value =
    p.notional ?? (x !== null && y !== null && at !== null ? x * at.base + y * at.quote : null);
  return {
    kind: p.kind,
    value,
    quantity: x,
    price: basePrice,
    legs,
    facts: {
      quote: p.quote,
      baseAmount: x,
      quoteAmount: y,
      gamma: model?.gamma ?? null,
      lower: p.kind === 'v3' ? p.lower : null,
      upper: p.kind === 'v3' ? p.upper : null,
      inRange: model?.inRange ?? null,
      rebalanceBelow: model?.rebalance.below ?? null,
      rebalanceAbove: model?.rebalance.above ?? null,
    },
    revalue: model === null ? null : (priceAt) => revalued(p, terms, model, priceAt),
    curve: model === null || at === null ? null : { ratio: at.ratio, amountsAt: model.amountsAt },
  };
}

/** The pool's value at other prices (full revaluation), null without a positive price ratio. */
function revalued(
  p: PoolPosition,
  terms: ExposureTerms,
  model: PoolModel,
  priceAt: PriceAt,
): number | null {
  const at = poolPrices(p, priceAt, terms);
  if (at === null || !(at.ratio > 0 && at.ratio < Infinity)) return null;
  const a = model.amountsAt(at.ratio);
  return a.base * at.base + a.quote * at.quote;
}
