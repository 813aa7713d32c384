/**
 * Stage 5 of a position whose value is not linear in its prices (a pool): what its P&L and its
 * hedges' would be under market moves, the position revalued in full (its exposure's `revalue`),
 * not by the delta approximation. In each scenario every hedge instrument of the row, and every
 * symbol it is hedged in directly (a pool's priced quote), moves by `move`; the position's own
 * symbol moves by its betas: in log terms for log and simple returns,
 * ln(S′/S) = Σⱼ βⱼ·ln(1 + move), and in price units for diff and level,
 * S′ = S + Σⱼ βⱼ·move·Sⱼ. A cash quote does not move.
 */
import type { Settings } from '../../settings';
import type { Exposure } from '../exposure';
import type { HedgeLeg, PositionReport, Scenario } from '../types';
import { finite } from './common';

/** The hedge-price moves of the scenarios. */
export const SCENARIO_MOVES: readonly number[] = [-0.3, -0.2, -0.1, -0.05, 0.05, 0.1, 0.2, 0.3];

/** The position's symbol's price after `move` of its regression hedges (see above), or null. */
function movedPrice(
  price: number | null,
  regression: readonly HedgeLeg[],
  move: number,
  returns: Settings['returns'],
): number | null {
  if (price === null || regression.some((h) => h.beta === null)) return null;
  if (returns === 'log' || returns === 'simple') {
    const beta = regression.reduce((sum, h) => sum + h.beta!, 0);
    return finite(price * Math.exp(beta * Math.log1p(move)));
  }
  if (regression.some((h) => h.price === null)) return null;
  return finite(price + regression.reduce((sum, h) => sum + h.beta! * move * h.price!, 0));
}

/** Σ quantity × price change over the hedge legs, null when a leg has no size or price. */
function hedgePnl(hedges: readonly HedgeLeg[], move: number): number | null {
  let sum = 0;
  for (const h of hedges) {
    if (h.hedgeQuantity === null || h.price === null) return null;
    sum += h.hedgeQuantity * h.price * move;
  }
  return finite(sum);
}

/**
 * The scenarios of a position (null for a kind without `revalue`): for each of SCENARIO_MOVES,
 * the price of its symbol after the move, its P&L (value at the moved prices − value at today's,
 * both by `revalue`), the hedges' P&L (Σ hedge quantity × price change) and their sum. A figure
 * that cannot be had (no betas, a missing price, a price the position cannot be valued at) is
 * null.
 */
export function scenariosOf(
  report: PositionReport,
  exposure: Exposure,
  returns: Settings['returns'],
  regressionHedges: number,
): Scenario[] | null {
  const revalue = exposure.revalue;
  if (revalue === null) return null;
  const regression = report.hedges.slice(0, regressionHedges);
  const pricesAfter = (move: number, base: number | null) => (symbol: string) => {
    if (symbol === report.symbol) return base;
    const leg = report.hedges.find((h) => h.symbol === symbol);
    return leg === undefined || leg.price === null ? null : leg.price * (1 + move);
  };
  const now = revalue(pricesAfter(0, exposure.price));
  return SCENARIO_MOVES.map((move): Scenario => {
    const price = movedPrice(exposure.price, regression, move, returns);
    const after = price === null ? null : revalue(pricesAfter(move, price));
    const positionPnl = after === null || now === null ? null : finite(after - now);
    const hedges = hedgePnl(report.hedges, move);
    const net = positionPnl === null || hedges === null ? null : finite(positionPnl + hedges);
    return { move, price, positionPnl, hedgePnl: hedges, net };
  });
}
