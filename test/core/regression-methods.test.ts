/**
 * olsFit's methods against each other: the compensated method (full fits from
 * COMPENSATED_MIN_OBSERVATIONS observations; part fits at every size) against the exact one
 * (double-double) on the same seeded data (GARCH-t returns, tools/sim/market.ts), the dispatch
 * between them, and the fall-backs where the fast one declines.
 */
import { chowBreak } from '../../src/core/diagnostics/breaks';
import { downsideBeta } from '../../src/core/diagnostics/stability';
import { downdateCoMoments } from '../../src/core/kernels/comoments';
import { COMPENSATED_MIN_OBSERVATIONS } from '../../src/core/regression/limits';
import { olsFit } from '../../src/core/regression/ols';
import { partFit } from '../../src/core/regression/part-fit';
import { exactComparison, exactPartFit, rangeComparison, rowsFrom } from '../support/part-fits';
import { simulatePair } from '../../tools/sim/market';

const n = COMPENSATED_MIN_OBSERVATIONS + 1000;
const a = simulatePair({ n, seed: 11, rho: 0.8 });
const b = simulatePair({ n, seed: 12, rho: 0.6 });
// y on two hedges that are correlated (about 0.5) but far from collinear
const x1 = a.x;
const x2 = Float64Array.from(b.x, (v, i) => 0.5 * x1[i]! + v);
const y = Float64Array.from(a.y, (v, i) => v + 0.3 * x2[i]! + 1e-4);

function rel(u: number, v: number): number {
  return u === v ? 0 : Math.abs(u - v) / Math.max(Math.abs(u), Math.abs(v));
}

function expectFitsAgree(
  fast: ReturnType<typeof olsFit>,
  exact: ReturnType<typeof olsFit>,
  tol: number,
): void {
  const scale = Math.max(...Array.from(exact.coefficients, Math.abs));
  exact.coefficients.forEach((c, j) => {
    // absolute to the largest coefficient: a coefficient near 0 is known to that absolute error
    expect(Math.abs(fast.coefficients[j]! - c) / scale).toBeLessThan(tol);
    expect(rel(fast.stdErrors[j]!, exact.stdErrors[j]!)).toBeLessThan(tol);
  });
  expect(rel(fast.ssr, exact.ssr)).toBeLessThan(tol);
  expect(rel(fast.tss, exact.tss)).toBeLessThan(tol);
  expect(rel(fast.rSquared, exact.rSquared)).toBeLessThan(tol);
  expect(rel(fast.residualStdDev, exact.residualStdDev)).toBeLessThan(tol);
}

/** The last `recent` observations against the rest: by ranges (fast paths) and by index lists. */
function splitBothWays(
  yy: Float64Array,
  xs: readonly Float64Array[],
  recent: number,
  intercept: boolean,
) {
  const m = yy.length;
  const fast = rangeComparison(
    yy,
    xs,
    { from: 0, to: m - recent },
    { from: m - recent, to: m },
    intercept,
  )!;
  const exact = exactComparison(
    yy,
    xs,
    rowsFrom(0, m - recent),
    rowsFrom(m - recent, recent),
    intercept,
  )!;
  return { fast, exact };
}

describe('olsFit from COMPENSATED_MIN_OBSERVATIONS observations', () => {
  test.each([
    ['one hedge, intercept', [x1], true],
    ['one hedge, through the origin', [x1], false],
    ['two hedges, intercept', [x1, x2], true],
    ['two hedges, through the origin', [x1, x2], false],
  ] as const)('%s: within 1e-13 of the double-double fit', (_, xs, intercept) => {
    const fast = olsFit(y, xs, intercept);
    const exact = olsFit(y, xs, intercept, { method: 'exact' });
    expect(fast.method).toBe('compensated');
    expect(exact.method).toBe('dd-moments');
    expectFitsAgree(fast, exact, 1e-13);
  });

  test('auto takes the compensated method from the limit on, the double-double one below it', () => {
    const m = COMPENSATED_MIN_OBSERVATIONS;
    const xs = (k: number) => [x1.subarray(0, k), x2.subarray(0, k)];
    expect(olsFit(y.subarray(0, m - 1), xs(m - 1), true).method).toBe('dd-moments');
    expect(olsFit(y.subarray(0, m), xs(m), true).method).toBe('compensated');
    expect(olsFit(y.subarray(0, m), xs(m), true, { method: 'exact' }).method).toBe('dd-moments');
    // fast: compensated at any size; three hedges: QR
    expect(olsFit(y.subarray(0, 100), xs(100), true, { method: 'fast' }).method).toBe(
      'compensated',
    );
    expect(olsFit(y, [x1, x2, y.map((v) => v * v)], true).method).toBe('qr');
  });

  test('the compensated method agrees with the exact one at small n too', () => {
    for (const m of [40, 500, 3000]) {
      for (const intercept of [true, false]) {
        const xs = [x1.subarray(0, m), x2.subarray(0, m)];
        const fast = olsFit(y.subarray(0, m), xs, intercept, { method: 'fast' });
        expect(fast.method).toBe('compensated');
        expectFitsAgree(fast, olsFit(y.subarray(0, m), xs, intercept, { method: 'exact' }), 1e-13);
      }
    }
  });

  test('nearly collinear hedges (1 − r² < 1e-4) still take the double-double path', () => {
    const near = Float64Array.from(x1, (v, i) => v + 1e-3 * b.x[i]!);
    const fast = olsFit(y, [x1, near], true);
    const exact = olsFit(y, [x1, near], true, { method: 'exact' });
    expect(fast.method).toBe('qr');
    expect(Array.from(fast.coefficients)).toEqual(Array.from(exact.coefficients));
    expect(fast.ssr).toBe(exact.ssr);
  });

  test('an exact fit still takes the double-double path', () => {
    const exactY = Float64Array.from(x1, (v) => 2 * v + 1);
    const fit = olsFit(exactY, [x1], true);
    expect(fit.method).toBe('qr');
    expect(fit.ssr).toBeLessThan(1e-20 * fit.tss);
  });
});

describe('HC3 part fits from COMPENSATED_MIN_OBSERVATIONS observations', () => {
  const split = n - 700;
  const total = 2 * n;
  // a long series: both parts of the split are large
  const yy = new Float64Array(total);
  const xx1 = new Float64Array(total);
  const xx2 = new Float64Array(total);
  yy.set(y);
  yy.set(
    y.map((v) => -v),
    n,
  );
  xx1.set(x1);
  xx1.set(x2, n);
  xx2.set(x2);
  xx2.set(x1, n);
  const idxA = Array.from({ length: split + n }, (_, i) => i);
  const idxB = Array.from({ length: total - split - n }, (_, i) => split + n + i);

  test.each([
    ['one hedge', [xx1]],
    ['two hedges', [xx1, xx2]],
  ] as const)('%s: the three-pass fit equals the olsFit-based fit to 1e-12', (_, xs) => {
    for (const intercept of [true, false]) {
      const fast = rangeComparison(
        yy,
        xs,
        { from: 0, to: split + n },
        { from: split + n, to: total },
        intercept,
      )!;
      const exact = exactComparison(yy, xs, idxA, idxB, intercept)!;
      expect(rel(fast.f, exact.f)).toBeLessThan(1e-12);
      expect(rel(fast.pValue, exact.pValue)).toBeLessThan(1e-12);
      fast.slopesA.forEach((s, j) => expect(rel(s, exact.slopesA[j]!)).toBeLessThan(1e-13));
      fast.slopesB.forEach((s, j) => expect(rel(s, exact.slopesB[j]!)).toBeLessThan(1e-13));
      fast.partA.slopeCovariance.forEach((row, i) =>
        row.forEach((v, j) =>
          expect(rel(v, exact.partA.slopeCovariance[i]![j]!)).toBeLessThan(1e-12),
        ),
      );
      expect(rel(fast.partA.ssr, exact.partA.ssr)).toBeLessThan(1e-13);
    }
  });

  test('downside beta by sign selection equals the olsFit-based fit of the index lists', () => {
    const big = simulatePair({ n: 2 * n + 10, seed: 5, rho: 0.7 });
    const d = downsideBeta(Float64Array.from(big.y), Float64Array.from(big.x), true)!;
    const down: number[] = [];
    const up: number[] = [];
    big.x.forEach((v, i) => (v < 0 ? down : up).push(i));
    expect(down.length).toBeGreaterThanOrEqual(COMPENSATED_MIN_OBSERVATIONS);
    expect(up.length).toBeGreaterThanOrEqual(COMPENSATED_MIN_OBSERVATIONS);
    const exact = exactComparison(big.y, [big.x], down, up, true)!;
    expect(rel(d.downside, exact.slopesA[0]!)).toBeLessThan(1e-13);
    expect(rel(d.upside, exact.slopesB[0]!)).toBeLessThan(1e-13);
    expect(d.nDown).toBe(down.length);
    // the p-value's statistic is a small difference of two slopes: compare it absolutely
    expect(Math.abs(d.f - exact.f)).toBeLessThan(1e-9 * Math.max(1, exact.f));
    expect(exactPartFit(big.y, [big.x], down, true)!.method).toBe('dd-moments');
  });

  test('a part with a constant hedge falls back to the exact path and is not fitted', () => {
    const flat = new Float64Array(total).fill(0.01);
    expect(partFit(yy, [flat], { from: 0, to: split + n }, true)).toBeNull();
    expect(
      rangeComparison(yy, [flat], { from: 0, to: split + n }, { from: split + n, to: total }, true),
    ).toBeNull();
  });
});

describe('HC3 part fits of a few years of daily returns (the three-pass fit at small n)', () => {
  test.each([
    [40, 10],
    [500, 30],
    [1825, 60],
  ])('n = %i, recent %i: ranges and sign selections equal the olsFit-based fits', (m, recent) => {
    const s1 = simulatePair({ n: m, seed: 21, rho: 0.7 });
    const s2 = simulatePair({ n: m, seed: 22, rho: 0.5 });
    const h1 = s1.x;
    const h2 = Float64Array.from(s2.x, (v, i) => 0.4 * h1[i]! + v);
    const yy = Float64Array.from(s1.y, (v, i) => v + 0.2 * h2[i]!);
    for (const intercept of [true, false]) {
      for (const xs of [[h1], [h1, h2]]) {
        const { fast, exact } = splitBothWays(yy, xs, recent, intercept);
        expect(rel(fast.f, exact.f)).toBeLessThan(1e-12);
        fast.slopesA.forEach((v, j) => expect(rel(v, exact.slopesA[j]!)).toBeLessThan(1e-13));
        fast.slopesB.forEach((v, j) => expect(rel(v, exact.slopesB[j]!)).toBeLessThan(1e-13));
        for (const [f, e] of [
          [fast.partA, exact.partA],
          [fast.partB, exact.partB],
        ] as const) {
          expect(rel(f.ssr, e.ssr)).toBeLessThan(1e-13);
          f.slopeCovariance.forEach((row, i) =>
            row.forEach((v, j) => expect(rel(v, e.slopeCovariance[i]![j]!)).toBeLessThan(1e-12)),
          );
        }
      }
      const d = downsideBeta(Float64Array.from(yy), Float64Array.from(h1), intercept)!;
      const down: number[] = [];
      const up: number[] = [];
      h1.forEach((v, i) => (v < 0 ? down : up).push(i));
      const exact = exactComparison(yy, [h1], down, up, intercept)!;
      expect(rel(d.downside, exact.slopesA[0]!)).toBeLessThan(1e-13);
      expect(rel(d.upside, exact.slopesB[0]!)).toBeLessThan(1e-13);
      expect(Math.abs(d.f - exact.f)).toBeLessThan(1e-9 * Math.max(1, exact.f));
    }
  });
});

describe('HC3 part fits when the first observations are far from the mean', () => {
  // A level shift after the first observations: the one-pass moments about the first
  // observations would cancel most of their digits, so the fit takes the cross-products again
  // about the mean; it must still equal the double-double fit.
  test.each([
    ['one hedge', 1],
    ['two hedges', 2],
  ])('%s', (_, k) => {
    const m = 3000;
    const s1 = simulatePair({ n: m, seed: 31, rho: 0.6 });
    const s2 = simulatePair({ n: m, seed: 32, rho: 0.4 });
    const shift = (v: number, i: number) => (i < 40 ? v + 50 : v); // 50 ≫ the returns' 0.02
    const h1 = Float64Array.from(s1.x, shift);
    const h2 = Float64Array.from(s2.x, (v, i) => shift(v, i) * 0.5 + s1.x[i]!);
    const yy = Float64Array.from(s1.y, (v, i) => shift(v, i) + 0.2 * h2[i]!);
    const xs = k === 1 ? [h1] : [h1, h2];
    const { fast, exact } = splitBothWays(yy, xs, 500, true);
    expect(rel(fast.f, exact.f)).toBeLessThan(1e-12);
    fast.slopesA.forEach((v, j) => expect(rel(v, exact.slopesA[j]!)).toBeLessThan(1e-13));
    expect(rel(fast.partA.ssr, exact.partA.ssr)).toBeLessThan(1e-13);
    fast.partA.slopeCovariance.forEach((row, i) =>
      row.forEach((v, j) =>
        expect(rel(v, exact.partA.slopeCovariance[i]![j]!)).toBeLessThan(1e-12),
      ),
    );
  });
});

describe('the Chow test from the moments of the full fit (downdated, one pass over the data)', () => {
  test.each([
    [500, 30],
    [1825, 60],
    [COMPENSATED_MIN_OBSERVATIONS + 5000, 30],
  ])('n = %i, recent %i: equals the three-pass and exact fits', (m, recent) => {
    const s1 = simulatePair({ n: m, seed: 41, rho: 0.7 });
    const s2 = simulatePair({ n: m, seed: 42, rho: 0.5 });
    const h1 = s1.x;
    const h2 = Float64Array.from(s2.x, (v, i) => 0.4 * h1[i]! + v);
    const yy = Float64Array.from(s1.y, (v, i) => v + 0.2 * h2[i]! + 2e-4);
    for (const intercept of [true, false]) {
      for (const xs of [[h1], [h1, h2]]) {
        const fit = olsFit(yy, xs, intercept);
        expect(fit.moments).toBeDefined();
        const viaMoments = chowBreak(yy, xs, recent, intercept, fit.ssr, fit.moments)!;
        const threePass = chowBreak(yy, xs, recent, intercept, fit.ssr)!;
        const { exact } = splitBothWays(yy, xs, recent, intercept);
        for (const other of [threePass, exact]) {
          expect(rel(viaMoments.f, other.f)).toBeLessThan(1e-12);
          viaMoments.betaBefore.forEach((v, j) =>
            expect(
              rel(v, 'betaBefore' in other ? other.betaBefore[j]! : other.slopesA[j]!),
            ).toBeLessThan(1e-13),
          );
        }
      }
    }
  });

  test('downdateCoMoments equals the moments of the remaining rows, and declines a large part', () => {
    const m = 2000;
    const s1 = simulatePair({ n: m, seed: 43, rho: 0.6 });
    const fit = olsFit(s1.y, [s1.x], true);
    const fitA = olsFit(s1.y.subarray(0, 1800), [s1.x.subarray(0, 1800)], true);
    const a = downdateCoMoments(fit.moments!, [s1.x, s1.y], 1800, m, true)!;
    expect(a.n).toBe(1800);
    a.means.forEach((v, j) => expect(Math.abs(v - fitA.moments!.means[j]!)).toBeLessThan(1e-18));
    a.S.forEach((v, j) => expect(rel(v, fitA.moments!.S[j]!)).toBeLessThan(1e-14));
    // more than a quarter of the rows removed: the subtraction could lose digits
    expect(downdateCoMoments(fit.moments!, [s1.x, s1.y], 1000, m, true)).toBeUndefined();
  });
});
