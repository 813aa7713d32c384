/**
 * Double-double arithmetic: a value is the unevaluated sum hi + lo with |lo| ≤ ulp(hi)/2, about
 * 106 significant bits (Dekker's TwoSum/TwoProduct pairs, without FMA). The scalar operations
 * first, then the loops over n-length data that the double-double regression paths run (the
 * Householder QR's sums of squares, dot products and updates; the residuals). Those loops are
 * written out with every pair in locals, as the scalar operations would compute them.
 *
 * References: T. J. Dekker, "A floating-point technique for extending the available precision",
 * Numer. Math. 18 (1971); Y. Hida, X. S. Li, D. H. Bailey, "Library for double-double and
 * quad-double arithmetic" (2007).
 */

/** hi + lo. */
export type DD = readonly [hi: number, lo: number];

/** 2^27 + 1: Dekker's splitting constant for 53-bit doubles. */
export const SPLIT = 134217729;

/** Exact a + b = s + e (Knuth's TwoSum, any magnitudes). */
export function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

/** Exact a + b = s + e when |a| ≥ |b| (Dekker's Fast2Sum). */
export function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

/** Exact product a·b = p + e (Dekker, no FMA). */
export function twoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/** a + b. */
export function ddAdd(a: DD, b: DD): DD {
  const [s, e1] = twoSum(a[0], b[0]);
  const [t, f] = twoSum(a[1], b[1]);
  const [s2, e2] = quickTwoSum(s, e1 + t);
  return quickTwoSum(s2, e2 + f);
}

/** −a. */
export function ddNeg(a: DD): DD {
  return [-a[0], -a[1]];
}

/** a − b. */
export function ddSub(a: DD, b: DD): DD {
  return ddAdd(a, ddNeg(b));
}

/** a · b. */
export function ddMul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return quickTwoSum(p, e + (a[0] * b[1] + a[1] * b[0]));
}

/** a / b (three correction steps). */
export function ddDiv(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  let r = ddSub(a, ddMul([q1, 0], b));
  const q2 = r[0] / b[0];
  r = ddSub(r, ddMul([q2, 0], b));
  const q3 = r[0] / b[0];
  return ddAdd(quickTwoSum(q1, q2), [q3, 0]);
}

/** √a (0 for a ≤ 0): one Newton step on x² = a, x + (a − x²)/(2x). */
export function ddSqrt(a: DD): DD {
  if (a[0] <= 0) return [0, 0];
  const x = Math.sqrt(a[0]);
  const r = ddSub(a, twoProd(x, x));
  return quickTwoSum(x, r[0] / (2 * x));
}

/** a · 2^k given the power of two itself (exact). */
export function ddScale(a: DD, powerOfTwo: number): DD {
  return [a[0] * powerOfTwo, a[1] * powerOfTwo];
}

/** The double nearest to a (hi already is, after normalisation; adding lo rounds ties right). */
export function toDouble(a: DD): number {
  return a[0] + a[1];
}

/** Σ x_i / n in double-double (TwoSum accumulation of the doubles, one division). */
export function ddMean(x: ArrayLike<number>): DD {
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
export function ddSumOfSquares(ah: Float64Array, al: Float64Array, from: number, to: number): DD {
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
 * A double-double column's high parts and their Dekker splits, for repeated products with it
 * ({@link ddDotColumn}, {@link ddSubtractColumnMultiple}): rows [from, to) of v are written.
 */
export interface SplitColumn {
  readonly hi: Float64Array;
  readonly splitHi: Float64Array;
  readonly splitLo: Float64Array;
}

/** Fills `v` with the high parts of (ah, al) at `base + i` for i in [from, to), and their splits. */
export function splitColumnInto(
  ah: Float64Array,
  base: number,
  from: number,
  to: number,
  v: SplitColumn,
): void {
  for (let i = from; i < to; i++) {
    const x = ah[base + i]!;
    v.hi[i] = x;
    const t = SPLIT * x;
    const hh = t - (t - x);
    v.splitHi[i] = hh;
    v.splitLo[i] = x - hh;
  }
}

/**
 * v' a over rows [j, n): a is the column at `lb` of (ah, al), v the column at `vb` (its high
 * parts and their splits in `v`).
 */
export function ddDotColumn(
  ah: Float64Array,
  al: Float64Array,
  lb: number,
  vb: number,
  j: number,
  n: number,
  v: SplitColumn,
): DD {
  const { hi: vh, splitHi: vSplitHi, splitLo: vSplitLo } = v;
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

/** a −= f·v over rows [j, n), in double-double; the layout of {@link ddDotColumn}. */
export function ddSubtractColumnMultiple(
  ah: Float64Array,
  al: Float64Array,
  lb: number,
  vb: number,
  j: number,
  n: number,
  f: DD,
  v: SplitColumn,
): void {
  const { hi: vh, splitHi: vSplitHi, splitLo: vSplitLo } = v;
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

/**
 * e_i = y_i − b₀ − Σ b_j x_ij in double-double (TwoProduct for each term, double-double sums),
 * written to eh/el. With stopAtNonZero it returns false at the first residual that is not exactly
 * 0; otherwise (or when all are 0) it returns true.
 */
export function ddResidualsInto(
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
export function ddResiduals(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  b0: DD,
  slopes: readonly DD[],
): Float64Array {
  const n = y.length;
  const eh = new Float64Array(n);
  const el = new Float64Array(n);
  ddResidualsInto(y, regressors, b0, slopes, eh, el, false);
  for (let i = 0; i < n; i++) eh[i] = eh[i]! + el[i]!;
  return eh;
}

/**
 * (x_i − mean)·scale for every i, each as an exact double-double pair (TwoSum of x_i and −hi,
 * minus lo, renormalised; `scale` a power of two, so exact), written at `base + i` of (ah, al).
 */
export function ddCentredScaledInto(
  x: ArrayLike<number>,
  mean: DD,
  scale: number,
  ah: Float64Array,
  al: Float64Array,
  base: number,
): void {
  const [mh, ml] = mean;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const s = v - mh;
    const bb = s - v;
    const e = v - (s - bb) + (-mh - bb) - ml;
    const hi = s + e;
    ah[base + i] = hi * scale;
    al[base + i] = (e - (hi - s)) * scale;
  }
}

/**
 * From double-double residuals (eh, el): each rounded to a double (written to `residuals`),
 * Σ e² and Σ (y − ȳ)² (ȳ = meanY, 0 without centring), both accumulated in double-double
 * (TwoProduct of the high parts and the cross terms).
 */
export function ddSquareSums(
  eh: Float64Array,
  el: Float64Array,
  y: ArrayLike<number>,
  meanY: DD,
  residuals: Float64Array,
): { ssr: DD; tss: DD } {
  const [ymh, yml] = meanY;
  let ssrH = 0;
  let ssrL = 0;
  let tssH = 0;
  let tssL = 0;
  for (let i = 0; i < eh.length; i++) {
    const rh0 = eh[i]!;
    const rl0 = el[i]!;
    residuals[i] = rh0 + rl0;
    // ssr += e²
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
  return { ssr: [ssrH, ssrL], tss: [tssH, tssL] };
}
