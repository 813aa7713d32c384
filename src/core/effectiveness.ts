/**
 * Hedge effectiveness: in sample (Ederington) and out of sample by an expanding-window
 * walk-forward whose hedge ratio is updated recursively in O(k²) per step.
 */
import { MathError } from '../errors';
import { inverse } from './linalg';
import { scratch } from './scratch';
import { variance } from './stats';

function checkShapes(y: ArrayLike<number>, regressors: readonly ArrayLike<number>[]): void {
  if (regressors.length === 0) throw new MathError('effectiveness needs at least one hedge');
  regressors.forEach((x, j) => {
    if (x.length !== y.length) {
      throw new RangeError(`hedge ${j + 1} has ${x.length} values, the position has ${y.length}`);
    }
  });
}

/**
 * Returns of the hedged position e_t = y_t − Σ_j h_j·x_j,t (a long position in y, short h_j of
 * each hedge). Cost O(n·k).
 * @throws MathError when the number of ratios differs from the number of hedges
 * @throws RangeError when lengths differ
 */
export function hedgedReturns(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  ratios: readonly number[],
): Float64Array {
  return hedgedReturnsInto(y, regressors, ratios, new Float64Array(y.length));
}

/** {@link hedgedReturns} written to `e` (length n), which is returned. */
function hedgedReturnsInto(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  ratios: readonly number[],
  e: Float64Array,
): Float64Array {
  checkShapes(y, regressors);
  if (ratios.length !== regressors.length) {
    throw new MathError(`${regressors.length} hedges but ${ratios.length} hedge ratios`);
  }
  for (let t = 0; t < e.length; t++) e[t] = y[t]!;
  regressors.forEach((x, j) => {
    const h = ratios[j]!;
    for (let t = 0; t < e.length; t++) e[t] = e[t]! - h * x[t]!;
  });
  return e;
}

/**
 * In-sample hedge effectiveness (Ederington 1979): 1 − Var(y − Σ_j h_j·x_j) / Var(y), both
 * variances with n − 1 (the factor cancels). With OLS ratios and an intercept it equals R².
 * Negative when the hedge adds variance. Reference: L. H. Ederington, "The hedging performance
 * of the new futures markets", J. Finance 34(1), 1979. Cost O(n·k).
 * @throws MathError when fewer than 2 observations, y is constant, or ratios and hedges differ in number
 * @throws RangeError when lengths differ
 * @example inSampleEffectiveness([1, 2, 3, 5], [[1, 2, 3, 4]], [1]) → 1 − 0.25/2.9166… = 0.9142857142857143
 */
export function inSampleEffectiveness(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  ratios: readonly number[],
): number {
  const vy = variance(y);
  if (!(vy > 0))
    throw new MathError('effectiveness is undefined: the position returns are constant');
  return 1 - variance(hedgedReturnsInto(y, regressors, ratios, scratch('work1', y.length))) / vy;
}

export interface WalkForwardOptions {
  /** Ratio from centred moments (OLS with intercept) or raw moments (through the origin). */
  intercept: boolean;
  estimator: 'ols' | 'ewma';
  /** EWMA half-life in observations (ignored by 'ols'). */
  halflife: number;
}

/** Out-of-sample hedged returns of the walk-forward and where they start. */
export interface WalkForward {
  /** First return index hedged out of sample: ⌊n/2⌋. */
  start: number;
  /** e_t = y_t − Σ_j h_j,t·x_j,t for t = start … n − 1 (length n − start). */
  errors: Float64Array;
  /** The ratio used at the last step (estimated from returns 0 … n − 2). */
  lastRatios: number[];
}

/**
 * Recursive moments of the regressors x (k) and y under exponential forgetting λ (λ = 1: equal
 * weights). Centred: weighted means m and co-moments C = Σ w (z − m)(z − m)'; raw: C = Σ w z z'.
 * Keeps P = C_xx⁻¹ by Sherman–Morrison, so the ratio C_xx⁻¹·c_xy costs O(k²) per step.
 */
class RecursiveRatio {
  private weight = 0;
  private readonly meanX: Float64Array;
  private meanY = 0;
  private readonly cxy: Float64Array;
  private p: Float64Array; // k×k row-major C_xx⁻¹
  // Work buffers, reused at every step (no allocation per observation).
  private next: Float64Array;
  private readonly d: Float64Array;
  private readonly pd: Float64Array;

  constructor(
    private readonly k: number,
    private readonly lambda: number,
    private readonly centred: boolean,
    initial: {
      weight: number;
      meanX: Float64Array;
      meanY: number;
      cxx: number[][];
      cxy: Float64Array;
    },
  ) {
    this.weight = initial.weight;
    this.meanX = Float64Array.from(initial.meanX);
    this.meanY = initial.meanY;
    this.cxy = Float64Array.from(initial.cxy);
    const inv = inverse(initial.cxx);
    this.p = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) this.p[i * k + j] = inv[i]![j]!;
    this.next = new Float64Array(k * k);
    this.d = new Float64Array(k);
    this.pd = new Float64Array(k);
  }

  /**
   * The walk-forward loop of {@link walkForwardInto} for one or two hedges: ratiosInto and add
   * with every array element in a local, the same operations in the same order (the same
   * doubles as the general loop). Writes e_t to errors[t − start] and the last ratios to `h`;
   * false when an error is not finite.
   */
  walkSmall(
    y: ArrayLike<number>,
    x0: ArrayLike<number>,
    x1: ArrayLike<number> | null,
    start: number,
    errors: Float64Array,
    h: Float64Array,
  ): boolean {
    const { lambda, centred, p } = this;
    const n = y.length;
    let weight = this.weight;
    let meanY = this.meanY;
    let mx0 = this.meanX[0]!;
    let cxy0 = this.cxy[0]!;
    let p00 = p[0]!;
    let allFinite = true;
    let h0 = 0;
    let h1 = 0;
    if (x1 === null) {
      for (let t = start; t < n; t++) {
        h0 = 0 + p00 * cxy0;
        const a = x0[t]!;
        const yt = y[t]!;
        const e = yt - h0 * a;
        errors[t - start] = e;
        if (!Number.isFinite(e)) allFinite = false;
        if (t === n - 1) break;
        const decayed = lambda * weight;
        const total = decayed + 1;
        let scale2 = 1;
        let d0 = a;
        let dy = yt;
        if (centred) {
          scale2 = decayed / total;
          d0 = a - mx0;
          dy = yt - meanY;
          mx0 = mx0 + d0 / total;
          meanY += dy / total;
        }
        weight = total;
        cxy0 = lambda * cxy0 + scale2 * d0 * dy;
        const pd0 = (0 + p00 * d0) / lambda;
        const dpd = 0 + d0 * pd0;
        const f = scale2 / (1 + scale2 * dpd);
        p00 = p00 / lambda - f * pd0 * pd0;
      }
      h[0] = h0;
      return allFinite;
    }
    let mx1 = this.meanX[1]!;
    let cxy1 = this.cxy[1]!;
    let p01 = p[1]!;
    let p10 = p[2]!;
    let p11 = p[3]!;
    for (let t = start; t < n; t++) {
      h0 = 0 + p00 * cxy0 + p01 * cxy1;
      h1 = 0 + p10 * cxy0 + p11 * cxy1;
      const a = x0[t]!;
      const b = x1[t]!;
      const yt = y[t]!;
      let e = yt;
      e -= h0 * a;
      e -= h1 * b;
      errors[t - start] = e;
      if (!Number.isFinite(e)) allFinite = false;
      if (t === n - 1) break;
      const decayed = lambda * weight;
      const total = decayed + 1;
      let scale2 = 1;
      let d0 = a;
      let d1 = b;
      let dy = yt;
      if (centred) {
        scale2 = decayed / total;
        d0 = a - mx0;
        d1 = b - mx1;
        dy = yt - meanY;
        mx0 = mx0 + d0 / total;
        mx1 = mx1 + d1 / total;
        meanY += dy / total;
      }
      weight = total;
      cxy0 = lambda * cxy0 + scale2 * d0 * dy;
      cxy1 = lambda * cxy1 + scale2 * d1 * dy;
      const pd0 = (0 + p00 * d0 + p01 * d1) / lambda;
      const pd1 = (0 + p10 * d0 + p11 * d1) / lambda;
      const dpd = 0 + d0 * pd0 + d1 * pd1;
      const f = scale2 / (1 + scale2 * dpd);
      const v00 = p00 / lambda - f * pd0 * pd0;
      const v10 = p10 / lambda - f * pd1 * pd0;
      const v11 = p11 / lambda - f * pd1 * pd1;
      p00 = v00;
      p01 = v10;
      p10 = v10;
      p11 = v11;
    }
    h[0] = h0;
    h[1] = h1;
    return allFinite;
  }

  /** h = C_xx⁻¹·c_xy, written to `h`. */
  ratiosInto(h: Float64Array): void {
    const { k, p, cxy } = this;
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += p[i * k + j]! * cxy[j]!;
      h[i] = s;
    }
  }

  /** Decays the old weights by λ and adds observation (x, y) with weight 1. */
  add(x: Float64Array, y: number): void {
    const { k, lambda, d, pd } = this;
    const decayed = lambda * this.weight;
    const total = decayed + 1;
    // a = scale·d, with C' = λC + a·a' and c_xy' = λ·c_xy + scale²·d·(y − m_y)
    let scale2: number;
    let dy: number;
    if (this.centred) {
      scale2 = decayed / total;
      for (let j = 0; j < k; j++) d[j] = x[j]! - this.meanX[j]!;
      dy = y - this.meanY;
      for (let j = 0; j < k; j++) this.meanX[j] = this.meanX[j]! + d[j]! / total;
      this.meanY += dy / total;
    } else {
      scale2 = 1;
      d.set(x);
      dy = y;
    }
    this.weight = total;
    for (let j = 0; j < k; j++) this.cxy[j] = lambda * this.cxy[j]! + scale2 * d[j]! * dy;
    // (λC + s²dd')⁻¹ = P/λ − (P/λ)d d'(P/λ)·s² / (1 + s²·d'(P/λ)d)
    const p = this.p;
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += p[i * k + j]! * d[j]!;
      pd[i] = s / lambda;
    }
    let dpd = 0;
    for (let i = 0; i < k; i++) dpd += d[i]! * pd[i]!;
    const f = scale2 / (1 + scale2 * dpd);
    const next = this.next;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j <= i; j++) {
        const v = p[i * k + j]! / lambda - f * pd[i]! * pd[j]!;
        next[i * k + j] = v;
        next[j * k + i] = v;
      }
    }
    this.next = p;
    this.p = next;
  }
}

/** Direct (two-pass) weighted moments of the first t observations, newest weight 1. */
function initialMoments(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  t: number,
  lambda: number,
  centred: boolean,
): { weight: number; meanX: Float64Array; meanY: number; cxx: number[][]; cxy: Float64Array } {
  const k = regressors.length;
  if (k <= 2) return initialMomentsSmall(y, regressors, t, lambda, centred);
  const w = new Float64Array(t);
  let weight = 0;
  for (let s = 0; s < t; s++) {
    w[s] = lambda === 1 ? 1 : Math.pow(lambda, t - 1 - s);
    weight += w[s]!;
  }
  // Every accumulator below sees the same terms in the same order as a separate pass per
  // moment would; the passes are only fused so that the data are read three times, not 3 + k².
  const cols: ArrayLike<number>[] = [...regressors, y];
  const m = k + 1;
  const means = new Float64Array(m);
  if (centred) {
    const acc = new Float64Array(m);
    for (let s = 0; s < t; s++) {
      const ws = w[s]!;
      for (let j = 0; j < m; j++) acc[j] = acc[j]! + ws * cols[j]![s]!;
    }
    const mu = new Float64Array(m);
    for (let j = 0; j < m; j++) mu[j] = acc[j]! / weight;
    const corr = new Float64Array(m);
    for (let s = 0; s < t; s++) {
      const ws = w[s]!;
      for (let j = 0; j < m; j++) corr[j] = corr[j]! + ws * (cols[j]![s]! - mu[j]!);
    }
    for (let j = 0; j < m; j++) means[j] = mu[j]! + corr[j]! / weight;
  }
  const meanX = means.slice(0, k);
  const meanY = means[k]!;
  // Lower triangle of C_xx (i ≥ j) and c_xy, packed: (i, j) at i·m + j, c_xy_i at i·m + k.
  const sums = new Float64Array(m * m);
  const dev = new Float64Array(m);
  for (let s = 0; s < t; s++) {
    const ws = w[s]!;
    for (let j = 0; j < m; j++) dev[j] = cols[j]![s]! - means[j]!;
    for (let i = 0; i < k; i++) {
      const wi = ws * dev[i]!;
      for (let j = 0; j <= i; j++) sums[i * m + j] = sums[i * m + j]! + wi * dev[j]!;
      sums[i * m + k] = sums[i * m + k]! + wi * dev[k]!;
    }
  }
  const cxx: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const cxy = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      cxx[i]![j] = sums[i * m + j]!;
      cxx[j]![i] = sums[i * m + j]!;
    }
    cxy[i] = sums[i * m + k]!;
  }
  return { weight, meanX, meanY, cxx, cxy };
}

/**
 * {@link initialMoments} for one or two regressors: every accumulator in a local, the same
 * operations in the same order (the same doubles); the weights of an EWMA in a reusable buffer,
 * none for equal weights (each is then 1).
 */
function initialMomentsSmall(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  t: number,
  lambda: number,
  centred: boolean,
): { weight: number; meanX: Float64Array; meanY: number; cxx: number[][]; cxy: Float64Array } {
  const k = regressors.length;
  const equal = lambda === 1;
  const w = equal ? null : scratch('work2', t);
  let weight = 0;
  for (let s = 0; s < t; s++) {
    const ws = equal ? 1 : Math.pow(lambda, t - 1 - s);
    if (w !== null) w[s] = ws;
    weight += ws;
  }
  const x0 = regressors[0]!;
  const two = k === 2;
  const x1 = two ? regressors[1]! : x0;
  let m0 = 0;
  let m1 = 0;
  let my = 0;
  if (centred) {
    let a0 = 0;
    let a1 = 0;
    let ay = 0;
    for (let s = 0; s < t; s++) {
      const ws = w === null ? 1 : w[s]!;
      a0 = a0 + ws * x0[s]!;
      if (two) a1 = a1 + ws * x1[s]!;
      ay = ay + ws * y[s]!;
    }
    const u0 = a0 / weight;
    const u1 = a1 / weight;
    const uy = ay / weight;
    let c0 = 0;
    let c1 = 0;
    let cy = 0;
    for (let s = 0; s < t; s++) {
      const ws = w === null ? 1 : w[s]!;
      c0 = c0 + ws * (x0[s]! - u0);
      if (two) c1 = c1 + ws * (x1[s]! - u1);
      cy = cy + ws * (y[s]! - uy);
    }
    m0 = u0 + c0 / weight;
    m1 = u1 + c1 / weight;
    my = uy + cy / weight;
  }
  let s00 = 0;
  let s10 = 0;
  let s11 = 0;
  let s0y = 0;
  let s1y = 0;
  for (let s = 0; s < t; s++) {
    const ws = w === null ? 1 : w[s]!;
    const d0 = x0[s]! - m0;
    const dy = y[s]! - my;
    const wi0 = ws * d0;
    s00 = s00 + wi0 * d0;
    s0y = s0y + wi0 * dy;
    if (two) {
      const d1 = x1[s]! - m1;
      const wi1 = ws * d1;
      s10 = s10 + wi1 * d0;
      s11 = s11 + wi1 * d1;
      s1y = s1y + wi1 * dy;
    }
  }
  return two
    ? {
        weight,
        meanX: Float64Array.of(m0, m1),
        meanY: my,
        cxx: [
          [s00, s10],
          [s10, s11],
        ],
        cxy: Float64Array.of(s0y, s1y),
      }
    : { weight, meanX: Float64Array.of(m0), meanY: my, cxx: [[s00]], cxy: Float64Array.of(s0y) };
}

/**
 * Out-of-sample hedged returns of the expanding-window walk-forward: for t = ⌊n/2⌋ … n − 1 the
 * ratio h_t is estimated from returns 0 … t − 1 only and e_t = y_t − Σ_j h_j,t·x_j,t.
 *
 * h_t is the minimum-variance ratio C_xx⁻¹·c_xy from the moments of the prefix, which is the OLS
 * slope vector (ols; with an intercept the moments are centred, without it they are raw sums of
 * products, i.e. regression through the origin) or Σ_FF⁻¹σ_FS of ewmaCovariance(prefix,
 * halflife, centred = intercept) (ewma: weights λ^(t−1−s), λ = 2^(−1/halflife); the covariance's
 * normalising constant cancels in the ratio). The first ratio comes from a direct two-pass fit
 * of the first ⌊n/2⌋ returns; each later one from a rank-one update: centred moments by the
 * weighted Welford recursion (m' = m + d/W', C' = λC + (λW/W')·d·d', d = z − m, W' = λW + 1) and
 * C_xx⁻¹ by the Sherman–Morrison formula (Golub & Van Loan, Matrix Computations, §2.1.4; for
 * exponential forgetting this is recursive least squares, Haykin, Adaptive Filter Theory, ch. 10).
 * Cost O(n·k²) after the O(n·k² + k³) initial fit; O(n) memory.
 * @returns null when the initial fit is impossible: ⌊n/2⌋ observations are too few for the
 *   coefficients (k + 1 with an intercept, k without), fewer than 2 returns are left to test, or
 *   the hedges are collinear (singular C_xx) in the first half
 * @throws MathError when no hedge is given or halflife is not positive for 'ewma'
 * @throws RangeError when lengths differ
 */
export function walkForwardHedgedReturns(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  opts: WalkForwardOptions,
): WalkForward | null {
  return walkForwardInto(y, regressors, opts, (length) => new Float64Array(length));
}

/** {@link walkForwardHedgedReturns} with the errors written to `buffer(n − ⌊n/2⌋)`. */
function walkForwardInto(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  opts: WalkForwardOptions,
  buffer: (length: number) => Float64Array,
): WalkForward | null {
  checkShapes(y, regressors);
  const n = y.length;
  const k = regressors.length;
  if (opts.estimator === 'ewma' && !(opts.halflife > 0)) {
    throw new MathError(`the EWMA half-life must be positive, got ${opts.halflife}`);
  }
  const lambda = opts.estimator === 'ewma' ? Math.pow(2, -1 / opts.halflife) : 1;
  const start = Math.floor(n / 2);
  if (start < k + (opts.intercept ? 1 : 0) || n - start < 2) return null;
  let rec: RecursiveRatio;
  try {
    rec = new RecursiveRatio(
      k,
      lambda,
      opts.intercept,
      initialMoments(y, regressors, start, lambda, opts.intercept),
    );
  } catch (e) {
    if (e instanceof MathError) return null;
    throw e;
  }
  const errors = buffer(n - start);
  const x = new Float64Array(k);
  const h = new Float64Array(k);
  let allFinite = true;
  if (k <= 2) {
    allFinite = rec.walkSmall(y, regressors[0]!, k === 2 ? regressors[1]! : null, start, errors, h);
  }
  for (let t = k <= 2 ? n : start; t < n; t++) {
    rec.ratiosInto(h);
    let e = y[t]!;
    for (let j = 0; j < k; j++) {
      x[j] = regressors[j]![t]!;
      e -= h[j]! * x[j]!;
    }
    errors[t - start] = e;
    if (!Number.isFinite(e)) allFinite = false;
    if (t < n - 1) rec.add(x, y[t]!);
  }
  if (!allFinite) return null;
  return { start, errors, lastRatios: Array.from(h) };
}

/**
 * Out-of-sample hedge effectiveness by the expanding-window walk-forward of
 * {@link walkForwardHedgedReturns}: 1 − Var(e_t) / Var(y_t) over t = ⌊n/2⌋ … n − 1, both with
 * n − 1 (the factor cancels). Negative when the hedge added variance out of sample.
 * Cost O(n·k²); the errors go to `buffer(n − ⌊n/2⌋)` (default: this thread's work1 slot).
 * @returns null when the walk-forward is impossible (see walkForwardHedgedReturns) or y is
 *   constant over the tested returns
 * @throws MathError when no hedge is given or halflife is not positive for 'ewma'
 * @throws RangeError when lengths differ
 */
export function walkForwardEffectiveness(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  opts: WalkForwardOptions,
  buffer: (length: number) => Float64Array = (length) => scratch('work1', length),
): number | null {
  const wf = walkForwardInto(y, regressors, opts, buffer);
  if (wf === null) return null;
  let tested: ArrayLike<number>;
  if (y instanceof Float64Array) {
    tested = y.subarray(wf.start);
  } else {
    const copy = new Float64Array(y.length - wf.start);
    for (let t = wf.start; t < y.length; t++) copy[t - wf.start] = y[t]!;
    tested = copy;
  }
  const vy = variance(tested);
  if (!(vy > 0)) return null;
  return 1 - variance(wf.errors) / vy;
}
