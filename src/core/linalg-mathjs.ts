/**
 * mathjs, created with only the factories {@link ./linalg} needs for k ≥ 3 (the full bundle costs
 * about 0.5 s at start-up; creating even these typed functions costs ~75 ms on first use, so this
 * module is required lazily, only when a 3×3 or larger system appears).
 */
import { create, invDependencies, lupDependencies, lusolveDependencies } from 'mathjs';

// The dependency maps are typed as possibly undefined; they are always defined at run time.
const math = create({
  invDependencies: invDependencies!,
  lupDependencies: lupDependencies!,
  lusolveDependencies: lusolveDependencies!,
});

type Matrix = readonly (readonly number[])[];

/** mathjs inv (Gauss–Jordan with partial pivoting); throws a plain Error when singular. */
export function mathInverse(a: Matrix): number[][] {
  return math.inv(a as number[][]) as unknown as number[][];
}

/** LU with partial pivoting (mathjs lup), returning a solver for right-hand sides. */
export function mathLuSolver(a: Matrix): (rhs: readonly number[]) => number[] {
  const lu = math.lup(a as number[][]);
  return (rhs) => {
    const z = math.lusolve(lu, rhs as number[]);
    const column = (Array.isArray(z) ? z : z.toArray()) as unknown as number[][];
    return column.map((row) => row[0]!);
  };
}
