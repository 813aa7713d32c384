/**
 * The exact least-squares method: Householder QR in double-double arithmetic on the centred,
 * power-of-two-scaled design (G. H. Golub, C. F. Van Loan, "Matrix Computations", 4th ed.,
 * §5.2–5.3; N. J. Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed., ch. 19–20).
 *
 * With an intercept every column is centred on its mean (in double-double), which removes the
 * intercept from the QR problem and its ill-conditioning (then β₀ = ȳ − Σ β_j x̄_j). Each column
 * is scaled by a power of two (exact) to O(1). Householder QR without pivoting on the n×p design,
 * applied to y as well; β from back substitution; residuals recomputed from the original data;
 * (X'X)⁻¹ = R⁻¹R⁻ᵀ for the centred part. Every intermediate carries ~106 bits, so rounding inside
 * the solver contributes ~1e-32·κ to the relative error: the result is the exact solution of
 * the given doubles, correctly rounded in practice, even for NIST's Filip.
 */
import {
  ddAdd,
  ddCentredScaledInto,
  ddDiv,
  ddDotColumn,
  ddMean,
  ddMul,
  ddNeg,
  ddResidualsInto,
  ddScale,
  ddSqrt,
  ddSquareSums,
  ddSub,
  ddSubtractColumnMultiple,
  ddSumOfSquares,
  splitColumnInto,
  toDouble,
  type DD,
} from '../kernels/double-double';
import { DegenerateRegressorError } from './degenerate';
import { COLLINEARITY_TOLERANCE } from './limits';
import { fullInverse, type Solution } from './solution';

/** 2^-104: below this relative size a term is lost in a double-double sum. */
const NEGLIGIBLE = Math.pow(2, -104);

/** A power of two near 1/maxAbs, so that scaled values are O(1); multiplying by it is exact. */
function powerOfTwoScale(maxAbs: number): number {
  return Math.pow(2, -Math.round(Math.log2(maxAbs)));
}

/** Largest |x_i| (0 for an empty array). */
function maxAbs(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]!));
  return m;
}

function regressorList(count: number): string {
  if (count === 1) return 'regressor 1';
  if (count === 2) return 'regressors 1 and 2';
  return `regressors 1 to ${count}`;
}

/** The centred, scaled columns [x_1 … x_p, y], column-major in (ah, al), with means and scales. */
interface Design {
  readonly ah: Float64Array;
  readonly al: Float64Array;
  readonly means: DD[];
  readonly scales: Float64Array;
}

function designOf(columns: readonly ArrayLike<number>[], intercept: boolean): Design {
  const m = columns.length;
  const n = columns[0]!.length;
  const means: DD[] = [];
  const scales = new Float64Array(m);
  const ah = new Float64Array(n * m);
  const al = new Float64Array(n * m);
  for (let j = 0; j < m; j++) {
    const x = columns[j]!;
    const mu: DD = intercept ? ddMean(x) : [0, 0];
    means.push(mu);
    let spread = 0;
    for (let i = 0; i < n; i++) spread = Math.max(spread, Math.abs(x[i]! - mu[0]));
    scales[j] = spread > 0 ? powerOfTwoScale(spread) : 1;
    ddCentredScaledInto(x, mu, scales[j]!, ah, al, j * n);
  }
  return { ah, al, means, scales };
}

/**
 * Householder QR of the first p columns of the design in place, applied to the later ones
 * (y): R (p × p, row-major upper triangle) as hi/lo parts.
 * @throws DegenerateRegressorError when a column is within COLLINEARITY_TOLERANCE of the span of
 *   the ones before it (and the intercept)
 */
function householder(
  d: Design,
  n: number,
  p: number,
  intercept: boolean,
): { rh: Float64Array; rl: Float64Array } {
  const { ah, al } = d;
  const m = p + 1;
  // Norm of each centred, scaled regressor before the factorisation (for the collinearity test).
  const norms = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += ah[j * n + i]! ** 2;
    norms[j] = Math.sqrt(s);
  }
  const rh = new Float64Array(p * p);
  const rl = new Float64Array(p * p);
  // The current Householder vector's high parts, and their Dekker splits (reused for every column).
  const v = { hi: new Float64Array(n), splitHi: new Float64Array(n), splitLo: new Float64Array(n) };
  for (let j = 0; j < p; j++) {
    const base = j * n;
    const norm = ddSqrt(ddSumOfSquares(ah, al, base + j, base + n));
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
    splitColumnInto(ah, base, j, n, v);
    rh[j * p + j] = alpha[0];
    rl[j * p + j] = alpha[1];
    for (let l = j + 1; l < m; l++) {
      const lb = l * n;
      // a_l −= (v' a_l / (v'v/2)) v
      const f = ddDiv(ddDotColumn(ah, al, lb, base, j, n, v), halfVtv);
      ddSubtractColumnMultiple(ah, al, lb, base, j, n, f, v);
      if (l < p) {
        rh[j * p + l] = ah[lb + j]!;
        rl[j * p + l] = al[lb + j]!;
      }
    }
  }
  return { rh, rl };
}

/** C = R⁻¹R⁻ᵀ of the scaled centred design, unscaled: C_ij·c_i·c_j (p × p). */
function centredInverse(r: (i: number, j: number) => DD, p: number, scales: Float64Array): DD[][] {
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
  return cov;
}

/**
 * The least-squares solution by double-double Householder QR (inputs validated by olsFit).
 * Residuals from the original data in double-double: first with the coefficients rounded to
 * doubles, any whose contribution is below double-double resolution of y set to 0; if they leave
 * every residual exactly 0 they are the exact solution (an exact fit: ssr 0). Otherwise the
 * double-double coefficients are used. Cost O(n·p²); O(n·p) memory.
 * @throws DegenerateRegressorError for a rank-deficient design
 */
export function qrSolution(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  intercept: boolean,
): Solution {
  const n = y.length;
  const p = regressors.length;
  const design = designOf([...regressors, y], intercept);
  const { ah, al, means, scales } = design;
  const { rh, rl } = householder(design, n, p, intercept);
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
  if (ddResidualsInto(y, regressors, candidate0, candidates, eh, el, true)) {
    beta0 = candidate0;
    candidates.forEach((c, j) => (slopes[j] = c));
  } else {
    ddResidualsInto(y, regressors, beta0, slopes, eh, el, false);
  }
  const residuals = new Float64Array(n);
  const { ssr, tss } = ddSquareSums(eh, el, y, means[p]!, residuals);
  const cov = centredInverse(r, p, scales);
  return {
    coefficients: intercept ? [beta0, ...slopes] : slopes,
    inverse: fullInverse(cov, means, n, intercept),
    ssr,
    tss,
    residuals: () => residuals,
  };
}
