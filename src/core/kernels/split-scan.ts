/**
 * Every split point of a pair (x, y) in one pass: the two parts' least-squares fits of y on x
 * (each with its own intercept, or both through the origin) at every split τ of a range
 * [lo, hi], from running sums, so that a break test at an unknown date costs O(n) and never
 * refits (src/core/diagnostics/unknown-break.ts).
 *
 * Weighted least squares: with row weights w_t > 0 (ScanRange.weights; undefined, all 1) every sum
 * below is weighted (n_p becomes W_p = Σ_part w, Σx̃ becomes Σw·x̃, …), which is the ordinary
 * least-squares fit of the GLS transform y/σ on 1/σ and x/σ for w = 1/σ² (through the origin:
 * on x/σ alone). The unweighted scan is the case w = 1 (the same arithmetic: W_p = n_p exactly).
 * The weights are read a block of rows at a time ({@link RowWeights}), so that they need not be
 * held whole: a million rows of weights would be 8 MB per report thread.
 *
 * The sums are taken of the values shifted by the full sample's means (x̃ = x − x̄, ỹ = y − ȳ;
 * no shift through the origin), which keeps the raw sums close to centred ones. The first part
 * [0, τ) has the running sums n₁, Σx̃, Σỹ, Σx̃², Σx̃ỹ, Σỹ²; the second part's are the totals less
 * those. A part's centred co-moments are C_xx = Σx̃² − (Σx̃)²/n_p, C_xy = Σx̃ỹ − Σx̃·Σỹ/n_p,
 * C_yy likewise (the raw sums through the origin), its slope b = C_xy/C_xx and its residual sum
 * of squares SSR = C_yy − C_xy²/C_xx.
 *
 * The robust variance of a part's slope, V = Ω/C_xx² with Ω = Σ_part (x̃_t − m_p)²·ω_t (m_p the
 * part's mean of x̃; no centring through the origin), comes from running sums of ω, ω·x̃ and
 * ω·x̃² with fixed weights ω_t: Ω = Σωx̃² − 2m_p·Σωx̃ + m_p²·Σω. The weights are HC3's,
 * ω_t = e_t²/(1 − h_t)², e_t and h_t the residual and leverage of row t in a two-part fit split
 * at one given row (see {@link SplitFit}); its scan is in ./split-wald.ts.
 *
 * A sweep over the rows records the running sums at each split it evaluates (a snapshot); the
 * splits are then evaluated from the snapshots, once the totals are known — so the weights'
 * totals need no pass of their own. Below SPLIT_GRID_MIN_ROWS rows every split is recorded;
 * from there every step-th (splitStep), then every split within REFINE_STEPS steps of the best
 * one (a second, short sweep). The loops keep every accumulator in a local (a test hook or an
 * object per record in the loop made them 3× slower in V8's optimised code). The exact paths they
 * stand in for are least-squares fits of each part and the sandwich over each part's rows at
 * every split (test/core/kernels.test.ts: the same best split, its SSR and statistic to 1e-9).
 */
/**
 * A part whose centred Σ(x − x̄)² is at most this share of its Σx̃² has x constant (what is left
 * is the rounding of the running sums): it has no slope.
 */
const NO_VARIANCE = 1e-10;

/** Sums of the shifted values over a range of rows, weighted (see the module comment). */
export interface PairSums {
  readonly n: number;
  /** Σw over the rows (n when unweighted). */
  readonly sw: number;
  readonly sx: number;
  readonly sy: number;
  readonly sxx: number;
  readonly sxy: number;
  readonly syy: number;
}

/** Rows per call of a sweep function (see ssrSweeps), and per block of weights. */
export const BLOCK = 1 << 15;

/** Row weights of a weighted scan, read a block of rows at a time. */
export interface RowWeights {
  /**
   * The weights of rows [from, to) (to − from ≤ BLOCK), row t at index t − from; the view may be
   * overwritten by the next call.
   */
  block(from: number, to: number): Float64Array;
}

let ones: Float64Array | null = null;

/** `length` (≤ BLOCK) weights of 1: an unweighted pass reads them as a weighted one does. */
function unitWeights(length: number): Float64Array {
  ones ??= new Float64Array(BLOCK).fill(1);
  return ones.subarray(0, length);
}

/**
 * The sums of rows [from, to) of the pair shifted by (mx, my), weighted by `w` when given. Cost
 * one pass (in blocks of BLOCK rows when weighted: the same sums in the same order).
 */
export function pairSums(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  from: number,
  to: number,
  mx: number,
  my: number,
  w?: RowWeights,
): PairSums {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let b = from; b < to; b += BLOCK) {
    const e = Math.min(b + BLOCK, to);
    const wb = w === undefined ? unitWeights(e - b) : w.block(b, e);
    for (let t = b; t < e; t++) {
      const a = wb[t - b]!;
      const u = x[t]! - mx;
      const v = y[t]! - my;
      sw += a;
      sx += a * u;
      sy += a * v;
      sxx += a * u * u;
      sxy += a * u * v;
      syy += a * v * v;
    }
  }
  return { n: to - from, sw, sx, sy, sxx, sxy, syy };
}

/** The sums of the rows a part does not have: `totals` less `part`. */
export function complementSums(totals: PairSums, part: PairSums): PairSums {
  return {
    n: totals.n - part.n,
    sw: totals.sw - part.sw,
    sx: totals.sx - part.sx,
    sy: totals.sy - part.sy,
    sxx: totals.sxx - part.sxx,
    sxy: totals.sxy - part.sxy,
    syy: totals.syy - part.syy,
  };
}

/** Where a scan looks and what it knows of the whole sample. */
export interface ScanRange {
  /** Smallest and largest split (the first row of the second part), 1 ≤ lo ≤ hi ≤ n − 1. */
  readonly lo: number;
  readonly hi: number;
  /** The shift: the full sample's means (0, 0 through the origin). */
  readonly mx: number;
  readonly my: number;
  /** pairSums over all n rows with that shift. */
  readonly totals: PairSums;
  /** Each part with its own intercept (centred co-moments), or both through the origin. */
  readonly intercept: boolean;
  /** Record every step-th split first (default splitStep). */
  readonly step?: number | undefined;
  /** Row weights w_t > 0 of a weighted fit (see the module comment); undefined: all 1. */
  readonly weights?: RowWeights | undefined;
}

/**
 * A ScanRange with every key, in one order, weighted or not, so that the scans see one object
 * shape: with ranges spread from another (`{ ...range, lo, hi }`, one shape unweighted and
 * another weighted) a pair of sweeps over 1,825 rows took 0.038 ms against 0.031–0.035.
 */
export function splitScanRange(
  lo: number,
  hi: number,
  mx: number,
  my: number,
  totals: PairSums,
  intercept: boolean,
  weights?: RowWeights,
): ScanRange {
  return { lo, hi, mx, my, totals, intercept, step: undefined, weights };
}

/** From this many rows the scans record a grid of splits first (see splitStep). */
export const SPLIT_GRID_MIN_ROWS = 50_000;

/** Grid steps on each side of the best grid split that the second sweep evaluates. */
export const REFINE_STEPS = 8;

/**
 * The stride of a scan's first sweep over n rows: 1 (every split) below SPLIT_GRID_MIN_ROWS,
 * else ⌊n/8192⌋. Every split within REFINE_STEPS strides of the best grid split is evaluated
 * after (a second sweep over those rows only): that finds the best split unless another as good
 * lies further from the best grid split (neighbouring splits' statistics differ by O(√(step/n));
 * test/core/kernels.test.ts finds the same split as every split on large samples). What costs is
 * the work per split; the rows are still all summed once.
 */
export function splitStep(n: number): number {
  return n < SPLIT_GRID_MIN_ROWS ? 1 : Math.floor(n / 8192);
}

/** One part's fit, for the HC3 weights of its rows. */
export interface PartLine {
  /** Means of x̃ and ỹ over the part (0 through the origin). */
  readonly mx: number;
  readonly my: number;
  readonly slope: number;
  /** 1/C_xx of the part. */
  readonly cInv: number;
  /**
   * 1/W_p with an intercept, 0 through the origin: the leverage's constant term (row t's leverage
   * is w_t·(h0 + (x̃_t − mx)²·cInv)).
   */
  readonly h0: number;
}

/** A two-part fit split at row `tau`: the rows before it are the first part's. */
export interface SplitFit {
  readonly tau: number;
  readonly first: PartLine;
  readonly second: PartLine;
}

/** A part's line from its sums (see {@link PartLine}); null without variance in x. */
export function partLine(s: PairSums, intercept: boolean): PartLine | null {
  const c = intercept ? 1 / s.sw : 0;
  const cxx = s.sxx - s.sx * s.sx * c;
  if (!(cxx > NO_VARIANCE * s.sxx)) return null;
  const cxy = s.sxy - s.sx * s.sy * c;
  return { mx: s.sx * c, my: s.sy * c, slope: cxy / cxx, cInv: 1 / cxx, h0: c };
}

/**
 * The splits in [lo, hi] with x varying on both sides, as bounds [first, last]: a part of
 * constant x has no slope. Usually O(1).
 */
export function variesWithin(x: ArrayLike<number>, lo: number, hi: number): [number, number] {
  const n = x.length;
  let a = 1;
  while (a < n && x[a] === x[0]) a++;
  let b = n - 2;
  while (b >= 0 && x[b] === x[n - 1]) b--;
  return [Math.max(lo, a + 1), Math.min(hi, b + 1)];
}

/** The least-squares split: the smallest total SSR, and the first part's sums there. */
export interface SsrSplit {
  /** First row of the second part; −1 when no split in range has two fits. */
  readonly tau: number;
  /** SSR₁(τ) + SSR₂(τ) at that split. */
  readonly ssr: number;
  /** pairSums of rows [0, τ) (weighted as the scan). */
  readonly before: PairSums;
}

/** Values kept per split by the sweeps: split, Σx̃, Σỹ, Σx̃², Σx̃ỹ, Σỹ², Σω, Σωx̃, Σωx̃², Σw. */
export const SNAP = 10;

/**
 * The split τ ∈ [lo, hi] with the smallest SSR₁(τ) + SSR₂(τ) (the first of equal minima), parts
 * [0, τ) and [τ, n) fitted separately (see the module comment). As C_yy,1 + C_yy,2 =
 * C_yy − (Σỹ₁)²/n₁ − (Σỹ₂)²/n₂ (with an intercept), that is the largest
 * q(τ) = (Σỹ₁)²/n₁ + C_xy,1²/C_xx,1 + (the same for part 2). With A = n₁·C_xx,1 and
 * A_xy = n₁·C_xy,1 part 1's term is ((Σỹ₁)²·A + A_xy²)/(n₁·A), and q > best is tested as
 * N₁D₂ + N₂D₁ > best·D₁D₂: the loop divides only at a new best. Through the origin n₁ is
 * replaced by 1 and Σỹ₁ by 0. Splits where a part has x constant (exactly: before the first
 * change of x or after the last) are skipped. On a grid (splitStep > 1) the sums at the grid
 * splits of the last REFINE_STEPS + 1 steps are kept in a ring, and a second sweep starts from
 * the one before the best. Cost one sweep over [0, hi), O(1) per split.
 */
export function scanSsrSplits(y: ArrayLike<number>, x: ArrayLike<number>, r: ScanRange): SsrSplit {
  const [first, last] = variesWithin(x, r.lo, r.hi);
  const step = r.step ?? splitStep(r.totals.n);
  // [q, split, its sums (5), Σw, then the sums where a second sweep starts (SNAP)]
  const best = new Float64Array(8 + SNAP);
  best[0] = -Infinity;
  best[1] = -1;
  const ring = new Float64Array(SNAP * (REFINE_STEPS + 1));
  if (first <= last)
    ssrSweeps(y, x, r, 0, last, first, step, new Float64Array(SNAP + 2), best, ring);
  if (step > 1 && best[1]! > 0) {
    // every split within REFINE_STEPS grid steps of the best grid split
    const start = new Float64Array(SNAP + 2);
    start.set(best.subarray(best.length - SNAP));
    const from = start[0]! | 0;
    const to = Math.min(last, (best[1]! | 0) + REFINE_STEPS * step);
    best[0] = -Infinity;
    ssrSweeps(y, x, r, from, to, Math.max(first, from + 1), 1, start, best, ring);
  }
  const bn = best[1]! | 0;
  if (bn < 0) {
    return { tau: -1, ssr: NaN, before: { n: 0, sw: 0, sx: 0, sy: 0, sxx: 0, sxy: 0, syy: 0 } };
  }
  const before = {
    n: bn,
    sw: best[7]!,
    sx: best[2]!,
    sy: best[3]!,
    sxx: best[4]!,
    sxy: best[5]!,
    syy: best[6]!,
  };
  const after = complementSums(r.totals, before);
  return { tau: bn, ssr: partSsr(before, r.intercept) + partSsr(after, r.intercept), before };
}

/** A part's SSR from its sums. */
function partSsr(s: PairSums, intercept: boolean): number {
  const c = intercept ? 1 / s.sw : 0;
  const cxx = s.sxx - s.sx * s.sx * c;
  const cxy = s.sxy - s.sx * s.sy * c;
  return s.syy - s.sy * s.sy * c - (cxy * cxy) / cxx;
}

/**
 * ssrSweep over rows [from, to) in blocks of BLOCK rows: a function that V8 compiled while it
 * ran (on-stack replacement) is thrown away at the first code after its loop, so a long sweep in
 * one call would run each call half in the interpreter; called block by block, it is compiled
 * whole after the first blocks.
 */
function ssrSweeps(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  r: ScanRange,
  from: number,
  to: number,
  firstSplit: number,
  step: number,
  st: Float64Array,
  best: Float64Array,
  ring: Float64Array,
): void {
  ring.fill(0);
  for (let b = from; b < to; b += BLOCK) {
    const e = Math.min(b + BLOCK, to);
    const w = r.weights === undefined ? unitWeights(e - b) : r.weights.block(b, e);
    ssrSweep(y, x, r, w, b, e, firstSplit, step, st, best, ring);
  }
}

/**
 * One sweep of scanSsrSplits over rows [from, to): `st` holds the sums of rows [0, from) (its
 * SNAP layout) and the countdown to the next split and the ring's slot after them, and receives
 * those at `to`; the splits from `firstSplit` on are evaluated every `step`-th. At a new best,
 * `best` receives [q, split, Σx̃, Σỹ, Σx̃², Σx̃ỹ, Σỹ², Σw] and, with a step, in its last SNAP
 * values the oldest grid split's sums in `ring` (REFINE_STEPS + 1 grid splits back). `ws`: the
 * rows' weights from row `from` on (all 1 unweighted: see unitWeights).
 */
function ssrSweep(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  r: ScanRange,
  ws: Float64Array,
  from: number,
  to: number,
  firstSplit: number,
  step: number,
  st: Float64Array,
  best: Float64Array,
  ring: Float64Array,
): void {
  const { mx, my } = r;
  const { sw: tsw, sx: tsx, sy: tsy, sxx: tsxx, sxy: tsxy } = r.totals;
  const c = r.intercept ? 1 : 0;
  let sw = st[9]!;
  let sx = st[1]!;
  let sy = st[2]!;
  let sxx = st[3]!;
  let sxy = st[4]!;
  let syy = st[5]!;
  let q = best[0]!;
  // module constants in locals: a module binding read in a hot loop is checked on every read
  const rec = SNAP;
  const back = REFINE_STEPS;
  let wait = st[rec]! | 0;
  let slot = st[rec + 1]! | 0;
  for (let t = from; t < to; t++) {
    const a = ws[t - from]!;
    const u = x[t]! - mx;
    const v = y[t]! - my;
    sw += a;
    sx += a * u;
    sy += a * v;
    sxx += a * u * u;
    sxy += a * u * v;
    syy += a * v * v;
    if (t + 1 < firstSplit || wait-- > 0) continue;
    wait = step - 1;
    // W₁, W₂ (n₁, n₂ unweighted) as weights of the centring (1 through the origin, where Σ·Σ
    // terms vanish)
    const k1 = c * sw + 1 - c;
    const k2 = c * (tsw - sw) + 1 - c;
    const tx = tsx - sx;
    const ty = tsy - sy;
    const A = k1 * sxx - c * sx * sx;
    const B = k2 * (tsxx - sxx) - c * tx * tx;
    if (A > 0 && B > 0) {
      const Axy = k1 * sxy - c * sx * sy;
      const Bxy = k2 * (tsxy - sxy) - c * tx * ty;
      const N1 = c * sy * sy * A + Axy * Axy;
      const D1 = k1 * A;
      const N2 = c * ty * ty * B + Bxy * Bxy;
      const D2 = k2 * B;
      if (N1 * D2 + N2 * D1 > q * D1 * D2) {
        q = N1 / D1 + N2 / D2;
        best[0] = q;
        best[1] = t + 1;
        best[2] = sx;
        best[3] = sy;
        best[4] = sxx;
        best[5] = sxy;
        best[6] = syy;
        best[7] = sw;
        // the ring's oldest grid split, where a second sweep would start
        if (step > 1) best.set(ring.subarray(rec * slot, rec * slot + rec), best.length - rec);
      }
    }
    if (step > 1) {
      const o = rec * slot;
      ring[o] = t + 1;
      ring[o + 1] = sx;
      ring[o + 2] = sy;
      ring[o + 3] = sxx;
      ring[o + 4] = sxy;
      ring[o + 5] = syy;
      ring[o + 9] = sw;
      slot = slot === back ? 0 : slot + 1;
    }
  }
  st[0] = to;
  st[1] = sx;
  st[2] = sy;
  st[3] = sxx;
  st[4] = sxy;
  st[5] = syy;
  st[9] = sw;
  st[rec] = wait;
  st[rec + 1] = slot;
}
