/**
 * Ordinary least squares: one function, {@link olsFit}, with three methods that give the same
 * solution to the precision of the doubles, the fit recording which ran (OlsFit.method):
 *
 * - `qr` (./qr.ts): Householder QR in double-double on the centred, scaled design: the exact
 *   method, for any well-posed design (every NIST StRD problem to 15 digits);
 * - `dd-moments` (./normal-equations.ts): for one or two well-conditioned regressors (./limits.ts),
 *   the same double-double solution from the centred cross-products in two passes;
 * - `compensated` (this file): for one or two well-conditioned regressors, the normal equations
 *   from compensated co-moments (src/core/kernels/comoments.ts) and one residual pass: within
 *   ~1e-15 of the exact solution, and the HC3 meat summed in the same pass when asked.
 *
 * `auto` takes `compensated` from COMPENSATED_MIN_OBSERVATIONS rows, else `dd-moments`, else
 * `qr`; `exact` never takes `compensated`; `fast` (the part fits of the break tests) takes
 * `compensated` at any size without the validation pass and falls back to `auto` when it
 * declines. The normal equations are never formed where they would lose digits.
 */
import { MathError } from '../../errors';
import { fUpperPValue, tTwoSidedPValue } from '../distributions';
import { compensatedCoMoments, type CoMoments } from '../kernels/comoments';
import { ddCoMoments } from '../kernels/dd-comoments';
import {
  ddDiv,
  ddMul,
  ddResiduals,
  ddSqrt,
  ddSub,
  toDouble,
  type DD,
} from '../kernels/double-double';
import { residualSums } from '../kernels/residual-pass';
import { DegenerateRegressorError } from './degenerate';
import { hacSlopeCovariance } from './hac';
import { hc3Meat, sandwich } from './hc3';
import {
  COMPENSATED_MIN_OBSERVATIONS,
  MOMENTS_MIN_UNEXPLAINED,
  momentsAcceptMagnitudes,
} from './limits';
import { centredSlopes, solveDdMoments } from './normal-equations';
import { qrSolution } from './qr';
import { fullInverse, type Solution } from './solution';

/** Which least-squares method produced a fit (see the module comment). */
export type FitMethod = 'qr' | 'dd-moments' | 'compensated';

/** How {@link olsFit} chooses its method, and what it fits. */
export interface FitOptions {
  /** `auto` (default), `exact` (never compensated) or `fast` (compensated first, any size). */
  readonly method?: 'auto' | 'exact' | 'fast';
  /** Fit rows [from, to) of the series only (default: all). */
  readonly range?: { readonly from: number; readonly to: number };
  /**
   * The co-moments of [x_1 … x_p, y] over the range, when the caller has them (e.g. downdated
   * from a larger fit's): the compensated method then makes one pass (the residuals) instead of
   * three. Its magnitude checks were those of the fit they came from.
   */
  readonly moments?: CoMoments;
  /** Sum the HC3 meat in the compensated method's residual pass (see OlsFit.hc3). */
  readonly hc3?: boolean;
  /**
   * Sum the Newey–West meat with this many lags in the compensated method's residual pass, so
   * that OlsFit.hac(hacLags) needs no pass of its own (other methods compute it when asked).
   */
  readonly hacLags?: number;
}

/** Result of {@link olsFit}. Every array is a fresh copy owned by the caller. */
export interface OlsFit {
  /** Observations. */
  readonly n: number;
  /** Coefficients, including the intercept when there is one. */
  readonly k: number;
  readonly intercept: boolean;
  /** Intercept first when present, then one per regressor in the order given. */
  readonly coefficients: Float64Array;
  /** √(s²·[(X'X)⁻¹]_jj), s² = ssr/(n − k). 0 only for an exact fit (ssr = 0). */
  readonly stdErrors: Float64Array;
  /**
   * coefficient / stdError. When stdError is 0 (exact fit): ±Infinity for a non-zero
   * coefficient, 0 for a zero coefficient. Never NaN.
   */
  readonly tStats: Float64Array;
  /** Two-sided, Student t with n − k df; 0 for an infinite t, 1 for t = 0. */
  readonly pValues: Float64Array;
  /** y − ŷ, computed from the double-double coefficients. */
  readonly residuals: Float64Array;
  /** Σ e². */
  readonly ssr: number;
  /** Σ (y − ȳ)² with intercept, Σ y² without. */
  readonly tss: number;
  /** 1 − ssr/tss (uncentered without intercept, as R and statsmodels). */
  readonly rSquared: number;
  /** 1 − (1 − R²)(n − i)/(n − k), i = 1 with intercept else 0 (as R). */
  readonly adjRSquared: number;
  /** √(ssr/(n − k)). */
  readonly residualStdDev: number;
  /** n − k (≥ 1). */
  readonly dfResidual: number;
  /**
   * Overall F = ((tss − ssr)/(k − i)) / (ssr/(n − k)) on (k − i, n − k) df, as R's summary.lm;
   * null when there is no slope (intercept only). +Infinity for an exact fit.
   */
  readonly fStat: number | null;
  /** Upper-tail p-value of fStat; 0 when fStat is +Infinity; null with fStat. */
  readonly fPValue: number | null;
  /** (X'X)⁻¹, k×k row-major, in the coefficient order. */
  readonly unscaledCovariance: Float64Array;
  /** The method that produced the fit. */
  readonly method: FitMethod;
  /**
   * The HC3 covariance of the slopes (p × p; ./hc3.ts), or null when a leverage is 1. Summed in
   * the residual pass by the compensated method when FitOptions.hc3 asked for it, else computed
   * from the residuals on first call.
   */
  hc3(): number[][] | null;
  /**
   * The Newey–West (HAC, Bartlett, no small-sample correction) covariance of the slopes with
   * `maxlags` lags (p × p; ./hac.ts), computed on first call for each lag count: statsmodels'
   * `fit(cov_type='HAC', cov_kwds={'maxlags': maxlags})`. See neweyWestMaxlags for the usual lag.
   * @throws RangeError when maxlags is not a whole number ≥ 0
   */
  hac(maxlags: number): number[][];
  /**
   * The co-moments the fit was solved from (moments methods); absent after QR. A part of the
   * sample can then derive its co-moments instead of passing over the data again.
   */
  readonly moments?: CoMoments;
}

/** The checks behind olsFit's MathErrors (see there), one pass per series. */
function validate(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  intercept: boolean,
): void {
  const n = y.length;
  const p = regressors.length;
  const k = p + (intercept ? 1 : 0);
  regressors.forEach((x, j) => {
    if (x.length !== n) {
      throw new RangeError(`regressor ${j + 1} has ${x.length} values, y has ${n}`);
    }
  });
  if (k === 0) throw new MathError('nothing to fit: no regressor and no intercept');
  if (n <= k) {
    throw new MathError(`${k} coefficients need more than ${k} observations, got ${n}`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i]!)) throw new MathError(`y at index ${i} is not a finite number`);
  }
  regressors.forEach((x, j) => {
    let allEqual = true;
    const first = x[0]!;
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      if (!Number.isFinite(v)) {
        throw new MathError(`regressor ${j + 1} at index ${i} is not a finite number`);
      }
      if (v !== first) allEqual = false;
    }
    if (allEqual && first === 0) {
      throw new DegenerateRegressorError(j, 'zero', `regressor ${j + 1} is all zero`);
    }
    if (allEqual) {
      throw new DegenerateRegressorError(
        j,
        'constant',
        intercept
          ? `regressor ${j + 1} is constant: it cannot be separated from the intercept`
          : `regressor ${j + 1} is constant: its variance is zero`,
      );
    }
  });
  let yDegenerate = true;
  for (let i = 0; i < n; i++) {
    if (intercept ? y[i] !== y[0] : y[i] !== 0) {
      yDegenerate = false;
      break;
    }
  }
  if (yDegenerate) {
    throw new MathError(
      intercept
        ? 'the dependent variable is constant: R² is undefined'
        : 'the dependent variable is all zero: R² is undefined',
    );
  }
}

/**
 * Ordinary least squares fit of y on the regressors (plus an intercept when asked):
 * β = argmin ‖y − Xβ‖², X = [1 | x_1 … x_p] with intercept, [x_1 … x_p] without; by the method
 * `options.method` chooses (see the module comment), over `options.range` of the rows.
 * Standard errors √(s²·[(X'X)⁻¹]_jj), s² = ssr/(n − k); t = β/SE; two-sided p from t(n − k);
 * R² = 1 − ssr/tss (centred with intercept, uncentred without); adjusted R² and overall F as R's
 * summary.lm. pValues, fPValue, residuals and hc3() are computed on first access. Variance
 * convention: residual variance divides by n − k.
 *
 * Degenerate exact fits (ssr = 0) return stdErrors 0, tStats ±Infinity (0 for a coefficient of
 * exactly 0), pValues 0 (1), rSquared 1, fStat +Infinity, fPValue 0: never NaN.
 *
 * Cost: O(n·k²) time; O(n·k) memory for QR, O(k²) beyond the residuals for the moments methods.
 * The inputs are not modified.
 *
 * @throws RangeError when a regressor's length differs from y's (a programming error)
 * @throws MathError when there is nothing to fit (no regressor, no intercept), when n ≤ k, when a
 *   value is not finite, or when y is constant (with intercept) / all zero (without): R² would be
 *   undefined
 * @throws DegenerateRegressorError (a MathError) when a regressor is all zero, constant, or within
 *   COLLINEARITY_TOLERANCE of a linear combination of the intercept and the regressors before it;
 *   `regressor` gives its 0-based index
 * @example olsFit([2, 3, 5, 6], [[1, 2, 3, 4]], true).coefficients → [0.5, 1.4] (exact; R's lm:
 *   0.50000000000000089, 1.3999999999999997)
 */
export function olsFit(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  intercept: boolean,
  options: FitOptions = {},
): OlsFit {
  const method = options.method ?? 'auto';
  const from = options.range?.from ?? 0;
  const to = options.range?.to ?? y.length;
  regressors.forEach((x, j) => {
    if (x.length !== y.length) {
      throw new RangeError(`regressor ${j + 1} has ${x.length} values, y has ${y.length}`);
    }
  });
  if (method === 'fast') {
    const fit = compensatedFit(y, regressors, intercept, from, to, options);
    if (fit !== null) return fit;
  }
  const ys = rowsOf(y, from, to);
  const xs = regressors.map((x) => rowsOf(x, from, to));
  validate(ys, xs, intercept);
  const n = ys.length;
  if (method === 'auto' && n >= COMPENSATED_MIN_OBSERVATIONS) {
    const fit = compensatedFit(ys, xs, intercept, 0, n, {
      hc3: options.hc3 ?? false,
      ...(options.hacLags === undefined ? {} : { hacLags: options.hacLags }),
    });
    if (fit !== null) return fit;
  }
  const p = xs.length;
  if (p === 1 || p === 2) {
    const dd = ddCoMoments([...xs, ys], intercept);
    if (momentsAcceptMagnitudes(dd.largest, dd.smallest)) {
      const sol = solveDdMoments(dd, ys, xs, intercept);
      if (sol !== null) {
        return finishFit(sol, n, intercept, 'dd-moments', hc3FromResiduals(xs), { y: ys, xs });
      }
    }
  }
  const sol = qrSolution(ys, xs, intercept);
  return finishFit(sol, n, intercept, 'qr', hc3FromResiduals(xs), { y: ys, xs });
}

/** Rows [from, to) of v: v itself, a view of a Float64Array, or a copy. */
function rowsOf(v: ArrayLike<number>, from: number, to: number): ArrayLike<number> {
  if (from === 0 && to === v.length) return v;
  if (v instanceof Float64Array) return v.subarray(from, to);
  const out = new Float64Array(to - from);
  for (let i = from; i < to; i++) out[i - from] = v[i]!;
  return out;
}

/** HC3 of a fit from its residuals (./hc3.ts), for the fits that did not sum it in a pass. */
function hc3FromResiduals(xs: readonly ArrayLike<number>[]): (fit: OlsFit) => number[][] | null {
  return (fit) => {
    const o = fit.intercept ? 1 : 0;
    const cov = slopeBlock(fit.unscaledCovariance, fit.k, o);
    const meat = hc3Meat(xs, fit.residuals, cov, fit.intercept);
    return meat === null ? null : sandwich(cov, meat);
  };
}

/** The slopes' block of a k × k row-major matrix whose first `offset` rows are the intercept's. */
function slopeBlock(m: Float64Array, k: number, offset: number): number[][] {
  const out: number[][] = [];
  for (let a = offset; a < k; a++) {
    const row: number[] = [];
    for (let b = offset; b < k; b++) row.push(m[a * k + b]!);
    out.push(row);
  }
  return out;
}

/**
 * The compensated moments method over rows [from, to) (see the module comment): co-moments
 * (given, or compensatedCoMoments), slopes in closed form, one residual pass for ssr and, with
 * options.hc3, the HC3 meat. Cost three passes, one with known moments.
 * @returns null when it declines: more than two or no regressors, too few rows, values outside
 *   the limits, no variance, a collinear pair or a near-exact fit (./limits.ts)
 */
function compensatedFit(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  intercept: boolean,
  from: number,
  to: number,
  options: FitOptions,
): OlsFit | null {
  const p = regressors.length;
  const n = to - from;
  const m = p + 1;
  if (p < 1 || p > 2 || n <= p + (intercept ? 1 : 0)) return null;
  let moments = options.moments;
  if (moments !== undefined) {
    if (moments.n !== n || moments.means.length !== m) return null;
  } else {
    const scanned = compensatedCoMoments([...regressors, y], from, to, intercept);
    if (!momentsAcceptMagnitudes(scanned.largest, scanned.smallest)) return null;
    moments = { n, means: scanned.means, S: scanned.S };
  }
  const solved = centredSlopes(moments);
  if (solved === null) return null;
  const { slopes, cov } = solved;
  const means = moments.means;
  const h0 = intercept ? 1 / n : 0;
  const withMeat = options.hc3 === true;
  const lags = options.hacLags ?? null;
  let sums = residualSums(y, regressors, from, to, means, slopes, cov, h0, withMeat, lags);
  const meat = sums?.meat ?? null;
  sums ??= residualSums(y, regressors, from, to, means, slopes, cov, h0, false, lags)!;
  const tss = moments.S[p * m + p]!;
  if (!(sums.ssr > MOMENTS_MIN_UNEXPLAINED * tss)) return null;
  let beta0 = 0;
  if (intercept) {
    beta0 = means[p]!;
    for (let j = 0; j < p; j++) beta0 -= slopes[j]! * means[j]!;
  }
  const slopesDD: DD[] = slopes.map((b) => [b, 0]);
  const b0DD: DD = [beta0, 0];
  const meansDD: DD[] = Array.from(means.subarray(0, p), (v) => [v, 0] as DD);
  const sol: Solution = {
    coefficients: intercept ? [b0DD, ...slopesDD] : slopesDD,
    inverse: fullInverse(
      cov.map((row) => row.map((v): DD => [v, 0])),
      meansDD,
      n,
      intercept,
    ),
    ssr: [sums.ssr, 0],
    tss: [tss, 0],
    residuals: () =>
      ddResiduals(
        rowsOf(y, from, to),
        regressors.map((x) => rowsOf(x, from, to)),
        b0DD,
        slopesDD,
      ),
    moments,
  };
  const xs = regressors.map((x) => rowsOf(x, from, to));
  const hc3Of = withMeat
    ? () => (meat === null ? null : sandwich(cov, meat))
    : hc3FromResiduals(xs);
  const hacMeat = sums.hacMeat;
  return finishFit(sol, n, intercept, 'compensated', hc3Of, {
    y: rowsOf(y, from, to),
    xs,
    ...(hacMeat === null ? {} : { hac: { lags: lags!, meat: hacMeat } }),
  });
}

/**
 * The OlsFit from a solution: standard errors, t, R², adjusted R² and F as documented on
 * {@link olsFit}. The p-values (an incomplete beta function each), the residuals and the HC3 and
 * HAC covariances are computed on first access only: most callers never read them. `rows`: the
 * fitted rows, for the HAC covariance, and its meat when the residual pass summed it.
 */
function finishFit(
  sol: Solution,
  n: number,
  intercept: boolean,
  method: FitMethod,
  hc3Of: (fit: OlsFit) => number[][] | null,
  rows: {
    readonly y: ArrayLike<number>;
    readonly xs: readonly ArrayLike<number>[];
    readonly hac?: { readonly lags: number; readonly meat: Float64Array };
  },
): OlsFit {
  const { coefficients: allCoefficients, inverse: full, ssr, tss, moments } = sol;
  const k = allCoefficients.length;
  const off = intercept ? 1 : 0;
  const df = n - k;
  const s2 = ddDiv(ssr, [df, 0]);
  const coefficients = new Float64Array(k);
  const stdErrors = new Float64Array(k);
  const tStats = new Float64Array(k);
  const unscaledCovariance = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) unscaledCovariance[i * k + j] = toDouble(full[i]![j]!);
    const b = toDouble(allCoefficients[i]!);
    const se = toDouble(ddSqrt(ddMul(s2, full[i]![i]!)));
    coefficients[i] = b;
    stdErrors[i] = se;
    const t = se > 0 ? b / se : b === 0 ? 0 : b > 0 ? Infinity : -Infinity;
    tStats[i] = t;
  }

  const unexplained = ddDiv(ssr, tss); // ssr/tss
  const slopesCount = k - off;
  let fStat: number | null = null;
  if (slopesCount > 0) {
    const ess = ddSub(tss, ssr);
    fStat =
      ssr[0] === 0 ? Infinity : toDouble(ddDiv(ddDiv(ess, [slopesCount, 0]), ddDiv(ssr, [df, 0])));
    fStat = Math.max(0, fStat);
  }
  let pValues: Float64Array | undefined;
  let fPValue: number | null | undefined;
  let residuals: Float64Array | undefined;
  let hc3: number[][] | null | undefined;
  const hac = new Map<number, number[][]>();
  const fit: OlsFit = {
    n,
    k,
    intercept,
    coefficients,
    stdErrors,
    tStats,
    get pValues(): Float64Array {
      if (pValues === undefined) {
        pValues = new Float64Array(k);
        for (let i = 0; i < k; i++) pValues[i] = tTwoSidedPValue(tStats[i]!, df);
      }
      return pValues;
    },
    get residuals(): Float64Array {
      residuals ??= sol.residuals();
      return residuals;
    },
    ssr: toDouble(ssr),
    tss: toDouble(tss),
    rSquared: toDouble(ddSub([1, 0], unexplained)),
    adjRSquared: toDouble(ddSub([1, 0], ddMul(unexplained, ddDiv([n - off, 0], [df, 0])))),
    residualStdDev: toDouble(ddSqrt(s2)),
    dfResidual: df,
    fStat,
    get fPValue(): number | null {
      if (fPValue === undefined) {
        fPValue = fStat === null ? null : fUpperPValue(fStat, slopesCount, df);
      }
      return fPValue;
    },
    unscaledCovariance,
    method,
    hc3(): number[][] | null {
      if (hc3 === undefined) hc3 = hc3Of(fit);
      return hc3;
    },
    hac(maxlags: number): number[][] {
      let v = hac.get(maxlags);
      if (v === undefined) {
        const cov = slopeBlock(unscaledCovariance, k, off);
        const slopes = Array.from(coefficients.subarray(off));
        v =
          rows.hac?.lags === maxlags
            ? sandwich(cov, rows.hac.meat)
            : hacSlopeCovariance(rows.y, rows.xs, intercept, slopes, cov, maxlags, moments?.means);
        hac.set(maxlags, v);
      }
      return v;
    },
    ...(moments === undefined ? {} : { moments }),
  };
  return Object.freeze(fit);
}
