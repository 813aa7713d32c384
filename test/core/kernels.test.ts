/**
 * The kernels (src/core/kernels): each written-out loop against the definition it stands in for.
 * Where the kernel promises the same doubles (the loops for two or three columns, the walk for
 * one or two hedges, every inline compensated sum), the comparison is bit for bit; the
 * double-double co-moments are compared with exact rational arithmetic (BigInt).
 */
import {
  centredProducts,
  columnSums,
  compensatedCoMoments,
  pairMoments,
  pearson,
  plainCoMoments2,
  products,
} from '../../src/core/kernels/comoments';
import { bartlettScoreCovariance } from '../../src/core/kernels/bartlett';
import { compensatedSum, CompensatedSum } from '../../src/core/kernels/compensated';
import { ddCoMoments } from '../../src/core/kernels/dd-comoments';
import { walkAny, walkRatios, type RatioState } from '../../src/core/kernels/recursive-ratio';
import { residualSums } from '../../src/core/kernels/residual-pass';
import { slideWindows, startSlide } from '../../src/core/kernels/sliding';
import { windowScores } from '../../src/core/kernels/window-scores';
import { ShiftedSumsBuilder } from '../../src/core/kernels/shifted-sums';
import {
  complementSums,
  pairSums,
  partLine,
  scanSsrSplits,
  splitStep,
} from '../../src/core/kernels/split-scan';
import { arrayWeights } from '../support/weights';
import { scanWaldSplits } from '../../src/core/kernels/split-wald';
import { weightedMoments, weightedMomentsAny } from '../../src/core/kernels/weighted-moments';
import { hc3Meat } from '../../src/core/regression/hc3';
import { olsFit } from '../../src/core/regression/ols';
import { createRng, simulatePair } from '../../tools/sim/market';

/** Returns-like columns with fat tails, a level shift and a few exact zeros (seeded). */
function columns(seed: number, n: number, m: number): Float64Array[] {
  const rng = createRng(seed);
  const base = Float64Array.from({ length: n }, () => 0.02 * rng.studentT(4));
  return Array.from({ length: m }, (_, j) =>
    Float64Array.from(base, (b, i) =>
      i % 97 === 0 ? 0 : 0.5 * b + 0.01 * rng.studentT(5) + (j === 0 && i < 30 ? 0.3 : 0),
    ),
  );
}

/** Neumaier's branching form, as the code had it before: the reference for compensatedSum. */
function neumaierSum(x: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

describe('compensated sums', () => {
  test("TwoSum's error term equals Neumaier's branching one: the same sums, bit for bit", () => {
    const rng = createRng(3);
    for (let trial = 0; trial < 50; trial++) {
      const x = Float64Array.from(
        { length: 500 },
        () => rng.studentT(3) * 10 ** (rng.uniform() * 20 - 10),
      );
      expect(compensatedSum(x)).toBe(neumaierSum(x));
      const acc = new CompensatedSum();
      x.forEach((v) => acc.add(v));
      expect(acc.value()).toBe(compensatedSum(x));
    }
    expect(compensatedSum([0.1, 0.2, 0.3])).toBe(0.6);
    expect(compensatedSum([1e100, 1, -1e100])).toBe(1);
  });

  test('shifted sums are compensated sums of v − K and (v − K)²', () => {
    const [x] = columns(5, 3000, 1);
    const b = new ShiftedSumsBuilder();
    b.addValues(x!, 0, 1000);
    b.addValues(x!, 1000, 3000);
    const s = b.sums();
    const d = Float64Array.from(x!, (v) => v - x![0]!);
    expect(s.shift).toBe(x![0]);
    expect(s.sum).toBe(compensatedSum(d));
    expect(s.sum2).toBe(compensatedSum(d.map((v) => v * v)));
  });
});

describe('co-moments', () => {
  test.each([1, 2, 3, 4])('%i columns: the written-out loops equal the general one', (m) => {
    const cols = columns(11 + m, 2500, m);
    for (const [from, to] of [
      [0, 2500],
      [40, 1700],
    ] as const) {
      const s = new Float64Array(m);
      const c = new Float64Array(m);
      columnSums(cols, from, to, s, c);
      const means = Float64Array.from(s, (v, a) => (v + c[a]!) / (to - from));
      const got = compensatedCoMoments(cols, from, to, true);
      expect(Array.from(got.means)).toEqual(Array.from(means));
      const S = new Float64Array(m * m);
      const dsum = new Float64Array(m);
      products(cols, from, to, means, S, dsum);
      for (let a = 0; a < m; a++) {
        for (let b = a; b < m; b++) {
          const v = S[a * m + b]! - (dsum[a]! * dsum[b]!) / (to - from);
          expect(got.S[a * m + b]).toBe(v);
          expect(got.S[b * m + a]).toBe(v);
        }
      }
    }
  });

  test('each cross-product is the compensated sum of its terms less the two-pass correction', () => {
    const cols = columns(21, 1500, 3);
    const means = cols.map((x) => compensatedSum(x) / x.length);
    const S = centredProducts(cols, 0, 1500, means, true);
    for (let a = 0; a < 3; a++) {
      for (let b = a; b < 3; b++) {
        const da = Float64Array.from(cols[a]!, (v) => v - means[a]!);
        const db = Float64Array.from(cols[b]!, (v) => v - means[b]!);
        let sa = 0;
        let sb = 0;
        da.forEach((v, i) => ((sa += v), (sb += db[i]!)));
        const terms = Float64Array.from(da, (v, i) => v * db[i]!);
        expect(S[a * 3 + b]).toBe(compensatedSum(terms) - (sa * sb) / 1500);
      }
    }
  });

  test('double-double co-moments equal exact rational arithmetic to ~1e-30', () => {
    // integer data: n·S_ab = n·Σab − Σa·Σb exactly, in BigInt
    const rng = createRng(8);
    for (const m of [2, 3]) {
      const n = 777;
      const cols = Array.from({ length: m }, () =>
        Float64Array.from({ length: n }, () => Math.round(rng.studentT(3) * 1e6)),
      );
      const dd = ddCoMoments(cols, true);
      const big = cols.map((x) => Array.from(x, (v) => BigInt(v)));
      for (let a = 0; a < m; a++) {
        for (let b = a; b < m; b++) {
          let sab = 0n;
          let sa = 0n;
          let sb = 0n;
          for (let i = 0; i < n; i++) {
            sab += big[a]![i]! * big[b]![i]!;
            sa += big[a]![i]!;
            sb += big[b]![i]!;
          }
          const exactTimesN = BigInt(n) * sab - sa * sb;
          const got = (dd.sHi[a * m + b]! + dd.sLo[a * m + b]!) * n;
          const err = Math.abs(got - Number(exactTimesN)) / Math.abs(Number(exactTimesN));
          expect(err).toBeLessThan(1e-15); // the double of the exact value
          // the hi part is the exact value correctly rounded (within one ulp)
          expect(Math.abs(dd.sHi[a * m + b]! * n - Number(exactTimesN))).toBeLessThanOrEqual(
            Math.abs(Number(exactTimesN)) * 2 ** -51,
          );
        }
      }
    }
  });

  test('pearson and the plain two-pass co-moments', () => {
    const [x, y] = columns(31, 300, 2) as [Float64Array, Float64Array];
    const m = plainCoMoments2(y, x, 10, 70, pairMoments());
    expect([m.constantX, m.constantY]).toEqual([false, false]);
    const flat = plainCoMoments2(y, new Float64Array(300).fill(0.5), 0, 300, pairMoments());
    expect([flat.constantX, flat.constantY, flat.sxx]).toEqual([true, false, 0]);
    const exact = compensatedCoMoments([x, y], 10, 70, true);
    const rel = (u: number, v: number) => Math.abs(u - v) / Math.abs(v);
    expect(rel(m.sxx, exact.S[0]!)).toBeLessThan(1e-14);
    expect(rel(m.sxy, exact.S[1]!)).toBeLessThan(1e-14);
    expect(pearson(m.sxx, m.syy, m.sxy)).toBeCloseTo(
      exact.S[1]! / Math.sqrt(exact.S[0]! * exact.S[3]!),
      13,
    );
    expect(pearson(0, 1, 0)).toBeNaN();
    expect(pearson(1, 1, 1 + 1e-15)).toBe(1);
  });
});

describe('the residual pass', () => {
  test.each([1, 2])('%i regressors: ssr and the HC3 meat equal the exact fit’s to 1e-13', (k) => {
    const cols = columns(41 + k, 900, k + 1);
    const y = cols[k]!;
    const xs = cols.slice(0, k);
    for (const intercept of [true, false]) {
      const fit = olsFit(y, xs, intercept, { method: 'exact' });
      const o = intercept ? 1 : 0;
      const cov = xs.map((_, a) =>
        xs.map((__, b) => fit.unscaledCovariance[(a + o) * fit.k + b + o]!),
      );
      const means = Float64Array.from(cols, (x) => (intercept ? compensatedSum(x) / x.length : 0));
      const mom = compensatedCoMoments(cols, 0, 900, intercept);
      const slopes = Array.from(fit.coefficients.subarray(o));
      const got = residualSums(
        y,
        xs,
        0,
        900,
        mom.means,
        slopes,
        cov,
        intercept ? 1 / 900 : 0,
        true,
      )!;
      expect(Math.abs(got.ssr - fit.ssr) / fit.ssr).toBeLessThan(1e-13);
      const meat = hc3Meat(xs, fit.residuals, cov, intercept)!;
      got.meat!.forEach((v, i) =>
        expect(Math.abs(v - meat[i]!) / Math.abs(meat[i]!)).toBeLessThan(1e-12),
      );
      expect(means.length).toBe(k + 1);
    }
  });

  test('a leverage of 1 gives null with the meat, the ssr without it', () => {
    const x = Float64Array.of(0, 0, 0, 1);
    const y = Float64Array.of(1, 2, 3, 5);
    const mom = compensatedCoMoments([x, y], 0, 4, true);
    const b = mom.S[1]! / mom.S[0]!;
    const args = [y, [x], 0, 4, mom.means, [b], [[1 / mom.S[0]!]], 0.25] as const;
    expect(residualSums(...args, true)).toBeNull();
    expect(residualSums(...args, false)!.ssr).toBeGreaterThan(0);
  });
});

describe('the walk-forward recursion', () => {
  test.each([1, 2])('%i hedges: the written-out walk equals the general one, bit for bit', (k) => {
    const cols = columns(51 + k, 700, k + 1);
    const y = cols[k]!;
    const xs = cols.slice(0, k);
    for (const lambda of [1, Math.pow(2, -1 / 20)]) {
      for (const centred of [true, false]) {
        const start = 350;
        const state = (): RatioState => {
          const m = weightedMoments(y, xs, start, lambda, centred);
          const p = new Float64Array(k * k);
          // P = C⁻¹ for k ≤ 2 in closed form (any inverse will do: both walks start from it)
          if (k === 1) p[0] = 1 / m.cxx[0]![0]!;
          else {
            const [[a, b], [, d]] = m.cxx as [[number, number], [number, number]];
            const det = a * d - b * b;
            p.set([d / det, -b / det, -b / det, a / det]);
          }
          return { weight: m.weight, meanX: m.meanX, meanY: m.meanY, cxy: m.cxy, p };
        };
        const e1 = new Float64Array(350);
        const e2 = new Float64Array(350);
        const h1 = new Float64Array(k);
        const h2 = new Float64Array(k);
        walkRatios(state(), y, xs, start, lambda, centred, e1, h1);
        walkAny(state(), y, xs, start, lambda, centred, e2, h2);
        expect(Array.from(e1)).toEqual(Array.from(e2));
        expect(Array.from(h1)).toEqual(Array.from(h2));
      }
    }
  });

  test.each([1, 2])('%i hedges: the written-out weighted moments equal the general ones', (k) => {
    const cols = columns(61 + k, 400, k + 1);
    for (const lambda of [1, 0.97]) {
      for (const centred of [true, false]) {
        const small = weightedMoments(cols[k]!, cols.slice(0, k), 300, lambda, centred);
        const any = weightedMomentsAny(cols[k]!, cols.slice(0, k), 300, lambda, centred);
        expect(small).toEqual(any);
      }
    }
  });
});

describe('the Bartlett long-run covariance of the scores', () => {
  /** The definition: Γ_0 + Σ_l (1 − l/(L+1))(Γ_l + Γ_l'), from the scores s_t = d_t·e_t. */
  function direct(
    y: Float64Array,
    xs: readonly Float64Array[],
    means: ArrayLike<number>,
    slopes: readonly number[],
    L: number,
  ): number[][] {
    const p = xs.length;
    const s = Array.from(y, (yt, t) => {
      const d = xs.map((x, j) => x[t]! - means[j]!);
      const e = d.reduce((acc, dj, j) => acc - slopes[j]! * dj, yt - means[p]!);
      return d.map((dj) => dj * e);
    });
    const out = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    for (let l = 0; l <= L; l++) {
      const w = 1 - l / (L + 1);
      for (let t = l; t < y.length; t++) {
        for (let a = 0; a < p; a++) {
          for (let b = 0; b < p; b++) {
            const g = s[t]![a]! * s[t - l]![b]!;
            out[a]![b] = out[a]![b]! + (l === 0 ? g : w * g);
            if (l > 0) out[b]![a] = out[b]![a]! + w * g;
          }
        }
      }
    }
    return out;
  }

  test.each([1, 2, 3])('%i regressors: the sliding window sums equal the lag sums', (p) => {
    const cols = columns(71 + p, 900, p + 1);
    const y = cols[p]!;
    const xs = cols.slice(0, p);
    for (const centred of [true, false]) {
      const mom = compensatedCoMoments([...xs, y], 0, y.length, centred);
      const slopes = xs.map((_, j) => 0.8 - 0.3 * j);
      for (const L of [0, 1, 5, 29]) {
        const got = bartlettScoreCovariance(y, xs, 0, y.length, mom.means, slopes, L);
        const want = direct(y, xs, mom.means, slopes, L);
        // to 1e-12 of the largest element (against a compensated sum of the lags: ~2e-15)
        const scale = Math.max(...want.map((row, a) => row[a]!));
        want.forEach((row, a) =>
          row.forEach((v, b) => expect(Math.abs(got[a * p + b]! - v)).toBeLessThan(1e-12 * scale)),
        );
      }
    }
  });

  test('the loops for one and two regressors equal the general one, bit for bit', () => {
    const [x, x2, y] = columns(81, 1000, 3);
    const zero = new Float64Array(1000);
    // the general loop, through one more (all-zero) regressor with slope 0
    const one = bartlettScoreCovariance(y!, [x!], 0, 1000, [0.001, 0.002], [1.1], 7);
    const oneAsTwo = bartlettScoreCovariance(
      y!,
      [x!, zero],
      0,
      1000,
      [0.001, 0, 0.002],
      [1.1, 0],
      7,
    );
    expect(one[0]).toBe(oneAsTwo[0]);
    const two = bartlettScoreCovariance(
      y!,
      [x!, x2!],
      0,
      1000,
      [0.001, 0.003, 0.002],
      [1.1, -0.4],
      7,
    );
    const twoAsThree = bartlettScoreCovariance(
      y!,
      [x!, x2!, zero],
      0,
      1000,
      [0.001, 0.003, 0, 0.002],
      [1.1, -0.4, 0],
      7,
    );
    expect(Array.from(two)).toEqual([0, 1, 3, 4].map((i) => twoAsThree[i]));
  });

  test('a range of rows is the same as those rows alone', () => {
    const [x, y] = columns(91, 600, 2);
    const a = bartlettScoreCovariance(y!, [x!], 100, 500, [0.001, 0.002], [0.9], 4);
    const b = bartlettScoreCovariance(
      y!.subarray(100, 500),
      [x!.subarray(100, 500)],
      0,
      400,
      [0.001, 0.002],
      [0.9],
      4,
    );
    expect(a).toEqual(b);
  });
});

describe('the split scans', () => {
  const [x, y] = columns(101, 240, 2);
  const n = 240;
  const lo = 36;
  const hi = n - lo;

  test.each([true, false])(
    'intercept %p: the best split and its SSR are those of two fits at every split',
    (intercept) => {
      const mx = intercept ? compensatedSum(x!) / n : 0;
      const my = intercept ? compensatedSum(y!) / n : 0;
      const totals = pairSums(y!, x!, 0, n, mx, my);
      const best = scanSsrSplits(y!, x!, { lo, hi, mx, my, totals, intercept });
      let min = Infinity;
      let at = -1;
      for (let tau = lo; tau <= hi; tau++) {
        const a = olsFit(y!.subarray(0, tau), [x!.subarray(0, tau)], intercept).ssr;
        const b = olsFit(y!.subarray(tau), [x!.subarray(tau)], intercept).ssr;
        if (a + b < min) {
          min = a + b;
          at = tau;
        }
      }
      expect(best.tau).toBe(at);
      expect(Math.abs(best.ssr - min) / min).toBeLessThan(1e-9);
      // the first part's sums there
      expect(best.before).toEqual(pairSums(y!, x!, 0, best.tau, mx, my));
    },
  );

  test.each([true, false])(
    'intercept %p: the largest Wald statistic is that of two fits’ sandwiches at every split',
    (intercept) => {
      const mx = intercept ? compensatedSum(x!) / n : 0;
      const my = intercept ? compensatedSum(y!) / n : 0;
      const totals = pairSums(y!, x!, 0, n, mx, my);
      const tauHat = 131;
      // HC3 weights of the two-part fit at tauHat, from olsFit's residuals and (X'X)⁻¹
      const omega = new Float64Array(n);
      for (const [a, b] of [
        [0, tauHat],
        [tauHat, n],
      ] as const) {
        const fit = olsFit(y!.subarray(a, b), [x!.subarray(a, b)], intercept);
        const k = fit.k;
        const inv = fit.unscaledCovariance;
        for (let t = a; t < b; t++) {
          const row = intercept ? [1, x![t]!] : [x![t]!];
          let h = 0;
          for (let i = 0; i < k; i++)
            for (let j = 0; j < k; j++) h += row[i]! * inv[i * k + j]! * row[j]!;
          const e = fit.residuals[t - a]!;
          omega[t] = (e * e) / ((1 - h) * (1 - h));
        }
      }
      const line = (from: number, to: number) =>
        partLine(pairSums(y!, x!, from, to, mx, my), intercept)!;
      const fit = { tau: tauHat, first: line(0, tauHat), second: line(tauHat, n) };
      const sup = scanWaldSplits(y!, x!, { lo, hi, mx, my, totals, intercept }, fit)!;
      const weightTotal = compensatedSum(omega);
      expect(Math.abs(sup.weightTotal - weightTotal) / weightTotal).toBeLessThan(1e-9);
      const part = (a: number, b: number) => {
        const xs = x!.subarray(a, b);
        const m = intercept ? compensatedSum(xs) / (b - a) : 0;
        let sxx = 0;
        let meat = 0;
        for (let t = a; t < b; t++) {
          sxx += (x![t]! - m) ** 2;
          meat += (x![t]! - m) ** 2 * omega[t]!;
        }
        const slope = olsFit(y!.subarray(a, b), [xs], intercept).coefficients[intercept ? 1 : 0]!;
        return { slope, v: meat / (sxx * sxx) };
      };
      let max = 0;
      let at = -1;
      for (let tau = lo; tau <= hi; tau++) {
        const a = part(0, tau);
        const b = part(tau, n);
        const w = (a.slope - b.slope) ** 2 / (a.v + b.v);
        if (w > max) {
          max = w;
          at = tau;
        }
      }
      expect(sup.tau).toBe(at);
      expect(Math.abs(sup.statistic - max) / max).toBeLessThan(1e-9);
    },
  );
});

describe('the split scans on a grid (from 50,000 rows)', () => {
  test.each([
    ['a break at 70%', { n: 120_000, seed: 5, rho: 0.8, breakAt: 84_000, after: { rho: 0.5 } }],
    ['no break', { n: 120_000, seed: 6, rho: 0.6 }],
  ] as const)('%s: the grid and a second sweep find the split every split finds', (_name, spec) => {
    const { x, y } = simulatePair(spec);
    const n = spec.n;
    expect(splitStep(n)).toBe(14);
    const mx = compensatedSum(x) / n;
    const my = compensatedSum(y) / n;
    const totals = pairSums(y, x, 0, n, mx, my);
    const r = { lo: 18_000, hi: n - 18_000, mx, my, totals, intercept: true };
    const grid = scanSsrSplits(y, x, r);
    const every = scanSsrSplits(y, x, { ...r, step: 1 });
    expect(grid).toEqual(every);
    const fit = {
      tau: every.tau,
      first: partLine(every.before, true)!,
      second: partLine(complementSums(totals, every.before), true)!,
    };
    expect(scanWaldSplits(y, x, r, fit)).toEqual(scanWaldSplits(y, x, { ...r, step: 1 }, fit));
    // weighted (the GLS scans of unknown-break.ts): the same on the grid
    const weights = arrayWeights(x.map((_, t) => 0.5 + (t % 7) / 7));
    const wr = { ...r, totals: pairSums(y, x, 0, n, mx, my, weights), weights };
    const wEvery = scanSsrSplits(y, x, { ...wr, step: 1 });
    expect(scanSsrSplits(y, x, wr)).toEqual(wEvery);
    const wFit = {
      tau: wEvery.tau,
      first: partLine(wEvery.before, true)!,
      second: partLine(complementSums(wr.totals, wEvery.before), true)!,
    };
    expect(scanWaldSplits(y, x, wr, wFit)).toEqual(scanWaldSplits(y, x, { ...wr, step: 1 }, wFit));
  });
});

describe('sliding windows', () => {
  test('re-anchored windows equal plainCoMoments2 and pearson bit for bit; the others to 1e-12', () => {
    const [x, y] = columns(71, 2000, 2) as [Float64Array, Float64Array];
    const w = 30;
    const m = 2000 - w + 1;
    const corr = new Float64Array(m);
    const beta = new Float64Array(m);
    slideWindows(y, x, w, true, corr, beta, startSlide(y, x, w), m);
    for (let s = 0; s < m; s++) {
      const p = plainCoMoments2(y, x, s, s + w, pairMoments());
      const r = pearson(p.sxx, p.syy, p.sxy);
      if (s % w === 0) {
        expect(corr[s]).toBe(r);
        expect(beta[s]).toBe(p.sxy / p.sxx);
      } else {
        expect(Math.abs(corr[s]! - r)).toBeLessThan(1e-12);
        expect(Math.abs(beta[s]! - p.sxy / p.sxx)).toBeLessThan(1e-12 * Math.abs(p.sxy / p.sxx));
      }
    }
  });
});

describe('window scores', () => {
  test("a window's co-moments are plainCoMoments2's; its scores are Σd·ε̂ and Σd²·ε̂²", () => {
    const [x, y] = columns(81, 600, 2) as [Float64Array, Float64Array];
    const full = { mx: 0.001, my: -0.002, beta: 0.9 };
    const out = windowScores(y, x, 100, 160, full, {
      moments: { mx: 0, my: 0, sxx: 0, syy: 0, sxy: 0 },
      score: 0,
      scoreVariance: 0,
    });
    const p = plainCoMoments2(y, x, 100, 160, pairMoments());
    expect(out.moments).toEqual({ mx: p.mx, my: p.my, sxx: p.sxx, syy: p.syy, sxy: p.sxy });
    let s = 0;
    let mm = 0;
    for (let t = 100; t < 160; t++) {
      const d = x[t]! - p.mx;
      const e = y[t]! - full.my - full.beta * (x[t]! - full.mx);
      s += d * e;
      mm += d * d * e * e;
    }
    expect(out.score).toBe(s);
    expect(out.scoreVariance).toBe(mm);
  });
});
