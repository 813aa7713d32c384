/**
 * The robust Wald statistic of a break at every split of a pair (x, y), in one sweep: the
 * heteroskedasticity-robust comparison of the two parts' slopes with HC3 weights from a two-part
 * fit (./split-scan.ts for the sums, the splits searched and the grid of large samples).
 *
 * With A = n₁·C_xx,1, A_xy = n₁·C_xy,1 and O₁ = n₁²·Ω₁ (part 2's likewise),
 * W = (b₁ − b₂)²/(V₁ + V₂) = (A_xy·B − B_xy·A)² / (O₁·B² + O₂·A²), no division but the last.
 * The exact path this stands in for is the sandwich of fits of each part at every split
 * (test/core/kernels.test.ts: the same largest statistic and split to 1e-9).
 */
import { MAX_LEVERAGE } from '../regression/limits';
import {
  BLOCK,
  REFINE_STEPS,
  SNAP,
  splitStep,
  variesWithin,
  type ScanRange,
  type SplitFit,
} from './split-scan';

/** The largest robust Wald statistic over the splits, and where. */
export interface WaldSplit {
  /** sup over the splits of W(τ). */
  readonly statistic: number;
  /** The split where it is reached (first of equal maxima). */
  readonly tau: number;
  /** Σω over all rows: 0 when the two-part fit is exact (no noise to test against). */
  readonly weightTotal: number;
}

/**
 * The robust Wald statistic of equal slopes before and after each split τ ∈ [lo, hi],
 * W(τ) = (b₁ − b₂)²/(V₁ + V₂) with V = Ω/C_xx² from the HC3 weights of `fit` (see the module
 * comment and largestWald), and its supremum. One sweep over the n rows computes the weights and
 * records the running sums at the splits (every split, or a grid and then every split within
 * REFINE_STEPS grid steps of the best); the splits are evaluated from the records once the
 * weights' totals are known. Splits where a part has x constant are skipped. Cost one sweep,
 * O(1) per split.
 * @returns null when no split has a defined statistic or a leverage of `fit` reaches
 *   MAX_LEVERAGE (HC3 undefined)
 */
export function scanWaldSplits(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  r: ScanRange,
  fit: SplitFit,
): WaldSplit | null {
  const n = r.totals.n;
  const [first, last] = variesWithin(x, r.lo, r.hi);
  if (first > last) return null;
  const step = r.step ?? splitStep(n);
  let snaps = new Float64Array(SNAP * (Math.floor((last - first) / step) + 1));
  const st = new Float64Array(SNAP + 2);
  let count = waldSweeps(y, x, r, fit, 0, n, first, last, step, st, snaps);
  if (count < 0) return null;
  const weights = st.slice(6, 9);
  const best = new Float64Array(2);
  largestWald(snaps, 0, count, r, weights, best);
  if (best[1]! >= 0 && step > 1) {
    const at = best[1]! | 0;
    // every split within REFINE_STEPS grid steps of the best grid split
    const back = at - REFINE_STEPS - 1;
    const start = new Float64Array(SNAP + 2);
    if (back >= 0) start.set(snaps.subarray(SNAP * back, SNAP * back + SNAP));
    const from = start[0]! | 0;
    const to = Math.min(last, (snaps[SNAP * at]! | 0) + REFINE_STEPS * step);
    snaps = new Float64Array(SNAP * (to - from));
    count = waldSweeps(y, x, r, fit, from, to, Math.max(first, from + 1), to, 1, start, snaps);
    largestWald(snaps, 0, count, r, weights, best);
  }
  const at = best[1]! | 0;
  if (at < 0) return null;
  return { statistic: best[0]!, tau: snaps[SNAP * at]! | 0, weightTotal: weights[0]! };
}

/** waldSweep over rows [from, to) in blocks of BLOCK rows (see ssrSweeps). */
function waldSweeps(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  r: ScanRange,
  fit: SplitFit,
  from: number,
  to: number,
  first: number,
  last: number,
  step: number,
  st: Float64Array,
  snaps: Float64Array,
): number {
  st[SNAP] = 0;
  st[SNAP + 1] = first;
  for (let b = from; b < to; b += BLOCK) {
    if (waldSweep(y, x, r, fit, b, Math.min(b + BLOCK, to), last, step, st, snaps) < 0) return -1;
  }
  return st[SNAP]! | 0;
}

/**
 * One sweep of scanWaldSplits over rows [from, to): `st` holds the sums of rows [0, from) in the
 * SNAP layout, then the records made so far and the next split to record, and receives those at
 * `to`; the sums at the splits up to `last`, every `step`-th, go to `snaps`. Returns the records
 * so far, or −1 at a leverage of 1.
 */
function waldSweep(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  r: ScanRange,
  fit: SplitFit,
  from: number,
  to: number,
  last: number,
  step: number,
  st: Float64Array,
  snaps: Float64Array,
): number {
  const { mx, my } = r;
  const tau = fit.tau;
  // both parts' lines loaded before the loop (a property load first reached after V8 has
  // optimised the loop would deoptimise it)
  const f1 = fit.first;
  const f2 = fit.second;
  const x2 = f2.mx;
  const y2 = f2.my;
  const b2 = f2.slope;
  const h2 = f2.h0;
  const c2 = f2.cInv;
  const second = from >= tau;
  let lx = second ? x2 : f1.mx;
  let ly = second ? y2 : f1.my;
  let lb = second ? b2 : f1.slope;
  let lh = second ? h2 : f1.h0;
  let lc = second ? c2 : f1.cInv;
  let sx = st[1]!;
  let sy = st[2]!;
  let sxx = st[3]!;
  let sxy = st[4]!;
  let w0 = st[6]!;
  let w1 = st[7]!;
  let w2 = st[8]!;
  // module constants in locals: a module binding read in a hot loop is checked on every read
  const maxH = MAX_LEVERAGE;
  const rec = SNAP;
  let count = st[rec]! | 0;
  let next = st[rec + 1]! | 0;
  for (let t = from; t < to; t++) {
    if (t === tau) {
      lx = x2;
      ly = y2;
      lb = b2;
      lh = h2;
      lc = c2;
    }
    const u = x[t]! - mx;
    const v = y[t]! - my;
    const d = u - lx;
    const e = v - ly - lb * d;
    const h = lh + d * d * lc;
    if (!(h < maxH)) return -1;
    const g = 1 - h;
    const w = (e * e) / (g * g);
    sx += u;
    sy += v;
    sxx += u * u;
    sxy += u * v;
    w0 += w;
    w1 += w * u;
    w2 += w * u * u;
    if (t + 1 === next && next <= last) {
      next += step;
      const o = rec * count++;
      snaps[o] = t + 1;
      snaps[o + 1] = sx;
      snaps[o + 2] = sy;
      snaps[o + 3] = sxx;
      snaps[o + 4] = sxy;
      snaps[o + 6] = w0;
      snaps[o + 7] = w1;
      snaps[o + 8] = w2;
    }
  }
  st[0] = to;
  st[1] = sx;
  st[2] = sy;
  st[3] = sxx;
  st[4] = sxy;
  st[6] = w0;
  st[7] = w1;
  st[8] = w2;
  st[rec] = count;
  st[rec + 1] = next;
  return count;
}

/**
 * The largest robust Wald statistic over records [from, to) (see scanWaldSplits) into
 * best[0] and its record into best[1] (−1 when none is defined; a part with x constant or no
 * variance has none). With A = n₁·C_xx,1, A_xy = n₁·C_xy,1 and O₁ = n₁²·Ω₁ (and part 2's), W =
 * (A_xy·B − B_xy·A)² / (O₁·B² + O₂·A²) (through the origin n₁ is replaced by 1 and the Σ·Σ terms
 * vanish), compared with the best as a product: one division per new best. `tw`: the weights'
 * totals [Σω, Σωx̃, Σωx̃²]. The first of equal maxima wins.
 */
function largestWald(
  snaps: Float64Array,
  from: number,
  to: number,
  r: ScanRange,
  tw: Float64Array,
  best: Float64Array,
): void {
  const { n, sx: tsx, sy: tsy, sxx: tsxx, sxy: tsxy } = r.totals;
  const [tw0, tw1, tw2] = [tw[0]!, tw[1]!, tw[2]!];
  const c = r.intercept ? 1 : 0;
  const rec = SNAP; // (a module binding read in a loop is checked on every read)
  let w = 0;
  let at = -1;
  for (let i = from; i < to; i++) {
    const o = rec * i;
    const n1 = snaps[o]!;
    const sx = snaps[o + 1]!;
    const sy = snaps[o + 2]!;
    const sxx = snaps[o + 3]!;
    const k1 = c * n1 + 1 - c;
    const k2 = c * (n - n1) + 1 - c;
    const tx = tsx - sx;
    const A = k1 * sxx - c * sx * sx;
    const B = k2 * (tsxx - sxx) - c * tx * tx;
    if (!(A > 0 && B > 0)) continue;
    const sxy = snaps[o + 4]!;
    const w0 = snaps[o + 6]!;
    const w1 = snaps[o + 7]!;
    const w2 = snaps[o + 8]!;
    const Axy = k1 * sxy - c * sx * sy;
    const Bxy = k2 * (tsxy - sxy) - c * tx * (tsy - sy);
    const o1 = k1 * (k1 * w2 - c * sx * (2 * w1)) + c * sx * sx * w0;
    const o2 = k2 * (k2 * (tw2 - w2) - c * tx * (2 * (tw1 - w1))) + c * tx * tx * (tw0 - w0);
    const diff = Axy * B - Bxy * A;
    const num = diff * diff;
    const den = o1 * B * B + o2 * A * A;
    if (den > 0 && num > w * den) {
      w = num / den;
      at = i;
    }
  }
  best[0] = w;
  best[1] = at;
}
