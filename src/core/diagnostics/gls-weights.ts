/**
 * The row weights of the dated break's GLS date (./unknown-break.ts): w_t = 1/σ̂_t², where σ̂_t²
 * is a two-sided exponential average of the squared residuals ê_s² of an ordinary two-part fit,
 * row t's own left out:
 *
 *   σ̂_t² = (F_t + B_t) / (f_t + c_t),  F_t = Σ_{s<t} λ^(t−s)·ê_s²,  B_t = Σ_{s>t} λ^(s−t)·ê_s²,
 *   f_t = Σ_{s<t} λ^(t−s),  c_t = Σ_{s>t} λ^(s−t),  λ = 2^(−1/BREAK_SCALE_HALFLIFE),
 *
 * floored at BREAK_SCALE_FLOOR × the mean ê² (w_t = (f_t + c_t) / max(floor·(f_t + c_t),
 * F_t + B_t)). F runs forwards and B backwards, so the weights of a row need both ends of the
 * sample. They are given a block of rows at a time (RowWeights, as the scans read them) from the
 * running sums at the blocks' edges, kept by two passes when the weights are made: no n-length
 * array is held (a million rows of weights would be 8 MB per report thread), and every weight is
 * the double the two passes over the whole sample compute (the same recurrences, resumed from
 * their own values).
 */
import { BLOCK, type RowWeights, type SplitFit } from '../kernels/split-scan';

/**
 * Half-life in rows of the two-sided average of squared residuals that gives σ̂_t²: two weeks of
 * daily returns, long enough for a steady scale from fat-tailed residuals, short against
 * volatility clusters (GARCH persistence 0.98: a half-life of 34 days). Chosen on the calibration
 * markets among 5, 7, 10, 14, 20 and 40 rows (docs/diagnostics.md).
 */
export const BREAK_SCALE_HALFLIFE = 14;

/**
 * σ̂_t² is at least this share of the mean squared residual: a weight at most 100× the typical
 * one, so that a stretch of stale prices (residuals near 0) does not dominate the fit.
 */
export const BREAK_SCALE_FLOOR = 0.01;

/** The floor of σ̂², BREAK_SCALE_FLOOR × the mean ê², from Σê² over the n rows. */
function floorOf(sumE2: number, n: number): number {
  return (BREAK_SCALE_FLOOR * sumE2) / n;
}

/** The two-part fit whose residuals the weights are made from (values shifted by mx, my). */
interface Scale {
  readonly tau: number;
  readonly mx: number;
  readonly my: number;
  readonly fit: SplitFit;
}

/** λ = 2^(−1/BREAK_SCALE_HALFLIFE), the recurrences' factor per row. */
const LAMBDA = 2 ** (-1 / BREAK_SCALE_HALFLIFE);

/** Rows from which f_t is its limit λ/(1 − λ) to the last bit (λ^t < 2⁻⁶⁰). */
const EXACT_ROWS = Math.ceil(60 * BREAK_SCALE_HALFLIFE);

let fTable: Float64Array | null = null;

/**
 * f_t = λ(1 − λ^t)/(1 − λ) at t < EXACT_ROWS and its limit at EXACT_ROWS, made on first use
 * (the same expression, the same doubles): with a power per row the backward pass was the
 * dated break's slowest (unknownDateBreak on 1,825 rows 0.21 ms a call, 0.13–0.15 with this).
 */
function rowsBefore(): Float64Array {
  if (fTable === null) {
    fTable = new Float64Array(EXACT_ROWS + 1);
    for (let t = 0; t < EXACT_ROWS; t++) fTable[t] = (LAMBDA * (1 - LAMBDA ** t)) / (1 - LAMBDA);
    fTable[EXACT_ROWS] = LAMBDA / (1 - LAMBDA);
  }
  return fTable;
}

/** ê_t, the residual of row t in the two-part fit (values shifted by mx, my as the scans do). */
function residual(y: ArrayLike<number>, x: ArrayLike<number>, p: Scale, t: number): number {
  const u = x[t]! - p.mx;
  const line = t < p.tau ? p.fit.first : p.fit.second;
  return y[t]! - p.my - line.my - line.slope * (u - line.mx);
}

/**
 * The forward pass over rows [from, to) from F = st[0]: F_t into out[t − outFrom] for t ≥
 * outFrom (when out is given), Σê² added to st[1]; st[0] receives F_to.
 */
function forward(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  p: Scale,
  from: number,
  to: number,
  st: Float64Array,
  out: Float64Array | null,
  outFrom: number,
): void {
  const lambda = LAMBDA;
  let s = st[0]!;
  let sum = st[1]!;
  for (let t = from; t < to; t++) {
    const e = residual(y, x, p, t);
    if (out !== null && t >= outFrom) out[t - outFrom] = s;
    sum += e * e;
    s = lambda * (s + e * e);
  }
  st[0] = s;
  st[1] = sum;
}

/**
 * The backward pass over rows to − 1 … from from (B, c) = (st[0], st[2]) at row to − 1: for t <
 * outTo, out[t − from] (holding F_t) receives w_t; st[0], st[2] receive B and c at row from − 1.
 */
function backward(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  p: Scale,
  floor: number,
  from: number,
  to: number,
  st: Float64Array,
  out: Float64Array | null,
  outTo: number,
): void {
  const lambda = LAMBDA;
  const exact = EXACT_ROWS;
  const fs = rowsBefore();
  let s = st[0]!;
  let c = st[2]!;
  for (let t = to - 1; t >= from; t--) {
    const e = residual(y, x, p, t);
    if (out !== null && t < outTo) {
      const f = fs[t < exact ? t : exact]!;
      out[t - from] = (f + c) / Math.max(floor * (f + c), out[t - from]! + s);
    }
    s = lambda * (s + e * e);
    c = lambda * (c + 1);
  }
  st[0] = s;
  st[2] = c;
}

/**
 * The GLS weights of the rows of y on x (see the module comment) from the two-part fit `fit`
 * (values shifted by mx, my), read a block at a time. With more than BLOCK rows, making them
 * costs two passes (the forward sums at the blocks' starts and Σê², the backward sums at their
 * ends, over the rows after the first block); with at most BLOCK, none. A block then costs one forward
 * and one backward pass over it
 * (plus, for a block that does not start or end at a multiple of BLOCK, the rows from there).
 * The last block read is kept: reading it again costs nothing.
 */
export function glsWeights(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  mx: number,
  my: number,
  fit: SplitFit,
): RowWeights {
  const n = y.length;
  const p: Scale = { tau: fit.tau, mx, my, fit };
  const blocks = Math.ceil(n / BLOCK);
  // F at each block's start; B and c at each block's last row
  const fAt = new Float64Array(blocks + 1);
  const bAt = new Float64Array(blocks);
  const cAt = new Float64Array(blocks);
  // The floor needs Σê² over all rows: from the edges' forward pass with several blocks; with
  // one (whose edges are the zeros), from the first read, whose forward pass starts at row 0.
  let floor = NaN;
  if (blocks > 1) {
    const st = new Float64Array(3);
    for (let k = 0; k < blocks; k++) {
      fAt[k] = st[0]!;
      forward(y, x, p, k * BLOCK, Math.min((k + 1) * BLOCK, n), st, null, 0);
    }
    floor = floorOf(st[1]!, n);
    st.fill(0);
    for (let k = blocks - 1; k > 0; k--) {
      bAt[k] = st[0]!;
      cAt[k] = st[2]!;
      backward(y, x, p, floor, k * BLOCK, Math.min((k + 1) * BLOCK, n), st, null, 0);
    }
    bAt[0] = st[0]!;
    cAt[0] = st[2]!;
  }
  const view = new Float64Array(Math.min(n, BLOCK));
  let held = [-1, -1];
  return {
    block(from: number, to: number): Float64Array {
      const out = view.subarray(0, to - from);
      if (held[0] === from && held[1] === to) return out;
      // F from the start of from's block, then B from the end of (to − 1)'s block
      const kf = Math.floor(from / BLOCK);
      const fs = new Float64Array([fAt[kf]!, 0, 0]);
      forward(y, x, p, kf * BLOCK, to, fs, out, from);
      if (Number.isNaN(floor)) {
        // one block (kf = 0): the rows after `to` complete Σê², in the same order
        if (to < n) forward(y, x, p, to, n, fs, null, 0);
        floor = floorOf(fs[1]!, n);
      }
      const kb = Math.floor((to - 1) / BLOCK);
      const bs = new Float64Array([bAt[kb]!, 0, cAt[kb]!]);
      backward(y, x, p, floor, from, Math.min((kb + 1) * BLOCK, n), bs, out, to);
      held = [from, to];
      return out;
    },
  };
}
