/**
 * The k ≤ 2 paths of src/core/linalg.ts reproduce mathjs's arithmetic (inv closed forms, lup,
 * lusolve with its 1e-15 absolute tolerance) bit for bit: compared here with mathjs itself on
 * seeded random symmetric matrices, including nearly singular ones and tiny right-hand sides.
 */
import { inverse, residual, solveSymmetric } from '../../src/core/linalg';
import { mathInverse, mathLuSolver } from '../../src/core/linalg-mathjs';

/** The former mathjs-only implementation of solveSymmetric and inverse (without the checks). */
function viaMathjs(m: number[][], b: number[]): { inv: number[][]; x: number[] } {
  const s = m.map((row, i) => {
    const d = Math.abs(row[i]!);
    return d > 0 ? 1 / Math.sqrt(d) : 1;
  });
  const scaled = m.map((row, i) => row.map((v, j) => v * s[i]! * s[j]!));
  const inv = mathInverse(scaled).map((row, i) => row.map((v, j) => v * s[i]! * s[j]!));
  const lu = mathLuSolver(scaled);
  const solve = (rhs: number[]): number[] =>
    lu(rhs.map((v, i) => v * s[i]!)).map((v, i) => v * s[i]!);
  const x = solve(b);
  const dx = solve(residual(m, x, b));
  return { inv, x: x.map((v, i) => v + dx[i]!) };
}

test('1×1 and 2×2 solves and inverses are bit-identical to mathjs', () => {
  let seed = 7;
  const rnd = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  let compared = 0;
  for (let it = 0; it < 3000; it++) {
    const k = it % 2 === 0 ? 1 : 2;
    const scale = Math.pow(10, rnd() * 8);
    const d0 = Math.abs(rnd() * scale) + 1e-300;
    const d1 = Math.abs(rnd() * scale) + 1e-300;
    const r = it % 7 === 0 ? 1 - Math.pow(10, -1 - 12 * Math.abs(rnd())) : rnd();
    const c = r * Math.sqrt(d0 * d1);
    const m =
      k === 1
        ? [[d0]]
        : [
            [d0, c],
            [it % 11 === 0 ? c * (1 + 1e-16 * rnd()) : c, d1],
          ];
    const b = Array.from({ length: k }, () => (it % 5 === 0 ? 1e-17 : 1) * rnd() * scale);
    let ref: { inv: number[][]; x: number[] };
    let inv: number[][];
    let x: number[];
    try {
      ref = viaMathjs(m, b);
      inv = inverse(m);
      x = solveSymmetric(m, b);
    } catch {
      continue; // singular to working precision: both refuse (checked in ewma.test.ts)
    }
    expect(inv).toEqual(ref.inv);
    expect(x).toEqual(ref.x);
    compared++;
  }
  expect(compared).toBeGreaterThan(2500);
});
