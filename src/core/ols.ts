/**
 * Ordinary least squares by Householder QR in double-double arithmetic.
 *
 * Why double-double: the data are doubles, but every intermediate of the fit (centring, the QR
 * factorisation, the back substitution, the residuals, the sums of squares, (X'X)⁻¹) is carried
 * in about 106 significant bits (Dekker's TwoSum/TwoProduct pairs), so rounding inside the solver
 * contributes ~1e-32·κ instead of ~1e-16·κ to the relative error. The result is the exact
 * least-squares solution of the given doubles, correctly rounded in practice, even for NIST's
 * Filip, whose x^10 column lies within a sine of 6e-8 of the span of the others (15 digits
 * against the exact rational solution on all eleven NIST StRD problems). What remains against
 * NIST's certified values is the rounding of their decimal data to doubles.
 * The normal equations are never formed.
 *
 * References: T. J. Dekker, "A floating-point technique for extending the available precision",
 * Numer. Math. 18 (1971); Y. Hida, X. S. Li, D. H. Bailey, "Library for double-double and
 * quad-double arithmetic" (2007); G. H. Golub, C. F. Van Loan, "Matrix Computations", 4th ed.,
 * §5.2–5.3 (Householder QR, least squares); N. J. Higham, "Accuracy and Stability of Numerical
 * Algorithms", 2nd ed., ch. 19–20.
 */
import { MathError } from '../errors';
import { fUpperPValue, tTwoSidedPValue } from './distributions';

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
  /** (X'X)⁻¹, k×k row-major, in the coefficient order; from R⁻¹R⁻ᵀ of the centred design. */
  readonly unscaledCovariance: Float64Array;
  /**
   * The moments the fit was solved from, when it came from the moments paths (1 or 2 regressors
   * on well-conditioned data); absent after QR. Lets a test on a part of the sample derive that
   * part's moments instead of passing over it again (src/core/part-fit.ts).
   */
  readonly moments?: FitMoments;
}

/**
 * Moments of the columns [x_1 … x_p, y] over n observations: with an intercept the means and the
 * centred cross-products Σ(a − ā)(b − b̄); without one, means 0 and the raw Σa·b. Each within a
 * few ulps of exact (compensated or double-double sums).
 */
export interface FitMoments {
  readonly n: number;
  /** p + 1 means, y last (all 0 without intercept). */
  readonly means: Float64Array;
  /** (p + 1)² cross-products, row-major and symmetric, y last. */
  readonly S: Float64Array;
}

/** Why a regressor cannot be fitted. */
export type DegenerateReason = 'constant' | 'zero' | 'collinear';

/**
 * A regressor makes the design singular. `regressor` is its 0-based index in the `regressors`
 * argument, so the caller can name the series (the message says "regressor <index + 1>").
 */
export class DegenerateRegressorError extends MathError {
  readonly regressor: number;
  readonly reason: DegenerateReason;
  constructor(regressor: number, reason: DegenerateReason, message: string) {
    super(message);
    this.name = 'DegenerateRegressorError';
    this.regressor = regressor;
    this.reason = reason;
  }
}

/**
 * A regressor whose part orthogonal to the intercept and the regressors before it is smaller
 * than this fraction of its (centred) norm is treated as a linear combination of them. At this
 * level the coefficient would amplify the 1e-16 relative rounding of the input data ≥ 1e12-fold.
 * (Filip, the hardest NIST problem, has 6e-8.)
 */
export const COLLINEARITY_TOLERANCE = 1e-12;

// ---------------------------------------------------------------------------------------------
// Double-double arithmetic. A value is the unevaluated sum hi + lo with |lo| ≤ ulp(hi)/2.

type DD = readonly [hi: number, lo: number];

/** 2^27 + 1: Dekker's splitting constant for 53-bit doubles. */
const SPLIT = 134217729;

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

/** Exact product a·b = p + e (Dekker, no FMA). */
function twoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function ddAdd(a: DD, b: DD): DD {
  const [s, e1] = twoSum(a[0], b[0]);
  const [t, f] = twoSum(a[1], b[1]);
  const [s2, e2] = quickTwoSum(s, e1 + t);
  return quickTwoSum(s2, e2 + f);
}

function ddNeg(a: DD): DD {
  return [-a[0], -a[1]];
}

function ddSub(a: DD, b: DD): DD {
  return ddAdd(a, ddNeg(b));
}

function ddMul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return quickTwoSum(p, e + (a[0] * b[1] + a[1] * b[0]));
}

function ddDiv(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  let r = ddSub(a, ddMul([q1, 0], b));
  const q2 = r[0] / b[0];
  r = ddSub(r, ddMul([q2, 0], b));
  const q3 = r[0] / b[0];
  return ddAdd(quickTwoSum(q1, q2), [q3, 0]);
}

function ddSqrt(a: DD): DD {
  if (a[0] <= 0) return [0, 0];
  const x = Math.sqrt(a[0]);
  // One Newton step on x² = a in double-double: x + (a − x²)/(2x).
  const r = ddSub(a, twoProd(x, x));
  return quickTwoSum(x, r[0] / (2 * x));
}

function ddScale(a: DD, powerOfTwo: number): DD {
  return [a[0] * powerOfTwo, a[1] * powerOfTwo];
}

/** The double nearest to a (hi already is, after normalisation; adding lo rounds ties right). */
function toDouble(a: DD): number {
  return a[0] + a[1];
}

// ---------------------------------------------------------------------------------------------

function regressorList(count: number): string {
  if (count === 1) return 'regressor 1';
  if (count === 2) return 'regressors 1 and 2';
  return `regressors 1 to ${count}`;
}

/** A power of two near 1/maxAbs, so that scaled values are O(1); multiplying by it is exact. */
function powerOfTwoScale(maxAbs: number): number {
  return Math.pow(2, -Math.round(Math.log2(maxAbs)));
}

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

/** Σ x_i / n in double-double (TwoSum accumulation). */
function ddMean(x: ArrayLike<number>): DD {
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const t = s + v;
    const bb = t - s;
    c += s - (t - bb) + (v - bb);
    s = t;
  }
  return ddDiv(quickTwoSum(s, c), [x.length, 0]);
}

/** Σ a_i² over [from, to) of a double-double vector stored as (ah, al). */
function sumOfSquares(ah: Float64Array, al: Float64Array, from: number, to: number): DD {
  let sh = 0;
  let sl = 0;
  for (let i = from; i < to; i++) {
    const xh = ah[i]!;
    const xl = al[i]!;
    const pr = xh * xh;
    const t = SPLIT * xh;
    const hh = t - (t - xh);
    const hl = xh - hh;
    const pe = hh * hh - pr + 2 * hh * hl + hl * hl + 2 * xh * xl;
    const s = sh + pr;
    const bb = s - sh;
    const e = sh - (s - bb) + (pr - bb) + sl + pe;
    sh = s + e;
    sl = e - (sh - s);
  }
  return [sh, sl];
}

/**
 * v' a over rows [j, n): a is column `lb`, v is column `vb` of (ah, al); vh/vSplitHi/vSplitLo
 * hold v's high parts and their Dekker splits.
 */
function dot(
  ah: Float64Array,
  al: Float64Array,
  lb: number,
  vb: number,
  j: number,
  n: number,
  vh: Float64Array,
  vSplitHi: Float64Array,
  vSplitLo: Float64Array,
): DD {
  let wh = 0;
  let wl = 0;
  for (let i = j; i < n; i++) {
    const xh = ah[lb + i]!;
    const xl = al[lb + i]!;
    const v0 = vh[i]!;
    const pr = v0 * xh;
    const t = SPLIT * xh;
    const bh = t - (t - xh);
    const bl = xh - bh;
    const v1 = vSplitHi[i]!;
    const v2 = vSplitLo[i]!;
    const pe = v1 * bh - pr + v1 * bl + v2 * bh + v2 * bl + (v0 * xl + al[vb + i]! * xh);
    const s = wh + pr;
    const bb = s - wh;
    const e = wh - (s - bb) + (pr - bb) + wl + pe;
    wh = s + e;
    wl = e - (wh - s);
  }
  return [wh, wl];
}

/** a −= f·v over rows [j, n), in double-double; same layout as {@link dot}. */
function subtractMultiple(
  ah: Float64Array,
  al: Float64Array,
  lb: number,
  vb: number,
  j: number,
  n: number,
  f: DD,
  vh: Float64Array,
  vSplitHi: Float64Array,
  vSplitLo: Float64Array,
): void {
  const fh = -f[0];
  const fl = -f[1];
  const t0 = SPLIT * fh;
  const fhh = t0 - (t0 - fh);
  const fhl = fh - fhh;
  for (let i = j; i < n; i++) {
    const v0 = vh[i]!;
    const pr = fh * v0;
    const v1 = vSplitHi[i]!;
    const v2 = vSplitLo[i]!;
    const pe = fhh * v1 - pr + fhh * v2 + fhl * v1 + fhl * v2 + (fh * al[vb + i]! + fl * v0);
    const xh = ah[lb + i]!;
    const s = xh + pr;
    const bb = s - xh;
    const e = xh - (s - bb) + (pr - bb) + al[lb + i]! + pe;
    const hi = s + e;
    ah[lb + i] = hi;
    al[lb + i] = e - (hi - s);
  }
}

/** Largest |x_i| (0 for an empty array). */
function maxAbs(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]!));
  return m;
}

/** 2^-104: below this relative size a term is lost in a double-double sum. */
const NEGLIGIBLE = Math.pow(2, -104);

/**
 * e_i = y_i − b₀ − Σ b_j x_ij in double-double (TwoProduct for each term, double-double sums),
 * written to eh/el. With stopAtNonZero it returns false at the first residual that is not exactly
 * 0; otherwise (or when all are 0) it returns true.
 */
function residualsInto(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  b0: DD,
  slopes: readonly DD[],
  eh: Float64Array,
  el: Float64Array,
  stopAtNonZero: boolean,
): boolean {
  const p = slopes.length;
  const bh = slopes.map((b) => b[0]);
  const bl = slopes.map((b) => b[1]);
  const bhh = bh.map((b) => {
    const t = SPLIT * b;
    return t - (t - b);
  });
  for (let i = 0; i < y.length; i++) {
    // e = y_i − b₀ (TwoSum, then the low part)
    const v = y[i]!;
    let s = v - b0[0];
    let bb = s - v;
    let e = v - (s - bb) + (-b0[0] - bb) - b0[1];
    let rh = s + e;
    let rl = e - (rh - s);
    for (let j = 0; j < p; j++) {
      // e −= b_j · x_ij (TwoProduct, then a double-double subtraction)
      const xv = regressors[j]![i]!;
      const h = bh[j]!;
      const hh = bhh[j]!;
      const hl = h - hh;
      const pr = -h * xv;
      const t = SPLIT * xv;
      const xh = t - (t - xv);
      const xl = xv - xh;
      const pe = -(hh * xh + pr) - hh * xl - hl * xh - hl * xl - bl[j]! * xv;
      s = rh + pr;
      bb = s - rh;
      e = rh - (s - bb) + (pr - bb) + rl + pe;
      rh = s + e;
      rl = e - (rh - s);
    }
    eh[i] = rh;
    el[i] = rl;
    if (stopAtNonZero && (rh !== 0 || rl !== 0)) return false;
  }
  return true;
}

/** y − b₀ − Σ b_j x_j from double-double coefficients, each residual rounded once. */
function residualsFromDD(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  b0: DD,
  slopes: readonly DD[],
): Float64Array {
  const n = y.length;
  const eh = new Float64Array(n);
  const el = new Float64Array(n);
  residualsInto(y, regressors, b0, slopes, eh, el, false);
  for (let i = 0; i < n; i++) eh[i] = eh[i]! + el[i]!;
  return eh;
}

// ---------------------------------------------------------------------------------------------
// The moments path: for one or two regressors on well-conditioned data (returns), the same
// double-double solution from the centred cross-products, in two passes over the data.

/** Column values within this range (by largest |value|) keep every product far from over/underflow. */
const MOMENTS_MAX_ABS = 1e60;
const MOMENTS_MIN_ABS = 1e-60;
/**
 * The moments path is taken only when 1 − r² of the two regressors (after centring) is above this,
 * so that κ(X'X) < 4·10⁴: the double-double cross-products, each within ~n·2⁻¹⁰⁴ of exact, then
 * give the solution to ~1e-23 or better, far below a double's resolution.
 */
const MOMENTS_MIN_SINE2 = 1e-4;
/**
 * ... and only when ssr/tss is above this, so that ssr = tss − b'X'y (cancellation by at most a
 * factor 10⁴) keeps ~1e-24 relative accuracy; an exact or near-exact fit takes the QR path.
 */
const MOMENTS_MIN_UNEXPLAINED = 1e-4;

/**
 * Σ d_a·d_b over all rows for every pair a ≤ b of the m centred columns (d = (x − mh) − ml as an
 * exact double-double pair), accumulated in double-double; upper triangle written at a·m + b.
 * Specialised for m = 2 and 3 so that every accumulator lives in a register.
 */
function crossProducts2(
  columns: readonly ArrayLike<number>[],
  n: number,
  meanH: Float64Array,
  meanL: Float64Array,
  sh: Float64Array,
  sl: Float64Array,
): void {
  const c0 = columns[0]!;
  const mh0 = meanH[0]!;
  const ml0 = meanL[0]!;
  const c1 = columns[1]!;
  const mh1 = meanH[1]!;
  const ml1 = meanL[1]!;
  let h00 = 0;
  let l00 = 0;
  let h01 = 0;
  let l01 = 0;
  let h11 = 0;
  let l11 = 0;
  for (let i = 0; i < n; i++) {
    const v0 = c0[i]!;
    const s0 = v0 - mh0;
    const bb0 = s0 - v0;
    const e0 = v0 - (s0 - bb0) + (-mh0 - bb0) - ml0;
    const dh0 = s0 + e0;
    const dl0 = e0 - (dh0 - s0);
    const t0 = SPLIT * dh0;
    const p0 = t0 - (t0 - dh0);
    const q0 = dh0 - p0;
    const v1 = c1[i]!;
    const s1 = v1 - mh1;
    const bb1 = s1 - v1;
    const e1 = v1 - (s1 - bb1) + (-mh1 - bb1) - ml1;
    const dh1 = s1 + e1;
    const dl1 = e1 - (dh1 - s1);
    const t1 = SPLIT * dh1;
    const p1 = t1 - (t1 - dh1);
    const q1 = dh1 - p1;
    {
      const pr = dh0 * dh0;
      const pe = p0 * p0 - pr + p0 * q0 + q0 * p0 + q0 * q0 + (dh0 * dl0 + dl0 * dh0);
      const s = h00 + pr;
      const bb = s - h00;
      const e = h00 - (s - bb) + (pr - bb) + l00 + pe;
      h00 = s + e;
      l00 = e - (h00 - s);
    }
    {
      const pr = dh0 * dh1;
      const pe = p0 * p1 - pr + p0 * q1 + q0 * p1 + q0 * q1 + (dh0 * dl1 + dl0 * dh1);
      const s = h01 + pr;
      const bb = s - h01;
      const e = h01 - (s - bb) + (pr - bb) + l01 + pe;
      h01 = s + e;
      l01 = e - (h01 - s);
    }
    {
      const pr = dh1 * dh1;
      const pe = p1 * p1 - pr + p1 * q1 + q1 * p1 + q1 * q1 + (dh1 * dl1 + dl1 * dh1);
      const s = h11 + pr;
      const bb = s - h11;
      const e = h11 - (s - bb) + (pr - bb) + l11 + pe;
      h11 = s + e;
      l11 = e - (h11 - s);
    }
  }
  sh[0] = h00;
  sl[0] = l00;
  sh[1] = h01;
  sl[1] = l01;
  sh[3] = h11;
  sl[3] = l11;
}

function crossProducts3(
  columns: readonly ArrayLike<number>[],
  n: number,
  meanH: Float64Array,
  meanL: Float64Array,
  sh: Float64Array,
  sl: Float64Array,
): void {
  const c0 = columns[0]!;
  const mh0 = meanH[0]!;
  const ml0 = meanL[0]!;
  const c1 = columns[1]!;
  const mh1 = meanH[1]!;
  const ml1 = meanL[1]!;
  const c2 = columns[2]!;
  const mh2 = meanH[2]!;
  const ml2 = meanL[2]!;
  let h00 = 0;
  let l00 = 0;
  let h01 = 0;
  let l01 = 0;
  let h02 = 0;
  let l02 = 0;
  let h11 = 0;
  let l11 = 0;
  let h12 = 0;
  let l12 = 0;
  let h22 = 0;
  let l22 = 0;
  for (let i = 0; i < n; i++) {
    const v0 = c0[i]!;
    const s0 = v0 - mh0;
    const bb0 = s0 - v0;
    const e0 = v0 - (s0 - bb0) + (-mh0 - bb0) - ml0;
    const dh0 = s0 + e0;
    const dl0 = e0 - (dh0 - s0);
    const t0 = SPLIT * dh0;
    const p0 = t0 - (t0 - dh0);
    const q0 = dh0 - p0;
    const v1 = c1[i]!;
    const s1 = v1 - mh1;
    const bb1 = s1 - v1;
    const e1 = v1 - (s1 - bb1) + (-mh1 - bb1) - ml1;
    const dh1 = s1 + e1;
    const dl1 = e1 - (dh1 - s1);
    const t1 = SPLIT * dh1;
    const p1 = t1 - (t1 - dh1);
    const q1 = dh1 - p1;
    const v2 = c2[i]!;
    const s2 = v2 - mh2;
    const bb2 = s2 - v2;
    const e2 = v2 - (s2 - bb2) + (-mh2 - bb2) - ml2;
    const dh2 = s2 + e2;
    const dl2 = e2 - (dh2 - s2);
    const t2 = SPLIT * dh2;
    const p2 = t2 - (t2 - dh2);
    const q2 = dh2 - p2;
    {
      const pr = dh0 * dh0;
      const pe = p0 * p0 - pr + p0 * q0 + q0 * p0 + q0 * q0 + (dh0 * dl0 + dl0 * dh0);
      const s = h00 + pr;
      const bb = s - h00;
      const e = h00 - (s - bb) + (pr - bb) + l00 + pe;
      h00 = s + e;
      l00 = e - (h00 - s);
    }
    {
      const pr = dh0 * dh1;
      const pe = p0 * p1 - pr + p0 * q1 + q0 * p1 + q0 * q1 + (dh0 * dl1 + dl0 * dh1);
      const s = h01 + pr;
      const bb = s - h01;
      const e = h01 - (s - bb) + (pr - bb) + l01 + pe;
      h01 = s + e;
      l01 = e - (h01 - s);
    }
    {
      const pr = dh0 * dh2;
      const pe = p0 * p2 - pr + p0 * q2 + q0 * p2 + q0 * q2 + (dh0 * dl2 + dl0 * dh2);
      const s = h02 + pr;
      const bb = s - h02;
      const e = h02 - (s - bb) + (pr - bb) + l02 + pe;
      h02 = s + e;
      l02 = e - (h02 - s);
    }
    {
      const pr = dh1 * dh1;
      const pe = p1 * p1 - pr + p1 * q1 + q1 * p1 + q1 * q1 + (dh1 * dl1 + dl1 * dh1);
      const s = h11 + pr;
      const bb = s - h11;
      const e = h11 - (s - bb) + (pr - bb) + l11 + pe;
      h11 = s + e;
      l11 = e - (h11 - s);
    }
    {
      const pr = dh1 * dh2;
      const pe = p1 * p2 - pr + p1 * q2 + q1 * p2 + q1 * q2 + (dh1 * dl2 + dl1 * dh2);
      const s = h12 + pr;
      const bb = s - h12;
      const e = h12 - (s - bb) + (pr - bb) + l12 + pe;
      h12 = s + e;
      l12 = e - (h12 - s);
    }
    {
      const pr = dh2 * dh2;
      const pe = p2 * p2 - pr + p2 * q2 + q2 * p2 + q2 * q2 + (dh2 * dl2 + dl2 * dh2);
      const s = h22 + pr;
      const bb = s - h22;
      const e = h22 - (s - bb) + (pr - bb) + l22 + pe;
      h22 = s + e;
      l22 = e - (h22 - s);
    }
  }
  sh[0] = h00;
  sl[0] = l00;
  sh[1] = h01;
  sl[1] = l01;
  sh[2] = h02;
  sl[2] = l02;
  sh[4] = h11;
  sl[4] = l11;
  sh[5] = h12;
  sl[5] = l12;
  sh[8] = h22;
  sl[8] = l22;
}

/**
 * Least squares from double-double centred cross-products, for 1 or 2 regressors: means in
 * double-double, centred values (x − x̄) as exact double-double pairs, S = Σ d_j·d_l accumulated
 * in double-double (TwoProduct, TwoSum), then the 1×1 or 2×2 normal equations of the centred
 * design solved in double-double (closed forms). The normal equations square the condition
 * number, so this is used only where κ is small (see the constants above); there it carries
 * ~106-bit intermediates like the QR path, and both round to the same doubles. Returns null when
 * the data need the QR path.
 */
function momentsFit(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  intercept: boolean,
): OlsFit | null {
  const p = regressors.length;
  if (p < 1 || p > 2) return null;
  const n = y.length;
  const m = p + 1;
  const k = p + (intercept ? 1 : 0);
  const columns: ArrayLike<number>[] = [...regressors, y];
  const meanH = new Float64Array(m);
  const meanL = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const x = columns[j]!;
    let s = 0;
    let c = 0;
    let big = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      const a = Math.abs(v);
      if (a > big) big = a;
      const t = s + v;
      const bb = t - s;
      c += s - (t - bb) + (v - bb);
      s = t;
    }
    if (!(big <= MOMENTS_MAX_ABS && big >= MOMENTS_MIN_ABS)) return null;
    if (intercept) {
      const mu = ddDiv(quickTwoSum(s, c), [n, 0]);
      meanH[j] = mu[0];
      meanL[j] = mu[1];
    }
  }
  // Upper triangle of S (m×m, y last), hi and lo parts, pair (a, b) at a·m + b.
  const sh = new Float64Array(m * m);
  const sl = new Float64Array(m * m);
  if (m === 2) crossProducts2(columns, n, meanH, meanL, sh, sl);
  else crossProducts3(columns, n, meanH, meanL, sh, sl);
  const S = (a: number, b: number): DD => (a <= b ? [sh[a * m + b]!, sl[a * m + b]!] : S(b, a));
  const means: DD[] = [];
  for (let j = 0; j < m; j++) means.push([meanH[j]!, meanL[j]!]);

  // C = S_xx⁻¹ (p×p) and the centred slopes b = C·S_xy.
  let cov: DD[][];
  if (p === 1) {
    const sxx = S(0, 0);
    if (!(sxx[0] > 0)) return null;
    cov = [[ddDiv([1, 0], sxx)]];
  } else {
    const s00 = S(0, 0);
    const s01 = S(0, 1);
    const s11 = S(1, 1);
    if (!(s00[0] > 0 && s11[0] > 0)) return null;
    if (!(1 - (s01[0] * s01[0]) / (s00[0] * s11[0]) > MOMENTS_MIN_SINE2)) return null;
    const det = ddSub(ddMul(s00, s11), ddMul(s01, s01));
    cov = [
      [ddDiv(s11, det), ddNeg(ddDiv(s01, det))],
      [ddNeg(ddDiv(s01, det)), ddDiv(s00, det)],
    ];
  }
  const slopes: DD[] = [];
  for (let i = 0; i < p; i++) {
    let acc: DD = [0, 0];
    for (let j = 0; j < p; j++) acc = ddAdd(acc, ddMul(cov[i]![j]!, S(j, p)));
    slopes.push(acc);
  }
  const tss = S(p, p);
  let explained: DD = [0, 0];
  for (let j = 0; j < p; j++) explained = ddAdd(explained, ddMul(slopes[j]!, S(j, p)));
  const ssr = ddSub(tss, explained);
  if (!(tss[0] > 0) || !(ssr[0] > MOMENTS_MIN_UNEXPLAINED * tss[0])) return null;

  let beta0: DD = [0, 0];
  if (intercept) {
    beta0 = means[p]!;
    for (let j = 0; j < p; j++) beta0 = ddSub(beta0, ddMul(slopes[j]!, means[j]!));
  }
  const off = intercept ? 1 : 0;
  const full: DD[][] = Array.from({ length: k }, () => new Array<DD>(k).fill([0, 0]));
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) full[i + off]![j + off] = cov[i]![j]!;
  if (intercept) {
    // C x̄ and x̄'C x̄
    let quad: DD = [0, 0];
    for (let i = 0; i < p; i++) {
      let acc: DD = [0, 0];
      for (let j = 0; j < p; j++) acc = ddAdd(acc, ddMul(cov[i]![j]!, means[j]!));
      full[0]![i + 1] = ddNeg(acc);
      full[i + 1]![0] = ddNeg(acc);
      quad = ddAdd(quad, ddMul(means[i]!, acc));
    }
    full[0]![0] = ddAdd(ddDiv([1, 0], [n, 0]), quad);
  }
  const allCoefficients: DD[] = intercept ? [beta0, ...slopes] : slopes;
  const moments = { n, means: new Float64Array(m), S: new Float64Array(m * m) };
  for (let a = 0; a < m; a++) {
    moments.means[a] = meanH[a]! + meanL[a]!;
    for (let b = 0; b < m; b++) moments.S[a * m + b] = toDouble(S(a, b));
  }
  return finishFit(
    n,
    k,
    intercept,
    allCoefficients,
    full,
    ssr,
    tss,
    () => residualsFromDD(y, regressors, beta0, slopes),
    moments,
  );
}

/**
 * Σ d_a·d_b (d = x − mean) for the pairs a ≤ b of two columns, each a Neumaier sum (ss + sc),
 * and Σ d_a (for the corrected two-pass term). One pass, accumulators in locals.
 */
function compensatedCrossProducts2(
  columns: readonly ArrayLike<number>[],
  n: number,
  means: Float64Array,
  ss: Float64Array,
  sc: Float64Array,
  dsum: Float64Array,
): void {
  const c0 = columns[0]!;
  const c1 = columns[1]!;
  const m0 = means[0]!;
  const m1 = means[1]!;
  let s00 = 0;
  let k00 = 0;
  let s01 = 0;
  let k01 = 0;
  let s11 = 0;
  let k11 = 0;
  let e0 = 0;
  let e1 = 0;
  for (let i = 0; i < n; i++) {
    const d0 = c0[i]! - m0;
    const d1 = c1[i]! - m1;
    e0 += d0;
    e1 += d1;
    let v = d0 * d0;
    let t = s00 + v;
    k00 += s00 - (t - (t - s00)) + (v - (t - s00));
    s00 = t;
    v = d0 * d1;
    t = s01 + v;
    k01 += s01 - (t - (t - s01)) + (v - (t - s01));
    s01 = t;
    v = d1 * d1;
    t = s11 + v;
    k11 += s11 - (t - (t - s11)) + (v - (t - s11));
    s11 = t;
  }
  ss[0] = s00;
  sc[0] = k00;
  ss[1] = s01;
  sc[1] = k01;
  ss[3] = s11;
  sc[3] = k11;
  dsum[0] = e0;
  dsum[1] = e1;
}

/** {@link compensatedCrossProducts2} for three columns. */
function compensatedCrossProducts3(
  columns: readonly ArrayLike<number>[],
  n: number,
  means: Float64Array,
  ss: Float64Array,
  sc: Float64Array,
  dsum: Float64Array,
): void {
  const c0 = columns[0]!;
  const c1 = columns[1]!;
  const c2 = columns[2]!;
  const m0 = means[0]!;
  const m1 = means[1]!;
  const m2 = means[2]!;
  let s00 = 0;
  let k00 = 0;
  let s01 = 0;
  let k01 = 0;
  let s02 = 0;
  let k02 = 0;
  let s11 = 0;
  let k11 = 0;
  let s12 = 0;
  let k12 = 0;
  let s22 = 0;
  let k22 = 0;
  let e0 = 0;
  let e1 = 0;
  let e2 = 0;
  for (let i = 0; i < n; i++) {
    const d0 = c0[i]! - m0;
    const d1 = c1[i]! - m1;
    const d2 = c2[i]! - m2;
    e0 += d0;
    e1 += d1;
    e2 += d2;
    let v = d0 * d0;
    let t = s00 + v;
    k00 += s00 - (t - (t - s00)) + (v - (t - s00));
    s00 = t;
    v = d0 * d1;
    t = s01 + v;
    k01 += s01 - (t - (t - s01)) + (v - (t - s01));
    s01 = t;
    v = d0 * d2;
    t = s02 + v;
    k02 += s02 - (t - (t - s02)) + (v - (t - s02));
    s02 = t;
    v = d1 * d1;
    t = s11 + v;
    k11 += s11 - (t - (t - s11)) + (v - (t - s11));
    s11 = t;
    v = d1 * d2;
    t = s12 + v;
    k12 += s12 - (t - (t - s12)) + (v - (t - s12));
    s12 = t;
    v = d2 * d2;
    t = s22 + v;
    k22 += s22 - (t - (t - s22)) + (v - (t - s22));
    s22 = t;
  }
  ss[0] = s00;
  sc[0] = k00;
  ss[1] = s01;
  sc[1] = k01;
  ss[2] = s02;
  sc[2] = k02;
  ss[4] = s11;
  sc[4] = k11;
  ss[5] = s12;
  sc[5] = k12;
  ss[8] = s22;
  sc[8] = k22;
  dsum[0] = e0;
  dsum[1] = e1;
  dsum[2] = e2;
}

/**
 * From this many observations, one or two regressors on well-conditioned data (the moments path's
 * limits) are fitted by compensatedMomentsFit: at this size the double-double passes are most of
 * a large report's time, and a compensated sum's error bound does not grow with n (Neumaier).
 * Below it (every NIST problem, every R and statsmodels reference in the tests, typical daily
 * data) results are those of the double-double paths, bit for bit. The break tests' part fits
 * use the same limit (src/core/part-fit.ts).
 */
export const COMPENSATED_MIN_OBSERVATIONS = 50_000;

/**
 * Least squares from centred cross-products accumulated with compensated (Neumaier) double sums,
 * for 1 or 2 regressors on the data the moments path accepts (values within 1e±60, 1 − r² of the
 * regressors > 1e-4 so κ(X'X) < 4·10⁴, ssr/tss > 1e-4): three passes (means; the m×m centred
 * cross-products with the corrected two-pass term of Chan, Golub & LeVeque, Am. Stat. 37, 1983;
 * the residuals, for ssr without the cancellation of tss − b'X'y). Each sum is within a few ulps
 * of exact (Neumaier, ZAMM 54, 1974), so the coefficients are within ~κ·1e-16 of the exact
 * solution (measured: 1e-15 relative against the double-double paths on a million returns).
 * Returns null when the data need another path.
 */
function compensatedMomentsFit(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  intercept: boolean,
): OlsFit | null {
  const p = regressors.length;
  if (p < 1 || p > 2) return null;
  const n = y.length;
  const m = p + 1;
  const k = p + (intercept ? 1 : 0);
  const columns: ArrayLike<number>[] = [...regressors, y];
  const means = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const x = columns[j]!;
    let s = 0;
    let c = 0;
    let big = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      const a = Math.abs(v);
      if (a > big) big = a;
      const t = s + v;
      c += s - (t - (t - s)) + (v - (t - s));
      s = t;
    }
    if (!(big <= MOMENTS_MAX_ABS && big >= MOMENTS_MIN_ABS)) return null;
    if (intercept) means[j] = (s + c) / n;
  }
  // Upper triangle of S (m×m, y last), pair (a, b) at a·m + b: sum, compensation.
  const ss = new Float64Array(m * m);
  const sc = new Float64Array(m * m);
  const dsum = new Float64Array(m);
  if (m === 2) compensatedCrossProducts2(columns, n, means, ss, sc, dsum);
  else compensatedCrossProducts3(columns, n, means, ss, sc, dsum);
  const S = (a: number, b: number): number => {
    const at = a <= b ? a * m + b : b * m + a;
    return ss[at]! + sc[at]! - (intercept ? (dsum[a]! * dsum[b]!) / n : 0);
  };
  // C = S_xx⁻¹ (p×p) and the centred slopes b = C·S_xy.
  let cov: number[][];
  if (p === 1) {
    const sxx = S(0, 0);
    if (!(sxx > 0)) return null;
    cov = [[1 / sxx]];
  } else {
    const s00 = S(0, 0);
    const s01 = S(0, 1);
    const s11 = S(1, 1);
    if (!(s00 > 0 && s11 > 0)) return null;
    if (!(1 - (s01 * s01) / (s00 * s11) > MOMENTS_MIN_SINE2)) return null;
    const det = s00 * s11 - s01 * s01;
    cov = [
      [s11 / det, -s01 / det],
      [-s01 / det, s00 / det],
    ];
  }
  const slopes: number[] = [];
  for (let i = 0; i < p; i++) {
    let acc = 0;
    for (let j = 0; j < p; j++) acc += cov[i]![j]! * S(j, p);
    slopes.push(acc);
  }
  const tss = S(p, p);
  // ssr from the residuals (compensated): no cancellation however good the fit.
  let ssr = 0;
  let ssrC = 0;
  const x0 = columns[0]!;
  const x1 = p === 2 ? columns[1]! : x0;
  const b0 = slopes[0]!;
  const b1 = p === 2 ? slopes[1]! : 0;
  const m0 = means[0]!;
  const m1 = p === 2 ? means[1]! : 0;
  const my = means[p]!;
  for (let i = 0; i < n; i++) {
    const e = y[i]! - my - b0 * (x0[i]! - m0) - (p === 2 ? b1 * (x1[i]! - m1) : 0);
    const v = e * e;
    const t = ssr + v;
    ssrC += ssr - (t - (t - ssr)) + (v - (t - ssr));
    ssr = t;
  }
  ssr += ssrC;
  if (!(tss > 0) || !(ssr > MOMENTS_MIN_UNEXPLAINED * tss)) return null;

  let beta0 = 0;
  if (intercept) {
    beta0 = my;
    for (let j = 0; j < p; j++) beta0 -= slopes[j]! * means[j]!;
  }
  const off = intercept ? 1 : 0;
  const full: DD[][] = Array.from({ length: k }, () => new Array<DD>(k).fill([0, 0]));
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) full[i + off]![j + off] = [cov[i]![j]!, 0];
  if (intercept) {
    // C x̄ and x̄'C x̄
    let quad = 0;
    for (let i = 0; i < p; i++) {
      let acc = 0;
      for (let j = 0; j < p; j++) acc += cov[i]![j]! * means[j]!;
      full[0]![i + 1] = [-acc, 0];
      full[i + 1]![0] = [-acc, 0];
      quad += means[i]! * acc;
    }
    full[0]![0] = [1 / n + quad, 0];
  }
  const slopesDD: DD[] = slopes.map((b) => [b, 0]);
  const b0DD: DD = [beta0, 0];
  const allCoefficients: DD[] = intercept ? [b0DD, ...slopesDD] : slopesDD;
  const moments = { n, means, S: new Float64Array(m * m) };
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) moments.S[a * m + b] = S(a, b);
  return finishFit(
    n,
    k,
    intercept,
    allCoefficients,
    full,
    [ssr, 0],
    [tss, 0],
    () => residualsFromDD(y, regressors, b0DD, slopesDD),
    moments,
  );
}

/**
 * Ordinary least squares fit of y on the regressors (plus an intercept when asked):
 * β = argmin ‖y − Xβ‖², X = [1 | x_1 … x_p] with intercept, [x_1 … x_p] without.
 *
 * Method: with an intercept, every column is centred on its mean (in double-double), which
 * removes the intercept from the QR problem and its ill-conditioning (then β₀ = ȳ − Σ β_j x̄_j).
 * Each column is scaled by a power of two (exact) to O(1). Householder QR without pivoting on the
 * n×p design, applied to y as well, all in double-double; β from back substitution; residuals
 * recomputed from the original data. (X'X)⁻¹ = R⁻¹R⁻ᵀ for the centred part; with an intercept
 * the full matrix is assembled from the centred block C and the means x̄:
 * [[1/n + x̄'Cx̄, −(Cx̄)'], [−Cx̄, C]].
 * With one or two regressors on well-conditioned data (1 − r² of the regressors > 1e-4, ssr/tss >
 * 1e-4, values within 1e±60: returns data), the same double-double solution is obtained faster from
 * the centred cross-products accumulated in double-double (two passes; see momentsFit); both paths
 * carry ~106-bit intermediates and round to the same doubles. From
 * {@link COMPENSATED_MIN_OBSERVATIONS} observations the same data are fitted with compensated
 * double sums instead (see compensatedMomentsFit; ~1e-15 relative). Everything else takes the
 * QR path (untouched: ill-conditioned designs such as NIST's are always fitted in double-double).
 * Standard errors √(s²·[(X'X)⁻¹]_jj), s² = ssr/(n − k); t = β/SE; two-sided p from t(n − k);
 * R² = 1 − ssr/tss (centred with intercept, uncentred without); adjusted R² and overall F as R's
 * summary.lm. pValues, fPValue and residuals are computed on first access. Variance convention: residual variance divides by n − k.
 *
 * Degenerate exact fits (ssr = 0) return stdErrors 0, tStats ±Infinity (0 for a coefficient of
 * exactly 0), pValues 0 (1), rSquared 1, fStat +Infinity, fPValue 0: never NaN.
 *
 * Cost: O(n·k²) time, O(n·k) memory (two Float64Arrays of n·(k+1)); about 30 flops per
 * double-double multiply-add. Measured (Node 20, one core): n = 100,000 with 3 regressors takes
 * ~85 ms on a first call and ~20 ms once compiled; 1,000,000 × 3, ~0.4 s. The inputs are not
 * modified.
 *
 * @throws RangeError when a regressor's length differs from y's (a programming error)
 * @throws MathError when there is nothing to fit (no regressor, no intercept), when n ≤ k, when a
 *   value is not finite, or when y is constant (with intercept) / all zero (without): R² would be
 *   undefined
 * @throws DegenerateRegressorError (a MathError) when a regressor is all zero, constant, or within
 *   {@link COLLINEARITY_TOLERANCE} of a linear combination of the intercept and the regressors
 *   before it; `regressor` gives its 0-based index
 * @example olsFit([2, 3, 5, 6], [[1, 2, 3, 4]], true).coefficients → [0.5, 1.4] (exact; R's lm:
 *   0.50000000000000089, 1.3999999999999997)
 */
export function olsFit(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  intercept: boolean,
): OlsFit {
  validate(y, regressors, intercept);
  return (
    (y.length >= COMPENSATED_MIN_OBSERVATIONS
      ? compensatedMomentsFit(y, regressors, intercept)
      : null) ??
    momentsFit(y, regressors, intercept) ??
    qrFit(y, regressors, intercept)
  );
}

/**
 * {@link olsFit} by its double-double paths only (moments or QR), whatever n: the reference the
 * compensated large-n path is tested against. Same throws as olsFit.
 */
export function olsFitDoubleDouble(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  intercept: boolean,
): OlsFit {
  validate(y, regressors, intercept);
  return momentsFit(y, regressors, intercept) ?? qrFit(y, regressors, intercept);
}

/** The double-double Householder QR path of {@link olsFit} (inputs already validated). */
function qrFit(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  intercept: boolean,
): OlsFit {
  const n = y.length;
  const p = regressors.length;
  const k = p + (intercept ? 1 : 0);
  const m = p + 1; // design columns plus y

  // Column means (double-double) when centring, and power-of-two scales from the centred spread.
  const means: DD[] = [];
  const scales = new Float64Array(m);
  const columns: ArrayLike<number>[] = [...regressors, y];
  for (let j = 0; j < m; j++) {
    const x = columns[j]!;
    const mu: DD = intercept ? ddMean(x) : [0, 0];
    means.push(mu);
    let spread = 0;
    for (let i = 0; i < n; i++) spread = Math.max(spread, Math.abs(x[i]! - mu[0]));
    scales[j] = spread > 0 ? powerOfTwoScale(spread) : 1;
  }

  // Working matrix, column-major, hi and lo parts: centred, scaled regressors, then y.
  const ah = new Float64Array(n * m);
  const al = new Float64Array(n * m);
  for (let j = 0; j < m; j++) {
    const x = columns[j]!;
    const [mh, ml] = means[j]!;
    const c = scales[j]!;
    const base = j * n;
    for (let i = 0; i < n; i++) {
      // (x_i − mh) exactly as a pair, minus ml, renormalised.
      const v = x[i]!;
      const s = v - mh;
      const bb = s - v;
      const e = v - (s - bb) + (-mh - bb) - ml;
      const hi = s + e;
      ah[base + i] = hi * c;
      al[base + i] = (e - (hi - s)) * c;
    }
  }

  // Norm of each centred, scaled regressor before the factorisation (for the collinearity test).
  const norms = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += ah[j * n + i]! ** 2;
    norms[j] = Math.sqrt(s);
  }

  // Householder QR on columns 0..p−1, applied to all later columns including y.
  const rh = new Float64Array(p * p); // R, row-major, upper triangle
  const rl = new Float64Array(p * p);
  // The current Householder vector's high parts, and their Dekker splits (reused for every column).
  const vh = new Float64Array(n);
  const vSplitHi = new Float64Array(n);
  const vSplitLo = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    const base = j * n;
    // ‖a_j[j:]‖² in double-double.
    const norm = ddSqrt(sumOfSquares(ah, al, base + j, base + n));
    if (!(norm[0] / norms[j]! >= COLLINEARITY_TOLERANCE)) {
      const others = intercept ? `the intercept and ${regressorList(j)}` : regressorList(j);
      throw new DegenerateRegressorError(
        j,
        'collinear',
        `regressor ${j + 1} is a linear combination of ${others} (rank-deficient design)`,
      );
    }
    const ajj: DD = [ah[base + j]!, al[base + j]!];
    const alpha = ajj[0] >= 0 ? ddNeg(norm) : norm; // R_jj
    // v = a_j[j:] with v_j = a_jj − alpha (a_jj and −alpha share a sign: no cancellation);
    // H = I − v v' / (v'v/2) with v'v/2 = norm·|v_j|.
    const vj = ddSub(ajj, alpha);
    ah[base + j] = vj[0];
    al[base + j] = vj[1];
    const halfVtv = ddMul(norm, [Math.abs(vj[0]), Math.sign(vj[0]) * vj[1]]);
    for (let i = j; i < n; i++) {
      const x = ah[base + i]!;
      vh[i] = x;
      const t = SPLIT * x;
      const hh = t - (t - x);
      vSplitHi[i] = hh;
      vSplitLo[i] = x - hh;
    }
    rh[j * p + j] = alpha[0];
    rl[j * p + j] = alpha[1];
    for (let l = j + 1; l < m; l++) {
      const lb = l * n;
      // a_l −= (v' a_l / (v'v/2)) v
      const w = dot(ah, al, lb, base, j, n, vh, vSplitHi, vSplitLo);
      const f = ddDiv(w, halfVtv);
      subtractMultiple(ah, al, lb, base, j, n, f, vh, vSplitHi, vSplitLo);
      if (l < p) {
        rh[j * p + l] = ah[lb + j]!;
        rl[j * p + l] = al[lb + j]!;
      }
    }
  }

  const r = (i: number, j: number): DD => [rh[i * p + j]!, rl[i * p + j]!];

  // Back substitution R b = (Q'y)[0:p] on the scaled problem.
  const yBase = p * n;
  const bScaled: DD[] = new Array<DD>(p);
  for (let j = p - 1; j >= 0; j--) {
    let acc: DD = [ah[yBase + j]!, al[yBase + j]!];
    for (let l = j + 1; l < p; l++) acc = ddSub(acc, ddMul(r(j, l), bScaled[l]!));
    bScaled[j] = ddDiv(acc, r(j, j));
  }

  // Back to the original units: β_j = b_j · c_j / c_y (powers of two: exact).
  const cy = scales[p]!;
  const slopes: DD[] = bScaled.map((b, j) => ddScale(b, scales[j]! / cy));
  let beta0: DD = [0, 0];
  if (intercept) {
    beta0 = means[p]!;
    for (let j = 0; j < p; j++) beta0 = ddSub(beta0, ddMul(slopes[j]!, means[j]!));
  }

  // Residuals from the original data, in double-double. First try the coefficients rounded to
  // doubles, with any whose contribution is below double-double resolution of y set to 0: if
  // they leave every residual exactly 0 they are the exact solution (an exact fit), reported as
  // such (ssr 0, SE 0, t ±Infinity). Otherwise the double-double coefficients are used.
  const eh = new Float64Array(n);
  const el = new Float64Array(n);
  const yMax = maxAbs(y);
  const negligible = (b: DD, x: ArrayLike<number>): boolean =>
    Math.abs(b[0]) * maxAbs(x) <= NEGLIGIBLE * yMax;
  const candidate0: DD = [negligible(beta0, [1]) ? 0 : toDouble(beta0), 0];
  const candidates: DD[] = slopes.map((b, j) => [
    negligible(b, regressors[j]!) ? 0 : toDouble(b),
    0,
  ]);
  const exactFit = residualsInto(y, regressors, candidate0, candidates, eh, el, true);
  if (exactFit) {
    beta0 = candidate0;
    candidates.forEach((c, j) => (slopes[j] = c));
  } else {
    residualsInto(y, regressors, beta0, slopes, eh, el, false);
  }
  const residuals = new Float64Array(n);
  const [ymh, yml] = means[p]!;
  let ssrH = 0;
  let ssrL = 0;
  let tssH = 0;
  let tssL = 0;
  for (let i = 0; i < n; i++) {
    const rh0 = eh[i]!;
    const rl0 = el[i]!;
    residuals[i] = rh0 + rl0;
    // ssr += e² (TwoProduct of the high parts, cross terms, double-double accumulation)
    let pr = rh0 * rh0;
    let t = SPLIT * rh0;
    let hh = t - (t - rh0);
    let hl = rh0 - hh;
    let pe = hh * hh - pr + 2 * hh * hl + hl * hl + 2 * rh0 * rl0;
    let sum = ssrH + pr;
    let bb = sum - ssrH;
    let e = ssrH - (sum - bb) + (pr - bb) + ssrL + pe;
    ssrH = sum + e;
    ssrL = e - (ssrH - sum);
    // tss += (y_i − ȳ)²
    const v = y[i]!;
    const s = v - ymh;
    bb = s - v;
    const de = v - (s - bb) + (-ymh - bb) - yml;
    const dh = s + de;
    const dl = de - (dh - s);
    pr = dh * dh;
    t = SPLIT * dh;
    hh = t - (t - dh);
    hl = dh - hh;
    pe = hh * hh - pr + 2 * hh * hl + hl * hl + 2 * dh * dl;
    sum = tssH + pr;
    bb = sum - tssH;
    e = tssH - (sum - bb) + (pr - bb) + tssL + pe;
    tssH = sum + e;
    tssL = e - (tssH - sum);
  }
  const ssr: DD = [ssrH, ssrL];
  const tss: DD = [tssH, tssL];

  // R⁻¹ (upper triangular), then C = R⁻¹R⁻ᵀ of the scaled centred design, unscaled: C·c_i·c_j.
  const rinv: DD[][] = Array.from({ length: p }, () => new Array<DD>(p).fill([0, 0]));
  for (let j = 0; j < p; j++) {
    rinv[j]![j] = ddDiv([1, 0], r(j, j));
    for (let i = j - 1; i >= 0; i--) {
      let acc: DD = [0, 0];
      for (let l = i + 1; l <= j; l++) acc = ddAdd(acc, ddMul(r(i, l), rinv[l]![j]!));
      rinv[i]![j] = ddNeg(ddDiv(acc, r(i, i)));
    }
  }
  const cov: DD[][] = Array.from({ length: p }, () => new Array<DD>(p).fill([0, 0]));
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let acc: DD = [0, 0];
      for (let l = j; l < p; l++) acc = ddAdd(acc, ddMul(rinv[i]![l]!, rinv[j]![l]!));
      acc = ddScale(acc, scales[i]! * scales[j]!);
      cov[i]![j] = acc;
      cov[j]![i] = acc;
    }
  }
  const full: DD[][] = Array.from({ length: k }, () => new Array<DD>(k).fill([0, 0]));
  const off = intercept ? 1 : 0;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) full[i + off]![j + off] = cov[i]![j]!;
  if (intercept) {
    // C x̄ and x̄'C x̄
    let quad: DD = [0, 0];
    for (let i = 0; i < p; i++) {
      let acc: DD = [0, 0];
      for (let j = 0; j < p; j++) acc = ddAdd(acc, ddMul(cov[i]![j]!, means[j]!));
      full[0]![i + 1] = ddNeg(acc);
      full[i + 1]![0] = ddNeg(acc);
      quad = ddAdd(quad, ddMul(means[i]!, acc));
    }
    full[0]![0] = ddAdd(ddDiv([1, 0], [n, 0]), quad);
  }

  const allCoefficients: DD[] = intercept ? [beta0, ...slopes] : slopes;
  return finishFit(n, k, intercept, allCoefficients, full, ssr, tss, () => residuals);
}

/**
 * The OlsFit from the double-double solution: coefficients, (X'X)⁻¹ (`full`, k×k), ssr and tss.
 * Standard errors, t, R², adjusted R² and F as documented on {@link olsFit}. The p-values (an
 * incomplete beta function each) and the residuals are computed on first access only: most
 * callers inside the diagnostics never read them.
 */
function finishFit(
  n: number,
  k: number,
  intercept: boolean,
  allCoefficients: readonly DD[],
  full: readonly (readonly DD[])[],
  ssr: DD,
  tss: DD,
  residualsOf: () => Float64Array,
  moments?: FitMoments,
): OlsFit {
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
      residuals ??= residualsOf();
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
    ...(moments === undefined ? {} : { moments }),
  };
  return Object.freeze(fit);
}
