/**
 * Small dense linear algebra (k×k, k = number of hedges + 1). Never used on n-length data (olsFit
 * has its own QR).
 *
 * For k ≤ 2 (one or two hedges, the common case) the arithmetic of mathjs's inv (closed forms for
 * 1×1 and 2×2), lup and lusolve is reproduced operation for operation below, including mathjs's
 * comparison tolerances (relTol 1e-12, absTol 1e-15), so results are bit-identical to mathjs
 * without paying for its lazy typed-function construction (~75 ms per process on first use).
 * For k ≥ 3, mathjs itself (created with only the needed factories, in ./linalg-mathjs) is
 * required on first use, so its module initialisation never runs for smaller systems.
 */
import { MathError } from '../errors';
import type * as MathjsLinalg from './linalg-mathjs';

let mathjsLinalg: typeof MathjsLinalg | undefined;

/** The mathjs-backed solvers, loaded on first use (k ≥ 3 only). */
function mathjs(): typeof MathjsLinalg {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  mathjsLinalg ??= require('./linalg-mathjs') as typeof MathjsLinalg;
  return mathjsLinalg;
}

// mathjs's default comparison tolerances (config.relTol, config.absTol), used by its lup/lusolve.
const REL_TOL = 1e-12;
const ABS_TOL = 1e-15;

/** mathjs nearlyEqual(a, b, relTol, absTol) for numbers. */
function nearlyEqual(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  if (a === b) return true;
  return Math.abs(a - b) <= Math.max(REL_TOL * Math.max(Math.abs(a), Math.abs(b)), ABS_TOL);
}

/** mathjs larger(x, y) for numbers. */
function larger(x: number, y: number): boolean {
  return x > y && !nearlyEqual(x, y);
}

/** mathjs inv for a 1×1 or 2×2 array (its closed forms); throws a plain Error when singular. */
function smallInverse(m: Matrix): number[][] {
  if (m.length === 1) {
    const value = m[0]![0]!;
    if (value === 0) throw Error('Cannot calculate inverse, determinant is zero');
    return [[1 / value]];
  }
  const m00 = m[0]![0]!;
  const m01 = m[0]![1]!;
  const m10 = m[1]![0]!;
  const m11 = m[1]![1]!;
  const d = m00 * m11 - m10 * m01;
  if (d === 0) throw Error('Cannot calculate inverse, determinant is zero');
  return [
    [m11 / d, -m01 / d],
    [-m10 / d, m00 / d],
  ];
}

/**
 * mathjs lup (dense, partial pivoting with its tolerant comparisons) followed by lusolve
 * (permutation, forward then backward substitution, with right-hand-side entries within 1e-15 of
 * 0 treated as 0), for a small square matrix. Returns the solver for right-hand sides.
 */
function smallLuSolver(a: Matrix): (rhs: readonly number[]) => number[] {
  const k = a.length;
  const data = a.map((row) => row.slice());
  const p: number[] = [];
  for (let i = 0; i < k; i++) p.push(i);
  for (let j = 0; j < k; j++) {
    if (j > 0) {
      for (let i = 0; i < k; i++) {
        const min = Math.min(i, j);
        let s = 0;
        for (let c = 0; c < min; c++) s = s + data[i]![c]! * data[c]![j]!;
        data[i]![j] = data[i]![j]! - s;
      }
    }
    let pi = j;
    let pabsv = 0;
    let vjj = 0;
    for (let i = j; i < k; i++) {
      const v = data[i]![j]!;
      const absv = Math.abs(v);
      if (larger(absv, pabsv)) {
        pi = i;
        pabsv = absv;
        vjj = v;
      }
    }
    if (j !== pi) {
      const t = p[j]!;
      p[j] = p[pi]!;
      p[pi] = t;
      const row = data[j]!;
      data[j] = data[pi]!;
      data[pi] = row;
    }
    for (let i = j + 1; i < k; i++) {
      const vij = data[i]![j]!;
      if (!nearlyEqual(vij, 0)) data[i]![j] = vij / vjj;
    }
  }
  const pv: number[] = new Array<number>(k);
  for (let i = 0; i < k; i++) pv[p[i]!] = i;
  return (rhs) => {
    const b: number[] = new Array<number>(k);
    for (let i = 0; i < k; i++) b[pv[i]!] = rhs[i]!;
    // L·y = b, unit lower triangular (L_ij = data[i][j], i > j)
    const y: number[] = new Array<number>(k);
    for (let j = 0; j < k; j++) {
      const bj = b[j]!;
      let yj = 0;
      if (!nearlyEqual(bj, 0)) {
        yj = bj / 1;
        for (let i = j + 1; i < k; i++) b[i] = b[i]! - yj * data[i]![j]!;
      }
      y[j] = yj;
    }
    // U·x = y (U_ij = data[i][j], i ≤ j)
    const x: number[] = new Array<number>(k);
    for (let j = k - 1; j >= 0; j--) {
      const bj = y[j]!;
      let xj = 0;
      if (!nearlyEqual(bj, 0)) {
        const ujj = data[j]![j]!;
        if (nearlyEqual(ujj, 0)) {
          throw new Error('Linear system cannot be solved since matrix is singular');
        }
        xj = bj / ujj;
        for (let i = j - 1; i >= 0; i--) y[i] = y[i]! - xj * data[i]![j]!;
      }
      x[j] = xj;
    }
    return x;
  };
}

function inverseOf(a: Matrix): number[][] {
  return a.length <= 2 ? smallInverse(a) : mathjs().mathInverse(a);
}

function luSolverOf(a: Matrix): (rhs: readonly number[]) => number[] {
  return a.length <= 2 ? smallLuSolver(a) : mathjs().mathLuSolver(a);
}

/**
 * A matrix whose equilibrated 1-norm condition number exceeds this is treated as singular: a
 * solve in double precision would keep fewer than 2 correct digits.
 */
export const SINGULARITY_CONDITION = 1e14;

type Matrix = readonly (readonly number[])[];

function requireSquare(a: Matrix, what: string): number {
  const k = a.length;
  if (k === 0) throw new RangeError(`${what}: the matrix is empty`);
  a.forEach((row, i) => {
    if (row.length !== k) {
      throw new RangeError(`${what}: row ${i + 1} has ${row.length} entries, expected ${k}`);
    }
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) {
        throw new MathError(`${what}: entry (${i + 1}, ${j + 1}) is not a finite number`);
      }
    });
  });
  return k;
}

function norm1(a: Matrix): number {
  let best = 0;
  for (let j = 0; j < a.length; j++) {
    let s = 0;
    for (const row of a) s += Math.abs(row[j]!);
    best = Math.max(best, s);
  }
  return best;
}

/**
 * S·A·S with S = diag(1/√|a_ii|) (1 where a_ii = 0): for a covariance matrix this is the
 * correlation matrix, which removes the units from the condition number.
 */
function equilibrate(a: Matrix): { scaled: number[][]; s: number[] } {
  const s = a.map((row, i) => {
    const d = Math.abs(row[i]!);
    return d > 0 ? 1 / Math.sqrt(d) : 1;
  });
  return { scaled: a.map((row, i) => row.map((v, j) => v * s[i]! * s[j]!)), s };
}

/** Inverse of an equilibrated matrix, or MathError when it is (numerically) singular. */
function checkedInverse(scaled: number[][], what: string): number[][] {
  let inv: number[][];
  try {
    inv = inverseOf(scaled);
  } catch {
    throw new MathError(`${what}: the matrix is singular`);
  }
  const cond = norm1(scaled) * norm1(inv);
  if (!(cond <= SINGULARITY_CONDITION)) {
    throw new MathError(
      `${what}: the matrix is singular to working precision (condition number ${cond.toPrecision(3)})`,
    );
  }
  return inv;
}

/** b − A·x with each dot product accumulated in double-double (TwoSum/TwoProduct). */
export function residual(a: Matrix, x: readonly number[], b: readonly number[]): number[] {
  const split = 134217729;
  return a.map((row, i) => {
    let sh = b[i]!;
    let sl = 0;
    row.forEach((aij, j) => {
      const xj = x[j]!;
      const p = -aij * xj;
      let t = split * aij;
      const ah = t - (t - aij);
      const al = aij - ah;
      t = split * xj;
      const xh = t - (t - xj);
      const xl = xj - xh;
      const pe = -(ah * xh + p) - ah * xl - al * xh - al * xl;
      const s = sh + p;
      const bb = s - sh;
      const e = sh - (s - bb) + (p - bb) + sl + pe;
      sh = s + e;
      sl = e - (sh - s);
    });
    return sh + sl;
  });
}

/**
 * Solution x of A·x = b for a symmetric k×k matrix A (a covariance matrix in practice).
 * Method: equilibrate to S·A·S (S = diag(1/√|a_ii|)), LU with partial pivoting (mathjs lup; for
 * k ≤ 2 its arithmetic reproduced exactly, see the module comment),
 * one step of iterative refinement with the residual b − A·x accumulated in double-double.
 * Cost O(k³).
 *
 * @throws RangeError when A is not square or b's length differs (programming errors)
 * @throws MathError when an entry is not finite, or A is singular or its equilibrated 1-norm
 *   condition number exceeds {@link SINGULARITY_CONDITION}
 * @example solveSymmetric([[2, 1], [1, 3]], [1, 2]) → [0.2, 0.6]
 */
export function solveSymmetric(a: Matrix, b: readonly number[]): number[] {
  const k = requireSquare(a, 'solve');
  if (b.length !== k) throw new RangeError(`solve: b has ${b.length} entries, expected ${k}`);
  b.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new MathError(`solve: b[${i + 1}] is not a finite number`);
  });
  const { scaled, s } = equilibrate(a);
  checkedInverse(scaled, 'solve');
  const lu = luSolverOf(scaled);
  const solveScaled = (rhs: readonly number[]): number[] =>
    lu(rhs.map((v, i) => v * s[i]!)).map((v, i) => v * s[i]!);
  const x = solveScaled(b);
  const dx = solveScaled(residual(a, x, b));
  return x.map((v, i) => v + dx[i]!);
}

/**
 * Inverse of a square k×k matrix: S·(S·A·S)⁻¹·S with the same equilibration as
 * {@link solveSymmetric} (mathjs inv: Gauss–Jordan with partial pivoting; its closed forms for
 * k ≤ 2 reproduced exactly). Cost O(k³).
 *
 * @throws RangeError when A is not square
 * @throws MathError when an entry is not finite, or A is singular or its equilibrated 1-norm
 *   condition number exceeds {@link SINGULARITY_CONDITION}
 * @example inverse([[2, 1], [1, 3]]) → [[0.6, -0.2], [-0.2, 0.4]]
 */
export function inverse(a: Matrix): number[][] {
  requireSquare(a, 'inverse');
  const { scaled, s } = equilibrate(a);
  const inv = checkedInverse(scaled, 'inverse');
  return inv.map((row, i) => row.map((v, j) => v * s[i]! * s[j]!));
}
