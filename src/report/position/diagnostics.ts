/**
 * Stage 3 of a position: the hedge ratios of the run's estimator and what says whether to trust
 * them — correlation, effectiveness in and out of sample, rolling statistics, the break tests,
 * the dispersion test, the break at an unknown date (./dated-break.ts), the Newey–West standard
 * errors and (when a renderer needs them) the downside/upside betas. Results are in the units of
 * the data (./scaling.ts undone).
 *
 * The workspace's buffers (src/report/workspace.ts) are handed from step to step here, in this
 * order: `returns` holds y throughout and is reordered by the downside split, which comes last
 * (after everything that reads y in time order, the fit's lazy HAC covariance included);
 * `work` holds the walk-forward's errors until the out-of-sample effectiveness is taken from
 * them, then the hedge portfolio (several hedges) or a copy of the one hedge's returns, which the
 * downside split reorders.
 */
import {
  chowBreak,
  fisherZBreak,
  type ChowBreak,
  type FisherBreak,
} from '../../core/diagnostics/breaks';
import {
  inSampleEffectiveness,
  outOfSampleEffectiveness,
} from '../../core/diagnostics/effectiveness';
import {
  hedgePortfolio,
  rollingStatistics,
  type RollingSummary,
} from '../../core/diagnostics/rolling';
import {
  correlationDispersionTest,
  downsideBeta,
  type DispersionTest,
  type DownsideBeta,
} from '../../core/diagnostics/stability';
import type { Downsampled } from '../../core/downsample';
import { estimatorParamsOf } from '../../core/estimators';
import { positionEstimate, type PositionEstimate } from '../../core/estimators/estimate';
import type { TournamentEntry } from '../../core/estimators/tournament';
import type { HedgeEstimator } from '../../core/estimators/types';
import { tQuantile } from '../../core/distributions';
import { neweyWestMaxlags } from '../../core/regression/hac';
import { laggedSlopesTest, type LaggedSlopesTest } from '../../core/regression/dimson';
import type { OlsFit } from '../../core/regression/ols';
import { MathError } from '../../errors';
import { correlation } from '../../core/stats';
import type { Settings } from '../../settings';
import type { ReportNeeds } from '../context';
import type { Workspace } from '../workspace';
import { hedgeBetas, sumByHedge, type HedgeBeta } from './betas';
import { cumulativePlot, rollingPlot } from './charts';
import { datedBreak, type DatedBreak } from './dated-break';
import { rollingTimesPowerOfTwo, timesPowerOfTwo } from './scaling';
import { hedgeCountOf, type PositionSeries } from './series';

export interface PositionDiagnostics {
  /** The estimator's hedge ratios, one per hedge (with --lags, the sum over its lags). */
  readonly ratios: readonly number[];
  /** The hedges' betas (with --lags, Dimson's). */
  readonly betas: readonly HedgeBeta[];
  /** With --lags: the robust test that every lagged slope is 0; null without. */
  readonly lagTest: LaggedSlopesTest | null;
  /** The name of the estimator whose ratios these are. */
  readonly estimator: string;
  /** `--estimator auto`: the tournament's entrants and their scores; null otherwise. */
  readonly estimators: readonly TournamentEntry[] | null;
  /** Its parameter values for this position, by settings key (null: it has none). */
  readonly estimatorParams: Readonly<Record<string, number>> | null;
  /** Newey–West standard errors of the OLS betas (Bartlett, ⌊4(n/100)^(2/9)⌋ lags). */
  readonly hacStdErrors: readonly number[];
  /**
   * The 95% band of each ratio, ratio ± t(0.975, n − k)·hacStdError: when the estimator's ratios
   * are the OLS slopes (HedgeEstimator.ratiosAreSlopes), whose standard error that is; else null.
   */
  readonly ratioBands: readonly (readonly [number, number])[] | null;
  /** Correlation with the hedge (the multiple correlation for several); NaN where undefined. */
  readonly correlation: number;
  readonly inSample: number | null;
  readonly outOfSample: number | null;
  /** Rolling correlation and beta over --window; null with fewer returns than the window. */
  readonly rolling: { correlation: RollingSummary; beta: RollingSummary } | null;
  /** The rolling correlations' sparkline points (empty unless needed). */
  readonly sparkline: Float64Array;
  readonly fisher: FisherBreak | null;
  readonly chow: ChowBreak | null;
  /** The break at an unknown date, and the ratios since it when significant. */
  readonly dated: DatedBreak | null;
  readonly dispersion: DispersionTest | null;
  readonly downside: DownsideBeta | null;
  /** Chart lines (ReportNeeds.chartPoints > 0): by window index (its first return). */
  readonly rollingPlot: { correlation: Downsampled; beta: Downsampled } | null;
  /** Chart lines: cumulative returns by index from the walk-forward's start (`cumulativeFrom`). */
  readonly cumulativePlot: { unhedged: Downsampled; hedged: Downsampled } | null;
  readonly cumulativeFrom: number;
}

/**
 * The diagnostics of a fitted position (see the module comment). `direction`: −1 for a short
 * position (its charts' cumulative returns are then the asset's reversed).
 */
export function positionDiagnostics(
  series: PositionSeries,
  fit: OlsFit,
  estimator: HedgeEstimator,
  s: Settings,
  needs: ReportNeeds,
  ws: Workspace,
  direction: 1 | -1 = 1,
): PositionDiagnostics {
  const { y, xs, n, exps } = series;
  const ratioExp = (j: number) => exps[0]! - exps[j + 1]!;
  // The slope on x1 below: the one hedge's ratio units, or the fitted portfolio's (1, no units).
  const slopeExp = xs.length === 1 ? ratioExp(0) : 0;
  const estimate = estimateOf(series, fit, estimator, s, ws);
  const ratios = estimate.ratios;
  const outOfSample = outOfSampleEffectiveness(y, estimate.walk);
  const points = needs.chartPoints;
  const cumulative =
    points > 0 && estimate.walk !== null
      ? cumulativePlot(y, estimate.walk, exps[0]!, s.returns, points, direction)
      : null;
  const betas = Array.from(fit.coefficients.subarray(s.intercept ? 1 : 0));
  const reported = hedgeBetas(series, fit);
  // (before the downside split, which reorders y in place: the test's HC3 needs the residuals)
  const lagTest = laggedSlopesTest(fit, reported.length, series.lags);
  // Several hedges: their portfolio Σβ_j·x_j stands for x in the one-regressor diagnostics.
  const portfolio = xs.length > 1 ? hedgePortfolio(xs, betas, ws.work(n)) : null;
  const x1 = portfolio ?? xs[0]!;
  const r2 = fit.rSquared;
  // With an intercept, corr(y, Σβ_j·x_j) is the multiple correlation √R² (for one hedge with the
  // sign of β), exact to a double from the fit; without one (R² is then uncentred) it is computed.
  const corr =
    s.intercept && r2 > 0 && r2 <= 1
      ? (reported.length === 1 ? Math.sign(reported[0]!.beta) : 1) * Math.sqrt(r2)
      : correlationOrNaN(y, x1);
  // Ederington's in-sample effectiveness at OLS ratios with an intercept is R² (the hedged
  // returns are then α + residuals).
  const inSample =
    estimator.ratiosAreSlopes && s.intercept && Number.isFinite(r2)
      ? r2
      : inSampleEffectiveness(y, xs, ratios, ws.hedged(n));
  const { rolling, sparkline, fisher, plot } = rollingPart(y, x1, s, needs, ws, slopeExp);
  const chow = chowOf(series, fit, s);
  const dated = datedOf(series, fit, estimator, s, x1, slopeExp);
  // (before the downside split, which reorders y)
  const hacStdErrors = hacByHedge(fit.hac(neweyWestMaxlags(n)), series, ratioExp);
  const d = correlationDispersionTest(y, x1, s.window, false);
  const dispersion = d && {
    ...d,
    beta: timesPowerOfTwo(d.beta, slopeExp),
    betaMin: timesPowerOfTwo(d.betaMin, slopeExp),
    betaMax: timesPowerOfTwo(d.betaMax, slopeExp),
  };
  let downside: DownsideBeta | null = null;
  if (n >= s.window && needs.upDownBetas) {
    // Last: the split reorders y and x in place. One hedge's returns are shared: copied first.
    const xDown = portfolio ?? ws.work(n);
    if (portfolio === null) xDown.set(x1);
    const db = downsideBeta(y, xDown, s.intercept);
    downside = db && {
      ...db,
      downside: timesPowerOfTwo(db.downside, slopeExp),
      upside: timesPowerOfTwo(db.upside, slopeExp),
    };
  }
  const scaled = sumByHedge(
    ratios.map((r, j) => timesPowerOfTwo(r, ratioExp(j))),
    series,
  );
  const t = estimator.ratiosAreSlopes ? tQuantile(0.975, fit.dfResidual) : NaN;
  return {
    ratios: scaled,
    betas: reported,
    lagTest,
    estimator: estimate.name,
    estimators: estimate.entries,
    estimatorParams: estimate.params,
    hacStdErrors,
    ratioBands: estimator.ratiosAreSlopes
      ? scaled.map((r, j) => [r - t * hacStdErrors[j]!, r + t * hacStdErrors[j]!] as const)
      : null,
    correlation: corr,
    inSample,
    outOfSample,
    rolling,
    sparkline,
    fisher,
    chow,
    dated,
    dispersion,
    downside,
    rollingPlot: plot,
    cumulativePlot: cumulative,
    cumulativeFrom: estimate.walk?.start ?? 0,
  };
}

/**
 * The rolling correlation and beta of y on x1 from one pass of sliding moments, summarised block
 * by block, with the Fisher windows' sums, the sparkline's bucket means and the charts' points:
 * never the series. With fewer returns than the window: the Fisher test alone.
 */
function rollingPart(
  y: Float64Array,
  x1: Float64Array,
  s: Settings,
  needs: ReportNeeds,
  ws: Workspace,
  slopeExp: number,
): Pick<PositionDiagnostics, 'rolling' | 'sparkline' | 'fisher'> & {
  plot: PositionDiagnostics['rollingPlot'];
} {
  const n = y.length;
  if (n < s.window) {
    return {
      rolling: null,
      sparkline: new Float64Array(0),
      fisher: fisherZBreak(y, x1, s.window),
      plot: null,
    };
  }
  const plotTo = needs.chartPoints > 0 ? rollingPlot(n - s.window + 1, needs.chartPoints) : null;
  const stats = rollingStatistics(y, x1, s.window, s.intercept, {
    fisherWindows: n - 2 * s.window + 1,
    buckets: needs.sparklinePoints,
    blocks: ws.rollingBlocks(),
    ...(plotTo !== null && { plot: plotTo }),
  });
  const plot = plotTo && { correlation: plotTo.correlation.result(), beta: plotTo.beta.result() };
  plot?.beta.values.forEach((b, i, a) => (a[i] = timesPowerOfTwo(b, slopeExp)));
  return {
    rolling: {
      correlation: stats.correlation,
      beta: rollingTimesPowerOfTwo(stats.beta, slopeExp),
    },
    sparkline: stats.bucketMeans,
    fisher: fisherZBreak(y, x1, s.window, stats.fisherSums),
    plot,
  };
}

/** The estimator's ratios and walk-forward for the position (in the scaled units). */
function estimateOf(
  series: PositionSeries,
  fit: OlsFit,
  estimator: HedgeEstimator,
  s: Settings,
  ws: Workspace,
): PositionEstimate {
  const { y, xs, exps } = series;
  const params = estimatorParamsOf(estimator, s);
  const input = { y, xs, intercept: s.intercept, fit, params, exps };
  return positionEstimate(estimator, input, {
    errors: (m) => ws.work(m),
    weights: (m) => ws.weights(m),
  });
}

/** The robust Chow test with its betas in the data's units (with --lags, summed per hedge). */
function chowOf(series: PositionSeries, fit: OlsFit, s: Settings): ChowBreak | null {
  const { y, xs, exps } = series;
  const chow = chowBreak(y, xs, s.window, s.intercept, fit.ssr, fit.moments);
  if (chow === null) return null;
  // (set on the result itself: a spread copy would evaluate its lazy pValueClassic getter)
  const unit = (bs: readonly number[]) =>
    sumByHedge(
      bs.map((b, j) => timesPowerOfTwo(b, exps[0]! - exps[j + 1]!)),
      series,
    );
  chow.betaBefore = unit(chow.betaBefore);
  chow.betaRecent = unit(chow.betaRecent);
  return chow;
}

/** The dated break of y on x1 (./dated-break.ts), with the ratios since it when significant. */
function datedOf(
  series: PositionSeries,
  fit: OlsFit,
  estimator: HedgeEstimator,
  s: Settings,
  x1: Float64Array,
  slopeExp: number,
): DatedBreak | null {
  const input = { y: series.y, xs: series.xs, intercept: s.intercept, fit };
  const refit = (from: number) => ratiosSince(series, estimator, s, from);
  return datedBreak(input, x1, s.thresholds, slopeExp, refit);
}

/**
 * The estimator's ratios per hedge (in the data's units) on the returns from row `from` on
 * alone — the new regime after a dated break: parameters the data decide are estimated from
 * those returns, and `--estimator auto` holds its tournament on them. Null when they are
 * undefined there (too few returns, a constant hedge, no convergence).
 */
function ratiosSince(
  series: PositionSeries,
  estimator: HedgeEstimator,
  s: Settings,
  from: number,
): number[] | null {
  const { y, xs, exps } = series;
  const input = {
    y: y.subarray(from),
    xs: xs.map((x) => x.subarray(from)),
    intercept: s.intercept,
    params: estimatorParamsOf(estimator, s),
    exps,
  };
  try {
    const ratios = positionEstimate(estimator, input).ratios;
    return sumByHedge(
      ratios.map((r, j) => timesPowerOfTwo(r, exps[0]! - exps[j + 1]!)),
      series,
    );
  } catch (e) {
    if (e instanceof MathError) return null;
    throw e;
  }
}

/**
 * The Newey–West standard error of each hedge's beta in the data's units, from the HAC
 * covariance V of the fit's slopes (scaled units): √V_jj, or with --lags the standard error of
 * the Dimson sum of the hedge's slopes, √(Σ_{i,l of hedge j} V_il).
 */
function hacByHedge(
  v: readonly (readonly number[])[],
  series: PositionSeries,
  ratioExp: (j: number) => number,
): number[] {
  const k = hedgeCountOf(series);
  const sums = new Array<number>(k).fill(0);
  v.forEach((row, i) =>
    row.forEach((vil, l) => {
      if (i % k === l % k)
        sums[i % k] = sums[i % k]! + timesPowerOfTwo(vil, ratioExp(i) + ratioExp(l));
    }),
  );
  return sums.map(Math.sqrt);
}

/** Correlation, or NaN where it is undefined (a constant series). */
function correlationOrNaN(a: ArrayLike<number>, b: ArrayLike<number>): number {
  try {
    return correlation(a, b);
  } catch {
    return NaN;
  }
}
