/**
 * The Kalman estimator's model (./kalman.ts) in the data's units: the filter run on the scaled
 * series (kalmanRun), and the maximum-likelihood estimates of the variances q and r: the
 * log-likelihood is the filter's prediction-error decomposition (Durbin & Koopman, Time Series
 * Analysis by State Space Methods, 2nd ed. 2012, §7.2), maximised over θ = (ln q, ln r) by
 * Nelder–Mead (src/core/nelder-mead.ts). docs/estimators.md gives the reasons for each choice.
 *
 * - Start: r₀ = the OLS residual variance SSR/(n − m) (the maximum-likelihood r when the
 *   coefficients do not move, up to the degrees of freedom), and the q of the grid
 *   q = r₀·10^e, e = 2, 1, 0, −1, … down to the floor below, that gives the highest likelihood
 *   at r₀ (the likelihood is flat in ln q over decades where q is negligible, so a local search
 *   from a fixed start can stall there).
 * - Simplex: steps of ½·ln 10 in ln q (the grid's half-spacing) and ½ in ln r; converged when
 *   the vertices are within 1e-6 in θ and within 1e-8·|ℓ| + 1e-9 in value (above the
 *   likelihood's rounding noise: the diffuse start P_0 = 10⁶·I cancels ~6 digits in the first
 *   updates, and ℓ is then known to ~1e-10·|ℓ|), then restarted from where it stopped until a
 *   restart gains nothing, within 2,000 evaluations in all; otherwise a MathError, which the
 *   report locates at the position's row.
 * - q ≥ q_floor = 1e-12·r₀ / (n·max_t |z_t|²): below it the random walk's whole variance over the
 *   sample moves no prediction by 1e-12 of the noise, and ℓ is flat; θ_q is reflected there
 *   (q = exp(f + |θ_q − f|), f = ln q_floor), and an estimate below 1000·q_floor is reported as
 *   q = 0: the coefficients do not move (the maximum is on the boundary, as it is in about half
 *   of samples from a market whose beta is constant).
 */
import { MathError } from '../../errors';
import { nelderMead, type NelderMeadResult } from '../nelder-mead';
import { olsFit } from '../regression/ols';
import { kalmanFilter, type KalmanOutput } from '../kernels/kalman-filter';
import type { EstimatorInput } from './types';

/** The diagonal of P_0: the approximately diffuse start (Durbin & Koopman §5.1). */
export const KALMAN_P0 = 1e6;

/** x·2^e, exact (in two factors: 2^e alone may not be a double). */
function times2(x: number, e: number): number {
  const h = Math.trunc(e / 2);
  return x * 2 ** h * 2 ** (e - h);
}

/**
 * The filter of y on xs with data-unit variances q, r, on the (scaled) series as given: each
 * coefficient's q and p0 and r divided by the square of its scale. Log-likelihood in the data's
 * units. `count`: steps; `walkStart`/`errors`: the walk-forward (KalmanSpec).
 */
export function kalmanRun(
  input: EstimatorInput,
  q: number,
  r: number,
  count: number,
  walk: { start: number; errors: Float64Array } | null = null,
): KalmanOutput {
  const k = input.xs.length;
  const off = input.intercept ? 1 : 0;
  const ey = input.exps?.[0] ?? 0;
  // Coefficient i in the scaled units is its data value times 2^c_i.
  const c = [
    ...(input.intercept ? [-ey] : []),
    ...input.xs.map((_, j) => (input.exps?.[j + 1] ?? 0) - ey),
  ];
  const qs = Float64Array.from(c, (e) => times2(q, 2 * e));
  const p0 = Float64Array.from(c, (e) => times2(KALMAN_P0, 2 * e));
  const out = kalmanFilter({
    y: input.y,
    xs: input.xs,
    intercept: input.intercept,
    q: qs,
    r: times2(r, -2 * ey),
    p0,
    count,
    burn: k + off,
    ...(walk === null ? {} : { walkStart: walk.start, errors: walk.errors }),
  });
  // ln F in the data's units is ln F' + 2·ey·ln 2 for each of the count − burn terms.
  const terms = Math.max(0, count - k - off);
  return { ...out, logLikelihood: out.logLikelihood - terms * ey * Math.LN2 };
}

/** The estimate and how it was reached. */
export interface KalmanMle {
  readonly q: number;
  readonly r: number;
  /** ℓ at (q, r), in the data's units. */
  readonly logLikelihood: number;
  readonly evaluations: number;
}

/** Evaluations Nelder–Mead may use. */
const MAX_EVALUATIONS = 2000;

/** The first `count` values as a Float64Array (a view when possible). */
function head(x: ArrayLike<number>, count: number): Float64Array {
  return x instanceof Float64Array
    ? x.subarray(0, count)
    : Float64Array.from({ length: count }, (_, i) => x[i]!);
}

/** r₀ and the floor of q, in the data's units, from returns 0 … count − 1. */
function startOf(input: EstimatorInput, count: number): { r0: number; qFloor: number } {
  const xs = input.xs.map((x) => head(x, count));
  const ey = input.exps?.[0] ?? 0;
  const fit = olsFit(head(input.y, count), xs, input.intercept);
  const r0 = times2(fit.residualStdDev * fit.residualStdDev, 2 * ey);
  let zmax = 0;
  for (let t = 0; t < count; t++) {
    let z2 = input.intercept ? 1 : 0;
    xs.forEach((x, j) => {
      const v = times2(x[t]!, input.exps?.[j + 1] ?? 0);
      z2 += v * v;
    });
    if (z2 > zmax) zmax = z2;
  }
  return { r0, qFloor: (1e-12 * r0) / (count * zmax) };
}

/**
 * The minimum of f by Nelder–Mead from x0, restarted from where it stopped until a restart gains
 * no more than fTol (a simplex can collapse short of the minimum along a direction where f is
 * flat, here ln q where q is negligible), all within `budget` evaluations.
 */
function minimise(
  f: (theta: readonly number[]) => number,
  x0: readonly number[],
  step: readonly number[],
  fTol: number,
  budget: number,
): NelderMeadResult {
  let evaluations = 0;
  let best: NelderMeadResult | null = null;
  for (let run = 0; run < 6; run++) {
    const left = budget - evaluations;
    if (left <= x0.length) break;
    const next = nelderMead(f, best?.x ?? x0, { step, xTol: 1e-6, fTol, maxEvaluations: left });
    evaluations += next.evaluations;
    const gained = best === null ? Infinity : best.f - next.f;
    if (!next.converged) return { ...next, evaluations };
    if (gained > 0) best = next;
    if (gained <= fTol) break;
  }
  return { ...best!, evaluations };
}

/** The grid's best q at r (the start of the search; see the module comment). */
function gridStart(ll: (q: number, r: number) => number, r0: number, r: number, qFloor: number) {
  let q = qFloor;
  let best = ll(qFloor, r);
  for (let e = 2; r0 * 10 ** e >= qFloor; e--) {
    const value = ll(r0 * 10 ** e, r);
    if (value > best) [best, q] = [value, r0 * 10 ** e];
  }
  return { q, logLikelihood: best };
}

/**
 * The maximum-likelihood q and r from returns 0 … count − 1 (see the module comment); a value
 * given in input.params (kalmanQ, kalmanR) is held fixed. `budget`: the evaluations the search
 * may use (MAX_EVALUATIONS; a test lowers it to see the error).
 * @throws MathError with fewer than m + 3 returns, an exact fit (no residual variance), or when
 *   the optimiser does not converge
 */
export function kalmanMle(
  input: EstimatorInput,
  count: number,
  budget = MAX_EVALUATIONS,
): KalmanMle {
  const m = input.xs.length + (input.intercept ? 1 : 0);
  if (count < m + 3) {
    throw new MathError(
      `the maximum-likelihood estimate of the Kalman variances needs at least ${m + 3} returns, got ${count}`,
    );
  }
  const fixedQ = input.params.kalmanQ ?? null;
  const fixedR = input.params.kalmanR ?? null;
  const { r0, qFloor } = startOf(input, count);
  const rStart = fixedR ?? r0;
  if (!(rStart > 0)) {
    throw new MathError('the returns fit exactly (no residual variance): give --kalman-r');
  }
  const ll = (q: number, r: number) => kalmanRun(input, q, r, count).logLikelihood;
  const start = fixedQ === null ? gridStart(ll, r0, rStart, qFloor) : null;
  const qStart = fixedQ ?? start!.q;
  const fTol = 1e-8 * Math.abs(start?.logLikelihood ?? ll(qStart, rStart)) + 1e-9;
  // θ: ln q (reflected at the floor) and ln r, those that are free.
  const floor = Math.log(qFloor);
  const variances = (theta: readonly number[]) => ({
    q: fixedQ ?? Math.exp(floor + Math.abs(theta[0]! - floor)),
    r: fixedR ?? Math.exp(theta[fixedQ === null ? 1 : 0]!),
  });
  const free = [fixedQ === null, fixedR === null];
  const x0 = [Math.log(qStart), Math.log(rStart)].filter((_, i) => free[i]);
  const step = [0.5 * Math.LN10, 0.5].filter((_, i) => free[i]);
  let result = minimise(
    (theta) => {
      const v = variances(theta);
      return -ll(v.q, v.r);
    },
    x0,
    step,
    fTol,
    budget,
  );
  let { q, r } = variances(result.x);
  let evaluations = result.evaluations;
  if (result.converged && fixedQ === null && q < 1000 * qFloor) {
    // On the boundary: q = 0 (the coefficients do not move), and r maximised there alone.
    q = 0;
    if (fixedR === null) {
      const f = (theta: readonly number[]) => -ll(0, Math.exp(theta[0]!));
      result = minimise(f, [Math.log(r)], [0.5], fTol, budget - evaluations);
      evaluations += result.evaluations;
      r = Math.exp(result.x[0]!);
    }
  }
  if (!result.converged || !Number.isFinite(result.f)) {
    throw new MathError(
      `the maximum-likelihood estimate of the Kalman variances did not converge in ${evaluations} evaluations (last q ${q.toExponential(3)}, r ${r.toExponential(3)}); set them with --kalman-q and --kalman-r`,
    );
  }
  return { q, r, logLikelihood: ll(q, r), evaluations };
}
