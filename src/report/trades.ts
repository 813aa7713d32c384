/**
 * The rebalance trade per hedge instrument (`--current`, `--tolerance`): what is held now against
 * the target of the totals, and whether the difference is worth trading. Pure.
 */
import { MathError } from '../errors';
import type { CurrentHolding, Instrument } from '../input/types';
import { contractsFor, roundToLot } from './position/sizing';
import { grouped, showText, sig } from './text';
import { contractsText, tolerancePercent, unitsText } from './trade-text';
import type { HedgeTotal, Holding, ReportWarning } from './types';

/** What the trades are computed from. */
export interface TradeTerms {
  /** The rows of the current-hedges file. */
  readonly current: readonly CurrentHolding[];
  /** No trade while |target − current| ≤ tolerance × |target| (`--tolerance`). */
  readonly tolerance: number;
  readonly instruments: ReadonlyMap<string, Instrument>;
  /** The valuation price of a symbol, null when it has none. */
  readonly priceOf: (symbol: string) => number | null;
}

/** The trade fields of a total without `--current`. */
export const NO_TRADE = {
  current: null,
  trade: null,
  tradeNotional: null,
  tradeContracts: null,
  rebalance: null,
  holdings: null,
} as const satisfies Partial<HedgeTotal>;

/** An instrument's holding: the net units and the units per label. */
interface Held {
  quantity: number;
  holdings: Holding[];
}

/**
 * The current-hedges rows added up per symbol (in order of first appearance), and per label
 * within a symbol (rows with the same label, or none, add up too).
 * @returns symbol → net units and holdings per label; `-0` never appears.
 */
export function holdingsBySymbol(rows: readonly CurrentHolding[]): Map<string, Held> {
  const bySymbol = new Map<string, Held>();
  for (const r of rows) {
    const held = bySymbol.get(r.symbol) ?? { quantity: 0, holdings: [] };
    held.quantity += r.quantity;
    const same = held.holdings.find((h) => h.label === r.label);
    if (same === undefined) held.holdings.push({ label: r.label, quantity: r.quantity });
    else same.quantity += r.quantity;
    bySymbol.set(r.symbol, held);
  }
  for (const held of bySymbol.values()) {
    held.quantity += 0; // -0 → 0
    for (const h of held.holdings) h.quantity += 0;
  }
  return bySymbol;
}

/**
 * Contracts of `units` of an instrument at `price` (contractsFor: linear units ÷ multiplier,
 * inverse notional ÷ face, rounded to the lot), or null without the instrument or a price.
 */
function contractsOf(
  inst: Instrument | undefined,
  units: number,
  price: number | null,
): number | null {
  return price === null ? null : contractsFor(inst, units, units * price, price).contracts;
}

/** A trade figure that is finite, else a MathError: target and holding within range, not their difference. */
function checkedTrade(x: number, what: string, symbol: string): number {
  if (Number.isFinite(x)) return x;
  throw new MathError(
    `the ${what} of ${showText(symbol)} overflows (beyond ±1.8e308, the largest number a double holds); check the quantities held and the positions hedged with it`,
  );
}

/**
 * The trade fields of one instrument: trade = target − current (units), its notional at the
 * valuation price, and with an instrument the contracts that bring the holding to the target's
 * rounded contracts (round(target) − round(current), each to the lot: when the holding is whole
 * contracts, exactly what reaches the rounded target). Due (`rebalance`) when |trade| exceeds
 * tolerance × |target| (at target 0 any holding is due) and, with an instrument, the trade is not
 * 0 contracts. A null target gives null trade fields.
 */
function tradeOf(
  t: HedgeTotal,
  held: Held | undefined,
  terms: TradeTerms,
): Omit<HedgeTotal, 'symbol' | 'hedgeNotional' | 'hedgeQuantity' | 'contracts' | 'funding'> {
  const current = held?.quantity ?? 0;
  const holdings = held?.holdings.map((h) => ({ ...h })) ?? [];
  const target = t.hedgeQuantity;
  if (target === null) return { ...NO_TRADE, current, holdings };
  const trade = checkedTrade(target - current, 'trade', t.symbol);
  const price = terms.priceOf(t.symbol);
  const inst = terms.instruments.get(t.symbol);
  const held0 = contractsOf(inst, current, price);
  const tradeContracts =
    inst === undefined || t.contracts === null || held0 === null
      ? null
      : roundToLot(t.contracts - held0, inst.lot);
  const outside = Math.abs(trade) > terms.tolerance * Math.abs(target);
  return {
    current,
    trade,
    tradeNotional: price === null ? null : checkedTrade(trade * price, 'trade notional', t.symbol),
    tradeContracts,
    rebalance: outside && tradeContracts !== 0,
    holdings,
  };
}

/** REBALANCE_NEEDED for a due trade: instrument, current, target, trade and why it is due. */
function rebalanceWarning(t: HedgeTotal, tolerance: number): ReportWarning {
  const side = t.trade! > 0 ? 'buy' : 'sell';
  const size =
    t.tradeContracts === null
      ? side
      : `${side} ${contractsText(Math.abs(t.tradeContracts))} contracts`;
  const head =
    `${showText(t.symbol)}: current ${unitsText(t.current)}, target ${unitsText(t.hedgeQuantity)}, ` +
    `trade ${unitsText(t.trade)} (${size}, notional ${grouped(t.tradeNotional, 0)})`;
  const why =
    t.hedgeQuantity === 0
      ? 'the target is 0, close it out'
      : `${sig((Math.abs(t.trade!) / Math.abs(t.hedgeQuantity!)) * 100, 3)}% off the target, outside the ${tolerancePercent(tolerance)} tolerance`;
  return { code: 'REBALANCE_NEEDED', severity: 'warning', message: `${head}: ${why}` };
}

/**
 * The totals with the trade that brings each holding to its target (see tradeOf), then a row of
 * target 0 for each instrument held but no longer a target (closed out), in the order of the
 * current-hedges file; and a REBALANCE_NEEDED warning for each due trade, in the totals' order.
 */
export function withTrades(
  totals: readonly HedgeTotal[],
  terms: TradeTerms,
): { totals: HedgeTotal[]; warnings: ReportWarning[] } {
  const held = holdingsBySymbol(terms.current);
  const targets = new Set(totals.map((t) => t.symbol));
  const closed: HedgeTotal[] = [...held.keys()]
    .filter((symbol) => !targets.has(symbol))
    .map((symbol) => ({
      symbol,
      hedgeNotional: 0,
      hedgeQuantity: 0,
      contracts: terms.instruments.has(symbol) ? 0 : null,
      ...NO_TRADE,
      funding: null,
    }));
  const out = [...totals, ...closed].map((t) => ({
    ...t,
    ...tradeOf(t, held.get(t.symbol), terms),
  }));
  const warnings = out
    .filter((t) => t.rebalance === true)
    .map((t) => rebalanceWarning(t, terms.tolerance));
  return { totals: out, warnings };
}
