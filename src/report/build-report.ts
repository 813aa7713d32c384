/**
 * Builds the report object from validated inputs: every position's report (./position), then
 * totals and the report-wide warnings. Pure: no I/O, no text rendering beyond warning sentences.
 */
import { InputError, MathError } from '../errors';
import { valuationPoint } from '../input/align';
import { formatTime } from '../input/time';
import { changesSince } from './changes';
import { withCarry, withFunding } from './funding';
import { reportContext, type ReportContext, type ReportInput } from './context';
import { positionResult, type PositionResult } from './position';
import type { PositionCharts } from './position/charts';
import { staleSeries } from './staleness';
import { totalsOf } from './totals';
import { showText } from './text';
import { lowPowerNotes } from './position/warnings';
import { withTrades } from './trades';
import type { HedgeTotal, Report, ReportWarning } from './types';

/** What renderers may draw besides the report object, per position (not in the JSON contract). */
export interface PositionExtras {
  /** The rolling correlations' sparkline points (ReportNeeds.sparklinePoints of them, or none). */
  readonly sparkline: Float64Array;
  /** The least-squares method of the position's fit (null without a fit). */
  readonly fitMethod: string | null;
  /** What the HTML report plots (null unless ReportNeeds.chartPoints > 0). */
  readonly charts: PositionCharts | null;
  /** Notes for stderr, not warnings (PositionResult.notes). */
  readonly notes: readonly string[];
}

export interface BuiltReport {
  readonly report: Report;
  readonly extras: readonly PositionExtras[];
  /** Notes for stderr (not part of the report): e.g. break tests with little power. */
  readonly notes: readonly string[];
}

/**
 * The totals per instrument and, with the current-hedges rows, the trades and their
 * REBALANCE_NEEDED warnings (./trades.ts), at the instruments' valuation prices.
 */
function totalsAndTrades(
  input: ReportInput,
  context: ReportContext,
  positions: Report['positions'],
): { totals: HedgeTotal[]; warnings: ReportWarning[] } {
  const totals = locatedOverflow(input.positionsSource, () =>
    totalsOf(positions, input.instruments),
  );
  const current = input.current;
  if (current === undefined) return { totals, warnings: [] };
  const { times, series } = input.prices;
  return locatedOverflow(showText(input.settings.current ?? input.positionsSource), () =>
    withTrades(totals, {
      current,
      tolerance: input.settings.tolerance,
      instruments: input.instruments,
      priceOf: (symbol) => {
        const s = series.get(symbol);
        return s === undefined ? null : (valuationPoint(times, s, context.to)?.price ?? null);
      },
    }),
  );
}

/** `f()`, its overflow (a MathError) an InputError located at `file`. */
function locatedOverflow<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof MathError)) throw e;
    throw new InputError({ file, line: null, message: e.message });
  }
}

/**
 * STALE_PRICES of each stale series (./staleness.ts), put first in the warnings of every
 * position it concerns (the valuation is a position's first stage): the same warning object in
 * each, so that the report lists it once.
 */
function withStaleSeries(
  input: ReportInput,
  context: ReportContext,
  positions: Report['positions'],
): Report['positions'] {
  if (context.lastAtOrBefore < 0) return positions;
  const stale = staleSeries(
    input.positions,
    input.prices,
    input.settings,
    context.to,
    context.valuationTime,
  );
  positions.forEach((p, i) => {
    const mine = stale.filter((s) => s.positions.includes(i)).map((s) => s.warning);
    if (mine.length > 0) p.warnings = [...mine, ...p.warnings];
  });
  return positions;
}

/**
 * With the funding rows (`--funding`): each instrument's funding and FUNDING_COST (./funding.ts),
 * and each position's carry from it; as they were without.
 */
function withFundingAndCarry(
  input: ReportInput,
  context: ReportContext,
  positions: Report['positions'],
  { totals, warnings }: { totals: HedgeTotal[]; warnings: ReportWarning[] },
): { positions: Report['positions']; totals: HedgeTotal[]; warnings: ReportWarning[] } {
  if (input.funding === undefined) return { positions, totals, warnings };
  const funded = withFunding(totals, {
    table: input.funding,
    from: context.from,
    to: context.to,
    horizonDays: input.settings.horizon,
    maxFundingCost: input.settings.thresholds.maxFundingCost,
  });
  return {
    positions: withCarry(positions, funded.totals),
    totals: funded.totals,
    warnings: [...warnings, ...funded.warnings],
  };
}

/**
 * The report from every position's result, in position order: STALE_PRICES of each stale
 * series, totals (with trades and funding), the positions' carry, warnings (the positions', each
 * once, then REBALANCE_NEEDED, then FUNDING_COST) and the changes since a previous report added.
 */
export function assembleReport(
  input: ReportInput,
  context: ReportContext,
  built: readonly PositionResult[],
): BuiltReport {
  const reports = withStaleSeries(
    input,
    context,
    built.map((b) => b.report),
  );
  const trades = totalsAndTrades(input, context, reports);
  const { positions, totals, warnings } = withFundingAndCarry(input, context, reports, trades);
  const report: Report = {
    schemaVersion: 1,
    asOf: context.lastAtOrBefore >= 0 ? formatTime(context.valuationTime) : null,
    settings: input.settings,
    positions,
    totals,
    // a series' STALE_PRICES is in every position it concerns, and once here
    warnings: [...new Set(positions.flatMap((p) => p.warnings)), ...warnings],
    changes: null,
  };
  if (input.previous !== undefined) report.changes = changesSince(input.previous, report);
  return {
    report,
    extras: built.map((b) => ({
      sparkline: b.sparkline,
      fitMethod: b.fitMethod,
      notes: b.notes,
      charts: b.charts,
    })),
    notes: lowPowerNotes(built.map((b) => b.lowPower)),
  };
}

/**
 * The whole report, in this thread (see ./parallel.ts for two threads).
 * @throws InputError when a regression is undefined (zero-variance or perfectly collinear
 *   hedges): located at the positions row.
 */
export function buildReport(input: ReportInput): BuiltReport {
  const context = reportContext(input);
  return assembleReport(
    input,
    context,
    input.positions.map((_, i) => positionResult(input, context, i)),
  );
}
