/**
 * What changed since a previous report (`--previous`): the targets per instrument, the warnings
 * raised and cleared, the settings that differ. Pure.
 */
import type { PreviousReport, PreviousWarning } from '../input/types';
import { finite } from './position/common';
import type { ChangedWarning, Report, ReportChanges, TargetChange } from './types';

/** The parts of a report that are compared: this run's report or a previous one read back. */
type Comparable = Pick<PreviousReport, 'positions' | 'totals' | 'warnings'>;

/**
 * Settings not compared: where the report goes and how it looks, and the previous report's own
 * name (a cron job's dated file names change every day).
 */
const NOT_COMPARED = new Set([
  'output',
  'previous',
  'format',
  'color',
  'quiet',
  'verbose',
  'failOn',
]);

/**
 * Each warning of a report with what identifies it across runs (its numbers change every day):
 * a position's warning by the position (symbol, label and, for repeats of both, which one) and
 * its code; REBALANCE_NEEDED by its instrument (the totals that are due, in order), FUNDING_COST
 * by the instrument its message starts with; any other report-wide warning by its message.
 * @returns [key, warning] pairs in the report's order.
 */
function keyedWarnings(r: Comparable): [string, PreviousWarning][] {
  const out: [string, PreviousWarning][] = [];
  const seen = new Map<string, number>();
  for (const p of r.positions) {
    const id = `${p.symbol}\u0000${p.label ?? ''}`;
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    for (const w of p.warnings) out.push([`p\u0000${id}\u0000${n}\u0000${w.code}`, w]);
  }
  const reportWide = r.warnings.slice(out.length);
  const due = r.totals.filter((t) => t.rebalance === true).map((t) => t.symbol);
  const rebalances = reportWide.filter((w) => w.code === 'REBALANCE_NEEDED');
  let k = 0;
  for (const w of reportWide) {
    const byInstrument = w.code === 'REBALANCE_NEEDED' && rebalances.length === due.length;
    // FUNDING_COST's message starts with its instrument, `ETH: the short hedge pays …`
    const instrument = w.code === 'FUNDING_COST' ? w.message.split(': ', 1)[0] : undefined;
    out.push([
      byInstrument
        ? `t\u0000${due[k++]}\u0000${w.code}`
        : instrument !== undefined
          ? `f\u0000${instrument}\u0000${w.code}`
          : `w\u0000${w.message}`,
      w,
    ]);
  }
  return out;
}

/** The warnings of `a` whose key `b` does not have, in `a`'s order. */
function warningsNotIn(a: Comparable, b: Comparable): ChangedWarning[] {
  const keys = new Set(keyedWarnings(b).map(([key]) => key));
  return keyedWarnings(a)
    .filter(([key]) => !keys.has(key))
    .map(([, w]) => ({ code: w.code, severity: w.severity, message: w.message }));
}

/**
 * Every instrument of either report (this report's order, then the previous report's others),
 * with its target then and now in units; an instrument a report does not have counts as target 0
 * there.
 */
function targetChanges(previous: Comparable, now: Comparable): TargetChange[] {
  const before = new Map(previous.totals.map((t) => [t.symbol, t.hedgeQuantity]));
  const after = new Map(now.totals.map((t) => [t.symbol, t.hedgeQuantity]));
  const symbols = [...new Set([...after.keys(), ...before.keys()])];
  return symbols.map((symbol) => {
    const was = before.has(symbol) ? before.get(symbol)! : 0;
    const is = after.has(symbol) ? after.get(symbol)! : 0;
    const change = was === null || is === null ? null : finite(is - was);
    return {
      symbol,
      previous: was,
      target: is,
      change,
      relativeChange: change === null || !was ? null : finite(change / Math.abs(was)),
    };
  });
}

/**
 * What changed between the previous report and this one: its asOf, the settings keys both have
 * whose values differ (compared as JSON; where the report goes and how it looks are not
 * compared), every instrument's target then and now, the warnings raised (this report's
 * warnings whose identity, see keyedWarnings, the previous report lacks) and cleared (the
 * previous report's that this one lacks). A warning whose numbers moved is neither.
 * @returns the JSON `changes` object.
 */
export function changesSince(
  previous: PreviousReport,
  report: Pick<Report, 'settings' | 'positions' | 'totals' | 'warnings'>,
): ReportChanges {
  const before: Readonly<Record<string, unknown>> = previous.settings;
  const now = report.settings as unknown as Readonly<Record<string, unknown>>;
  const settingsChanged = Object.keys(now).filter(
    (k) =>
      !NOT_COMPARED.has(k) &&
      Object.hasOwn(before, k) &&
      JSON.stringify(before[k]) !== JSON.stringify(now[k]),
  );
  return {
    previousAsOf: previous.asOf,
    settingsChanged,
    targets: targetChanges(previous, report),
    warningsRaised: warningsNotIn(report, previous),
    warningsCleared: warningsNotIn(previous, report),
  };
}
