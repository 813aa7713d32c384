/**
 * Seeded, deterministic simulation of crypto-like log returns and prices, for sample data,
 * calibration of the diagnostics and benchmarks. Pure: no I/O, no clock, no Math.random.
 *
 * Building blocks:
 * - `createRng`: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, PractRand-clean)
 *   seeded through splitmix32; uniforms with 53 random bits; normals by Marsaglia's polar method
 *   (no trigonometric functions, so results depend only on IEEE sqrt and V8's fdlibm log/exp);
 *   Student-t as Z·√((ν−2)/χ²_ν) with χ²_ν = 2·Gamma(ν/2) from Marsaglia–Tsang (2000).
 * - GARCH(1,1) with unit long-run variance: h_t = (1 − α − β) + α·e²_{t−1} + β·h_{t−1},
 *   e_t = √h_t·z_t, z_t iid with unit variance (Bollerslev 1986). Then E[e²] = 1, so a series
 *   vol·e has unconditional standard deviation vol.
 * - Dependence by a factor structure: y = b·x + s·ε with ε independent of x. Because x and ε are
 *   independent with known unconditional variances, corr(x, y) = b·σx / √(b²σx² + s²) holds
 *   exactly in population, whatever the GARCH or tail settings (two independent GARCH filters of
 *   correlated shocks would bias the correlation down instead).
 */

// Module-level aliases: under jest's vm context every `Math.x` in a hot loop is a global lookup
// through an interceptor, about 10× slower than a closure variable.
const { abs, exp, floor, imul, log, log10, min, max, sign, sqrt } = Math;

/** A seeded source of random numbers. All draws advance one shared stream. */
export interface Rng {
  /** Uniform on the open interval (0, 1), 53 random bits. */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /**
   * Student-t with `df` degrees of freedom, scaled to unit variance (multiplied by √((ν−2)/ν)).
   * @throws RangeError when df is not greater than 2 (the variance would not exist)
   */
  studentT(df: number): number;
  /**
   * Gamma(shape, 1) variate (Marsaglia–Tsang; shape < 1 via Gamma(shape+1)·U^(1/shape)).
   * @throws RangeError when shape is not positive
   */
  gamma(shape: number): number;
}

const TWO_POW_32 = 4294967296;

/** splitmix32 step: returns the next state and a well-mixed 32-bit output. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = imul(z ^ (z >>> 16), 0x85ebca6b);
  z = imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

/**
 * Creates a seeded random number generator (sfc32 seeded via splitmix32).
 * Same seed → same stream on every platform. Seeds beyond 32 bits are folded in.
 * Cost: O(1) per draw.
 * @throws RangeError when seed is not a safe integer
 * @example createRng(42).uniform() // always the same number in (0, 1)
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`seed must be a safe integer, got ${String(seed)}`);
  }
  const lo = seed >>> 0;
  const hi = floor(seed / TWO_POW_32) >>> 0;
  let sm = lo ^ imul(hi, 0x27d4eb2f);
  let a: number;
  let b: number;
  let c: number;
  let d: number;
  [sm, a] = splitmix32(sm);
  [sm, b] = splitmix32(sm);
  [sm, c] = splitmix32(sm);
  [, d] = splitmix32(sm);
  a |= 0;
  b |= 0;
  c |= 0;
  d |= 0;

  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs, as the sfc32 reference does, to decorrelate nearby seeds.
  for (let i = 0; i < 12; i++) next32();

  const uniform = (): number => {
    const hi27 = next32() >>> 5;
    const lo26 = next32() >>> 6;
    return (hi27 * 67108864 + lo26 + 0.5) / 9007199254740992;
  };

  let spare = 0;
  let hasSpare = false;
  const normal = (): number => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = sqrt((-2 * log(s)) / s);
    spare = v * f;
    hasSpare = true;
    return u * f;
  };

  const gamma = (shape: number): number => {
    if (!(shape > 0) || !Number.isFinite(shape)) {
      throw new RangeError(`gamma shape must be positive and finite, got ${String(shape)}`);
    }
    if (shape < 1) {
      return gamma(shape + 1) * exp(log(uniform()) / shape);
    }
    const dd = shape - 1 / 3;
    const cc = 1 / sqrt(9 * dd);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + cc * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return dd * v;
      if (log(u) < 0.5 * x2 + dd * (1 - v + log(v))) return dd * v;
    }
  };

  const studentT = (df: number): number => {
    if (!(df > 2) || !Number.isFinite(df)) {
      throw new RangeError(`studentT needs finite df > 2 for unit variance, got ${String(df)}`);
    }
    const z = normal();
    const chi2 = 2 * gamma(df / 2);
    return z * sqrt((df - 2) / chi2);
  };

  return { uniform, normal, studentT, gamma };
}

/** GARCH(1,1) parameters for a unit-long-run-variance process (ω = 1 − α − β). */
export interface GarchParams {
  alpha: number;
  beta: number;
}

/** Default crypto-like volatility clustering. */
export const DEFAULT_GARCH: Readonly<GarchParams> = Object.freeze({ alpha: 0.08, beta: 0.9 });
/** Default tail thickness of innovations (Student-t degrees of freedom). */
export const DEFAULT_DF = 4;

function checkGarch(g: GarchParams | null): void {
  if (g === null) return;
  const { alpha, beta } = g;
  if (!(alpha >= 0) || !(beta >= 0) || !(alpha + beta < 1)) {
    throw new RangeError(
      `GARCH needs alpha >= 0, beta >= 0 and alpha + beta < 1, got alpha ${String(alpha)}, beta ${String(beta)}`,
    );
  }
}

function checkDf(df: number | null): void {
  if (df !== null && !(df > 2 && Number.isFinite(df))) {
    throw new RangeError(`df must be a finite number > 2 or null, got ${String(df)}`);
  }
}

/**
 * A stateful GARCH(1,1) filter with unit long-run variance: each `next(z)` returns
 * e_t = √h_t·z and updates h_{t+1} = (1 − α − β) + α·e_t² + β·h_t. h_0 = 1 (the long-run
 * level). With `null` parameters it is the identity (iid innovations).
 */
export class GarchFilter {
  private h = 1;
  private readonly omega: number;
  constructor(private readonly params: GarchParams | null) {
    checkGarch(params);
    this.omega = params === null ? 1 : 1 - params.alpha - params.beta;
  }
  /** Current conditional variance h_t (relative to the long-run variance 1). */
  get variance(): number {
    return this.h;
  }
  next(z: number): number {
    if (this.params === null) return z;
    const e = sqrt(this.h) * z;
    this.h = this.omega + this.params.alpha * e * e + this.params.beta * this.h;
    return e;
  }
}

/** One unit-variance innovation: Student-t(df) standardised, or Gaussian when df is null. */
function innovation(rng: Rng, df: number | null): number {
  return df === null ? rng.normal() : rng.studentT(df);
}

/** Dependence regime of a pair. */
export interface PairRegime {
  rho?: number;
  beta?: number;
  volY?: number;
}

export interface PairSpec {
  /** Number of returns. */
  n: number;
  seed: number;
  /** Correlation of y's and x's returns (population, unconditional). */
  rho: number;
  /**
   * Slope of y on x. When given, y = beta·x + s·ε with s chosen so corr = rho, and volY is then
   * implied (|beta|·volX/|rho|) and ignored. Default: rho·volY/volX.
   */
  beta?: number;
  /** Daily vol of x (default 0.035) and of y (default 0.05). */
  volX?: number;
  volY?: number;
  /** GARCH(1,1) on x and on y's idiosyncratic noise; default {alpha: 0.08, beta: 0.9}; null = iid. */
  garch?: GarchParams | null;
  /** Student-t innovations with these degrees of freedom (default 4); null = Gaussian. */
  df?: number | null;
  /** Index of the first return of the second regime (e.g. n − 30). Default: no change. */
  breakAt?: number;
  /**
   * Regime from breakAt on. rho and volY default to the first regime's; beta is NOT inherited:
   * omitted, it is implied by the new rho and volY.
   */
  after?: PairRegime;
}

interface Loading {
  b: number;
  s: number;
}

/** y = b·x + s·ε loading that gives corr(x, y) = rho, from (rho, beta?, volY) and volX. */
function pairLoading(rho: number, beta: number | undefined, volX: number, volY: number): Loading {
  if (!(rho >= -1 && rho <= 1)) throw new RangeError(`rho must be in [-1, 1], got ${String(rho)}`);
  if (!(volY > 0)) throw new RangeError(`volY must be positive, got ${String(volY)}`);
  if (beta === undefined) {
    return { b: (rho * volY) / volX, s: volY * sqrt(1 - rho * rho) };
  }
  if (!Number.isFinite(beta)) throw new RangeError(`beta must be finite, got ${String(beta)}`);
  if (beta === 0) {
    if (rho !== 0) throw new RangeError(`beta 0 requires rho 0, got rho ${String(rho)}`);
    return { b: 0, s: volY };
  }
  if (rho === 0 || sign(rho) !== sign(beta)) {
    throw new RangeError(
      `beta ${String(beta)} and rho ${String(rho)} are incompatible: they need the same sign`,
    );
  }
  return { b: beta, s: (abs(beta) * volX * sqrt(1 - rho * rho)) / abs(rho) };
}

/**
 * Log returns of a hedge x and a position y with the given dependence, and an optional regime
 * change at breakAt.
 *
 * x_t = volX·e^x_t and y_t = b_t·x_t + s_t·e^ε_t, where e^x and e^ε are independent
 * unit-long-run-variance GARCH(1,1) processes with Student-t(df) (or Gaussian) innovations and
 * (b_t, s_t) give corr(x, y) = rho (t < breakAt) or after.rho (t ≥ breakAt) exactly in
 * population (see the module comment). Draws are interleaved per t, so a longer series with the
 * same seed and regimes extends a shorter one.
 * Cost: O(n) time, two Float64Array(n).
 * @throws RangeError when n is not a non-negative integer, rho ∉ [−1, 1], a vol is not positive,
 *   beta and rho disagree in sign, GARCH alpha + beta ≥ 1, df ≤ 2, or breakAt ∉ [0, n]
 * @example simulatePair({ n: 1000, seed: 1, rho: 0.8, breakAt: 970, after: { rho: 0.1 } })
 */
export function simulatePair(spec: PairSpec): { x: Float64Array; y: Float64Array } {
  const { n, seed, rho } = spec;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${String(n)}`);
  }
  const volX = spec.volX ?? 0.035;
  const volY = spec.volY ?? 0.05;
  if (!(volX > 0)) throw new RangeError(`volX must be positive, got ${String(volX)}`);
  const garch = spec.garch === undefined ? DEFAULT_GARCH : spec.garch;
  const df = spec.df === undefined ? DEFAULT_DF : spec.df;
  checkGarch(garch);
  checkDf(df);
  const breakAt = spec.breakAt ?? n;
  if (!Number.isSafeInteger(breakAt) || breakAt < 0 || breakAt > n) {
    throw new RangeError(`breakAt must be an integer in [0, ${n}], got ${String(breakAt)}`);
  }
  const first = pairLoading(rho, spec.beta, volX, volY);
  const after = spec.after ?? {};
  const second = pairLoading(after.rho ?? rho, after.beta, volX, after.volY ?? volY);

  const rng = createRng(seed);
  const fx = new GarchFilter(garch);
  const fe = new GarchFilter(garch);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const ex = fx.next(innovation(rng, df));
    const ee = fe.next(innovation(rng, df));
    const { b, s } = t < breakAt ? first : second;
    const xt = volX * ex;
    x[t] = xt;
    y[t] = b * xt + s * ee;
  }
  return { x, y };
}

/**
 * Prices from log returns: p_0 = start, p_t = p_{t−1}·exp(r_t), so the result has
 * returns.length + 1 entries.
 * Cost: O(n).
 * @throws RangeError when start is not a positive finite number
 * @example pricesFromLogReturns([log(2)], 10) // Float64Array [10, 20]
 */
export function pricesFromLogReturns(returns: ArrayLike<number>, start: number): Float64Array {
  if (!(start > 0) || !Number.isFinite(start)) {
    throw new RangeError(`start price must be positive and finite, got ${String(start)}`);
  }
  const p = new Float64Array(returns.length + 1);
  p[0] = start;
  let last = start;
  for (let t = 0; t < returns.length; t++) {
    last *= exp(returns[t] as number);
    p[t + 1] = last;
  }
  return p;
}

/** A market factor (e.g. BTC, ETH): GARCH-t returns with correlated shocks across factors. */
export interface FactorSpec {
  symbol: string;
  /** Unconditional daily vol of log returns. */
  vol: number;
  /** Price at index 0. */
  start: number;
  /** Daily log drift added to every return (default 0). */
  drift?: number;
}

/** An asset that loads on the factors with its own idiosyncratic GARCH-t noise. */
export interface AssetSpec {
  symbol: string;
  /** Unconditional daily vol of log returns. */
  vol: number;
  /** Price at its first row (index 0, or listedAt). */
  start: number;
  /** Correlation with its driver (the weighted factor combination). */
  corr: number;
  /** Factor weights of the driver, by factor symbol (default: 1 on the first factor). */
  driver?: Readonly<Record<string, number>>;
  drift?: number;
  /** First row index with a price; earlier cells are NaN (a later listing). */
  listedAt?: number;
  /** Row indices whose price is NaN (missing days; the path continues underneath). */
  missing?: readonly number[];
  /** First return index of a second regime (return t moves price t to t + 1). */
  breakAt?: number;
  /** The second regime: new correlation with the driver and/or vol. */
  after?: { corr?: number; vol?: number };
  /** Overrides of the market's GARCH and tail settings for the idiosyncratic noise. */
  garch?: GarchParams | null;
  df?: number | null;
}

export interface MarketSpec {
  /** Number of rows (prices); each series has n − 1 returns. */
  n: number;
  seed: number;
  /** Epoch milliseconds of row 0 (default 0) and the spacing of rows (default one day). */
  startTime?: number;
  stepMs?: number;
  factors: readonly FactorSpec[];
  assets: readonly AssetSpec[];
  /** Correlation matrix of the factor shocks, k × k in factor order (default identity). */
  factorCorrelation?: readonly (readonly number[])[];
  /** GARCH(1,1) of the common factor variance and of each idiosyncratic noise (default DEFAULT_GARCH). */
  garch?: GarchParams | null;
  /** Student-t degrees of freedom of all innovations (default DEFAULT_DF); null = Gaussian. */
  df?: number | null;
  /**
   * Jumps: on each day with this probability, a factor-wide jump (correlated as the factors) and,
   * independently per asset, an idiosyncratic jump, each N(0, scale²) in units of the component's
   * vol. The diffusive part is scaled by √(1 − probability·scale²) so vols and correlations are
   * unchanged in population. Default none.
   */
  jumps?: { probability: number; scale: number } | null;
}

export interface SimulatedMarket {
  times: Float64Array;
  /** Prices by symbol (factors first, then assets, in spec order); NaN = missing. */
  series: Map<string, Float64Array>;
}

/** Lower Cholesky factor of a small symmetric positive-definite matrix. */
function cholesky(a: readonly (readonly number[])[], k: number): number[][] {
  const l: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    const row = a[i];
    if (row === undefined || row.length !== k) {
      throw new RangeError(`factorCorrelation must be ${k} × ${k}`);
    }
    for (let j = 0; j <= i; j++) {
      if (abs((a[j]?.[i] ?? NaN) - (row[j] ?? NaN)) > 1e-12) {
        throw new RangeError('factorCorrelation must be symmetric');
      }
      let sum = row[j] ?? NaN;
      const li = l[i] as number[];
      const lj = l[j] as number[];
      for (let m = 0; m < j; m++) sum -= (li[m] as number) * (lj[m] as number);
      if (i === j) {
        if (!(sum > 0)) throw new RangeError('factorCorrelation must be positive definite');
        li[i] = sqrt(sum);
      } else {
        li[j] = sum / (lj[j] as number);
      }
    }
    if (row[i] !== 1) throw new RangeError('factorCorrelation must have a unit diagonal');
  }
  return l;
}

function identity(k: number): number[][] {
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)),
  );
}

/** Driver weights as an array in factor order, and the driver's population standard deviation. */
function driverOf(
  asset: AssetSpec,
  factors: readonly FactorSpec[],
  corrMatrix: readonly (readonly number[])[],
): { w: number[]; sd: number } {
  const first = factors[0];
  if (first === undefined) throw new RangeError('a market needs at least one factor');
  const weights = asset.driver ?? { [first.symbol]: 1 };
  const w = factors.map((f) => weights[f.symbol] ?? 0);
  for (const name of Object.keys(weights)) {
    if (!factors.some((f) => f.symbol === name)) {
      throw new RangeError(`asset ${asset.symbol}: driver names unknown factor ${name}`);
    }
  }
  let variance = 0;
  for (let i = 0; i < factors.length; i++) {
    for (let j = 0; j < factors.length; j++) {
      const fi = factors[i] as FactorSpec;
      const fj = factors[j] as FactorSpec;
      variance += (w[i] as number) * (w[j] as number) * fi.vol * fj.vol * (corrMatrix[i]?.[j] ?? 0);
    }
  }
  if (!(variance > 0)) throw new RangeError(`asset ${asset.symbol}: driver has zero variance`);
  return { w, sd: sqrt(variance) };
}

/**
 * Population correlation of an asset's log returns with a factor's, in the first regime
 * (after = false) or the second: corr·Σ_j w_j·vol_j·R_jk / sd(driver). Jumps and GARCH leave it
 * unchanged (see MarketSpec.jumps and the module comment).
 * @throws RangeError when the asset or factor is unknown
 */
export function assetFactorCorrelation(
  spec: MarketSpec,
  asset: string,
  factor: string,
  after = false,
): number {
  const a = spec.assets.find((s) => s.symbol === asset);
  const k = spec.factors.findIndex((f) => f.symbol === factor);
  if (a === undefined || k < 0) throw new RangeError(`unknown asset ${asset} or factor ${factor}`);
  const r = spec.factorCorrelation ?? identity(spec.factors.length);
  const { w, sd } = driverOf(a, spec.factors, r);
  let cov = 0;
  spec.factors.forEach((f, j) => {
    cov += (w[j] as number) * f.vol * (r[j]?.[k] ?? 0);
  });
  const c = after ? (a.after?.corr ?? a.corr) : a.corr;
  return (c * cov) / sd;
}

function checkIndex(value: number | undefined, lo: number, hi: number, what: string): number {
  if (value === undefined) return lo;
  if (!Number.isSafeInteger(value) || value < lo || value > hi) {
    throw new RangeError(`${what} must be an integer in [${lo}, ${hi}], got ${String(value)}`);
  }
  return value;
}

/**
 * A multi-asset market of prices.
 *
 * Factors: f_{i,t} = drift_i + vol_i·(√(1 − pκ²)·√h_t·z_{i,t} + J_t·κ·(L g_t)_i), where z_t is
 * multivariate Student-t (L g·√((ν − 2)/χ²_ν), shared χ², so all factors crash together) with
 * correlation R = L Lᵀ, h_t is one GARCH(1,1) variance shared by all factors and driven by the
 * first factor's standardised shock, J_t ~ Bernoulli(p) a market jump of size κ (MarketSpec.jumps).
 * Assets: a_t = drift + vol_t·(c_t·m_t + √(1 − c_t²)·ε_t), where m_t = Σ w_j f_j / sd(Σ w_j f_j)
 * (drift excluded) is the unit-variance driver and ε_t is the asset's own GARCH-t noise with its
 * own jumps; c_t and vol_t switch to `after` at breakAt. Population correlations: see
 * assetFactorCorrelation. Prices: p_0 = start (or at listedAt), p_{t+1} = p_t·exp(r_t); NaN
 * before listedAt and at `missing` rows. Draws are interleaved per day in spec order.
 * Cost: O(n·(k² + assets)) time; one Float64Array(n) per series.
 * @throws RangeError on an invalid size, vol, price, correlation, index, GARCH or df setting
 */
export function simulateMarket(spec: MarketSpec): SimulatedMarket {
  const { n, seed, factors, assets } = spec;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`n must be a positive integer, got ${String(n)}`);
  }
  const k = factors.length;
  if (k === 0) throw new RangeError('a market needs at least one factor');
  const names = [...factors.map((f) => f.symbol), ...assets.map((a) => a.symbol)];
  if (new Set(names).size !== names.length) throw new RangeError('symbols must be unique');
  const garch = spec.garch === undefined ? DEFAULT_GARCH : spec.garch;
  const df = spec.df === undefined ? DEFAULT_DF : spec.df;
  checkGarch(garch);
  checkDf(df);
  const corrMatrix = spec.factorCorrelation ?? identity(k);
  const chol = cholesky(corrMatrix, k);
  const p = spec.jumps?.probability ?? 0;
  const kappa = spec.jumps?.scale ?? 0;
  if (!(p >= 0 && p < 1) || !(kappa >= 0) || !(p * kappa * kappa < 1)) {
    throw new RangeError('jumps need 0 ≤ probability < 1, scale ≥ 0 and probability·scale² < 1');
  }
  const diffusive = sqrt(1 - p * kappa * kappa);
  const startTime = spec.startTime ?? 0;
  const stepMs = spec.stepMs ?? 86_400_000;
  for (const f of factors) {
    if (!(f.vol > 0) || !(f.start > 0)) {
      throw new RangeError(`factor ${f.symbol}: vol and start must be positive`);
    }
  }

  interface AssetState {
    spec: AssetSpec;
    w: number[];
    sd: number;
    df: number | null;
    filter: GarchFilter;
    listedAt: number;
    breakAt: number;
    returns: Float64Array;
  }
  const states: AssetState[] = assets.map((a) => {
    if (!(a.vol > 0) || !(a.start > 0)) {
      throw new RangeError(`asset ${a.symbol}: vol and start must be positive`);
    }
    for (const c of [a.corr, a.after?.corr ?? a.corr]) {
      if (!(c >= -1 && c <= 1)) throw new RangeError(`asset ${a.symbol}: corr must be in [-1, 1]`);
    }
    if (!((a.after?.vol ?? a.vol) > 0))
      throw new RangeError(`asset ${a.symbol}: vol must be positive`);
    const adf = a.df === undefined ? df : a.df;
    checkDf(adf);
    const { w, sd } = driverOf(a, factors, corrMatrix);
    for (const m of a.missing ?? []) checkIndex(m, 0, n - 1, `asset ${a.symbol}: missing row`);
    return {
      spec: a,
      w,
      sd,
      df: adf,
      filter: new GarchFilter(a.garch === undefined ? garch : a.garch),
      listedAt: checkIndex(a.listedAt, 0, n - 1, `asset ${a.symbol}: listedAt`),
      breakAt:
        a.breakAt === undefined ? n : checkIndex(a.breakAt, 0, n - 1, `asset ${a.symbol}: breakAt`),
      returns: new Float64Array(n - 1),
    };
  });

  const rng = createRng(seed);
  const factorReturns = factors.map(() => new Float64Array(n - 1));
  const common = new GarchFilter(garch);
  const g = new Float64Array(k);
  const shock = new Float64Array(k);
  const jump = new Float64Array(k);
  for (let t = 0; t < n - 1; t++) {
    // Multivariate t (or normal) factor shocks with correlation R.
    for (let i = 0; i < k; i++) g[i] = rng.normal();
    const tailScale = df === null ? 1 : sqrt((df - 2) / (2 * rng.gamma(df / 2)));
    for (let i = 0; i < k; i++) {
      let s = 0;
      const li = chol[i] as number[];
      for (let j = 0; j <= i; j++) s += (li[j] as number) * (g[j] as number);
      shock[i] = s * tailScale;
    }
    const sqrtH = sqrt(common.variance);
    common.next(shock[0] as number);
    jump.fill(0);
    if (p > 0 && rng.uniform() < p) {
      for (let i = 0; i < k; i++) g[i] = rng.normal();
      for (let i = 0; i < k; i++) {
        let s = 0;
        const li = chol[i] as number[];
        for (let j = 0; j <= i; j++) s += (li[j] as number) * (g[j] as number);
        jump[i] = kappa * s;
      }
    }
    for (let i = 0; i < k; i++) {
      const f = factors[i] as FactorSpec;
      const e = diffusive * sqrtH * (shock[i] as number) + (jump[i] as number);
      (factorReturns[i] as Float64Array)[t] = (f.drift ?? 0) + f.vol * e;
    }
    for (const st of states) {
      let m = 0;
      for (let i = 0; i < k; i++) {
        const f = factors[i] as FactorSpec;
        m +=
          (st.w[i] as number) * ((factorReturns[i] as Float64Array)[t] as number) -
          (st.w[i] as number) * (f.drift ?? 0);
      }
      m /= st.sd;
      let eps = diffusive * st.filter.next(innovation(rng, st.df));
      if (p > 0 && rng.uniform() < p) eps += kappa * rng.normal();
      const a = st.spec;
      const late = t >= st.breakAt;
      const c = late ? (a.after?.corr ?? a.corr) : a.corr;
      const vol = late ? (a.after?.vol ?? a.vol) : a.vol;
      st.returns[t] = (a.drift ?? 0) + vol * (c * m + sqrt(1 - c * c) * eps);
    }
  }

  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = startTime + i * stepMs;
  const series = new Map<string, Float64Array>();
  factors.forEach((f, i) => {
    series.set(f.symbol, pricesFromLogReturns(factorReturns[i] as Float64Array, f.start));
  });
  for (const st of states) {
    const prices = new Float64Array(n).fill(NaN);
    const path = pricesFromLogReturns(st.returns.subarray(st.listedAt), st.spec.start);
    prices.set(path, st.listedAt);
    for (const m of st.spec.missing ?? []) prices[m] = NaN;
    series.set(st.spec.symbol, prices);
  }
  return { times, series };
}

/**
 * A price as plain decimal text with about `significant` significant digits: never exponent
 * notation, trailing zeros dropped (43125.17, 0.082341, 1802.5). Non-finite → empty string.
 * @throws RangeError when significant is not an integer in [1, 17]
 */
export function formatPrice(value: number, significant = 7): string {
  if (!Number.isSafeInteger(significant) || significant < 1 || significant > 17) {
    throw new RangeError(`significant must be an integer in [1, 17], got ${String(significant)}`);
  }
  if (!Number.isFinite(value)) return '';
  if (value === 0) return '0';
  const magnitude = floor(log10(abs(value)));
  const decimals = min(100, max(0, significant - 1 - magnitude));
  let text = value.toFixed(decimals);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return text === '-0' ? '0' : text;
}

/**
 * A wide prices CSV: header `date,<symbols…>`, one row per time, cells from formatPrice (empty =
 * missing), `\n` line ends including the last. Times as ISO dates (`date`), ISO date-times
 * (`datetime`) or epoch milliseconds (`epoch`).
 * Cost: O(rows × columns).
 */
export function renderWidePricesCsv(
  market: SimulatedMarket,
  options: { time?: 'date' | 'datetime' | 'epoch'; significant?: number } = {},
): string {
  const kind = options.time ?? 'date';
  const symbols = [...market.series.keys()];
  const columns = [...market.series.values()];
  const lines: string[] = [[kind === 'epoch' ? 'timestamp' : 'date', ...symbols].join(',')];
  market.times.forEach((ms, i) => {
    const iso = new Date(ms).toISOString();
    const time = kind === 'epoch' ? String(ms) : kind === 'date' ? iso.slice(0, 10) : iso;
    const cells = columns.map((c) => formatPrice(c[i] as number, options.significant));
    lines.push([time, ...cells].join(','));
  });
  return lines.join('\n') + '\n';
}
