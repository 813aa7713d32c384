/**
 * Stage 4 of a position: the hedge legs' sizes from its exposure's legs and the hedge ratios. For
 * log/simple returns (ratios between relative moves) hedge notional = −ratio × the leg's value
 * and quantity = notional ÷ hedge price; for diff/level returns (ratios between price changes)
 * hedge quantity = −ratio × the leg's units. A direct leg has ratio 1 in its own symbol. Then
 * contracts per instrument.
 */
import type { Instrument } from '../../input/types';
import type { Settings } from '../../settings';
import type { Exposure, ExposureLeg } from '../exposure';
import type { HedgeLeg } from '../types';
import { checkedFinite, finite } from './common';

/** Blume (1971) adjusted beta: 0.67·β + 0.33, shrinking toward the market beta of 1. */
export function blumeAdjustedBeta(beta: number): number {
  return 0.67 * beta + 0.33;
}

/** The size of one hedge leg. */
export interface LegSize {
  readonly hedgeNotional: number | null;
  readonly hedgeQuantity: number | null;
}

/**
 * The hedge of `exposure` with ratio `ratio` in an instrument priced `price` (see the module
 * comment); nulls when the ratio, the exposure or the price needed is missing.
 */
export function legSize(
  ratio: number | null,
  exposure: ExposureLeg,
  price: number | null,
  returns: Settings['returns'],
): LegSize {
  if (ratio === null || !Number.isFinite(ratio))
    return { hedgeNotional: null, hedgeQuantity: null };
  const notional = 'the hedge notional';
  const quantity = 'the hedge quantity';
  if (returns === 'log' || returns === 'simple') {
    const hedgeNotional =
      finite(exposure.deltaValue) === null
        ? null
        : checkedFinite(-ratio * exposure.deltaValue!, notional);
    const hedgeQuantity =
      hedgeNotional !== null && price ? checkedFinite(hedgeNotional / price, quantity) : null;
    return { hedgeNotional, hedgeQuantity };
  }
  const hedgeQuantity =
    finite(exposure.delta) === null ? null : checkedFinite(-ratio * exposure.delta!, quantity);
  const hedgeNotional =
    hedgeQuantity !== null && price !== null
      ? checkedFinite(hedgeQuantity * price, notional)
      : null;
  return { hedgeNotional, hedgeQuantity };
}

/**
 * The exposure's direct legs as hedges: each hedged one for one in its own symbol (ratio 1,
 * sized by legSize at the symbol's valuation price), with contracts; no regression statistics.
 */
export function directHedges(
  exposure: Exposure,
  returns: Settings['returns'],
  instruments: ReadonlyMap<string, Instrument>,
): HedgeLeg[] {
  return exposure.legs
    .filter((leg) => leg.hedge === 'direct')
    .map((leg) => {
      const price = finite(leg.price);
      const size = legSize(1, leg, price, returns);
      const c = contractsFor(
        instruments.get(leg.symbol),
        size.hedgeQuantity,
        size.hedgeNotional,
        price,
      );
      return {
        symbol: leg.symbol,
        beta: null,
        stdError: null,
        tStat: null,
        pValue: null,
        lagBetas: null,
        hedgeRatio: 1,
        price,
        hedgeNotional: size.hedgeNotional,
        hedgeQuantity: size.hedgeQuantity,
        contracts: c.contracts,
        unhedgedNotional: c.unhedgedNotional,
        // a direct leg's ratio is 1 by construction: no estimate, no band
        hacStdError: null,
        hedgeQuantityLow: null,
        hedgeQuantityHigh: null,
        hedgeRatioSinceBreak: null,
        hedgeQuantitySinceBreak: null,
      };
    });
}

export interface Contracts {
  readonly contracts: number | null;
  readonly unhedgedNotional: number | null;
}

/**
 * Contracts for a hedge: linear: quantity ÷ multiplier; inverse: notional ÷ face (quote
 * currency per contract). Rounded to the nearest multiple of `lot`; the notional that rounding
 * leaves unhedged is target − achieved.
 */
export function contractsFor(
  inst: Instrument | undefined,
  hedgeQuantity: number | null,
  hedgeNotional: number | null,
  price: number | null,
): Contracts {
  if (!inst || hedgeQuantity === null || hedgeNotional === null || price === null) {
    return { contracts: null, unhedgedNotional: null };
  }
  const raw =
    inst.kind === 'inverse'
      ? hedgeNotional / (inst.face! * inst.multiplier)
      : hedgeQuantity / inst.multiplier;
  const contracts = roundToLot(raw, inst.lot);
  const achieved =
    inst.kind === 'inverse'
      ? contracts * inst.face! * inst.multiplier
      : contracts * inst.multiplier * price;
  return { contracts: finite(contracts), unhedgedNotional: finite(hedgeNotional - achieved) };
}

/** Nearest multiple of `lot` (half away from zero), cleaned of binary noise such as 0.30000000000000004. */
export function roundToLot(x: number, lot: number): number {
  // 0.35 / 0.1 is 3.4999999999999996 in binary: round the quotient to 12 significant digits first.
  const n = Math.sign(x) * Math.round(Number((Math.abs(x) / lot).toPrecision(12)));
  const v = n * lot;
  const decimals = Math.max(0, Math.min(12, -Math.floor(Math.log10(lot)) + 1));
  return Number(v.toFixed(decimals)) + 0; // + 0 turns -0 into 0
}
