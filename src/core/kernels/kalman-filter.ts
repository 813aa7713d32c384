/**
 * The Kalman filter of a regression whose coefficients follow a random walk (the hot loop of
 * `--estimator kalman`, src/core/estimators/kalman.ts):
 *
 *   y_t = z_t'a_t + ε_t,  ε_t ~ N(0, r);   a_t = a_{t−1} + η_t,  η_t ~ N(0, diag(q)),
 *
 * z_t = (1, x_1t, …, x_kt) with an intercept, (x_1t, …, x_kt) without; m = dim z. From a_0 and
 * P_0 = diag(p0), each step t (the state filtered through t − 1 in, through t out):
 *
 *   P ← P + diag(q);  v = y_t − z'a;  F = z'Pz + r;  K = Pz/F;  a ← a + K·v;  P ← P − K·z'P,
 *
 * the last as P − (Pz)(Pz)'/F on the lower triangle, mirrored (P stays exactly symmetric). The
 * log-likelihood is the prediction-error decomposition Σ_t −½(ln 2π + ln F_t + v_t²/F_t) over
 * t ≥ burn (the first observations, whose F is dominated by a diffuse P_0, are left out).
 * Reference: J. Durbin & S. J. Koopman, Time Series Analysis by State Space Methods, 2nd ed.,
 * Oxford 2012, §4.3.2 (the filter) and §7.2.1 (the prediction-error decomposition).
 *
 * Cost O(n·m²) time, O(m²) memory. The inputs are not modified.
 */

const LN_2PI = Math.log(2 * Math.PI);

/** The filter's model and what to record. */
export interface KalmanSpec {
  readonly y: ArrayLike<number>;
  readonly xs: readonly ArrayLike<number>[];
  readonly intercept: boolean;
  /** Variance of each coefficient's step (length m, intercept first). */
  readonly q: ArrayLike<number>;
  /** Variance of the observation noise. */
  readonly r: number;
  /** The diagonal of P_0 (length m); a_0 = 0. */
  readonly p0: ArrayLike<number>;
  /** Steps t = 0 … count − 1 (≤ y.length). */
  readonly count: number;
  /** Observations t < burn are left out of the log-likelihood. */
  readonly burn: number;
  /**
   * From this index on, the hedged return e_t = y_t − Σ_j a_j·x_jt with the slopes a_j filtered
   * through t − 1 (no intercept: it is not hedged) is written to errors[t − walkStart].
   */
  readonly walkStart?: number;
  readonly errors?: Float64Array;
}

/** What a run of the filter gives. */
export interface KalmanOutput {
  /** The log-likelihood over t = burn … count − 1; −Infinity when some F_t is not positive. */
  readonly logLikelihood: number;
  /** The state filtered through count − 1 (intercept first). */
  readonly state: Float64Array;
  /** The slopes filtered through count − 2: the ratios the last step of a walk-forward used. */
  readonly previousSlopes: Float64Array;
}

/**
 * Runs the filter (see the module comment).
 * @throws RangeError when a length disagrees with y's or count, or count exceeds y.length
 */
export function kalmanFilter(spec: KalmanSpec): KalmanOutput {
  const { y, xs, intercept, q, r, p0, count, burn } = spec;
  const k = xs.length;
  const off = intercept ? 1 : 0;
  const m = k + off;
  if (q.length !== m || p0.length !== m) {
    throw new RangeError(`q and p0 need ${m} entries, got ${q.length} and ${p0.length}`);
  }
  if (count > y.length || xs.some((x) => x.length < count)) {
    throw new RangeError(`${count} steps but a series is shorter`);
  }
  const walkStart = spec.walkStart ?? count;
  const errors = spec.errors;
  if (walkStart < count && (errors === undefined || errors.length < count - walkStart)) {
    throw new RangeError(`the walk-forward needs ${count - walkStart} error slots`);
  }
  const a = new Float64Array(m);
  const previous = new Float64Array(k);
  const p = new Float64Array(m * m);
  for (let i = 0; i < m; i++) p[i * m + i] = p0[i]!;
  const z = new Float64Array(m);
  const pz = new Float64Array(m);
  if (intercept) z[0] = 1;
  let sum = 0;
  let terms = 0;
  let positive = true;
  for (let t = 0; t < count; t++) {
    const yt = y[t]!;
    for (let j = 0; j < k; j++) z[off + j] = xs[j]![t]!;
    for (let i = 0; i < m; i++) p[i * m + i] = p[i * m + i]! + q[i]!;
    if (t >= walkStart) {
      let e = yt;
      for (let j = 0; j < k; j++) e -= a[off + j]! * z[off + j]!;
      errors![t - walkStart] = e;
    }
    if (t === count - 1) for (let j = 0; j < k; j++) previous[j] = a[off + j]!;
    let v = yt;
    for (let i = 0; i < m; i++) v -= z[i]! * a[i]!;
    let f = r;
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += p[i * m + j]! * z[j]!;
      pz[i] = s;
      f += z[i]! * s;
    }
    if (!(f > 0)) positive = false;
    const g = v / f;
    for (let i = 0; i < m; i++) a[i] = a[i]! + pz[i]! * g;
    for (let i = 0; i < m; i++) {
      const c = pz[i]! / f;
      for (let j = 0; j <= i; j++) {
        const value = p[i * m + j]! - c * pz[j]!;
        p[i * m + j] = value;
        p[j * m + i] = value;
      }
    }
    if (t >= burn) {
      sum += Math.log(f) + v * g;
      terms++;
    }
  }
  const logLikelihood = positive ? -0.5 * (terms * LN_2PI + sum) : -Infinity;
  return {
    logLikelihood: Number.isNaN(logLikelihood) ? -Infinity : logLikelihood,
    state: a,
    previousSlopes: previous,
  };
}
