/**
 * Rolling correlation and beta: pandas reference values (scripts/reference/diagnostics.py,
 * `y.rolling(10).corr(x)`, rolling cov / var, rolling Σxy / Σx²), the O(n) sliding update
 * against a direct computation on long and badly scaled series, constant windows, summaries.
 */
import { MathError } from '../../src/errors';
import {
  bucketMeansOf,
  fisherWindowSums,
  hedgePortfolio,
  rollingBeta,
  rollingCorrelation,
  rollingCorrelationAndBeta,
  rollingStatistics,
  summarizeRolling,
} from '../../src/core/diagnostics/rolling';
import { downsampleMinMax, MinMaxDownsampler } from '../../src/core/downsample';
import { correlation } from '../../src/core/stats';
import { createRng, simulatePair } from '../../tools/sim/market';
import { REFERENCE } from '../../scripts/reference/diagnostics';

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual).toHaveLength(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThanOrEqual(
      tol * Math.max(1, Math.abs(expected[i]!)),
    );
  }
}

describe('rollingCorrelation', () => {
  test('equals pandas rolling corr (window 10, n = 80)', () => {
    const { y, x, window } = REFERENCE;
    expectClose(rollingCorrelation(y, x, window), REFERENCE.rollingCorrelation, 1e-12);
  });

  test('doc example', () => {
    const r = rollingCorrelation([1, 2, 3, 5], [1, 2, 3, 4], 3);
    expect(r[0]).toBe(1);
    expect(r[1]).toBeCloseTo(0.9819805060619657, 15);
  });

  test('the sliding update matches a direct computation on 5000 GARCH-t returns', () => {
    const { x, y } = simulatePair({ n: 5000, seed: 5, rho: 0.6 });
    const w = 30;
    const fast = rollingCorrelation(y, x, w);
    expect(fast).toHaveLength(5000 - w + 1);
    for (let s = 0; s < fast.length; s += 7) {
      expect(fast[s]).toBeCloseTo(correlation(x.subarray(s, s + w), y.subarray(s, s + w)), 12);
    }
  });

  test('stays accurate for price levels (mean 1e6 times the spread)', () => {
    const rng = createRng(9);
    const n = 2000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      x[t] = 30000 + 0.03 * rng.normal();
      y[t] = 2000 + 0.02 * x[t]! - 600 + 0.01 * rng.normal();
    }
    const fast = rollingCorrelation(y, x, 20);
    for (let s = 0; s < fast.length; s += 13) {
      expect(fast[s]).toBeCloseTo(correlation(x.subarray(s, s + 20), y.subarray(s, s + 20)), 6);
    }
  });

  test('a window where either series is constant is NaN, exactly', () => {
    const x = [1, 2, 3, 3, 3, 3, 4, 5];
    const y = [2, 1, 4, 3, 6, 5, 8, 7];
    const r = rollingCorrelation(y, x, 3);
    expect(Number.isNaN(r[2])).toBe(true); // x = 3, 3, 3
    expect(Number.isNaN(r[3])).toBe(true);
    expect(Number.isFinite(r[1])).toBe(true);
    expect(Number.isFinite(r[4])).toBe(true);
    expect(Number.isNaN(rollingCorrelation([5, 5, 5, 5], [1, 2, 3, 4], 3)[0])).toBe(true);
  });

  test('values stay in [−1, 1], and a window of perfectly related values gives ±1', () => {
    const x = Array.from({ length: 50 }, (_, i) => Math.sin(i) * 0.01);
    const r = rollingCorrelation(
      x.map((v) => -3 * v + 1e-3),
      x,
      10,
    );
    r.forEach((v) => expect(v).toBeCloseTo(-1, 12));
    r.forEach((v) => expect(v).toBeGreaterThanOrEqual(-1));
  });

  test('shorter series than the window give an empty result; bad windows throw', () => {
    expect(rollingCorrelation([1, 2], [1, 2], 3)).toHaveLength(0);
    expect(() => rollingCorrelation([1, 2, 3], [1, 2, 3], 2)).toThrow(MathError);
    expect(() => rollingCorrelation([1, 2, 3], [1, 2, 3], 3.5)).toThrow(MathError);
    expect(() => rollingCorrelation([1, 2, 3], [1, 2], 3)).toThrow(MathError);
  });

  test('does not modify its inputs', () => {
    const y = Object.freeze([1, 3, 2, 5, 4]);
    const x = Object.freeze([2, 1, 4, 3, 5]);
    expect(() => rollingCorrelation(y, x, 3)).not.toThrow();
  });
});

describe('rollingBeta', () => {
  test('equals pandas rolling cov / var, and rolling Σxy / Σx² without intercept', () => {
    const { y, x, window } = REFERENCE;
    expectClose(rollingBeta(y, x, window, true), REFERENCE.rollingBeta, 1e-12);
    expectClose(rollingBeta(y, x, window, false), REFERENCE.rollingBetaNoIntercept, 1e-12);
  });

  test('scaling y scales the beta; shifting x leaves it (with intercept)', () => {
    const { x, y } = simulatePair({ n: 200, seed: 3, rho: 0.7 });
    const b = rollingBeta(y, x, 25, true);
    const b2 = rollingBeta(
      y.map((v) => 3 * v),
      x.map((v) => v + 0.5),
      25,
      true,
    );
    b.forEach((v, i) => expect(b2[i]).toBeCloseTo(3 * v, 10));
  });

  test('constant x gives NaN', () => {
    expect(Number.isNaN(rollingBeta([1, 2, 3], [2, 2, 2], 3, true)[0])).toBe(true);
    expect(Number.isNaN(rollingBeta([1, 2, 3], [0, 0, 0], 3, false)[0])).toBe(true);
    expect(rollingBeta([2, 4, 6], [1, 1, 1], 3, false)[0]).toBe(4);
  });
});

describe('summarizeRolling', () => {
  test('equals pandas min, max, mean, std (ddof 1) and last', () => {
    const { y, x, window, rollingSummary: ref } = REFERENCE;
    const s = summarizeRolling(rollingCorrelation(y, x, window), window);
    expect(s.window).toBe(window);
    expect(s.min).toBeCloseTo(ref.min, 12);
    expect(s.max).toBeCloseTo(ref.max, 12);
    expect(s.mean).toBeCloseTo(ref.mean, 12);
    expect(s.stdDev).toBeCloseTo(ref.stdDev, 12);
    expect(s.last).toBeCloseTo(ref.last, 12);
  });

  test('one pass without cancellation: a far-from-zero mean keeps the exact variance', () => {
    // 1e8 + 0.5·i, i = 0 … 1000 (exact doubles): mean 1e8 + 250, variance 0.25·1001·1002/12
    const v = Float64Array.from({ length: 1001 }, (_, i) => 1e8 + 0.5 * i);
    const s = summarizeRolling(v, 3);
    expect(s.mean).toBe(100000250);
    expect(s.stdDev).toBe(Math.sqrt(20895.875));
  });

  test('skips NaN windows; a field without data is null, never NaN', () => {
    const s = summarizeRolling(Float64Array.from([NaN, 0.5, NaN, 0.7, NaN]), 3);
    expect(s).toMatchObject({ min: 0.5, max: 0.7, last: null });
    expect(s.mean).toBeCloseTo(0.6, 15);
    expect(s.stdDev).toBeCloseTo(Math.SQRT2 / 10, 15);
    expect(summarizeRolling(new Float64Array(0), 30)).toMatchObject({
      min: null,
      max: null,
      mean: null,
      stdDev: null,
      last: null,
    });
    expect(summarizeRolling(Float64Array.from([0.3]), 30)).toMatchObject({
      stdDev: null,
      last: 0.3,
    });
  });
});

describe('rollingStatistics', () => {
  test('block by block, bit for bit what the whole series gives', () => {
    // 100,000 returns: four blocks of windows, the last one partial; stale runs and a constant
    // stretch make NaN windows on the way
    const n = 100_000;
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
    const x = Float64Array.from({ length: n }, (_, i) => (i % 5000 < 40 ? 0 : rnd() / 50));
    const y = Float64Array.from(x, (v, i) =>
      i > 60_000 && i < 60_100 ? 0.001 : 0.8 * v + rnd() / 100,
    );
    for (const [w, intercept, buckets] of [
      [30, true, 16],
      [250, false, 0],
      [7, true, 3],
    ] as const) {
      const whole = rollingCorrelationAndBeta(y, x, w, intercept);
      const fisherWindows = n - 2 * w + 1;
      const got = rollingStatistics(y, x, w, intercept, { fisherWindows, buckets });
      expect(got.correlation).toEqual(summarizeRolling(whole.correlation, w));
      expect(got.beta).toEqual(summarizeRolling(whole.beta, w));
      expect(got.fisherSums).toEqual(
        fisherWindowSums(whole.correlation.subarray(0, fisherWindows)),
      );
      expect(Array.from(got.bucketMeans)).toEqual(
        buckets > 0 ? Array.from(bucketMeansOf(whole.correlation, buckets)) : [],
      );
    }
  });

  test('bucket means: equal buckets of the finite values, in order', () => {
    expect(Array.from(bucketMeansOf([1, 2, 3, 4, 5, 6], 3))).toEqual([1.5, 3.5, 5.5]);
    expect(Array.from(bucketMeansOf([NaN, NaN, 1, 2], 2))).toEqual([NaN, 1.5]);
    expect(Array.from(bucketMeansOf([1, 2], 16))).toEqual([1, 2]);
  });
});

describe('hedgePortfolio', () => {
  test('is Σ w_j x_j; scaling a single weight leaves the correlation with y', () => {
    const { y, x, x2 } = REFERENCE;
    const p = hedgePortfolio([x, x2], [2, -1]);
    expect(p[0]).toBeCloseTo(2 * x[0]! - x2[0]!, 15);
    expect(() => hedgePortfolio([x], [1, 2])).toThrow(MathError);
    expect(() => hedgePortfolio([x, [1]], [1, 2])).toThrow(MathError);
    expect(correlation(y, hedgePortfolio([x], [5]))).toBeCloseTo(correlation(y, x), 14);
  });
});

describe('rollingStatistics with plot downsamplers', () => {
  test('hands over every window in order, across blocks: the downsampled whole series', () => {
    const { y, x } = simulatePair({ n: 70_000, seed: 2024, rho: 0.6 });
    const w = 30;
    const m = y.length - w + 1;
    const plot = {
      correlation: new MinMaxDownsampler(m, 1000),
      beta: new MinMaxDownsampler(m, 1000),
    };
    rollingStatistics(y, x, w, true, { fisherWindows: 0, buckets: 0, plot });
    const whole = rollingCorrelationAndBeta(y, x, w, true);
    expect(plot.correlation.result()).toEqual(downsampleMinMax(whole.correlation, 1000));
    expect(plot.beta.result()).toEqual(downsampleMinMax(whole.beta, 1000));
  });
});
