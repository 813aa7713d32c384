/**
 * The warnings a position's own numbers raise (besides the valuation's STALE_PRICES, the fit's
 * COLLINEAR_HEDGES and the stability tests' warnings, src/report/stability-warnings.ts, whose
 * input is made here).
 */
import { BREAK_MIN_PART, BREAK_TRIM } from '../../core/diagnostics/unknown-break';
import type { Position } from '../../input/types';
import type { Settings } from '../../settings';
import type { StabilityWarningInput } from '../stability-warnings';
import { fmt, pct, showText } from '../text';
import type { PositionReport } from '../types';
import type { Warn } from './common';
import type { PositionDiagnostics } from './diagnostics';
import { returnTime, type PositionSeries } from './series';

/** STALE_PRICES for a series with too many exactly-zero returns (a stale or filled feed). */
export function zeroReturnWarnings(
  name: string,
  symbols: readonly string[],
  series: PositionSeries,
  s: Settings,
  warn: Warn,
): void {
  const limit = s.thresholds.maxZeroReturns;
  if (s.returns === 'level' || series.n === 0) return;
  symbols.forEach((sym, i) => {
    const share = series.facts[i]!.zeroShare;
    if (share > limit) {
      warn(
        'STALE_PRICES',
        'warning',
        `${name}: ${pct(share)} of ${showText(sym)}'s ${series.n} returns are exactly zero (limit ${pct(limit)}); its prices may be stale or filled forward`,
      );
    }
  });
}

/** INSUFFICIENT_DATA: fewer returns than --min-observations; no ratio is recommended. */
export function insufficientDataWarning(
  name: string,
  p: Position,
  hedges: readonly string[],
  n: number,
  s: Settings,
  warn: Warn,
): void {
  warn(
    'INSUFFICIENT_DATA',
    'critical',
    `${name}: only ${n} returns where ${showText(p.symbol)} and ${hedges.map(showText).join(', ')} all have prices (need ${s.thresholds.minObservations}); no hedge ratio is recommended`,
  );
}

/** LOW_CORRELATION: |correlation| with the hedge (portfolio) below --min-correlation. */
export function lowCorrelationWarning(
  name: string,
  hedges: readonly string[],
  correlation: number | null,
  n: number,
  s: Settings,
  warn: Warn,
): void {
  const min = s.thresholds.minCorrelation;
  if (correlation === null || !(Math.abs(correlation) < min)) return;
  warn(
    'LOW_CORRELATION',
    'warning',
    `${name}: ${hedges.length === 1 ? 'correlation' : 'multiple correlation'} with ${hedges.map(showText).join(', ')} is ${fmt(correlation, 2)} over ${n} returns (minimum ${fmt(min, 2)}); a hedge removes at most ${pct(correlation * correlation)} of the variance`,
  );
}

/** What the stability warnings are told of a fitted position. */
export function stabilityInput(
  name: string,
  hedges: readonly string[],
  series: PositionSeries,
  d: PositionDiagnostics,
  report: PositionReport,
): StabilityWarningInput {
  const n = series.n;
  const window = report.stability.rollingCorrelation.window;
  const at = d.dated?.test.index;
  return {
    name,
    hedges: hedges.map(showText),
    window,
    n,
    fisher: d.fisher,
    chow: d.chow,
    dated: d.dated?.test ?? null,
    times: {
      recentStart: n >= window ? returnTime(series, n - window) : null,
      breakAt: at === undefined ? null : returnTime(series, at),
      // the price the first new return starts from (changes), or its own (levels)
      breakFrom: at === undefined ? null : series.times[at]!,
      end: n > 0 ? returnTime(series, n - 1) : null,
    },
    legs: report.hedges.map((h) => ({
      symbol: showText(h.symbol),
      ratio: h.hedgeRatio,
      quantity: h.hedgeQuantity,
      ratioSince: h.hedgeRatioSinceBreak,
      quantitySince: h.hedgeQuantitySinceBreak,
    })),
    dispersion: d.dispersion,
    rolling: report.stability.rollingCorrelation,
    inSample: report.effectiveness.inSample,
    outOfSample: report.effectiveness.outOfSample,
  };
}

/** A position whose break tests have little power: its name, returns and window. */
export interface LowPower {
  readonly name: string;
  readonly n: number;
  readonly window: number;
}

/** Fewer windows than this before the last one leave the last-window break tests little power. */
export const MIN_WINDOWS_BEFORE = 8;

/**
 * From this mean interval between the returns (4 days) the data is weekly or coarser: the
 * frequencies at which a default --window of 30 spans months and a few years of history hold few
 * windows, so that the break tests are weak where a daily user would not expect it.
 */
export const COARSE_SPACING_MS = 4 * 86_400_000;

/**
 * The position's break tests have little power, on weekly or coarser data (mean interval between
 * its returns ≥ COARSE_SPACING_MS): fewer than MIN_WINDOWS_BEFORE windows of history before the
 * last window (the robust Fisher test's variance rests on them), or too few returns for the
 * dated test (BREAK_MIN_PART per part). Null when they have enough, and on finer data (where
 * INSUFFICIENT_DATA speaks for a short history).
 */
export function lowPower(name: string, series: PositionSeries, window: number): LowPower | null {
  const n = series.n;
  const t = series.times;
  if (n < 1 || !((t[t.length - 1]! - t[0]!) / (t.length - 1) >= COARSE_SPACING_MS)) return null;
  const few = n - window < MIN_WINDOWS_BEFORE * window;
  return few || Math.floor(BREAK_TRIM * n) < BREAK_MIN_PART ? { name, n, window } : null;
}

/**
 * The notes (stderr) for the positions whose break tests have little power, one per number of
 * returns and window: `SOL, ETH: 156 returns hold 4.2 windows of 30 before the last one (fewer
 * than 8): …`, or, below one window, `40 returns hold less than one window of 30 before the last
 * one`; `and too few for the dated break test` when it does not run (BREAK_MIN_PART per part).
 */
export function lowPowerNotes(all: readonly (LowPower | null)[]): string[] {
  const groups = new Map<string, LowPower[]>();
  for (const p of all) {
    if (p === null) continue;
    const key = `${p.n}:${p.window}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].map((ps) => {
    const { n, window } = ps[0]!;
    const k = (n - window) / window;
    const hold =
      k < 1
        ? `less than one window of ${window} before the last one`
        : `${fmt(k, 1)} windows of ${window} before the last one (fewer than ${MIN_WINDOWS_BEFORE})`;
    const minDated = Math.ceil(BREAK_MIN_PART / BREAK_TRIM);
    const dated =
      Math.floor(BREAK_TRIM * n) < BREAK_MIN_PART
        ? `, and fewer than the ${minDated} the dated break test needs`
        : '';
    return `${ps.map((p) => p.name).join(', ')}: ${n} returns hold ${hold}${dated}: the break tests have little power; a shorter --window (in returns, or a duration such as 8w) or more history helps`;
  });
}
