/**
 * Property tests (fast-check, fixed seed) for the numerical core: invariances of OLS, optimality
 * of the minimum-variance ratio, the EWMA limit, identities of the moments, and that no function
 * modifies its inputs.
 *
 * Data are on a grid of multiples of 1/8 in [−1000, 1000] so that shifts by integers are exact in
 * binary: the invariances can then be asserted to a few ulps. Where an operation rounds the data
 * (scaling by an arbitrary c) the tolerance is the first-order effect of that rounding on β:
 * |δβ_j| ≤ √[(X'X)⁻¹]_jj · ‖δy‖, ‖δy‖ ≤ ε·‖c·y‖.
 */
import fc from 'fast-check';
import { MathError } from '../../src/errors';
import { olsFit, type OlsFit } from '../../src/core/regression/ols';
import { ewmaCovariance, minVarianceRatio } from '../../src/core/estimators/ewma';
import { returnsOf } from '../../src/core/returns';
import { correlation, covariance, mean, standardDeviation, variance } from '../../src/core/stats';

const SEED = 20240601;
const RUNS = { seed: SEED, numRuns: 200 };
const EPS = Number.EPSILON;

const gridValue = fc.integer({ min: -8000, max: 8000 }).map((v) => v / 8);

interface Problem {
  y: number[];
  xs: number[][];
  intercept: boolean;
}

const problem: fc.Arbitrary<Problem> = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 30 }), fc.boolean())
  .chain(([p, extra, intercept]) => {
    const n = p + 3 + extra;
    const column = fc.array(gridValue, { minLength: n, maxLength: n });
    return fc.record({
      y: column,
      xs: fc.array(column, { minLength: p, maxLength: p }),
      intercept: fc.constant(intercept),
    });
  });

/** The fit, or null when the random design happens to be degenerate (those runs are skipped). */
function fitOrNull(pr: Problem): OlsFit | null {
  try {
    return olsFit(pr.y, pr.xs, pr.intercept);
  } catch (e) {
    if (e instanceof MathError) return null;
    throw e;
  }
}

function norm2(v: readonly number[]): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}

/** √[(X'X)⁻¹]_jj for coefficient j. */
function sensitivity(fit: OlsFit, j: number): number {
  return Math.sqrt(fit.unscaledCovariance[j * fit.k + j]!);
}

describe('OLS invariances', () => {
  test('scaling y by c scales every coefficient by c', () => {
    fc.assert(
      fc.property(problem, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (pr, c) => {
        const base = fitOrNull(pr);
        fc.pre(base !== null);
        const cy = pr.y.map((v) => c * v);
        const scaled = olsFit(cy, pr.xs, pr.intercept);
        const yNorm = norm2(cy);
        base!.coefficients.forEach((b, j) => {
          const tol = 8 * EPS * (Math.abs(c * b) + sensitivity(base!, j) * yNorm);
          expect(Math.abs(scaled.coefficients[j]! - c * b)).toBeLessThanOrEqual(tol);
        });
        expect(Math.abs(scaled.rSquared - base!.rSquared)).toBeLessThanOrEqual(1e-12);
      }),
      RUNS,
    );
  });

  test('with an intercept, shifting y or any x by a constant leaves the slopes unchanged', () => {
    fc.assert(
      fc.property(
        problem.map((pr) => ({ ...pr, intercept: true })),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 3, maxLength: 3 }),
        (pr, dy, dx) => {
          const base = fitOrNull(pr);
          fc.pre(base !== null);
          // exact in binary: grid values plus integers below 2^53
          const shifted = olsFit(
            pr.y.map((v) => v + dy),
            pr.xs.map((x, j) => x.map((v) => v + dx[j]!)),
            true,
          );
          const yNorm = norm2(pr.y.map((v) => v - mean(pr.y)));
          for (let j = 1; j < base!.k; j++) {
            const b = base!.coefficients[j]!;
            const tol = 4 * EPS * Math.abs(b) + 1e-20 * sensitivity(base!, j) * yNorm;
            expect(Math.abs(shifted.coefficients[j]! - b)).toBeLessThanOrEqual(tol);
          }
          expect(Math.abs(shifted.ssr - base!.ssr)).toBeLessThanOrEqual(4 * EPS * base!.ssr);
        },
      ),
      RUNS,
    );
  });

  test('permuting the observations leaves the fit unchanged', () => {
    fc.assert(
      fc.property(
        problem.chain((pr) =>
          fc.tuple(
            fc.constant(pr),
            fc.shuffledSubarray(
              pr.y.map((_, i) => i),
              { minLength: pr.y.length, maxLength: pr.y.length },
            ),
          ),
        ),
        ([pr, order]) => {
          const base = fitOrNull(pr);
          fc.pre(base !== null);
          const permuted = olsFit(
            order.map((i) => pr.y[i]!),
            pr.xs.map((x) => order.map((i) => x[i]!)),
            pr.intercept,
          );
          const yNorm = norm2(pr.y);
          base!.coefficients.forEach((b, j) => {
            const tol = 4 * EPS * Math.abs(b) + 1e-20 * sensitivity(base!, j) * yNorm;
            expect(Math.abs(permuted.coefficients[j]! - b)).toBeLessThanOrEqual(tol);
          });
          base!.stdErrors.forEach((s, j) => {
            expect(Math.abs(permuted.stdErrors[j]! - s)).toBeLessThanOrEqual(4 * EPS * s + 1e-300);
          });
          expect(Math.abs(permuted.rSquared - base!.rSquared)).toBeLessThanOrEqual(4 * EPS);
          order.forEach((i, t) => expect(permuted.residuals[t]).toBe(base!.residuals[i]));
        },
      ),
      RUNS,
    );
  });

  test('R² is in [0, 1], p-values in [0, 1], no NaN', () => {
    fc.assert(
      fc.property(problem, (pr) => {
        const fit = fitOrNull(pr);
        fc.pre(fit !== null);
        expect(fit!.rSquared).toBeGreaterThanOrEqual(0);
        expect(fit!.rSquared).toBeLessThanOrEqual(1);
        for (const p of [...fit!.pValues, fit!.fPValue ?? 0]) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
        expect([...fit!.coefficients, ...fit!.stdErrors, ...fit!.tStats].some(Number.isNaN)).toBe(
          false,
        );
      }),
      RUNS,
    );
  });
});

/** Var(y − Σ h_j x_j), n − 1. */
function hedgedVariance(
  y: readonly number[],
  xs: readonly number[][],
  h: readonly number[],
): number {
  return variance(y.map((v, i) => xs.reduce((acc, x, j) => acc - h[j]! * x[i]!, v)));
}

describe('minimum-variance hedge ratio', () => {
  const perturbation = fc.array(
    fc.double({ min: 1e-3, max: 1, noNaN: true }).chain((m) => fc.constantFrom(m, -m)),
    { minLength: 3, maxLength: 3 },
  );

  test('the OLS slopes minimise the hedged variance: any perturbation does not reduce it', () => {
    fc.assert(
      fc.property(
        problem.map((pr) => ({ ...pr, intercept: true })),
        perturbation,
        fc.integer({ min: 0, max: 2 }),
        (pr, u, which) => {
          const fit = fitOrNull(pr);
          fc.pre(fit !== null);
          const h = Array.from(fit!.coefficients.slice(1));
          const sdY = standardDeviation(pr.y);
          // perturb one hedge, or all of them, in units of sd(y)/sd(x_j)
          const delta = pr.xs.map((x, j) =>
            which === 2 || j === which % pr.xs.length ? (u[j]! * sdY) / standardDeviation(x) : 0,
          );
          const best = hedgedVariance(pr.y, pr.xs, h);
          const other = hedgedVariance(
            pr.y,
            pr.xs,
            h.map((v, j) => v + delta[j]!),
          );
          expect(other).toBeGreaterThanOrEqual(best * (1 - 1e-12));
        },
      ),
      RUNS,
    );
  });

  test('the EWMA ratio minimises the EWMA variance of the hedged series', () => {
    fc.assert(
      fc.property(
        problem,
        fc.double({ min: 1, max: 100, noNaN: true }),
        perturbation,
        (pr, halflife, u) => {
          let h: number[];
          try {
            h = minVarianceRatio(ewmaCovariance([...pr.xs, pr.y], halflife, pr.intercept));
          } catch (e) {
            if (e instanceof MathError) return fc.pre(false);
            throw e;
          }
          const weighted = (hh: readonly number[]): number =>
            ewmaCovariance(
              [pr.y.map((v, i) => pr.xs.reduce((acc, x, j) => acc - hh[j]! * x[i]!, v))],
              halflife,
              pr.intercept,
            )[0]![0]!;
          const sdY = standardDeviation(pr.y);
          const best = weighted(h);
          const other = weighted(h.map((v, j) => v + (u[j]! * sdY) / standardDeviation(pr.xs[j]!)));
          expect(other).toBeGreaterThanOrEqual(best * (1 - 1e-9));
        },
      ),
      RUNS,
    );
  });

  test('as the half-life grows, the EWMA ratio approaches the OLS slopes', () => {
    fc.assert(
      fc.property(problem, (pr) => {
        const fit = fitOrNull(pr);
        fc.pre(fit !== null);
        const off = pr.intercept ? 1 : 0;
        const distance = (halflife: number): number => {
          const h = minVarianceRatio(ewmaCovariance([...pr.xs, pr.y], halflife, pr.intercept));
          return Math.max(
            ...h.map(
              (v, j) => Math.abs(v - fit!.coefficients[j + off]!) / fit!.stdErrors[j + off]!,
            ),
          );
        };
        // in standard errors of the OLS slope: shrinking as the weights flatten
        expect(distance(1e12)).toBeLessThanOrEqual(1e-6);
        expect(distance(1e12)).toBeLessThanOrEqual(distance(1e3) + 1e-6);
      }),
      RUNS,
    );
  });
});

describe('moments', () => {
  const series = fc.array(
    fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
    { minLength: 2, maxLength: 50 },
  );

  test('covariance(x, x) = variance(x), correlation in [−1, 1]', () => {
    fc.assert(
      fc.property(series, series, (x, y) => {
        expect(covariance(x, x)).toBe(variance(x));
        const n = Math.min(x.length, y.length);
        const a = x.slice(0, n);
        const b = y.slice(0, n);
        let r: number;
        try {
          r = correlation(a, b);
        } catch (e) {
          if (e instanceof MathError) return; // a constant series
          throw e;
        }
        expect(r).toBeGreaterThanOrEqual(-1);
        expect(r).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });

  test('variance is invariant to an exact shift', () => {
    fc.assert(
      fc.property(
        fc.array(gridValue, { minLength: 2, maxLength: 50 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        (x, d) => {
          const v = variance(x);
          expect(Math.abs(variance(x.map((e) => e + d)) - v)).toBeLessThanOrEqual(8 * EPS * v);
        },
      ),
      RUNS,
    );
  });
});

describe('inputs are not modified', () => {
  test('every function leaves frozen inputs intact', () => {
    fc.assert(
      fc.property(problem, fc.double({ min: 1, max: 50, noNaN: true }), (pr, halflife) => {
        const y = Object.freeze([...pr.y]);
        const xs = Object.freeze(pr.xs.map((x) => Object.freeze([...x])));
        const typed = Float64Array.from(pr.y);
        const typedCopy = Float64Array.from(typed);
        try {
          olsFit(y, xs, pr.intercept);
          olsFit(typed, xs, pr.intercept);
        } catch (e) {
          if (!(e instanceof MathError)) throw e;
        }
        try {
          ewmaCovariance([...xs, y, typed], halflife, pr.intercept);
        } catch (e) {
          if (!(e instanceof MathError)) throw e;
        }
        returnsOf(typed, 'diff');
        returnsOf(y, 'level');
        variance(y);
        expect(y).toEqual(pr.y);
        expect(xs).toEqual(pr.xs);
        expect(typed).toEqual(typedCopy);
      }),
      { seed: SEED, numRuns: 50 },
    );
  });
});
