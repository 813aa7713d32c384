/**
 * The report object: plain data, built once, rendered last. Field order here is the JSON key
 * order (the CLI contract's "JSON output" section, documented in README.md). A value that does not apply is `null`.
 */
import type { Settings } from '../settings';

export type WarningCode =
  | 'INSUFFICIENT_DATA'
  | 'LOW_CORRELATION'
  | 'CORRELATION_UNSTABLE'
  | 'CORRELATION_BREAK'
  | 'BETA_BREAK'
  | 'HEDGE_INEFFECTIVE'
  | 'HEDGE_INCREASES_RISK'
  | 'COLLINEAR_HEDGES'
  | 'STALE_PRICES';

export type Severity = 'info' | 'warning' | 'critical';

export interface ReportWarning {
  code: WarningCode;
  severity: Severity;
  /** One sentence with the numbers behind it; names the position (symbol/label) it concerns. */
  message: string;
}

export interface HedgeLeg {
  symbol: string;
  /** OLS slope on this hedge's returns. */
  beta: number | null;
  stdError: number | null;
  tStat: number | null;
  pValue: number | null;
  /** Minimum-variance hedge ratio (OLS slope, or EWMA Σ_FF⁻¹σ_FS); null if not recommended. */
  hedgeRatio: number | null;
  /** Valuation price of the hedge instrument. */
  price: number | null;
  /** Signed quote-currency notional of the hedge (negative = short). */
  hedgeNotional: number | null;
  /** Signed units of the hedge instrument. */
  hedgeQuantity: number | null;
  /** Signed contracts after lot rounding; null without an instruments file entry. */
  contracts: number | null;
  /** Notional the rounding to lots leaves unhedged (target − achieved); null without contracts. */
  unhedgedNotional: number | null;
  /** Newey–West (HAC) standard error of beta: Bartlett kernel, ⌊4(n/100)^(2/9)⌋ lags. */
  hacStdError: number | null;
  /**
   * The 95% band of hedgeQuantity: the quantities at ratio ± t(0.975, n − k)·hacStdError, the
   * smaller first; null when the ratio is not the OLS slope (EWMA) or none is recommended.
   */
  hedgeQuantityLow: number | null;
  hedgeQuantityHigh: number | null;
  /**
   * Extension: the ratio and the quantity estimated on the returns since a significant dated
   * break (stability.break) alone, by the same estimator; null without one.
   */
  hedgeRatioSinceBreak: number | null;
  hedgeQuantitySinceBreak: number | null;
}

/** A significant break at an unknown date in the hedge relationship (stability.break). */
export interface DatedBreakReport {
  /** Time of the first return of the new regime. */
  date: string;
  /** sup-Wald statistic (χ²₁ scale) of equal slopes before and after, over the middle 70%. */
  statistic: number;
  /** Its asymptotic p-value (Andrews 1993, Hansen 1997). */
  pValue: number;
  /** Slope on the hedge (for several hedges: on the hedge portfolio, 1 = full sample). */
  betaBefore: number | null;
  betaAfter: number | null;
  correlationBefore: number | null;
  correlationAfter: number | null;
}

export interface RollingCorrelation {
  window: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  stdDev: number | null;
  last: number | null;
}

export interface Stability {
  rollingCorrelation: RollingCorrelation;
  fisherZ: number | null;
  fisherPValue: number | null;
  chowF: number | null;
  chowPValue: number | null;
  /** The break at an unknown date, when significant (at half of --break-p-value); else null. */
  break: DatedBreakReport | null;
  /** Extension (after the spec's keys): rolling OLS slope over `window`, on the hedge portfolio for several hedges. */
  rollingBeta: RollingCorrelation;
  /** Extension: slope on the days the hedge (portfolio) fell, and on the days it rose. */
  downsideBeta: number | null;
  upsideBeta: number | null;
  /** Extension: robust (HC3 Wald) p-value of downside beta = upside beta. */
  downsideBetaPValue: number | null;
}

export interface PositionReport {
  symbol: string;
  label: string | null;
  quantity: number | null;
  price: number | null;
  value: number | null;
  observations: number;
  /** ISO timestamp of the first price used (the start of the first return), or null. */
  start: string | null;
  end: string | null;
  alpha: number | null;
  alphaStdError: number | null;
  rSquared: number | null;
  adjRSquared: number | null;
  residualStdDev: number | null;
  correlation: number | null;
  adjustedBeta: number | null;
  hedges: HedgeLeg[];
  effectiveness: { inSample: number | null; outOfSample: number | null };
  stability: Stability;
  warnings: ReportWarning[];
}

export interface HedgeTotal {
  symbol: string;
  hedgeNotional: number | null;
  hedgeQuantity: number | null;
  contracts: number | null;
}

export interface Report {
  schemaVersion: 1;
  asOf: string | null;
  settings: Settings;
  positions: PositionReport[];
  totals: HedgeTotal[];
  /** Every warning of every position, then report-wide ones, in position order. */
  warnings: ReportWarning[];
}
