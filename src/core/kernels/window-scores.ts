/**
 * The dispersion test's pass over one window (src/core/diagnostics/stability.ts): the window's
 * plain co-moments (plainCoMoments2's arithmetic: the same doubles) and, in the same second
 * pass, its score S = Σ d_t·ε̂_t and the score's robust variance M = Σ d_t²·ε̂_t², where
 * d_t = x_t − x̄ (the window's mean) and ε̂_t = y_t − ȳ − β̂·(x_t − x̄_full) are the full
 * sample's residuals. Two passes over the window instead of three.
 */
import type { PairMoments } from './comoments';

/** A window's co-moments (PairMoments without the constancy flags) and its score sums. */
export interface WindowScores {
  moments: Omit<PairMoments, 'constantX' | 'constantY'>;
  /** Σ d_t·ε̂_t. */
  score: number;
  /** Σ d_t²·ε̂_t². */
  scoreVariance: number;
}

/** The full-sample regression the residuals ε̂ come from. */
export interface FullFit {
  readonly mx: number;
  readonly my: number;
  readonly beta: number;
}

/** The window [a, b) (see the module comment), written to `out`. */
export function windowScores(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  a: number,
  b: number,
  full: FullFit,
  out: WindowScores,
): WindowScores {
  const w = b - a;
  let wx = 0;
  let wy = 0;
  for (let t = a; t < b; t++) {
    wx += x[t]!;
    wy += y[t]!;
  }
  wx /= w;
  wy /= w;
  const { mx, my, beta } = full;
  let cxx = 0;
  let cyy = 0;
  let cxy = 0;
  let s = 0;
  let mm = 0;
  for (let t = a; t < b; t++) {
    const d = x[t]! - wx;
    const dy = y[t]! - wy;
    const e = y[t]! - my - beta * (x[t]! - mx);
    cxx += d * d;
    cyy += dy * dy;
    cxy += d * dy;
    s += d * e;
    mm += d * d * e * e;
  }
  const m = out.moments;
  m.mx = wx;
  m.my = wy;
  m.sxx = cxx;
  m.syy = cyy;
  m.sxy = cxy;
  out.score = s;
  out.scoreVariance = mm;
  return out;
}
