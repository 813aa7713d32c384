/**
 * The report object: plain data, built once, rendered last. Field order here is the JSON key
 * order (the CLI contract's "JSON output" section, documented in README.md). A value that does not apply is `null`.
 */
import type { RollingSummary } from '../core/diagnostics/rolling';
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
  | 'STALE_PRICES'
  | 'REBALANCE_NEEDED'
  | 'FUNDING_COST';

export type Severity = 'info' | 'warning' | 'critical';

export interface ReportWarning {
  code: WarningCode;
  severity: Severity;
  /** One sentence with the numbers behind it; names the position (symbol/label) it concerns. */
  message: string;
}

/**
 * One hedge of a position: a hedge of the row's regression (sized by its ratio), or after them a
 * direct leg (a pool's priced quote, hedged one for one: beta and its statistics null, ratio 1).
 */
export interface HedgeLeg {
  symbol: string;
  /** OLS slope on this hedge's returns. */
  beta: number | null;
  stdError: number | null;
  tStat: number | null;
  pValue: number | null;
  /**
   * With --lags k: the slopes on the hedge's current return and its k lagged ones, which `beta`
   * (Dimson's) sums; null without lags and for a direct leg.
   */
  lagBetas: (number | null)[] | null;
  /**
   * Minimum-variance hedge ratio (OLS slope, or EWMA Σ_FF⁻¹σ_FS); null if not recommended; 1 for
   * a direct leg.
   */
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

/** A rolling statistic's summary as the report shows it (JSON `rollingCorrelation`, `rollingBeta`). */
export type RollingCorrelation = RollingSummary;

export interface Stability {
  rollingCorrelation: RollingCorrelation;
  fisherZ: number | null;
  fisherPValue: number | null;
  chowF: number | null;
  chowPValue: number | null;
  /** The break at an unknown date, when significant (at a quarter of --break-p-value); else null. */
  break: DatedBreakReport | null;
  /** Extension (after the spec's keys): rolling OLS slope over `window`, on the hedge portfolio for several hedges. */
  rollingBeta: RollingCorrelation;
  /** Extension: slope on the days the hedge (portfolio) fell, and on the days it rose. */
  downsideBeta: number | null;
  upsideBeta: number | null;
  /** Extension: robust (HC3 Wald) p-value of downside beta = upside beta. */
  downsideBetaPValue: number | null;
}

/**
 * What the position is exposed to at the valuation date (the CLI contract's `exposure` block).
 * `delta`/`deltaValue` are the leg hedged through the regression (a pool's base tokens x and
 * x × base price); prices (`lower`, `upper`, `rebalance*`) are of the base in the quote.
 */
export interface PositionExposure {
  kind: string;
  quote: string | null;
  baseAmount: number | null;
  quoteAmount: number | null;
  delta: number | null;
  deltaValue: number | null;
  gamma: number | null;
  lower: number | null;
  upper: number | null;
  inRange: boolean | null;
  rebalanceBelow: number | null;
  rebalanceAbove: number | null;
}

/**
 * A market move and what it does to a position revalued in full and to its hedges: every hedge
 * instrument (and a priced quote) moves by `move`, the position's symbol by its betas.
 */
export interface Scenario {
  /** The hedges' relative price move (−0.3 … 0.3). */
  move: number;
  /** The position's symbol's price after the move. */
  price: number | null;
  /** Change of the position's value (full revaluation). */
  positionPnl: number | null;
  /** Change of the value of every hedge leg (regression and direct). */
  hedgePnl: number | null;
  /** positionPnl + hedgePnl. */
  net: number | null;
}

/**
 * What holding the hedged position earns a year, as fractions of |value| (docs/funding.md): the
 * row's `fee_apr`, the funding its hedge legs receive (negative = paid), and the two together.
 */
export interface PositionCarry {
  /** The row's `fee_apr`; null when it gives none. */
  feeApr: number | null;
  /**
   * Σ over the sized legs of −hedgeNotional × the instrument's annualizedRate, ÷ |value|; 0 when
   * no leg is sized; null without --funding, without a value, or when a sized leg's instrument
   * has no annualised funding rate.
   */
  fundingApr: number | null;
  /** (feeApr, or 0 without one) + fundingApr; null when fundingApr is. */
  netApr: number | null;
}

export interface PositionReport {
  symbol: string;
  label: string | null;
  quantity: number | null;
  price: number | null;
  value: number | null;
  /** Extension of the contract's key order: after `value`, with what it is worth. */
  exposure: PositionExposure;
  /** After `exposure`: what the hedged position earns a year (`fee_apr`, `--funding`). */
  carry: PositionCarry;
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
  /** Pool rows: the P&L under hedge-price moves (after the hedges they use); null otherwise. */
  scenarios: Scenario[] | null;
  effectiveness: { inSample: number | null; outOfSample: number | null };
  /** The estimator whose ratios size the hedge (null: no ratio was estimated). */
  estimator: string | null;
  /**
   * Extension: its parameters for this position, by settings key (e.g. `halflife`; `kalmanQ`
   * and `kalmanR` as estimated from this position's returns); null without parameters or ratio.
   */
  estimatorParams: Record<string, number> | null;
  /**
   * `--estimator auto`: every entrant of the tournament with its out-of-sample effectiveness on
   * the middle third (which chose `estimator`) and on the last third; null otherwise.
   */
  estimators: EstimatorScore[] | null;
  stability: Stability;
  warnings: ReportWarning[];
}

/** One entrant of `--estimator auto`'s tournament (src/core/estimators/tournament.ts). */
export interface EstimatorScore {
  /** `ols`, `ewma-10`, `ewma-30`, `ewma-90`, `rolling-60`, `rolling-180`, `kalman`. */
  name: string;
  selectionEffectiveness: number | null;
  outOfSample: number | null;
}

/** What is held of an instrument under one label of the current-hedges file (e.g. a venue). */
export interface Holding {
  label: string | null;
  /** Signed units, the label's rows added up. */
  quantity: number;
}

/**
 * One hedge instrument: the target (the legs' sum) and, with `--current`, what is held and the
 * trade that brings the holding to the target. An instrument held but no longer a target has a
 * row of its own with target 0. Without `--current` the trade fields are null.
 */
export interface HedgeTotal {
  symbol: string;
  /** The target: signed notional, units and (with an instrument) contracts. */
  hedgeNotional: number | null;
  hedgeQuantity: number | null;
  contracts: number | null;
  /** Units held now (every row of the symbol added up); 0 when not held. */
  current: number | null;
  /** target − current, units (null when the target is). */
  trade: number | null;
  /** trade × the instrument's valuation price. */
  tradeNotional: number | null;
  /** Contracts to trade: the target's contracts − the holding's, each rounded to the lot. */
  tradeContracts: number | null;
  /** True when the trade is due: outside --tolerance and, with an instrument, not 0 contracts. */
  rebalance: boolean | null;
  /** Extension: the holding per label of the current-hedges file, in file order. */
  holdings: Holding[] | null;
  /** The instrument's funding over the rows used (`--funding`); null without rows for it. */
  funding: TotalFunding | null;
}

/** An instrument's funding (docs/funding.md), over the funding rows inside --from/--to. */
export interface TotalFunding {
  /** Hours per funding period: the stated interval's median, else the median spacing. */
  intervalHours: number | null;
  /** Funding rows used. */
  periods: number;
  /** Mean rate per period (paid by longs to shorts). */
  meanRate: number;
  /** meanRate × periods in a 365-day year; null without an interval. */
  annualizedRate: number | null;
  /** Share of the periods with a negative rate. */
  negativeShare: number;
  /** Worst 30-day cumulative funding for the hedge's side, a fraction of notional (negative = paid). */
  worst30d: number | null;
  /** −hedgeNotional × annualizedRate × horizon / 365, quote currency (positive = received). */
  expectedCarry: number | null;
}

/** An instrument's target then (the previous report) and now, in units. */
export interface TargetChange {
  symbol: string;
  /** The previous target; 0 when the previous report had no such instrument. */
  previous: number | null;
  /** This report's target; 0 when it has no such instrument. */
  target: number | null;
  /** target − previous. */
  change: number | null;
  /** change ÷ |previous| (null when the previous target is 0 or null). */
  relativeChange: number | null;
}

/** A warning as listed in `changes` (a cleared one comes from the previous report). */
export interface ChangedWarning {
  code: string;
  severity: Severity;
  message: string;
}

/** What changed since a previous report (`--previous`). */
export interface ReportChanges {
  /** The previous report's asOf. */
  previousAsOf: string | null;
  /** Settings keys both reports have whose values differ (files aside from the inputs, display and exit options not compared). */
  settingsChanged: string[];
  /** Every instrument of either report, this report's order first. */
  targets: TargetChange[];
  /** Warnings of this report whose code the same position (or instrument) did not have before. */
  warningsRaised: ChangedWarning[];
  /** Warnings of the previous report whose code the same position (or instrument) no longer has. */
  warningsCleared: ChangedWarning[];
}

export interface Report {
  schemaVersion: 1;
  asOf: string | null;
  settings: Settings;
  positions: PositionReport[];
  totals: HedgeTotal[];
  /** Every warning of every position, then report-wide ones (REBALANCE_NEEDED, FUNDING_COST), in order. */
  warnings: ReportWarning[];
  /** Extension: what changed since the `--previous` report; null without it. */
  changes: ReportChanges | null;
}
