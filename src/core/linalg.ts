/**
 * Small dense linear algebra (k×k, k = number of hedges + 1) on top of mathjs, created with only
 * the factories needed: the full mathjs bundle costs about 0.5 s at start-up. Never used on
 * n-length data (olsFit has its own QR).
 */
import { create, invDependencies, lupDependencies, lusolveDependencies } from 'mathjs';
import { MathError } from '../errors';

// The dependency maps are typed as possibly undefined; they are always defined at run time.
const math = create({
  invDependencies: invDependencies!,
  lupDependencies: lupDependencies!,
  lusolveDependencies: lusolveDependencies!,
});

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
    inv = math.inv(scaled) as unknown as number[][];
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
function residual(a: Matrix, x: readonly number[], b: readonly number[]): number[] {
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
 * Method: equilibrate to S·A·S (S = diag(1/√|a_ii|)), LU with partial pivoting (mathjs lup),
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
  const lu = math.lup(scaled);
  const solveScaled = (rhs: readonly number[]): number[] => {
    const z = math.lusolve(
      lu,
      rhs.map((v, i) => v * s[i]!),
    );
    const column = (Array.isArray(z) ? z : z.toArray()) as unknown as number[][];
    return column.map((row, i) => row[0]! * s[i]!);
  };
  const x = solveScaled(b);
  const dx = solveScaled(residual(a, x, b));
  return x.map((v, i) => v + dx[i]!);
}

/**
 * Inverse of a square k×k matrix: S·(S·A·S)⁻¹·S with the same equilibration as
 * {@link solveSymmetric} (mathjs inv: Gauss–Jordan with partial pivoting). Cost O(k³).
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
