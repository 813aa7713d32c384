/**
 * Builds the report object from validated inputs: every position's report (./position), then
 * totals and the report-wide warnings. Pure: no I/O, no text rendering beyond warning sentences.
 */
import { formatTime } from '../input/time';
import { reportContext, type ReportContext, type ReportInput } from './context';
import { positionResult, type PositionResult } from './position';
import { totalsOf } from './totals';
import { lowPowerNotes } from './position/warnings';
import type { Report } from './types';

/** What renderers may draw besides the report object, per position (not in the JSON contract). */
export interface PositionExtras {
  /** The rolling correlations' sparkline points (ReportNeeds.sparklinePoints of them, or none). */
  readonly sparkline: Float64Array;
  /** The least-squares method of the position's fit (null without a fit). */
  readonly fitMethod: string | null;
}

export interface BuiltReport {
  readonly report: Report;
  readonly extras: readonly PositionExtras[];
  /** Notes for stderr (not part of the report): e.g. break tests with little power. */
  readonly notes: readonly string[];
}

/** The report from every position's result, in position order: totals and warnings added. */
export function assembleReport(
  input: ReportInput,
  context: ReportContext,
  built: readonly PositionResult[],
): BuiltReport {
  const positions = built.map((b) => b.report);
  const report: Report = {
    schemaVersion: 1,
    asOf: context.lastAtOrBefore >= 0 ? formatTime(context.valuationTime) : null,
    settings: input.settings,
    positions,
    totals: totalsOf(positions, input.instruments),
    warnings: positions.flatMap((p) => p.warnings),
  };
  return {
    report,
    extras: built.map((b) => ({ sparkline: b.sparkline, fitMethod: b.fitMethod })),
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
