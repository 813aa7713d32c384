/**
 * The warnings a position's own numbers raise (besides the valuation's STALE_PRICES, the fit's
 * COLLINEAR_HEDGES and the stability tests' warnings, src/report/stability-warnings.ts).
 */
import type { Position } from '../../input/types';
import type { Settings } from '../../settings';
import { fmt, pct, showText } from '../text';
import type { Warn } from './common';
import type { PositionSeries } from './series';

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
