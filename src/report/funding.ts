/**
 * The cost of carrying the hedges (`--funding`, `--horizon`, `--max-funding-cost`): each hedge
 * instrument's funding over the rows inside --from/--to, FUNDING_COST when a hedge pays too much,
 * and each position's carry on its value. The arithmetic is src/core/funding.ts; docs/funding.md
 * says what each figure means. Pure.
 */
import { expectedFundingCarry, fundingSummary } from '../core/funding';
import { rangeBounds } from '../input/align';
import type { FundingSeries } from '../input/types';
import { finite } from './position/common';
import { grouped, percentText, shortNumber, showText } from './text';
import type {
  HedgeTotal,
  PositionCarry,
  PositionReport,
  ReportWarning,
  TotalFunding,
} from './types';

/** What the funding figures are computed from. */
export interface FundingTerms {
  /** The funding rows by symbol (src/input/funding.ts fundingTable). */
  readonly table: ReadonlyMap<string, FundingSeries>;
  /** The report's --from and --to as epoch ms (null: unbounded). */
  readonly from: number | null;
  readonly to: number | null;
  /** Days of funding expectedCarry covers (`--horizon`). */
  readonly horizonDays: number;
  /** FUNDING_COST above this annual cost, a fraction of notional (`--max-funding-cost`). */
  readonly maxFundingCost: number;
}

/** The side a hedge of this notional is on: 1 short (receives funding), −1 long, null none. */
function sideOf(hedgeNotional: number | null): 1 | -1 | null {
  if (hedgeNotional === null || hedgeNotional === 0) return null;
  return hedgeNotional < 0 ? 1 : -1;
}

/** An instrument's funding over the rows inside the range, or null without such rows. */
function totalFunding(t: HedgeTotal, terms: FundingTerms): TotalFunding | null {
  const series = terms.table.get(t.symbol);
  if (series === undefined) return null;
  const { start, end } = rangeBounds(series.times, terms.from, terms.to);
  if (end <= start) return null;
  const s = fundingSummary(
    series.times.subarray(start, end),
    series.rates.subarray(start, end),
    series.intervalHours.subarray(start, end),
    sideOf(t.hedgeNotional),
  );
  return {
    intervalHours: s.intervalHours,
    periods: s.periods,
    meanRate: s.meanRate,
    annualizedRate: finite(s.annualizedRate),
    negativeShare: s.negativeShare,
    worst30d: finite(s.worst30d),
    expectedCarry:
      t.hedgeNotional === null || s.annualizedRate === null
        ? null
        : finite(expectedFundingCarry(t.hedgeNotional, s.annualizedRate, terms.horizonDays) + 0),
  };
}

/**
 * What funding costs a hedge a year, a fraction of its notional (negative: it earns): the
 * annualised rate for a long, minus it for a short; null without a side or a rate.
 */
export function fundingCostOf(t: HedgeTotal): number | null {
  const side = sideOf(t.hedgeNotional);
  const rate = t.funding?.annualizedRate ?? null;
  return side === null || rate === null ? null : -side * rate + 0;
}

/** FUNDING_COST: the instrument, its side and annual cost, the rate behind it, the carry. */
function fundingCostWarning(t: HedgeTotal, cost: number, terms: FundingTerms): ReportWarning {
  const f = t.funding!;
  const side = t.hedgeNotional! < 0 ? 'short' : 'long';
  const per = f.intervalHours === null ? '' : ` per ${shortNumber(f.intervalHours)} h`;
  return {
    code: 'FUNDING_COST',
    severity: 'warning',
    message:
      `${showText(t.symbol)}: the ${side} hedge pays ${percentText(cost)} a year in funding ` +
      `(mean rate ${percentText(f.meanRate)}${per} over ${f.periods} periods), above ` +
      `--max-funding-cost ${percentText(terms.maxFundingCost)}: ${grouped(f.expectedCarry, 0)} ` +
      `expected over ${terms.horizonDays} days`,
  };
}

/** Whether a hedge's funding raises FUNDING_COST: its cost is above the limit (equal is within). */
export function fundingCostExceeds(t: HedgeTotal, maxFundingCost: number): boolean {
  const cost = fundingCostOf(t);
  return cost !== null && cost > maxFundingCost;
}

/**
 * The totals with each instrument's funding (null for an instrument without rows in the range),
 * and FUNDING_COST for each hedge whose annual cost exceeds --max-funding-cost, in the totals'
 * order (a cost equal to the limit is within it).
 */
export function withFunding(
  totals: readonly HedgeTotal[],
  terms: FundingTerms,
): { totals: HedgeTotal[]; warnings: ReportWarning[] } {
  const out = totals.map((t) => ({ ...t, funding: totalFunding(t, terms) }));
  const warnings = out
    .filter((t) => fundingCostExceeds(t, terms.maxFundingCost))
    .map((t) => fundingCostWarning(t, fundingCostOf(t)!, terms));
  return { totals: out, warnings };
}

/**
 * A position's carry (see PositionCarry): fundingApr = Σ over its sized legs of −hedgeNotional ×
 * the instrument's annualizedRate, ÷ |value|, so that a positive figure is funding received
 * whether the position is long or short; netApr adds the row's fee_apr (0 without one).
 */
export function carryOf(
  p: PositionReport,
  annualizedRates: ReadonlyMap<string, number | null>,
): PositionCarry {
  const feeApr = p.carry.feeApr;
  let received = 0;
  let known = p.value !== null && p.value !== 0;
  for (const h of p.hedges) {
    if (h.hedgeNotional === null) continue;
    const rate = annualizedRates.get(h.symbol) ?? null;
    if (rate === null) known = false;
    else received += -h.hedgeNotional * rate;
  }
  const fundingApr = known ? finite(received / Math.abs(p.value!) + 0) : null;
  return {
    feeApr,
    fundingApr,
    netApr: fundingApr === null ? null : finite((feeApr ?? 0) + fundingApr),
  };
}

/** The positions with their carry from the totals' funding (with --funding). */
export function withCarry(
  positions: readonly PositionReport[],
  totals: readonly HedgeTotal[],
): PositionReport[] {
  const rates = new Map(totals.map((t) => [t.symbol, t.funding?.annualizedRate ?? null]));
  return positions.map((p) => ({ ...p, carry: carryOf(p, rates) }));
}
