/** Text of the funding figures and the carry, shared by the warning, the table and markdown. */
import { fundingCostOf } from './funding';
import { grouped, percentText, shortNumber } from './text';
import type { HedgeTotal, PositionReport, Report } from './types';

/** The column heads of the funding block, after the instrument's. */
export function fundingHeads(horizonDays: number): string[] {
  return [
    'Side',
    'Every',
    'Periods',
    'Rate/yr',
    'Negative',
    'Hedge/yr',
    'Worst 30 d',
    `Carry ${shortNumber(horizonDays)} d`,
  ];
}

/**
 * An instrument's funding cells under fundingHeads: its side (`short`, `long`, `–`), interval,
 * periods, the annualised rate (longs pay shorts), the share of negative periods, what the hedge
 * earns a year (negative: pays), the worst 30 days for its side and the expected carry; null
 * without funding rows.
 */
export function fundingCells(t: HedgeTotal): string[] | null {
  const f = t.funding;
  if (f === null) return null;
  const side =
    t.hedgeNotional === null || t.hedgeNotional === 0
      ? '–'
      : t.hedgeNotional < 0
        ? 'short'
        : 'long';
  const cost = fundingCostOf(t);
  return [
    side,
    f.intervalHours === null ? '–' : `${shortNumber(f.intervalHours)} h`,
    String(f.periods),
    percentText(f.annualizedRate),
    percentText(f.negativeShare),
    percentText(cost === null ? null : -cost + 0),
    percentText(f.worst30d),
    grouped(f.expectedCarry, 0),
  ];
}

/** Whether the report has a carry to show: --funding, or a position with fee_apr. */
export function hasCarry(report: Report): boolean {
  return (
    report.settings.funding.length > 0 || report.positions.some((p) => p.carry.feeApr !== null)
  );
}

/** A position's carry cells: fee, funding and net APR as percentages. */
export function carryCells(p: PositionReport): string[] {
  return [
    percentText(p.carry.feeApr),
    percentText(p.carry.fundingApr),
    percentText(p.carry.netApr),
  ];
}
