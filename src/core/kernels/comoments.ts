/**
 * Co-moments of data columns [x_1 … x_p, y] over a range of rows: their count, means and the
 * matrix of cross-products S_ab = Σ (a − ā)(b − b̄) (centred; without centring the means are 0
 * and S_ab = Σ a·b). The least-squares fits of src/core/regression start from them. Two
 * precisions:
 *
 * - compensated ({@link compensatedCoMoments}): means from compensated sums, then compensated
 *   sums of the products of deviations with the corrected two-pass term,
 *   S_ab = Σ d_a·d_b − (Σ d_a)(Σ d_b)/n (Chan, Golub & LeVeque, Am. Stat. 37, 1983): each within a
 *   few ulps of exact;
 * - double-double (./dd-comoments.ts): means and cross-products carried in ~106 bits.
 *
 * And {@link downdateCoMoments}: the co-moments of a sample without one of its ranges (the
 * inverse of merging two parts' co-moments).
 *
 * The loops for two and three columns (one or two regressors and y: every fit of the report) are
 * written out with each accumulator in a local; the loops for any number of columns compute the
 * same sums in the same order (the same doubles; test/core/kernels.test.ts).
 */

/** Count, means and cross-products of m columns (see the module comment). */
export interface CoMoments {
  readonly n: number;
  /** m means (all 0 when not centred). */
  readonly means: Float64Array;
  /** m × m cross-products, row-major and symmetric. */
  readonly S: Float64Array;
}

/** What the first pass saw of the values' magnitudes, over every column. */
export interface Magnitudes {
  /** Largest |value|; NaN when a value is not finite. */
  readonly largest: number;
  /** Smallest non-zero |value| (Infinity when every value is 0). */
  readonly smallest: number;
}

/** {@link CoMoments} with the {@link Magnitudes} of the values. */
export type ScannedCoMoments = CoMoments & Magnitudes;

/**
 * Co-moments of the columns over rows [from, to), compensated (see the module comment): pass 1
 * the compensated sums (means (s + c)/n when centred) and the magnitudes, pass 2
 * {@link centredProducts}. Cost two passes, O((to − from)·m²).
 */
export function compensatedCoMoments(
  columns: readonly ArrayLike<number>[],
  from: number,
  to: number,
  centred: boolean,
): ScannedCoMoments {
  const m = columns.length;
  const n = to - from;
  const s = new Float64Array(m);
  const c = new Float64Array(m);
  const seen = m === 2 ? columnSums2(columns, from, to, s, c) : columnSums(columns, from, to, s, c);
  const means = new Float64Array(m);
  if (centred) for (let a = 0; a < m; a++) means[a] = (s[a]! + c[a]!) / n;
  const S = centredProducts(columns, from, to, means, centred);
  return { n, means, S, largest: seen.largest, smallest: seen.smallest };
}

/**
 * Pass 2: S_ab = Σ d_a·d_b − (Σd_a)(Σd_b)/n over rows [from, to), d = value − means[a], the first
 * sum compensated and Σd plain (the corrected two-pass term, which removes what rounding left in
 * the means; none without centring: the means are then 0 and S holds raw products). m × m,
 * symmetric. Cost one pass, O((to − from)·m²).
 */
export function centredProducts(
  columns: readonly ArrayLike<number>[],
  from: number,
  to: number,
  means: ArrayLike<number>,
  centred: boolean,
): Float64Array {
  const m = columns.length;
  const n = to - from;
  const S = new Float64Array(m * m);
  const dsum = new Float64Array(m);
  if (m === 1) products1(columns[0]!, from, to, means[0]!, S, dsum);
  else if (m === 2) products2(columns, from, to, means, S, dsum);
  else if (m === 3) products3(columns, from, to, means, S, dsum);
  else products(columns, from, to, means, S, dsum);
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      const v = S[a * m + b]! - (centred ? (dsum[a]! * dsum[b]!) / n : 0);
      S[a * m + b] = v;
      S[b * m + a] = v;
    }
  }
  return S;
}

/**
 * Pass 1: per column the compensated sum of rows [from, to) as its two parts (sum s[a],
 * correction c[a]), and the magnitudes of all values.
 */
export function columnSums(
  columns: readonly ArrayLike<number>[],
  from: number,
  to: number,
  s: Float64Array,
  c: Float64Array,
): Magnitudes {
  let big = 0;
  let small = Infinity;
  for (let a = 0; a < columns.length; a++) {
    const x = columns[a]!;
    let sum = 0;
    let comp = 0;
    for (let t = from; t < to; t++) {
      const v = x[t]!;
      const av = Math.abs(v);
      if (!(av <= big)) big = av > big ? av : NaN; // NaN fails both comparisons, and stays
      if (av > 0 && av < small) small = av;
      const u = sum + v;
      comp += sum - (u - (u - sum)) + (v - (u - sum));
      sum = u;
    }
    s[a] = sum;
    c[a] = comp;
  }
  return { largest: big, smallest: small };
}

/** {@link columnSums} for two columns, in one loop. */
function columnSums2(
  columns: readonly ArrayLike<number>[],
  from: number,
  to: number,
  s: Float64Array,
  c: Float64Array,
): Magnitudes {
  const x = columns[0]!;
  const y = columns[1]!;
  let sx = 0;
  let cx = 0;
  let sy = 0;
  let cy = 0;
  let big = 0;
  let small = Infinity;
  for (let t = from; t < to; t++) {
    const xv = x[t]!;
    const yv = y[t]!;
    const ax = Math.abs(xv);
    const ay = Math.abs(yv);
    if (!(ax <= big)) big = ax > big ? ax : NaN;
    if (!(ay <= big)) big = ay > big ? ay : NaN;
    if (ax > 0 && ax < small) small = ax;
    if (ay > 0 && ay < small) small = ay;
    let u = sx + xv;
    cx += sx - (u - (u - sx)) + (xv - (u - sx));
    sx = u;
    u = sy + yv;
    cy += sy - (u - (u - sy)) + (yv - (u - sy));
    sy = u;
  }
  s[0] = sx;
  c[0] = cx;
  s[1] = sy;
  c[1] = cy;
  return { largest: big, smallest: small };
}

/**
 * Pass 2 for any number of columns: compensated Σ d_a·d_b (d = value − mean) into S[a·m + b] for
 * a ≤ b, plain Σ d_a into dsum[a].
 */
export function products(
  columns: readonly ArrayLike<number>[],
  from: number,
  to: number,
  means: ArrayLike<number>,
  S: Float64Array,
  dsum: Float64Array,
): void {
  const m = columns.length;
  const d = new Float64Array(m);
  const comp = new Float64Array(m * m);
  for (let t = from; t < to; t++) {
    for (let a = 0; a < m; a++) {
      d[a] = columns[a]![t]! - means[a]!;
      dsum[a] = dsum[a]! + d[a]!;
    }
    for (let a = 0; a < m; a++) {
      for (let b = a; b < m; b++) {
        const at = a * m + b;
        const sum = S[at]!;
        const v = d[a]! * d[b]!;
        const u = sum + v;
        comp[at] = comp[at]! + (sum - (u - (u - sum)) + (v - (u - sum)));
        S[at] = u;
      }
    }
  }
  for (let a = 0; a < m; a++)
    for (let b = a; b < m; b++) S[a * m + b] = S[a * m + b]! + comp[a * m + b]!;
}

/** {@link products} for one column, in locals. */
function products1(
  x: ArrayLike<number>,
  from: number,
  to: number,
  mean: number,
  S: Float64Array,
  dsum: Float64Array,
): void {
  let s = 0;
  let c = 0;
  let ds = 0;
  for (let t = from; t < to; t++) {
    const d = x[t]! - mean;
    ds += d;
    const v = d * d;
    const u = s + v;
    c += s - (u - (u - s)) + (v - (u - s));
    s = u;
  }
  S[0] = s + c;
  dsum[0] = ds;
}

/** {@link products} for two columns, in locals. */
function products2(
  columns: readonly ArrayLike<number>[],
  from: number,
  to: number,
  means: ArrayLike<number>,
  S: Float64Array,
  dsum: Float64Array,
): void {
  const x = columns[0]!;
  const y = columns[1]!;
  const mx = means[0]!;
  const my = means[1]!;
  let sxx = 0;
  let cxx = 0;
  let sxy = 0;
  let cxy = 0;
  let syy = 0;
  let cyy = 0;
  let dxSum = 0;
  let dySum = 0;
  for (let t = from; t < to; t++) {
    const dx = x[t]! - mx;
    const dy = y[t]! - my;
    dxSum += dx;
    dySum += dy;
    let v = dx * dx;
    let u = sxx + v;
    cxx += sxx - (u - (u - sxx)) + (v - (u - sxx));
    sxx = u;
    v = dx * dy;
    u = sxy + v;
    cxy += sxy - (u - (u - sxy)) + (v - (u - sxy));
    sxy = u;
    v = dy * dy;
    u = syy + v;
    cyy += syy - (u - (u - syy)) + (v - (u - syy));
    syy = u;
  }
  S[0] = sxx + cxx;
  S[1] = sxy + cxy;
  S[3] = syy + cyy;
  dsum[0] = dxSum;
  dsum[1] = dySum;
}

/** {@link products} for three columns, in locals. */
function products3(
  columns: readonly ArrayLike<number>[],
  from: number,
  to: number,
  means: ArrayLike<number>,
  S: Float64Array,
  dsum: Float64Array,
): void {
  const x0 = columns[0]!;
  const x1 = columns[1]!;
  const y = columns[2]!;
  const m0 = means[0]!;
  const m1 = means[1]!;
  const my = means[2]!;
  let a00 = 0;
  let k00 = 0;
  let a01 = 0;
  let k01 = 0;
  let a0y = 0;
  let k0y = 0;
  let a11 = 0;
  let k11 = 0;
  let a1y = 0;
  let k1y = 0;
  let ayy = 0;
  let kyy = 0;
  let d0s = 0;
  let d1s = 0;
  let dys = 0;
  for (let t = from; t < to; t++) {
    const d0 = x0[t]! - m0;
    const d1 = x1[t]! - m1;
    const dy = y[t]! - my;
    d0s += d0;
    d1s += d1;
    dys += dy;
    let v = d0 * d0;
    let u = a00 + v;
    k00 += a00 - (u - (u - a00)) + (v - (u - a00));
    a00 = u;
    v = d0 * d1;
    u = a01 + v;
    k01 += a01 - (u - (u - a01)) + (v - (u - a01));
    a01 = u;
    v = d0 * dy;
    u = a0y + v;
    k0y += a0y - (u - (u - a0y)) + (v - (u - a0y));
    a0y = u;
    v = d1 * d1;
    u = a11 + v;
    k11 += a11 - (u - (u - a11)) + (v - (u - a11));
    a11 = u;
    v = d1 * dy;
    u = a1y + v;
    k1y += a1y - (u - (u - a1y)) + (v - (u - a1y));
    a1y = u;
    v = dy * dy;
    u = ayy + v;
    kyy += ayy - (u - (u - ayy)) + (v - (u - ayy));
    ayy = u;
  }
  S[0] = a00 + k00;
  S[1] = a01 + k01;
  S[2] = a0y + k0y;
  S[4] = a11 + k11;
  S[5] = a1y + k1y;
  S[8] = ayy + kyy;
  dsum[0] = d0s;
  dsum[1] = d1s;
  dsum[2] = dys;
}

/**
 * Co-moments of every row of a sample except [from, to), from the whole sample's (`full`, over
 * all `full.n` rows of the columns) by downdating: with B = [from, to) and A the rest,
 * n_A = n − n_B, x̄_A = (n·x̄ − n_B·x̄_B)/n_A and S_A = S − S_B − (n_A·n_B/n)·(x̄_A − x̄_B)(x̄_A − x̄_B)'
 * (the merge of Chan, Golub & LeVeque, Am. Stat. 37, 1983, run backwards); without centring the
 * raw S_A = S − S_B. B's moments are centredProducts over B (B's means plain sums).
 * Only while B holds at most a quarter of the rows, so that S_A is most of S and the subtraction
 * keeps its digits. Cost one pass over B per pair of columns.
 * @returns undefined when B is empty or more than a quarter of the rows, or the sizes disagree
 */
export function downdateCoMoments(
  full: CoMoments,
  columns: readonly ArrayLike<number>[],
  from: number,
  to: number,
  centred: boolean,
): CoMoments | undefined {
  const n = full.n;
  const nB = to - from;
  const m = columns.length;
  if (m !== full.means.length || nB < 1 || 4 * nB > n || columns[0]!.length !== n) return undefined;
  const nA = n - nB;
  const meanB = new Float64Array(m);
  if (centred) {
    for (let a = 0; a < m; a++) {
      const c = columns[a]!;
      let s = 0;
      for (let t = from; t < to; t++) s += c[t]!;
      meanB[a] = s / nB;
    }
  }
  const meansA = new Float64Array(m);
  const S = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    meansA[a] = centred ? (n * full.means[a]! - nB * meanB[a]!) / nA : 0;
  }
  const sB = centredProducts(columns, from, to, meanB, centred);
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      const shift = centred
        ? ((nA * nB) / n) * (meansA[a]! - meanB[a]!) * (meansA[b]! - meanB[b]!)
        : 0;
      const sA = full.S[a * m + b]! - sB[a * m + b]! - shift;
      S[a * m + b] = sA;
      S[b * m + a] = sA;
    }
  }
  return { n: nA, means: meansA, S };
}

/**
 * Pearson correlation from centred co-moments: S_xy / √(S_xx·S_yy), clamped to [−1, 1] against
 * rounding; NaN when either variance is not positive (undefined). Every correlation of src/core
 * is this formula on some co-moments.
 */
export function pearson(sxx: number, syy: number, sxy: number): number {
  if (!(sxx > 0) || !(syy > 0)) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Two columns' plain co-moments over a range (see {@link plainCoMoments2}). */
export interface PairMoments {
  mx: number;
  my: number;
  sxx: number;
  syy: number;
  sxy: number;
  /** Whether every x (every y) of the range is the same value. */
  constantX: boolean;
  constantY: boolean;
}

/** A PairMoments to be filled by {@link plainCoMoments2}. */
export function pairMoments(): PairMoments {
  return { mx: 0, my: 0, sxx: 0, syy: 0, sxy: 0, constantX: true, constantY: true };
}

/**
 * Means and centred co-moments of the pair (x, y) over rows [from, to) by the plain two-pass
 * algorithm: means from plain sums, then plain sums of the products of deviations. For short
 * ranges (a rolling window, a break test's recent part) whose values are returns, where its
 * error (~(to − from)·ε relative) is far below the statistics' sampling error. Whether x or y
 * is constant over the range is noted on the way (exactly: a stale price, not a tolerance).
 * Written to `out`.
 */
export function plainCoMoments2(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  from: number,
  to: number,
  out: PairMoments,
): PairMoments {
  const w = to - from;
  const x0 = x[from];
  const y0 = y[from];
  let sx = 0;
  let sy = 0;
  let changedX = false;
  let changedY = false;
  for (let i = from; i < to; i++) {
    const xv = x[i]!;
    const yv = y[i]!;
    sx += xv;
    sy += yv;
    if (xv !== x0) changedX = true;
    if (yv !== y0) changedY = true;
  }
  const mx = sx / w;
  const my = sy / w;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = from; i < to; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  out.mx = mx;
  out.my = my;
  out.sxx = sxx;
  out.syy = syy;
  out.sxy = sxy;
  out.constantX = !changedX;
  out.constantY = !changedY;
  return out;
}
