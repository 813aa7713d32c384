/**
 * Sliding co-moments over the windows [s, s + w) of a pair (y, x): each window's correlation and
 * slope in O(1) from the previous window's moments, re-anchored exactly every w windows so that
 * rounding drift stays bounded and the total cost stays O(n). The exact path it stands in for is
 * plainCoMoments2 of each window and pearson (./comoments.ts): the re-anchoring step is that
 * computation written out (the same doubles), the sliding steps agree with it to ~1e-13
 * (test/core/kernels.test.ts). Written out because a call per re-anchoring, or per window, costs
 * ~15 % of the slide (callgrind instruction counts, 125,000 windows).
 */
import { pairMoments, type PairMoments } from './comoments';

/** Where a slide over windows stopped: the next window and the moments of the one before it. */
export interface SlideState {
  next: number;
  moments: PairMoments;
  untilExact: number;
  lastChangeX: number;
  lastChangeY: number;
}

/** The state before window 0 (the last changes among the first w − 1 observations). */
export function startSlide(y: ArrayLike<number>, x: ArrayLike<number>, w: number): SlideState {
  let lastChangeX = 0;
  let lastChangeY = 0;
  for (let i = 1; i < w && i < y.length; i++) {
    if (x[i] !== x[i - 1]) lastChangeX = i;
    if (y[i] !== y[i - 1]) lastChangeY = i;
  }
  const moments = pairMoments();
  return { next: 0, moments, untilExact: 0, lastChangeX, lastChangeY };
}

/**
 * Slides over `count` windows [s, s + w) of the pair from window st.next, oldest first, and
 * writes the window's correlation (./comoments.ts pearson, written out) to corr[s − st.next] and its slope to
 * beta[s − st.next] (either may be null), then advances st. The moments slide by replacing the
 * oldest observation (x_o, y_o) with the newest (x_n, y_n), with d_x = x_n − x_o, d_y = y_n − y_o:
 *   m_x' = m_x + d_x/w,  C_xy' = C_xy + d_x·(y_n − m_y') + d_y·(x_o − m_x).
 * Slope: C_xy/C_xx with an intercept; without, Σxy/Σx² = (C_xy + w·m_x·m_y)/(C_xx + w·m_x²).
 * Constancy is tracked exactly from the index of the last change, so a window of stale
 * (all-equal) prices has no correlation (NaN) without a floating-point tolerance. The values do
 * not depend on how the windows are cut into calls.
 */
export function slideWindows(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  w: number,
  intercept: boolean,
  corr: Float64Array | null,
  beta: Float64Array | null,
  st: SlideState,
  count: number,
): void {
  const first = st.next;
  const stop = first + count;
  const mom = st.moments;
  let { mx, my, sxx: cxx, syy: cyy, sxy: cxy } = mom;
  let { untilExact, lastChangeX, lastChangeY } = st;
  for (let s = first; s < stop; s++) {
    const e = s + w - 1;
    if (s > 0) {
      if (x[e] !== x[e - 1]) lastChangeX = e;
      if (y[e] !== y[e - 1]) lastChangeY = e;
    }
    if (untilExact-- === 0) {
      untilExact = w - 1;
      // plainCoMoments2(y, x, s, s + w), written out
      let sx = 0;
      let sy = 0;
      for (let i = s; i < s + w; i++) {
        sx += x[i]!;
        sy += y[i]!;
      }
      mx = sx / w;
      my = sy / w;
      cxx = 0;
      cyy = 0;
      cxy = 0;
      for (let i = s; i < s + w; i++) {
        const dx = x[i]! - mx;
        const dy = y[i]! - my;
        cxx += dx * dx;
        cyy += dy * dy;
        cxy += dx * dy;
      }
    } else {
      const xo = x[s - 1]!;
      const yo = y[s - 1]!;
      const xn = x[e]!;
      const yn = y[e]!;
      const dx = xn - xo;
      const dy = yn - yo;
      const mx1 = mx + dx / w;
      const my1 = my + dy / w;
      cxx = cxx + dx * (xn - mx1 + xo - mx);
      cyy = cyy + dy * (yn - my1 + yo - my);
      cxy = cxy + dx * (yn - my1) + dy * (xo - mx);
      mx = mx1;
      my = my1;
    }
    const xConstant = lastChangeX <= s;
    const yConstant = lastChangeY <= s;
    if (corr !== null) {
      // pearson(cxx, cyy, cxy), written out
      if (xConstant || yConstant || cxx <= 0 || cyy <= 0) {
        corr[s - first] = NaN;
      } else {
        const r = cxy / Math.sqrt(cxx * cyy);
        corr[s - first] = Math.max(-1, Math.min(1, r));
      }
    }
    if (beta !== null) {
      if (intercept) {
        beta[s - first] = xConstant || cxx <= 0 ? NaN : cxy / cxx;
      } else {
        const rxx = cxx + w * mx * mx;
        const rxy = cxy + w * mx * my;
        beta[s - first] = (xConstant && mx === 0) || rxx <= 0 ? NaN : rxy / rxx;
      }
    }
  }
  Object.assign(mom, { mx, my, sxx: cxx, syy: cyy, sxy: cxy });
  Object.assign(st, { next: stop, untilExact, lastChangeX, lastChangeY });
}
