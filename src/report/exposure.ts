/**
 * The exposure seam. A position resolves, at the valuation date, to the value the report shows
 * and to its exposures: the sensitivities per priced symbol that the hedge is sized on. Sizing,
 * totals and the renderers work from exposures only; a new kind of position is one module in
 * ./exposures/ (its resolve) and its row parser in src/input.
 */
import type { Position } from '../input/types';

/** One sensitivity of a position: to the price of `symbol`. */
export interface ExposureLeg {
  readonly symbol: string;
  /** ∂value/∂price: units of `symbol` the position behaves like (a spot holding: its quantity). */
  readonly delta: number | null;
  /** delta × the symbol's valuation price, in the quote currency. */
  readonly deltaValue: number | null;
  /** The symbol's valuation price (what a direct hedge in it trades at), or null. */
  readonly price: number | null;
  /**
   * How the leg is hedged: `regression`, through the row's regression on its hedges (sized by
   * the hedge ratios); `direct`, one for one in its own symbol (a priced quote token).
   */
  readonly hedge: 'regression' | 'direct';
}

/**
 * What the report's `exposure` block shows besides the kind and the regression leg's delta: the
 * holding in tokens and how its delta moves. Null where a field does not apply to the kind.
 */
export interface ExposureFacts {
  /** A pool's other token (token1), or null. */
  readonly quote: string | null;
  /** Base tokens held (a spot holding: its quantity; a pool: x). */
  readonly baseAmount: number | null;
  /** Quote tokens held (a pool: y), or null. */
  readonly quoteAmount: number | null;
  /** ∂delta/∂P: base tokens per unit of the base's price in the quote (a spot holding: 0). */
  readonly gamma: number | null;
  /** A concentrated range's bounds, prices of the base in the quote, or null. */
  readonly lower: number | null;
  readonly upper: number | null;
  /** Whether the pool's liquidity is active at the valuation price (a v2 pool: always). */
  readonly inRange: boolean | null;
  /** Prices of the base in the quote where the delta has moved by --rebalance-band, or null. */
  readonly rebalanceBelow: number | null;
  readonly rebalanceAbove: number | null;
}

/** Valuation prices by symbol (null: no price at or before the valuation date). */
export type PriceAt = (symbol: string) => number | null;

/** A position at the valuation date. */
export interface Exposure {
  /** The kind of position (`spot`, `v2`, `v3`). */
  readonly kind: string;
  /** The whole position's value in the quote currency (what is shown), or null without a price. */
  readonly value: number | null;
  /** Units of the position's symbol shown as its quantity, or null. */
  readonly quantity: number | null;
  /** The valuation price of the position's symbol, or null when it has none. */
  readonly price: number | null;
  readonly legs: readonly ExposureLeg[];
  readonly facts: ExposureFacts;
  /**
   * The whole position's value at other prices, by full revaluation (not the delta
   * approximation): what the report's scenarios use. Null for a kind whose value is linear in
   * its prices (it has no scenarios); the function returns null where the value is undefined.
   */
  readonly revalue: ((priceAt: PriceAt) => number | null) | null;
  /**
   * A pool's curve: the base's price in the quote now (`ratio`) and the holding's token amounts
   * at any such price (what the HTML report plots); null for a kind without one or without prices.
   */
  readonly curve: {
    readonly ratio: number;
    amountsAt(ratio: number): { readonly base: number; readonly quote: number };
  } | null;
}

/** The settings a kind of position may need to resolve. */
export interface ExposureTerms {
  /** Symbols worth 1 with no price risk (`--cash`). */
  readonly cash: readonly string[];
  /** The fraction by which the delta moves at the rebalance prices (`--rebalance-band`). */
  readonly rebalanceBand: number;
}

/** A kind of position: how a row of the positions file resolves at the valuation date. */
export interface PositionKind<P extends Position = Position> {
  readonly name: P['kind'];
  resolve(position: P, priceAt: PriceAt, terms: ExposureTerms): Exposure;
}

/** The leg hedged through the row's regression (every kind has exactly one). */
export function regressionLeg(e: Exposure): ExposureLeg {
  return e.legs.find((l) => l.hedge === 'regression')!;
}
