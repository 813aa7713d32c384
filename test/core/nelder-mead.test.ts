/**
 * Nelder–Mead (Lagarias et al. 1998) on functions with known minima: Rosenbrock's valley
 * (minimum 0 at (1, 1); H. H. Rosenbrock, Comput. J. 3, 1960), a shifted quadratic, one
 * dimension, and values that are not finite.
 */
import { nelderMead } from '../../src/core/nelder-mead';

const OPTIONS = { xTol: 1e-10, fTol: 1e-14, maxEvaluations: 5000 };

describe('nelderMead', () => {
  test("Rosenbrock's valley from (−1.2, 1): the minimum (1, 1)", () => {
    const f = ([a, b]: readonly number[]) => 100 * (b! - a! * a!) ** 2 + (1 - a!) ** 2;
    const res = nelderMead(f, [-1.2, 1], { ...OPTIONS, step: [0.1, 0.1] });
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 7);
    expect(res.x[1]).toBeCloseTo(1, 7);
    expect(res.f).toBeLessThan(1e-14);
    expect(res.evaluations).toBeLessThan(1000);
  });

  test('a quadratic in three dimensions, and one dimension', () => {
    const f = (x: readonly number[]) => (x[0]! - 3) ** 2 + 2 * (x[1]! + 1) ** 2 + 5 * x[2]! ** 2;
    const res = nelderMead(f, [0, 0, 0], { ...OPTIONS, step: [1, 1, 1] });
    expect(res.x.map((v) => Number(v.toFixed(6)))).toEqual([3, -1, 0]);
    const one = nelderMead((x) => Math.cosh(x[0]! - 0.25), [4], { ...OPTIONS, step: [-1] });
    expect(one.x[0]).toBeCloseTo(0.25, 6);
  });

  test('non-finite values count as +∞: the search stays where f is defined', () => {
    const f = ([a]: readonly number[]) => (a! <= 0 ? NaN : a! - Math.log(a!));
    const res = nelderMead(f, [3], { ...OPTIONS, step: [-2.9] });
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 6);
  });

  test('out of budget: not converged, the best vertex so far; deterministic', () => {
    const f = ([a, b]: readonly number[]) => 100 * (b! - a! * a!) ** 2 + (1 - a!) ** 2;
    const options = { ...OPTIONS, step: [0.1, 0.1], maxEvaluations: 20 };
    const res = nelderMead(f, [-1.2, 1], options);
    expect(res.converged).toBe(false);
    expect(res.evaluations).toBeGreaterThanOrEqual(20);
    expect(res.f).toBeLessThan(f([-1.2, 1]));
    expect(nelderMead(f, [-1.2, 1], options)).toEqual(res);
  });

  test('bad arguments are programming errors', () => {
    expect(() => nelderMead(() => 0, [], { ...OPTIONS, step: [] })).toThrow(RangeError);
    expect(() => nelderMead(() => 0, [1], { ...OPTIONS, step: [0] })).toThrow(RangeError);
    expect(() => nelderMead(() => 0, [1], { ...OPTIONS, step: [1], fTol: 0 })).toThrow(RangeError);
  });
});
