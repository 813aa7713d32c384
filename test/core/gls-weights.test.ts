/**
 * The dated break's GLS weights (src/core/diagnostics/gls-weights.ts): against their definition,
 * and read a block at a time — any range, across the blocks' edges — the same doubles as the
 * whole sample's.
 */
import {
  BREAK_SCALE_FLOOR,
  BREAK_SCALE_HALFLIFE,
  glsWeights,
} from '../../src/core/diagnostics/gls-weights';
import { BLOCK, type SplitFit } from '../../src/core/kernels/split-scan';
import { simulatePair } from '../../tools/sim/market';
import { breakWeights } from '../support/weights';

/** A two-part fit at tau with slopes b1, b2 (means 0 after the shift). */
function fitAt(tau: number, b1: number, b2: number): SplitFit {
  const line = (slope: number) => ({ mx: 0, my: 0, slope, cInv: 1, h0: 0 });
  return { tau, first: line(b1), second: line(b2) };
}

/**
 * w_t from the definition: σ̂_t² = Σ_{s≠t} λ^|t−s|·ê_s² / Σ_{s≠t} λ^|t−s|, floored at
 * BREAK_SCALE_FLOOR × mean ê², w = 1/σ̂² — summed directly, O(n) a row.
 */
function definition(e2: Float64Array, t: number): number {
  const lambda = 2 ** (-1 / BREAK_SCALE_HALFLIFE);
  let num = 0;
  let den = 0;
  let mean = 0;
  for (let s = 0; s < e2.length; s++) {
    mean += e2[s]! / e2.length;
    if (s === t) continue;
    const k = lambda ** Math.abs(t - s);
    num += k * e2[s]!;
    den += k;
  }
  return 1 / Math.max(BREAK_SCALE_FLOOR * mean, num / den);
}

function residuals2(y: Float64Array, x: Float64Array, fit: SplitFit): Float64Array {
  return y.map((v, t) => {
    const e = v - (t < fit.tau ? fit.first.slope : fit.second.slope) * x[t]!;
    return e * e;
  });
}

describe('GLS weights', () => {
  test('equal their definition (a two-sided leave-one-out EWMA of the squared residuals)', () => {
    const { x, y } = simulatePair({ n: 400, seed: 3, rho: 0.7, breakAt: 250, after: { rho: 0.2 } });
    const fit = fitAt(250, 1.0, 0.3);
    const w = breakWeights(y, x, 0, 0, fit);
    const e2 = residuals2(y, x, fit);
    for (let t = 0; t < 400; t++) {
      expect(Math.abs(w[t]! / definition(e2, t) - 1)).toBeLessThan(1e-12);
    }
    // one block read first in part: its floor from all the rows all the same
    const part = glsWeights(y, x, 0, 0, fit).block(100, 200);
    expect(Array.from(part)).toEqual(Array.from(w.subarray(100, 200)));
  });

  test('the floor binds where the residuals vanish (stale prices)', () => {
    const x = new Float64Array(600).map((_, t) => Math.sin(t));
    const y = x.map((v, t) => 0.8 * v + (t >= 150 && t < 450 ? 0 : 0.01 * Math.cos(3 * t)));
    const fit = fitAt(300, 0.8, 0.8);
    const w = breakWeights(y, x, 0, 0, fit);
    const e2 = residuals2(y, x, fit);
    const mean = e2.reduce((a, b) => a + b, 0) / 600;
    expect(w[300]! / definition(e2, 300) - 1).toBeCloseTo(0, 12);
    expect(w[300]! / (1 / (BREAK_SCALE_FLOOR * mean)) - 1).toBeCloseTo(0, 12);
    expect(w[0]!).toBeLessThan(w[300]! / 10);
  });

  test('read a block at a time, any range gives the whole sample’s doubles', () => {
    const n = 2 * BLOCK + 4321;
    const { x, y } = simulatePair({ n, seed: 11, rho: 0.6, breakAt: 50_000, after: { rho: 0.3 } });
    const fit = fitAt(50_000, 0.9, 0.4);
    const all = breakWeights(y, x, 0, 0, fit);
    const w = glsWeights(y, x, 0, 0, fit);
    const ranges: [number, number][] = [
      [0, BLOCK],
      [BLOCK - 7, 2 * BLOCK - 7],
      [2 * BLOCK - 100, n],
      [n - 1, n],
      [12_345, 12_400],
      [0, 1],
    ];
    for (const [from, to] of ranges) {
      expect(Array.from(w.block(from, to))).toEqual(Array.from(all.subarray(from, to)));
    }
    // and they are the definition's at rows near the edges
    const e2 = residuals2(y, x, fit);
    for (const t of [0, BLOCK - 1, BLOCK, 2 * BLOCK, n - 1]) {
      expect(Math.abs(all[t]! / definition(e2, t) - 1)).toBeLessThan(1e-11);
    }
  });
});
