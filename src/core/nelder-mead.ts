/**
 * Nelder–Mead simplex minimisation, without derivatives.
 */

export interface NelderMeadOptions {
  /** The initial simplex: x0 and x0 + step_i·e_i for each coordinate i (step_i ≠ 0). */
  readonly step: readonly number[];
  /** Converged when every vertex is within xTol of the best in every coordinate … */
  readonly xTol: number;
  /** … and every vertex's value within fTol of the best value. */
  readonly fTol: number;
  /** Evaluations of f allowed (the initial simplex's included). */
  readonly maxEvaluations: number;
}

export interface NelderMeadResult {
  /** The best vertex. */
  readonly x: number[];
  /** f at x. */
  readonly f: number;
  readonly evaluations: number;
  readonly iterations: number;
  /** Whether the convergence test passed within maxEvaluations. */
  readonly converged: boolean;
}

interface Vertex {
  x: number[];
  f: number;
}

/**
 * The minimum of f: ℝ^d → ℝ near x0 by the Nelder–Mead simplex method in the form of
 * J. C. Lagarias, J. A. Reeds, M. H. Wright & P. E. Wright, "Convergence properties of the
 * Nelder–Mead simplex method in low dimensions", SIAM J. Optim. 9(1), 1998: reflection 1,
 * expansion 2, contraction ½ (outside and inside), shrink ½; vertices of equal value keep the
 * order they entered in. The convergence test is scipy's `fmin` one (max |x_i − x_best| ≤ xTol
 * and max |f_i − f_best| ≤ fTol). A value of f that is not a finite number counts as +∞, so a
 * vertex there is never the best. Cost: maxEvaluations calls of f at most, O(d²) besides each.
 * Deterministic: the same f and x0 give the same result.
 * @throws RangeError when x0 is empty, step's length differs from x0's, a step is 0 or the
 *   tolerances or budget are not positive
 * @example nelderMead(([a, b]) => (a - 1) ** 2 + (b + 2) ** 2, [0, 0], { step: [1, 1],
 *   xTol: 1e-8, fTol: 1e-12, maxEvaluations: 1000 }).x → ≈ [1, −2]
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions,
): NelderMeadResult {
  const d = x0.length;
  const { step, xTol, fTol, maxEvaluations } = options;
  if (d === 0) throw new RangeError('nelderMead needs at least one coordinate');
  if (step.length !== d || step.some((s) => !(s !== 0 && Number.isFinite(s)))) {
    throw new RangeError(`nelderMead needs ${d} finite non-zero steps`);
  }
  if (!(xTol > 0) || !(fTol > 0) || !(maxEvaluations > d)) {
    throw new RangeError(
      'nelderMead needs positive tolerances and more evaluations than coordinates',
    );
  }
  let evaluations = 0;
  const value = (x: number[]): Vertex => {
    evaluations++;
    const v = f(x);
    return { x, f: Number.isFinite(v) ? v : Infinity };
  };
  const simplex: Vertex[] = [value([...x0])];
  for (let i = 0; i < d; i++) {
    const x = [...x0];
    x[i] = x[i]! + step[i]!;
    simplex.push(value(x));
  }
  const along = (from: number[], to: number[], t: number): number[] =>
    from.map((v, i) => v + t * (to[i]! - v));
  let iterations = 0;
  for (;;) {
    // A stable sort: equal values (also two +∞, whose difference is NaN) keep their order.
    simplex.sort((a, b) => a.f - b.f || 0);
    const best = simplex[0]!;
    const worst = simplex[d]!;
    const converged =
      simplex.every((v) => v.x.every((c, i) => Math.abs(c - best.x[i]!) <= xTol)) &&
      simplex.every((v) => Math.abs(v.f - best.f) <= fTol);
    if (converged || evaluations >= maxEvaluations) {
      return { x: best.x, f: best.f, evaluations, iterations, converged };
    }
    iterations++;
    const centroid = new Array<number>(d).fill(0);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) centroid[j] = centroid[j]! + simplex[i]!.x[j]! / d;
    }
    const reflected = value(along(centroid, worst.x, -1));
    const secondWorst = simplex[d - 1]!.f;
    if (reflected.f < best.f) {
      const expanded = value(along(centroid, worst.x, -2));
      simplex[d] = expanded.f < reflected.f ? expanded : reflected;
      continue;
    }
    if (reflected.f < secondWorst) {
      simplex[d] = reflected;
      continue;
    }
    // Outside the simplex when the reflection beat the worst vertex, else inside it.
    const outside = reflected.f < worst.f;
    const contracted = value(along(centroid, worst.x, outside ? -0.5 : 0.5));
    if (outside ? contracted.f <= reflected.f : contracted.f < worst.f) {
      simplex[d] = contracted;
      continue;
    }
    for (let i = 1; i <= d; i++) simplex[i] = value(along(best.x, simplex[i]!.x, 0.5));
  }
}
