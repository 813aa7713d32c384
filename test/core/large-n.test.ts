/**
 * The fast paths: compensated-sum OLS (from COMPENSATED_MIN_OBSERVATIONS observations) and
 * three-pass HC3 part fits (at every size), against the double-double paths on the same seeded
 * data (GARCH-t returns, src/sim/market.ts), and the fall-backs to the exact paths where the fast
 * ones decline.
 */
import { chowBreak, compareSlopes, compareSlopesOfRanges, partFitHc3 } from '../../src/core/breaks';
import { momentsWithout } from '../../src/core/part-fit';
import { COMPENSATED_MIN_OBSERVATIONS, olsFit, olsFitDoubleDouble } from '../../src/core/ols';
import { downsideBeta } from '../../src/core/stability';
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
  const fast = compareSlopesOfRanges(
    yy,
    xs,
    { from: 0, to: m - recent },
    { from: m - recent, to: m },
    intercept,
  )!;
  const exact = compareSlopes(
    yy,
    xs,
    Array.from({ length: m - recent }, (_, i) => i),
    Array.from({ length: recent }, (_, i) => m - recent + i),
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
    const exact = olsFitDoubleDouble(y, xs, intercept);
    expectFitsAgree(fast, exact, 1e-13);
  });

  test('below the limit, olsFit is the double-double fit bit for bit', () => {
    const m = COMPENSATED_MIN_OBSERVATIONS - 1;
    const ys = y.subarray(0, m);
    const xs = [x1.subarray(0, m), x2.subarray(0, m)];
    expect(olsFit(ys, xs, true).coefficients).toEqual(
      olsFitDoubleDouble(ys, xs, true).coefficients,
    );
  });

  test('nearly collinear hedges (1 − r² < 1e-4) still take the double-double path', () => {
    const near = Float64Array.from(x1, (v, i) => v + 1e-3 * b.x[i]!);
    const fast = olsFit(y, [x1, near], true);
    const exact = olsFitDoubleDouble(y, [x1, near], true);
    expect(Array.from(fast.coefficients)).toEqual(Array.from(exact.coefficients));
    expect(fast.ssr).toBe(exact.ssr);
  });

  test('an exact fit still takes the double-double path', () => {
    const exactY = Float64Array.from(x1, (v) => 2 * v + 1);
    expect(olsFit(exactY, [x1], true).ssr).toBe(olsFitDoubleDouble(exactY, [x1], true).ssr);
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
      const fast = compareSlopesOfRanges(
        yy,
        xs,
        { from: 0, to: split + n },
        { from: split + n, to: total },
        intercept,
      )!;
      const exact = compareSlopes(yy, xs, idxA, idxB, intercept)!;
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
    const d = downsideBeta(big.y, big.x, true)!;
    const down: number[] = [];
    const up: number[] = [];
    big.x.forEach((v, i) => (v < 0 ? down : up).push(i));
    expect(down.length).toBeGreaterThanOrEqual(COMPENSATED_MIN_OBSERVATIONS);
    expect(up.length).toBeGreaterThanOrEqual(COMPENSATED_MIN_OBSERVATIONS);
    const exact = compareSlopes(big.y, [big.x], down, up, true)!;
    expect(rel(d.downside, exact.slopesA[0]!)).toBeLessThan(1e-13);
    expect(rel(d.upside, exact.slopesB[0]!)).toBeLessThan(1e-13);
    expect(d.nDown).toBe(down.length);
    // the p-value's statistic is a small difference of two slopes: compare it absolutely
    expect(Math.abs(d.f - exact.f)).toBeLessThan(1e-9 * Math.max(1, exact.f));
    expect(partFitHc3(big.y, [big.x], down, true)!.slopes[0]).toBe(exact.slopesA[0]);
  });

  test('a part with a constant hedge falls back to the exact path and is not fitted', () => {
    const flat = new Float64Array(total).fill(0.01);
    expect(
      compareSlopesOfRanges(
        yy,
        [flat],
        { from: 0, to: split + n },
        { from: split + n, to: total },
        true,
      ),
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
      const d = downsideBeta(yy, h1, intercept)!;
      const down: number[] = [];
      const up: number[] = [];
      h1.forEach((v, i) => (v < 0 ? down : up).push(i));
      const exact = compareSlopes(yy, [h1], down, up, intercept)!;
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

  test('momentsWithout equals the moments of the remaining rows, and declines a large part', () => {
    const m = 2000;
    const s1 = simulatePair({ n: m, seed: 43, rho: 0.6 });
    const fit = olsFit(s1.y, [s1.x], true);
    const fitA = olsFit(s1.y.subarray(0, 1800), [s1.x.subarray(0, 1800)], true);
    const a = momentsWithout(fit.moments!, [s1.x, s1.y], 1800, m, true)!;
    expect(a.n).toBe(1800);
    a.means.forEach((v, j) => expect(Math.abs(v - fitA.moments!.means[j]!)).toBeLessThan(1e-18));
    a.S.forEach((v, j) => expect(rel(v, fitA.moments!.S[j]!)).toBeLessThan(1e-14));
    // more than a quarter of the rows removed: the subtraction could lose digits
    expect(momentsWithout(fit.moments!, [s1.x, s1.y], 1000, m, true)).toBeUndefined();
  });
});
