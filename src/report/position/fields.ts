/**
 * The position's part of the report object (src/report/types.ts) from the stages' results:
 * what the JSON contract names, in its key order, null where a value does not apply.
 */
import type { OlsFit } from '../../core/regression/ols';
import type { RollingSummary } from '../../core/diagnostics/rolling';
import type { Instrument, Position } from '../../input/types';
import { formatTime } from '../../input/time';
import type { Settings } from '../../settings';
import { regressionLeg, type Exposure } from '../exposure';
import type {
  DatedBreakReport,
  HedgeLeg,
  PositionExposure,
  PositionReport,
  ReportWarning,
  RollingCorrelation,
} from '../types';
import { finite } from './common';
import type { PositionDiagnostics } from './diagnostics';
import { timesPowerOfTwo } from './scaling';
import { returnTime, type PositionSeries } from './series';
import { blumeAdjustedBeta, contractsFor, directHedges, legSize } from './sizing';
import type { Valuation } from './valuation';

function rollingOf(sum: RollingSummary | null, window: number): RollingCorrelation {
  return {
    window,
    min: finite(sum?.min),
    max: finite(sum?.max),
    mean: finite(sum?.mean),
    stdDev: finite(sum?.stdDev),
    last: finite(sum?.last),
  };
}

/** stability.break: the dated break when significant, dated at its first return. */
function breakOf(d: PositionDiagnostics, series: PositionSeries): DatedBreakReport | null {
  const b = d.dated;
  if (b === null || !b.significant) return null;
  const t = b.test;
  return {
    date: formatTime(returnTime(series, t.index)),
    statistic: t.statistic,
    pValue: t.pValue,
    betaBefore: finite(t.betaBefore),
    betaAfter: finite(t.betaAfter),
    correlationBefore: finite(t.correlationBefore),
    correlationAfter: finite(t.correlationAfter),
  };
}

/** The report's `exposure` block: the kind, its facts, and the regression leg's delta. */
function exposureBlock(e: Exposure): PositionExposure {
  const leg = regressionLeg(e);
  const f = e.facts;
  return {
    kind: e.kind,
    quote: f.quote,
    baseAmount: finite(f.baseAmount),
    quoteAmount: finite(f.quoteAmount),
    delta: finite(leg.delta),
    deltaValue: finite(leg.deltaValue),
    gamma: finite(f.gamma),
    lower: finite(f.lower),
    upper: finite(f.upper),
    inRange: f.inRange,
    rebalanceBelow: finite(f.rebalanceBelow),
    rebalanceAbove: finite(f.rebalanceAbove),
  };
}

/**
 * The report of a position before its fit: valuation, period, every statistic null; the
 * regression hedges unsized, then the exposure's direct legs, sized (they need no fit).
 */
export function positionFields(
  p: Position,
  hedges: readonly string[],
  val: Valuation,
  series: PositionSeries,
  s: Settings,
  instruments: ReadonlyMap<string, Instrument>,
  warnings: ReportWarning[],
): PositionReport {
  const { n, times } = series;
  const e = val.exposure;
  return {
    symbol: p.symbol,
    label: p.label,
    quantity: finite(e.quantity),
    price: finite(e.price),
    value: finite(e.value),
    exposure: exposureBlock(e),
    carry: { feeApr: p.feeApr, fundingApr: null, netApr: null },
    observations: n,
    start: n > 0 ? formatTime(times[0]!) : null,
    end: n > 0 ? formatTime(times[times.length - 1]!) : null,
    alpha: null,
    alphaStdError: null,
    rSquared: null,
    adjRSquared: null,
    residualStdDev: null,
    correlation: null,
    adjustedBeta: null,
    hedges: [
      ...hedges.map((h, j): HedgeLeg => ({
        symbol: h,
        beta: null,
        stdError: null,
        tStat: null,
        pValue: null,
        lagBetas: null,
        hedgeRatio: null,
        price: finite(val.hedgePrices[j]),
        hedgeNotional: null,
        hedgeQuantity: null,
        contracts: null,
        unhedgedNotional: null,
        hacStdError: null,
        hedgeQuantityLow: null,
        hedgeQuantityHigh: null,
        hedgeRatioSinceBreak: null,
        hedgeQuantitySinceBreak: null,
      })),
      ...directHedges(e, s.returns, instruments),
    ],
    scenarios: null,
    effectiveness: { inSample: null, outOfSample: null },
    estimator: null,
    estimatorParams: null,
    estimators: null,
    stability: {
      rollingCorrelation: rollingOf(null, s.window),
      fisherZ: null,
      fisherPValue: null,
      chowF: null,
      chowPValue: null,
      break: null,
      rollingBeta: rollingOf(null, s.window),
      downsideBeta: null,
      upsideBeta: null,
      downsideBetaPValue: null,
    },
    warnings,
  };
}

/**
 * The report with the fit's statistics, the sized hedge legs and the diagnostics filled in (in
 * the units of the data). `recommend`: whether a ratio is recommended (enough observations).
 */
export function fittedFields(
  base: PositionReport,
  val: Valuation,
  series: PositionSeries,
  fit: OlsFit,
  d: PositionDiagnostics,
  s: Settings,
  instruments: ReadonlyMap<string, Instrument>,
  recommend: boolean,
): PositionReport {
  const ey = series.exps[0]!;
  // The row's regression hedges come first in base.hedges; direct legs follow, already sized.
  const k = d.betas.length;
  const betas = d.betas.map((b) => b.beta);
  const exposure = regressionLeg(val.exposure);
  const fitted = base.hedges.slice(0, k).map((leg, j): HedgeLeg => {
    const ratio = recommend ? finite(d.ratios[j]) : null;
    const size = legSize(ratio, exposure, leg.price, s.returns);
    const c = contractsFor(
      instruments.get(leg.symbol),
      size.hedgeQuantity,
      size.hedgeNotional,
      leg.price,
    );
    const quantity = (r: number | null | undefined) =>
      recommend && r !== undefined
        ? legSize(finite(r), exposure, leg.price, s.returns).hedgeQuantity
        : null;
    const band = d.ratioBands?.[j]?.map(quantity).sort((a, b) => (a ?? 0) - (b ?? 0)) ?? [];
    const since = finite(d.dated?.ratiosSince?.[j]);
    const b = d.betas[j]!;
    return {
      ...leg,
      beta: finite(b.beta),
      stdError: finite(b.stdError),
      tStat: finite(b.tStat),
      // an exact fit's t is infinite (tStat null): its p-value (0) would claim a test that is
      // not defined, so it is null too
      pValue: finite(b.tStat) === null ? null : finite(b.pValue),
      lagBetas: b.lagBetas === null ? null : b.lagBetas.map((v) => finite(v)),
      hedgeRatio: ratio,
      hedgeNotional: size.hedgeNotional,
      hedgeQuantity: size.hedgeQuantity,
      contracts: c.contracts,
      unhedgedNotional: c.unhedgedNotional,
      hacStdError: finite(d.hacStdErrors[j]),
      hedgeQuantityLow: band[0] ?? null,
      hedgeQuantityHigh: band[1] ?? null,
      hedgeRatioSinceBreak: recommend ? since : null,
      hedgeQuantitySinceBreak: quantity(since),
    };
  });
  const hedges = fitted.concat(base.hedges.slice(k));
  return {
    ...base,
    alpha: s.intercept ? finite(timesPowerOfTwo(fit.coefficients[0]!, ey)) : null,
    alphaStdError: s.intercept ? finite(timesPowerOfTwo(fit.stdErrors[0]!, ey)) : null,
    rSquared: finite(fit.rSquared),
    adjRSquared: finite(fit.adjRSquared),
    residualStdDev: finite(timesPowerOfTwo(fit.residualStdDev, ey)),
    correlation: finite(d.correlation),
    adjustedBeta: k === 1 ? finite(blumeAdjustedBeta(betas[0]!)) : null,
    hedges,
    effectiveness: { inSample: finite(d.inSample), outOfSample: finite(d.outOfSample) },
    estimator: d.estimator,
    estimatorParams: d.estimatorParams,
    estimators: d.estimators === null ? null : d.estimators.map((e) => ({ ...e })),
    stability: {
      rollingCorrelation: rollingOf(d.rolling?.correlation ?? null, s.window),
      fisherZ: finite(d.fisher?.z),
      fisherPValue: finite(d.fisher?.pValue),
      chowF: finite(d.chow?.f),
      chowPValue: finite(d.chow?.pValue),
      break: breakOf(d, series),
      rollingBeta: rollingOf(d.rolling?.beta ?? null, s.window),
      downsideBeta: finite(d.downside?.downside),
      upsideBeta: finite(d.downside?.upside),
      downsideBetaPValue: finite(d.downside?.pValue),
    },
  };
}
