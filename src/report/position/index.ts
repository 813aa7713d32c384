/**
 * One position's report: the pipeline valuation → series (align, returns) → fit → diagnostics →
 * sizing → scenarios → warnings, each stage a module of this folder.
 */
import { estimatorNamed } from '../../core/estimators';
import { InputError, MathError } from '../../errors';
import type { Position } from '../../input/types';
import type { ReportContext, ReportInput } from '../context';
import { regressionLeg } from '../exposure';
import { stabilityWarnings } from '../stability-warnings';
import { showText } from '../text';
import type { PositionReport, ReportWarning } from '../types';
import type { Exposure } from '../exposure';
import { positionCharts, type PositionCharts } from './charts';
import { checkedFinite, positionName, type Warn } from './common';
import { positionDiagnostics, type PositionDiagnostics } from './diagnostics';
import { fittedFields, positionFields } from './fields';
import { collinearityWarnings, fitPosition } from './fit';
import { scenariosOf } from './scenarios';
import { laggedSeries, positionSeries } from './series';
import { valuationOf } from './valuation';
import {
  insufficientDataWarning,
  lowCorrelationWarning,
  lowPower,
  type LowPower,
  stabilityInput,
  zeroReturnWarnings,
} from './warnings';

/** One position's part of the report, and what renderers may draw besides it. */
export interface PositionResult {
  readonly report: PositionReport;
  /** The rolling correlations' sparkline points (empty unless the renderer needs them). */
  readonly sparkline: Float64Array;
  /** The least-squares method of the position's fit (null: no fit). */
  readonly fitMethod: string | null;
  /** Set when its break tests have little power (./warnings.ts lowPower). */
  readonly lowPower: LowPower | null;
  /** Notes for stderr (not warnings), e.g. that the lagged slopes matter (--lags). */
  readonly notes: readonly string[];
  /** What the HTML report plots (null unless the renderer needs charts). */
  readonly charts: PositionCharts | null;
}

/**
 * The note (not a warning: the Dimson ratio already accounts for it) when the lagged slopes are
 * jointly significant at 1 %: the position's closes are probably not synchronous with its hedges'.
 */
function lagNote(name: string, d: PositionDiagnostics, lags: number): string[] {
  const t = d.lagTest;
  if (t === null || !(t.pValue < 0.01)) return [];
  const what = lags === 1 ? 'lagged slopes' : `${lags} lags' slopes`;
  return [
    `${showText(name)}: the ${what} are jointly significant (robust F ${t.f.toPrecision(4)}, p ${t.pValue < 1e-4 ? '< 0.0001' : t.pValue.toPrecision(2)}): its closes are probably not synchronous with its hedges'`,
  ];
}

/**
 * The exposure's numbers are finite wherever they are not null: a value beyond a double's range
 * (quantity 1e308 × price 2,000) is an error at the row, not a report of nulls. @throws MathError
 */
function checkExposure(e: Exposure): void {
  if (e.value !== null) checkedFinite(e.value, 'its value');
  for (const leg of e.legs) {
    if (leg.delta !== null) checkedFinite(leg.delta, `its exposure to ${showText(leg.symbol)}`);
    if (leg.deltaValue !== null) checkedFinite(leg.deltaValue, 'its value');
  }
}

function positionReport(p: Position, input: ReportInput, context: ReportContext): PositionResult {
  const s = input.settings;
  const hedges = p.hedges ?? s.hedge;
  const name = positionName(p);
  const warnings: ReportWarning[] = [];
  const warn: Warn = (code, severity, message) => warnings.push({ code, severity, message });
  const val = valuationOf(p, hedges, input.prices, context);
  checkExposure(val.exposure);
  const unlagged = positionSeries(p.symbol, hedges, s, context);
  zeroReturnWarnings(name, [p.symbol, ...hedges], unlagged, s, warn);
  // --lags: the regressors are every hedge's current and lagged returns (Dimson)
  const series = laggedSeries(unlagged, s.lags);
  const base = positionFields(p, hedges, val, series, s, input.instruments, warnings);
  const withScenarios = (r: PositionReport): PositionReport => ({
    ...r,
    scenarios: scenariosOf(r, val.exposure, s.returns, hedges.length),
  });
  const charts = input.needs.chartPoints > 0;
  const enough = series.n >= s.thresholds.minObservations;
  if (!enough) insufficientDataWarning(name, p, hedges, series.n, s, warn);
  if (series.n <= series.xs.length + (s.intercept ? 1 : 0)) {
    return {
      report: withScenarios(base),
      sparkline: new Float64Array(0),
      fitMethod: null,
      notes: [],
      lowPower: null,
      charts: charts ? positionCharts(series, null, val.exposure, s.window) : null,
    };
  }
  const fit = fitPosition(series, hedges, s, base);
  collinearityWarnings(name, fit, series, hedges, context.grid, s, warn);
  const estimator = estimatorNamed(s.estimator);
  const short = (regressionLeg(val.exposure).deltaValue ?? 0) < 0;
  const d = positionDiagnostics(
    series,
    fit,
    estimator,
    s,
    input.needs,
    context.workspace,
    short ? -1 : 1,
  );
  const report = withScenarios(
    fittedFields(base, val, series, fit, d, s, input.instruments, enough),
  );
  lowCorrelationWarning(name, hedges, report.correlation, series.n, s, warn);
  if (enough) {
    warnings.push(
      ...stabilityWarnings(stabilityInput(name, hedges, series, d, report), s.thresholds),
    );
  }
  return {
    report,
    sparkline: d.sparkline,
    fitMethod: fit.method,
    notes: lagNote(name, d, s.lags),
    lowPower: enough ? lowPower(name, series, s.window) : null,
    charts: charts ? positionCharts(series, d, val.exposure, s.window) : null,
  };
}

/**
 * The report of position `index` of the input.
 * @throws InputError when its regression or another statistic is undefined (located at its row)
 */
export function positionResult(
  input: ReportInput,
  context: ReportContext,
  index: number,
): PositionResult {
  const p = input.positions[index]!;
  try {
    return positionReport(p, input, context);
  } catch (e) {
    if (e instanceof MathError) {
      throw new InputError({
        file: input.positionsSource,
        line: p.line,
        message: `${positionName(p)}: ${e.message}`,
      });
    }
    throw e;
  }
}
