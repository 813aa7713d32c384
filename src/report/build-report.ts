/**
 * Builds the report object from validated inputs: alignment, returns, regression, hedge ratio,
 * sizing, diagnostics and warnings for each position, then totals. Pure: no I/O, no text
 * rendering beyond warning sentences.
 */
import { MathError, InputError } from '../errors';
import type { Instrument, Position, PriceTable } from '../input/types';
import { alignComplete, rangeBounds, resample, valuationPoint } from '../input/align';
import {
  seriesLength,
  seriesSlice,
  seriesValue,
  seriesValuesInto,
  type PriceSeries,
} from '../input/series';
import { formatTime, parseTime } from '../input/time';
import type { Settings } from '../settings';
import { DegenerateRegressorError, olsFit, type OlsFit } from '../core/ols';
import { returnsInPlace } from '../core/returns';
import { reserveScratch, scratch } from '../core/scratch';
import { correlation } from '../core/stats';
import { ewmaCovariance, minVarianceRatio } from '../core/ewma';
import { inverse } from '../core/linalg';
import { hedgePortfolio, rollingStatistics, type RollingSummary } from '../core/rolling';
import { chowBreak, fisherZBreak, type FisherBreak } from '../core/breaks';
import { inSampleEffectiveness, walkForwardEffectiveness } from '../core/effectiveness';
import { correlationDispersionTest, downsideBeta } from '../core/stability';
import { stabilityWarnings } from './stability-warnings';
import type {
  HedgeLeg,
  HedgeTotal,
  PositionReport,
  Report,
  ReportWarning,
  RollingCorrelation,
} from './types';
import { SPARKLINE_WIDTH, fmt, pct, showText } from './text';

/** Inputs of one report, already parsed. */
export interface ReportInput {
  readonly positions: readonly Position[];
  readonly positionsSource: string;
  readonly prices: PriceTable;
  readonly instruments: ReadonlyMap<string, Instrument>;
  readonly settings: Settings;
}

/** `x` if it is a finite number, else null: the report never carries NaN or ±Infinity. */
export function finite(x: number | null | undefined): number | null {
  return x !== null && x !== undefined && Number.isFinite(x) ? x : null;
}

/** Blume (1971) adjusted beta: 0.67·β + 0.33, shrinking toward the market beta of 1. */
export function blumeAdjustedBeta(beta: number): number {
  return 0.67 * beta + 0.33;
}

/**
 * Variance-inflation factors of the hedges: VIF_j = 1/(1 − R²_j), R²_j from regressing hedge j
 * on the others, which is the j-th diagonal element of the inverse correlation matrix.
 */
export function varianceInflationFactors(corr: readonly (readonly number[])[]): number[] {
  if (corr.length < 2) return corr.map(() => 1);
  const inv = inverse(corr);
  return inv.map((row, j) => row[j]!);
}

/** A sentence-ready name of a position: `SOL` or `SOL [Treasury SOL]`. */
function positionName(p: Position): string {
  return p.label ? `${showText(p.symbol)} [${showText(p.label)}]` : showText(p.symbol);
}

function rollingOf(sum: RollingSummary): RollingCorrelation {
  return {
    window: sum.window,
    min: finite(sum.min),
    max: finite(sum.max),
    mean: finite(sum.mean),
    stdDev: finite(sum.stdDev),
    last: finite(sum.last),
  };
}

/** What the report needs to know of a returns series before it fits: its scale and its zeros. */
interface SeriesFacts {
  /**
   * Binary exponent e (even) such that max|x|·2^−e is near 1, or 0 when max|x| is within
   * [2^−128, 2^128] (or not finite). The statistics sum squares and fourth powers of returns over
   * n observations: beyond that range (prices near 1e300 or 1e-300 with --returns level or diff)
   * they overflow or underflow. Dividing by a power of two is exact, and an even exponent keeps
   * square roots exact, so the scaled statistics are the unscaled ones with another exponent;
   * inside the range nothing changes, bit for bit.
   */
  readonly exponent: number;
  /** Share of exactly-zero values (a price that did not move). */
  readonly zeroShare: number;
}

/** {@link SeriesFacts} of x, in one pass. */
function seriesFacts(x: Float64Array): SeriesFacts {
  let m = 0;
  let zeros = 0;
  let nan = false;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v === 0) zeros++;
    else {
      const a = v < 0 ? -v : v;
      if (a > m) m = a;
      else if (a !== a) nan = true;
    }
  }
  const zeroShare = x.length === 0 ? 0 : zeros / x.length;
  if (nan || !(m > 0 && m < Infinity) || (m >= 2 ** -128 && m <= 2 ** 128)) {
    return { exponent: 0, zeroShare };
  }
  return { exponent: 2 * Math.round(Math.log2(m) / 2), zeroShare };
}

/** x·2^e, exact (in two factors: 2^e alone may not be a double). */
function timesPowerOfTwo(x: number, e: number): number {
  const h = Math.trunc(e / 2);
  return x * 2 ** h * 2 ** (e - h);
}

/** The series divided by 2^e: a copy, or the series itself when e = 0. */
function scaledSeries(x: Float64Array, e: number): Float64Array {
  return e === 0 ? x : x.map((v) => timesPowerOfTwo(v, -e));
}

/** A rolling summary of slopes multiplied by 2^e. */
function rollingTimesPowerOfTwo(r: RollingSummary, e: number): RollingSummary {
  if (e === 0) return r;
  const f = (v: number | null) => (v === null ? null : timesPowerOfTwo(v, e));
  return {
    ...r,
    min: f(r.min),
    max: f(r.max),
    mean: f(r.mean),
    stdDev: f(r.stdDev),
    last: f(r.last),
  };
}

/**
 * Why a regression is undefined, naming the series: `hedge "FLAT" has zero variance (its
 * returns are all zero)`, `hedge "XBT" is a linear combination of a constant and "BTC" (perfectly
 * collinear hedges)`; other MathErrors as they are.
 */
function degenerateText(e: MathError, hedges: readonly string[], s: Settings): string {
  const h = e instanceof DegenerateRegressorError ? hedges[e.regressor] : undefined;
  if (!(e instanceof DegenerateRegressorError) || h === undefined) return e.message;
  const what =
    s.returns === 'level' ? 'prices' : s.returns === 'diff' ? 'price changes' : 'returns';
  switch (e.reason) {
    case 'zero':
      return `hedge "${showText(h)}" has zero variance (its ${what} are all zero)`;
    case 'constant':
      return `hedge "${showText(h)}" has zero variance (its ${what} are constant)`;
    case 'collinear': {
      const before = hedges.slice(0, e.regressor).map((x) => `"${showText(x)}"`);
      const others = s.intercept ? ['a constant', ...before] : before;
      return `hedge "${showText(h)}" is a linear combination of ${others.join(' and ')} (perfectly collinear hedges)`;
    }
  }
}

function emptyRolling(window: number): RollingCorrelation {
  return { window, min: null, max: null, mean: null, stdDev: null, last: null };
}

/** The key of a range's rows and returns kind in the grid's caches. */
function rangeKeyOf(bounds: { start: number; end: number }, kind: Settings['returns']): string {
  return `${bounds.start}:${bounds.end}:${kind}`;
}

/** The key of a symbol's returns over a whole range in Grid.returnsCache. */
function returnsKey(symbol: string, rangeKey: string): string {
  return `${symbol}\u0000${rangeKey}`;
}

/** Length of the returns of a price column (returnsOf). */
function returnsLengthOf(prices: PriceSeries, kind: Settings['returns']): number {
  const n = seriesLength(prices);
  return kind === 'level' ? n : Math.max(0, n - 1);
}

/**
 * returnsOf for a price series: its values are written straight into the returns' buffer
 * (`into`, or a new one), then turned into returns in place.
 */
function columnReturns(
  prices: PriceSeries,
  kind: Settings['returns'],
  into?: Float64Array,
): Float64Array {
  const n = seriesLength(prices);
  const out = into ?? new Float64Array(returnsLengthOf(prices, kind));
  seriesValuesInto(prices, n - out.length, n, out);
  return returnsInPlace(n > 0 ? seriesValue(prices, 0) : null, out, kind);
}

/** Extra per-position data for renderers that is not part of the JSON contract. */
export interface PositionExtras {
  /**
   * The rolling correlations' sparkline points: their means in SPARKLINE_WIDTH buckets
   * (text.ts bucketMeans); empty when not computed, or not a table.
   */
  readonly rolling: Float64Array;
}

export interface BuiltReport {
  readonly report: Report;
  readonly extras: readonly PositionExtras[];
}

interface Contracts {
  contracts: number | null;
  unhedgedNotional: number | null;
}

/**
 * Contracts for a hedge: linear: quantity ÷ multiplier; inverse: notional ÷ face (quote
 * currency per contract). Rounded to the nearest multiple of `lot`; the notional that rounding
 * leaves unhedged is target − achieved.
 */
export function contractsFor(
  inst: Instrument | undefined,
  hedgeQuantity: number | null,
  hedgeNotional: number | null,
  price: number | null,
): Contracts {
  if (!inst || hedgeQuantity === null || hedgeNotional === null || price === null) {
    return { contracts: null, unhedgedNotional: null };
  }
  const raw =
    inst.kind === 'inverse'
      ? hedgeNotional / (inst.face! * inst.multiplier)
      : hedgeQuantity / inst.multiplier;
  const contracts = roundToLot(raw, inst.lot);
  const achieved =
    inst.kind === 'inverse'
      ? contracts * inst.face! * inst.multiplier
      : contracts * inst.multiplier * price;
  return { contracts: finite(contracts), unhedgedNotional: finite(hedgeNotional - achieved) };
}

/** Nearest multiple of `lot` (half away from zero), cleaned of binary noise such as 0.30000000000000004. */
export function roundToLot(x: number, lot: number): number {
  // 0.35 / 0.1 is 3.4999999999999996 in binary: round the quotient to 12 significant digits first.
  const n = Math.sign(x) * Math.round(Number((Math.abs(x) / lot).toPrecision(12)));
  const v = n * lot;
  const decimals = Math.max(0, Math.min(12, -Math.floor(Math.log10(lot)) + 1));
  return Number(v.toFixed(decimals)) + 0; // + 0 turns -0 into 0
}

/**
 * What positions share: the price grid, and the returns of a hedge (and the correlations between
 * hedges) over a range where alignment dropped no row, which are then the same for every
 * position over that range.
 */
export interface Grid {
  readonly times: Float64Array;
  readonly series: Map<string, PriceSeries>;
  readonly returnsCache: Map<string, Float64Array>;
  readonly correlationCache: Map<string, number>;
  /** The hedges' SeriesFacts over a range and a lookback, as their returns in returnsCache. */
  readonly factsCache: Map<string, SeriesFacts>;
}

function positionReport(
  p: Position,
  input: ReportInput,
  grid: Grid,
  valuationTime: number,
): PositionResult {
  const s = input.settings;
  const t = s.thresholds;
  const hedges = p.hedges ?? s.hedge;
  const name = positionName(p);
  const warnings: ReportWarning[] = [];
  const warn = (
    code: ReportWarning['code'],
    severity: ReportWarning['severity'],
    message: string,
  ) => warnings.push({ code, severity, message });
  const from = s.from === null ? null : parseTime(s.from);
  const to = s.to === null ? null : parseTime(s.to);

  // Valuation: last value at or before --to (or the last row), for the position and each hedge,
  // from the prices as given (not resampled, not cut at --from).
  const prices = input.prices;
  const val = valuationPoint(prices.times, prices.series.get(p.symbol)!, to);
  const price = val ? val.price : null;
  const quantity =
    p.quantity !== null
      ? p.quantity
      : price !== null && p.notional !== null
        ? p.notional / price
        : null;
  // A notional row is worth exactly its notional (quantity × price would add a rounding error).
  const value =
    p.notional !== null
      ? p.notional
      : quantity !== null && price !== null
        ? quantity * price
        : null;
  const hedgeVals = hedges.map((h) => valuationPoint(prices.times, prices.series.get(h)!, to));
  for (const [i, v] of [val, ...hedgeVals].entries()) {
    const sym = i === 0 ? p.symbol : hedges[i - 1]!;
    if (v === null) {
      warn(
        'STALE_PRICES',
        'warning',
        `${name}: ${showText(sym)} has no price at or before ${formatTime(valuationTime)}`,
      );
    } else if (v.time < valuationTime) {
      warn(
        'STALE_PRICES',
        'warning',
        `${name}: the last ${showText(sym)} price is from ${formatTime(v.time)}, older than the valuation date ${formatTime(valuationTime)}`,
      );
    }
  }

  // Alignment and returns, exactly as the spec says: range, complete rows, returns, lookback.
  const aligned = alignComplete(
    grid.times,
    [grid.series.get(p.symbol)!, ...hedges.map((h) => grid.series.get(h)!)],
    from,
    to,
  );
  // With no row dropped, the kept rows are the whole range: a hedge's returns are then the same
  // for every position, and computed once.
  const bounds = rangeBounds(grid.times, from, to);
  const fullRange = aligned.times.length === bounds.end - bounds.start;
  const rangeKey = fullRange ? rangeKeyOf(bounds, s.returns) : null;
  const symbols = [p.symbol, ...hedges];
  let cols = aligned.columns.map((c, i) => {
    // The position's returns live only while this position is computed: a reusable buffer.
    if (i === 0)
      return columnReturns(c, s.returns, scratch('positionReturns', returnsLengthOf(c, s.returns)));
    if (rangeKey === null) return columnReturns(c, s.returns);
    const key = returnsKey(symbols[i]!, rangeKey);
    let r = grid.returnsCache.get(key);
    if (r === undefined) {
      r = columnReturns(c, s.returns);
      grid.returnsCache.set(key, r);
    }
    return r;
  });
  let times = aligned.times;
  const retLen = cols[0]!.length;
  const offset = times.length - retLen; // 1 for changes, 0 for levels
  let keep = retLen;
  if (s.lookback !== null && s.lookback < retLen) keep = s.lookback;
  cols = cols.map((c) => c.subarray(retLen - keep));
  times = times.subarray(times.length - keep - offset);
  const n = keep;
  // Series of extreme magnitude are scaled by powers of two (SeriesFacts.exponent); results in
  // units of y, or of ratios y/x, are scaled back where they are reported.
  const facts = cols.map((c, i) => {
    if (i === 0 || rangeKey === null) return seriesFacts(c);
    const key = `${returnsKey(symbols[i]!, rangeKey)}\u0000${n}`;
    let f = grid.factsCache.get(key);
    if (f === undefined) {
      f = seriesFacts(c);
      grid.factsCache.set(key, f);
    }
    return f;
  });
  const exps = facts.map((f) => f.exponent);
  const ey = exps[0]!;
  const ratioExp = (j: number) => ey - exps[j + 1]!;
  const y = scaledSeries(cols[0]!, ey);
  const xs = cols.slice(1).map((c, j) => scaledSeries(c, exps[j + 1]!));
  // The slope on x1 below: the one hedge's ratio units, or the fitted portfolio's (1, no units).
  const slopeExp = xs.length === 1 ? ratioExp(0) : 0;
  const k = hedges.length + (s.intercept ? 1 : 0);

  const stale = [p.symbol, ...hedges]
    .map((sym, i) => ({ sym, share: facts[i]!.zeroShare }))
    .filter((z) => s.returns !== 'level' && n > 0 && z.share > t.maxZeroReturns);
  for (const z of stale) {
    warn(
      'STALE_PRICES',
      'warning',
      `${name}: ${pct(z.share)} of ${showText(z.sym)}'s ${n} returns are exactly zero (limit ${pct(t.maxZeroReturns)}); its prices may be stale or filled forward`,
    );
  }

  const base: PositionReport = {
    symbol: p.symbol,
    label: p.label,
    quantity: finite(quantity),
    price: finite(price),
    value: finite(value),
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
    hedges: hedges.map((h, j) => ({
      symbol: h,
      beta: null,
      stdError: null,
      tStat: null,
      pValue: null,
      hedgeRatio: null,
      price: finite(hedgeVals[j]?.price),
      hedgeNotional: null,
      hedgeQuantity: null,
      contracts: null,
      unhedgedNotional: null,
    })),
    effectiveness: { inSample: null, outOfSample: null },
    stability: {
      rollingCorrelation: emptyRolling(s.window),
      fisherZ: null,
      fisherPValue: null,
      chowF: null,
      chowPValue: null,
      rollingBeta: emptyRolling(s.window),
      downsideBeta: null,
      upsideBeta: null,
      downsideBetaPValue: null,
    },
    warnings,
  };

  const enough = n >= t.minObservations;
  if (!enough) {
    warn(
      'INSUFFICIENT_DATA',
      'critical',
      `${name}: only ${n} returns where ${showText(p.symbol)} and ${hedges.map(showText).join(', ')} all have prices (need ${t.minObservations}); no hedge ratio is recommended`,
    );
  }
  if (n <= k) return { report: base, rolling: new Float64Array(0) };

  let fit: OlsFit;
  try {
    fit = olsFit(y, xs, s.intercept);
  } catch (e) {
    if (e instanceof MathError) {
      throw new InputError({
        file: input.positionsSource,
        line: p.line,
        message: `${name}: ${degenerateText(e, hedges, s)} over the ${n} returns from ${base.start} to ${base.end}; no regression is defined`,
      });
    }
    throw e;
  }
  // Collinearity between hedges: warnings only (a singular design has failed the fit above, with
  // a message naming the hedges).
  if (xs.length >= 2) {
    // Symmetric (corr(a, b) and corr(b, a) are the same double): each pair once. From this
    // position's own fit when it has the cross-products (the value then depends on nothing but
    // this position's inputs, whichever thread computes it); otherwise from the data, once per
    // range when the hedges' returns are shared.
    const dataCorrelation = (i: number, j: number): number => {
      const key =
        rangeKey === null ? null : `${hedges[i]!}\u0000${hedges[j]!}\u0000${rangeKey}\u0000${n}`;
      let r = key === null ? undefined : grid.correlationCache.get(key);
      if (r === undefined) {
        r = safeCorrelation(xs[i]!, xs[j]!);
        if (key !== null) grid.correlationCache.set(key, r);
      }
      return r;
    };
    const corr = xs.map(() => xs.map(() => 1));
    for (let i = 0; i < xs.length; i++) {
      for (let j = i + 1; j < xs.length; j++) {
        const r = regressorCorrelation(fit, i, j) ?? dataCorrelation(i, j);
        corr[i]![j] = r;
        corr[j]![i] = r;
      }
    }
    for (let i = 0; i < xs.length; i++) {
      for (let j = i + 1; j < xs.length; j++) {
        const r = corr[i]![j]!;
        if (Number.isFinite(r) && Math.abs(r) > t.maxHedgeCorrelation) {
          warn(
            'COLLINEAR_HEDGES',
            'warning',
            `${name}: hedges ${showText(hedges[i]!)} and ${showText(hedges[j]!)} have correlation ${fmt(r, 3)} (limit ${fmt(t.maxHedgeCorrelation, 2)}); their separate ratios are unreliable, consider hedging with one of them`,
          );
        }
      }
    }
    if (corr.every((row) => row.every(Number.isFinite))) {
      let vifs: number[] = [];
      try {
        vifs = varianceInflationFactors(corr);
      } catch {
        vifs = [];
      }
      const worst = vifs.reduce((m, v, j) => (v > (vifs[m] ?? -Infinity) ? j : m), 0);
      const vmax = vifs[worst];
      if (vmax !== undefined && !(vmax <= t.maxVif)) {
        warn(
          'COLLINEAR_HEDGES',
          'warning',
          `${name}: hedge ${showText(hedges[worst]!)} has a variance-inflation factor of ${Number.isFinite(vmax) ? fmt(vmax, 1) : 'infinity'} (limit ${fmt(t.maxVif, 1)}); the other hedges explain it almost entirely`,
        );
      }
    }
  }

  const slope0 = s.intercept ? 1 : 0;
  const betas = Array.from(fit.coefficients.subarray(slope0));
  let ratios = betas;
  if (s.estimator === 'ewma') {
    ratios = minVarianceRatio(ewmaCovariance([...xs, y], s.halflife, s.intercept));
  }

  // Out-of-sample effectiveness first: its n/2 errors live in the slot the portfolio takes next.
  const outOfSample = walkForwardEffectiveness(
    y,
    xs,
    { intercept: s.intercept, estimator: s.estimator, halflife: s.halflife },
    (length) => scratch('portfolio', length),
  );
  // Several hedges: their portfolio Σβ_j·x_j stands for x in the one-regressor diagnostics.
  const portfolio = xs.length > 1 ? hedgePortfolio(xs, betas, scratch('portfolio', n)) : null;
  // With an intercept, corr(y, Σβ_j·x_j) is the multiple correlation √R² (for one hedge with the
  // sign of β): taken from the fit, whose R² = 1 − SSR/TSS is exact to a double, instead of two
  // more passes over the data. Without an intercept (R² is then uncentred) it is computed.
  const fitR2 = fit.rSquared;
  const corrYP =
    s.intercept && fitR2 > 0 && fitR2 <= 1
      ? (xs.length === 1 ? Math.sign(betas[0]!) : 1) * Math.sqrt(fitR2)
      : safeCorrelation(y, portfolio ?? xs[0]!);

  // Back to the units of the data (no-ops for series of ordinary magnitude).
  const betasOut = betas.map((b, j) => timesPowerOfTwo(b, ratioExp(j)));
  const ratiosOut = ratios.map((r, j) => timesPowerOfTwo(r, ratioExp(j)));
  base.alpha = s.intercept ? finite(timesPowerOfTwo(fit.coefficients[0]!, ey)) : null;
  base.alphaStdError = s.intercept ? finite(timesPowerOfTwo(fit.stdErrors[0]!, ey)) : null;
  base.rSquared = finite(fit.rSquared);
  base.adjRSquared = finite(fit.adjRSquared);
  base.residualStdDev = finite(timesPowerOfTwo(fit.residualStdDev, ey));
  base.correlation = finite(corrYP);
  base.adjustedBeta = xs.length === 1 ? finite(blumeAdjustedBeta(betasOut[0]!)) : null;

  const linear = s.returns === 'log' || s.returns === 'simple';
  base.hedges = hedges.map((h, j): HedgeLeg => {
    const leg = base.hedges[j]!;
    const ratio = enough ? finite(ratiosOut[j]) : null;
    let hedgeNotional: number | null = null;
    let hedgeQuantity: number | null = null;
    if (ratio !== null) {
      if (linear) {
        hedgeNotional = value === null ? null : finite(-ratio * value);
        hedgeQuantity =
          hedgeNotional !== null && leg.price ? finite(hedgeNotional / leg.price) : null;
      } else {
        hedgeQuantity = quantity === null ? null : finite(-ratio * quantity);
        hedgeNotional =
          hedgeQuantity !== null && leg.price !== null ? finite(hedgeQuantity * leg.price) : null;
      }
    }
    const c = contractsFor(input.instruments.get(h), hedgeQuantity, hedgeNotional, leg.price);
    return {
      ...leg,
      beta: finite(betasOut[j]),
      stdError: finite(timesPowerOfTwo(fit.stdErrors[slope0 + j]!, ratioExp(j))),
      tStat: finite(fit.tStats[slope0 + j]),
      pValue: finite(fit.pValues[slope0 + j]),
      hedgeRatio: ratio,
      hedgeNotional,
      hedgeQuantity,
      contracts: c.contracts,
      unhedgedNotional: c.unhedgedNotional,
    };
  });

  if (base.correlation !== null && Math.abs(base.correlation) < t.minCorrelation) {
    warn(
      'LOW_CORRELATION',
      'warning',
      `${name}: ${xs.length === 1 ? 'correlation' : 'multiple correlation'} with ${hedges.map(showText).join(', ')} is ${fmt(base.correlation, 2)} over ${n} returns (minimum ${fmt(t.minCorrelation, 2)}); a hedge removes at most ${pct(base.correlation * base.correlation)} of the variance`,
    );
  }

  // Effectiveness and stability (see docs in src/core and the README).
  // Ederington's in-sample effectiveness with the OLS ratios and an intercept is R² (the hedged
  // returns are then α + residuals): from the fit rather than two variances over the data.
  base.effectiveness.inSample = finite(
    s.estimator === 'ols' && s.intercept && Number.isFinite(fitR2)
      ? fitR2
      : inSampleEffectiveness(y, xs, ratios),
  );
  base.effectiveness.outOfSample = finite(outOfSample);
  const x1 = portfolio ?? xs[0]!;
  let rolling: Float64Array = new Float64Array(0);
  let fisher: FisherBreak | null;
  if (n >= s.window) {
    // The rolling correlation and beta from one pass of sliding moments, summarised block by
    // block (rollingStatistics): with the Fisher windows' sums and, for a table, the sparkline's
    // SPARKLINE_WIDTH bucket means, but never an n-length series.
    const stats = rollingStatistics(y, x1, s.window, s.intercept, {
      fisherWindows: n - 2 * s.window + 1,
      buckets: s.format === 'table' ? SPARKLINE_WIDTH : 0,
    });
    rolling = stats.bucketMeans;
    base.stability.rollingCorrelation = rollingOf(stats.correlation);
    base.stability.rollingBeta = rollingOf(rollingTimesPowerOfTwo(stats.beta, slopeExp));
    fisher = fisherZBreak(y, x1, s.window, stats.fisherSums);
  } else {
    fisher = fisherZBreak(y, x1, s.window);
  }
  const scaledChow = chowBreak(y, xs, s.window, s.intercept, fit.ssr, fit.moments);
  // The slopes in the warning sentences, in the units of the data. (Set on the result itself: a
  // spread copy would evaluate its lazy pValueClassic getter, a p-value the report never shows.)
  const chow = scaledChow;
  if (chow !== null) {
    chow.betaBefore = chow.betaBefore.map((b, j) => timesPowerOfTwo(b, ratioExp(j)));
    chow.betaRecent = chow.betaRecent.map((b, j) => timesPowerOfTwo(b, ratioExp(j)));
  }
  const scaledDispersion = correlationDispersionTest(y, x1, s.window, false);
  const dispersion = scaledDispersion && {
    ...scaledDispersion,
    beta: timesPowerOfTwo(scaledDispersion.beta, slopeExp),
    betaMin: timesPowerOfTwo(scaledDispersion.betaMin, slopeExp),
    betaMax: timesPowerOfTwo(scaledDispersion.betaMax, slopeExp),
  };
  // The downside/upside betas: not in a table (json, csv and markdown show them) and no warning
  // depends on them, so a table run skips the split.
  if (n >= s.window && s.format !== 'table') {
    // Last: the split reorders y and the portfolio in place (this thread's buffers, not needed
    // any more) rather than copy them; a single hedge's returns are shared: copied to the
    // portfolio's slot, free with one hedge.
    const xDown = portfolio ?? scratch('portfolio', n);
    if (portfolio === null) xDown.set(x1);
    const downside = downsideBeta(y, xDown, s.intercept, true);
    base.stability.downsideBeta =
      downside === null ? null : finite(timesPowerOfTwo(downside.downside, slopeExp));
    base.stability.upsideBeta =
      downside === null ? null : finite(timesPowerOfTwo(downside.upside, slopeExp));
    base.stability.downsideBetaPValue = finite(downside?.pValue);
  }
  base.stability.fisherZ = finite(fisher?.z);
  base.stability.fisherPValue = finite(fisher?.pValue);
  base.stability.chowF = finite(chow?.f);
  base.stability.chowPValue = finite(chow?.pValue);
  if (enough) {
    warnings.push(
      ...stabilityWarnings(
        {
          name,
          hedges: hedges.map(showText),
          window: s.window,
          n,
          fisher,
          chow,
          dispersion,
          rolling: base.stability.rollingCorrelation,
          inSample: base.effectiveness.inSample,
          outOfSample: base.effectiveness.outOfSample,
        },
        t,
      ),
    );
  }
  // Only the table draws the rolling correlations (a sparkline); other formats drop them here
  // rather than keep n doubles per position until the report is assembled.
  return { report: base, rolling: s.format === 'table' ? rolling : new Float64Array(0) };
}

/**
 * corr(x_i, x_j) of regressors i and j from the fit's centred cross-products, S_ij/√(S_ii·S_jj)
 * (each S within a few ulps of exact, the fit's moments paths); null when the fit has none (QR
 * path) or they are raw sums (no intercept).
 */
function regressorCorrelation(fit: OlsFit, i: number, j: number): number | null {
  const moments = fit.moments;
  if (moments === undefined || !fit.intercept) return null;
  const m = moments.means.length;
  const S = moments.S;
  return S[i * m + j]! / Math.sqrt(S[i * m + i]! * S[j * m + j]!);
}

/** Correlation, or NaN where it is undefined (a constant series). */
function safeCorrelation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  try {
    return correlation(a, b);
  } catch {
    return NaN;
  }
}

/** Totals per hedge instrument, in order of first appearance. Contracts round the net once. */
function totalsOf(
  positions: readonly PositionReport[],
  instruments: ReadonlyMap<string, Instrument>,
): HedgeTotal[] {
  const bySymbol = new Map<
    string,
    { notional: number; quantity: number; any: boolean; price: number | null }
  >();
  for (const p of positions) {
    for (const h of p.hedges) {
      const acc = bySymbol.get(h.symbol) ?? {
        notional: 0,
        quantity: 0,
        any: false,
        price: h.price,
      };
      if (h.hedgeNotional !== null && h.hedgeQuantity !== null) {
        acc.notional += h.hedgeNotional;
        acc.quantity += h.hedgeQuantity;
        acc.any = true;
      }
      bySymbol.set(h.symbol, acc);
    }
  }
  return [...bySymbol].map(([symbol, a]) => ({
    symbol,
    hedgeNotional: a.any ? finite(a.notional) : null,
    hedgeQuantity: a.any ? finite(a.quantity) : null,
    contracts: a.any
      ? contractsFor(instruments.get(symbol), a.quantity, a.notional, a.price).contracts
      : null,
  }));
}

/** What every position of one report shares: the price grid and the valuation date. */
export interface ReportContext {
  readonly grid: Grid;
  readonly valuationTime: number;
  /** Index of the last raw row at or before --to, −1 when there is none. */
  readonly lastAtOrBefore: number;
}

/** The price grid (range cut, then resampled) and the valuation date of a report. */
export function reportContext(input: ReportInput): ReportContext {
  const s = input.settings;
  const symbols = [...input.prices.series.keys()];
  const raw = input.prices;
  const from = s.from === null ? null : parseTime(s.from);
  const to = s.to === null ? null : parseTime(s.to);
  // The range first, then the periods: a week or month cut by --from/--to keeps only its rows
  // inside the range (as pandas' df.loc[from:to].resample(rule).last()).
  const { start, end } = rangeBounds(raw.times, from, to);
  const sampled = resample(
    raw.times.subarray(start, end),
    symbols.map((k) => seriesSlice(raw.series.get(k)!, start, end)),
    s.frequency,
  );
  const series = new Map(symbols.map((k, i) => [k, sampled.series[i]!]));
  const grid: Grid = {
    times: sampled.times,
    series,
    returnsCache: new Map(),
    correlationCache: new Map(),
    factsCache: new Map(),
  };
  // Every n-length work buffer of this thread sized once for the longest series of the report.
  reserveScratch(grid.times.length);
  // The valuation date: the last time in the file at or before --to (or the last time).
  const lastAtOrBefore = rangeBounds(raw.times, null, to).end - 1;
  const valuationTime = lastAtOrBefore >= 0 ? raw.times[lastAtOrBefore]! : (to ?? 0);
  return { grid, valuationTime, lastAtOrBefore };
}

/**
 * The hedges' returns over the whole range, computed once for every thread of a report (each in
 * a SharedArrayBuffer) and put in this context's returns cache: for each symbol that hedges a
 * position, what positionReport caches for a position that keeps every row of the range. A hedge
 * with a gap or a price its returns cannot take in the range is left to the positions (they then
 * align, compute or fail as usual). Returns the entries, for the other thread's context
 * ({@link withSharedReturns}).
 */
export function sharedHedgeReturns(
  input: ReportInput,
  context: ReportContext,
): [string, Float64Array][] {
  const s = input.settings;
  const grid = context.grid;
  const from = s.from === null ? null : parseTime(s.from);
  const to = s.to === null ? null : parseTime(s.to);
  const bounds = rangeBounds(grid.times, from, to);
  const rangeKey = rangeKeyOf(bounds, s.returns);
  const hedges = new Set(input.positions.flatMap((p) => p.hedges ?? s.hedge));
  const entries: [string, Float64Array][] = [];
  for (const h of hedges) {
    const whole = grid.series.get(h);
    if (whole === undefined) continue;
    const column = seriesSlice(whole, bounds.start, bounds.end);
    if (seriesLength(column) === 0) continue;
    const length = returnsLengthOf(column, s.returns);
    let r: Float64Array;
    try {
      r = columnReturns(
        column,
        s.returns,
        new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT)),
      );
    } catch (e) {
      if (e instanceof MathError) continue; // a gap or a price returns cannot take
      throw e;
    }
    const key = returnsKey(h, rangeKey);
    grid.returnsCache.set(key, r);
    entries.push([key, r]);
  }
  return entries;
}

/** The context with another thread's {@link sharedHedgeReturns} in its returns cache. */
export function withSharedReturns(
  context: ReportContext,
  entries: readonly (readonly [string, Float64Array])[],
): ReportContext {
  for (const [key, r] of entries) context.grid.returnsCache.set(key, r);
  return context;
}

/** One position's part of the report, and its rolling correlations (for the sparkline). */
export interface PositionResult {
  readonly report: PositionReport;
  readonly rolling: Float64Array;
}

/**
 * The report of position `index` of the input.
 * @throws InputError when its regression is undefined (located at the positions row)
 */
export function positionResult(
  input: ReportInput,
  context: ReportContext,
  index: number,
): PositionResult {
  const p = input.positions[index]!;
  try {
    return positionReport(p, input, context.grid, context.valuationTime);
  } catch (e) {
    // Any other undefined statistic (a constant position without intercept, EWMA weights on a
    // single observation, …) is located at its row too, never a bare message.
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
  return { report, extras: built.map((b) => ({ rolling: b.rolling })) };
}

/**
 * The whole report, in this thread (see src/report/parallel.ts for two threads).
 * @throws InputError when a position or hedge symbol is missing from the prices, or a regression
 *   is undefined (zero-variance or perfectly collinear hedges): located at the positions row.
 */
export function buildReport(input: ReportInput): BuiltReport {
  const context = reportContext(input);
  return assembleReport(
    input,
    context,
    input.positions.map((_, i) => positionResult(input, context, i)),
  );
}
