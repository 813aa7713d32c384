/**
 * The effective options of one run: the CLI resolves flags into this object, the report echoes
 * it under `settings`, and nothing below the CLI reads flags or the environment.
 */

import type { EstimatorName, EstimatorParams } from './core/estimators';

export type ReturnsKind = 'log' | 'simple' | 'diff' | 'level';
export type Frequency = 'native' | 'daily' | 'weekly' | 'monthly';
export type OutputFormat = 'table' | 'json' | 'csv' | 'markdown' | 'html';
export type FailOn = 'never' | 'warning';

/** Warning thresholds; each is a flag with the default below. */
export interface Thresholds {
  /** INSUFFICIENT_DATA below this many returns (`--min-observations`). */
  readonly minObservations: number;
  /** LOW_CORRELATION when |correlation| is below this (`--min-correlation`). */
  readonly minCorrelation: number;
  /** CORRELATION_BREAK / BETA_BREAK when the test's p-value is below this (`--break-p-value`). */
  readonly breakPValue: number;
  /**
   * CORRELATION_UNSTABLE when the dispersion of the rolling correlation is improbable under a
   * stable relationship: p-value of the dispersion test below this (`--unstable-p-value`).
   */
  readonly unstablePValue: number;
  /** HEDGE_INEFFECTIVE when out-of-sample effectiveness is below this (`--min-effectiveness`). */
  readonly minEffectiveness: number;
  /** COLLINEAR_HEDGES when two hedges' |correlation| exceeds this (`--max-hedge-correlation`). */
  readonly maxHedgeCorrelation: number;
  /** COLLINEAR_HEDGES when a variance-inflation factor exceeds this (`--max-vif`). */
  readonly maxVif: number;
  /** STALE_PRICES when more than this share of a series' returns are exactly zero (`--max-zero-returns`). */
  readonly maxZeroReturns: number;
  /** FUNDING_COST when a hedge pays more than this fraction of its notional a year in funding (`--max-funding-cost`). */
  readonly maxFundingCost: number;
}

/**
 * Every effective option. The estimators' parameters (EstimatorParams: `halflife`, …) are
 * settings too; in the JSON report they follow `estimator`.
 */
export interface Settings extends EstimatorParams {
  readonly positions: string;
  readonly prices: string;
  readonly hedge: readonly string[];
  readonly returns: ReturnsKind;
  readonly frequency: Frequency;
  /** ISO date-time (UTC) of the inclusive lower bound, or null. */
  readonly from: string | null;
  /** ISO date-time (UTC) of the inclusive upper bound and valuation date, or null. */
  readonly to: string | null;
  readonly lookback: number | null;
  readonly intercept: boolean;
  readonly estimator: EstimatorName;
  /**
   * Lagged returns of each hedge in the regression (`--lags`, Dimson); 0: none. The hedge ratio
   * is then the sum of a hedge's current and lagged slopes.
   */
  readonly lags: number;
  readonly window: number;
  readonly instruments: string | null;
  /** Symbols worth 1 with no price risk, as a pool's quote (`--cash`). */
  readonly cash: readonly string[];
  /** A pool's rebalance prices: where its delta has moved by this fraction (`--rebalance-band`). */
  readonly rebalanceBand: number;
  /** The current-hedges file (`--current`), or null. */
  readonly current: string | null;
  /** No trade while |target − current| ≤ tolerance × |target| (`--tolerance`). */
  readonly tolerance: number;
  /** A JSON report written earlier by hedge (`--previous`), or null. */
  readonly previous: string | null;
  /** Funding-rate files (`--funding`, repeatable) as given: a path, or `SYMBOL=path`. */
  readonly funding: readonly string[];
  /** Days of funding the expected carry covers (`--horizon`). */
  readonly horizon: number;
  readonly format: OutputFormat;
  readonly output: string | null;
  readonly failOn: FailOn;
  readonly color: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly thresholds: Thresholds;
}

/** `--cash` by default: the report currency and the major dollar stablecoins. */
export const DEFAULT_CASH: readonly string[] = ['USD', 'USDC', 'USDT', 'DAI'];

/** `--rebalance-band` by default. */
export const DEFAULT_REBALANCE_BAND = 0.1;

/** `--tolerance` by default: a holding within 10% of its target is left alone. */
export const DEFAULT_TOLERANCE = 0.1;

/** `--horizon` by default: the expected funding carry of the next 30 days. */
export const DEFAULT_HORIZON_DAYS = 30;

export const DEFAULT_THRESHOLDS: Thresholds = {
  minObservations: 30,
  minCorrelation: 0.5,
  breakPValue: 0.01,
  unstablePValue: 0.01,
  minEffectiveness: 0.2,
  maxHedgeCorrelation: 0.95,
  maxVif: 10,
  maxZeroReturns: 0.2,
  maxFundingCost: 0.1,
};
