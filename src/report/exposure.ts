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
  /**
   * How the leg is hedged: `regression`, through the row's regression on its hedges (sized by
   * the hedge ratios); `direct`, one for one in its own symbol (a priced quote token).
   */
  readonly hedge: 'regression' | 'direct';
}

/** A position at the valuation date. */
export interface Exposure {
  /** The kind of position (`spot`, …). */
  readonly kind: string;
  /** The whole position's value in the quote currency (what is shown), or null without a price. */
  readonly value: number | null;
  /** Units of the position's symbol shown as its quantity, or null. */
  readonly quantity: number | null;
  /** The valuation price of the position's symbol, or null when it has none. */
  readonly price: number | null;
  readonly legs: readonly ExposureLeg[];
}

/** Valuation prices by symbol (null: no price at or before the valuation date). */
export type PriceAt = (symbol: string) => number | null;

/** A kind of position: how a row of the positions file resolves at the valuation date. */
export interface PositionKind {
  readonly name: string;
  resolve(position: Position, priceAt: PriceAt): Exposure;
}

/** The leg hedged through the row's regression (every kind has exactly one). */
export function regressionLeg(e: Exposure): ExposureLeg {
  return e.legs.find((l) => l.hedge === 'regression')!;
}
