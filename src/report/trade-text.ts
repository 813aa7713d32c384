/** Text of the trades and the changes since a previous report, shared by the table and markdown. */
import { grouped, showText, sig } from './text';
import type { HedgeTotal, Report } from './types';

/**
 * Units for a sentence or a cell: 6 significant digits without trailing zeros, grouped:
 * -6 → `-6`, -6.984217 → `-6.98422`, 1000 → `1,000`; `–` for null.
 */
export function unitsText(x: number | null): string {
  const s = sig(x, 6);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** The tolerance as a percentage: 0.1 → `10%`. */
export function tolerancePercent(tolerance: number): string {
  return `${Number((tolerance * 100).toPrecision(12))}%`;
}

/** How far a holding is off its target, as a share of |target| (null when the target is 0 or null). */
function offTarget(t: HedgeTotal): number | null {
  if (t.trade === null || !t.hedgeQuantity) return null;
  return Math.abs(t.trade) / Math.abs(t.hedgeQuantity);
}

/**
 * Whether the trade is due, in words: `close out` (a due trade to target 0), `due (14.1% off)`,
 * `hold (5.35% off, within 10%)`, `hold (under one lot)` (outside the tolerance, but 0
 * contracts), `–` (no target).
 */
export function rebalanceText(t: HedgeTotal, tolerance: number): string {
  if (t.rebalance === null) return '–';
  const off = offTarget(t);
  if (t.rebalance) return off === null ? 'close out' : `due (${sig(off * 100, 3)}% off)`;
  if (off === null) return 'hold';
  if (off > tolerance) return 'hold (under one lot)';
  return `hold (${sig(off * 100, 3)}% off, within ${tolerancePercent(tolerance)})`;
}

/** Where an instrument is held: `Binance perp -4, Deribit perp -2` (unlabelled rows: `-2`). */
export function holdingsText(t: HedgeTotal): string {
  return (t.holdings ?? [])
    .map((h) => (h.label === null ? '' : `${showText(h.label)} `) + unitsText(h.quantity))
    .join(', ');
}

/** Contracts as text: whole numbers without decimals; `–` without an instrument. */
export function contractsText(contracts: number | null): string {
  return contracts === null ? '–' : grouped(contracts, Number.isInteger(contracts) ? 0 : 3);
}

/** The trades due: `2 trades due (BTC, SOL)` or `no trade due`. */
export function tradesDueText(report: Report): string {
  const due = report.totals.filter((t) => t.rebalance === true).map((t) => showText(t.symbol));
  if (due.length === 0) return 'no trade due';
  return `${due.length} trade${due.length === 1 ? '' : 's'} due (${due.join(', ')})`;
}

/** A relative change as a signed percentage: 0.0723 → `+7.2%`; `–` for null. */
export function changePercent(x: number | null): string {
  if (x === null) return '–';
  const s = (x * 100).toFixed(1);
  return `${x > 0 && s !== '0.0' ? '+' : ''}${/^-0\.0$/.test(s) ? '0.0' : s}%`;
}

/**
 * The changes in one line: `2 warnings raised, 1 cleared; settings changed: to, lookback`.
 */
export function changesSummary(report: Report): string {
  const c = report.changes!;
  const raised = c.warningsRaised.length;
  const settings =
    c.settingsChanged.length === 0 ? '' : `; settings changed: ${c.settingsChanged.join(', ')}`;
  return `${raised} warning${raised === 1 ? '' : 's'} raised, ${c.warningsCleared.length} cleared${settings}`;
}
