/**
 * `--estimator kalman` against the issue's filter written with numpy matrices, and its
 * maximum-likelihood variances against the reference maximum (scipy Nelder–Mead polished by
 * L-BFGS-B, statsmodels' MLEModel as a cross-check): `/usr/bin/python3
 * scripts/reference/kalman_reference.py` (numpy 1.24.2, scipy 1.10.1, statsmodels 0.13.5), which
 * also writes the data, scripts/reference/kalman-series.csv.
 */
import { outOfSampleEffectiveness } from '../../src/core/diagnostics/effectiveness';
import { kalmanEstimator } from '../../src/core/estimators/kalman';
import { kalmanMle, kalmanRun } from '../../src/core/estimators/kalman-model';
import { kalmanFilter } from '../../src/core/kernels/kalman-filter';
import type { EstimatorInput } from '../../src/core/estimators/types';
import { MathError } from '../../src/errors';
import { createRng, simulatePair } from '../../tools/sim/market';
import { referenceColumns } from '../support/reference-series';

const column = referenceColumns('kalman-series.csv');
const [X1, X2, Y, Y2, Y3, Y4] = ['x1', 'x2', 'y', 'y2', 'y3', 'y4'].map(column) as [
  Float64Array,
  Float64Array,
  Float64Array,
  Float64Array,
  Float64Array,
  Float64Array,
];

function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

function input(
  y: Float64Array,
  xs: Float64Array[],
  intercept: boolean,
  q: number | null,
  r: number | null,
): EstimatorInput {
  return { y, xs, intercept, params: { kalmanQ: q, kalmanR: r } };
}

/**
 * The filter as the issue writes it, with k×k matrices and nothing written out: P ← P + qI,
 * v = y − z'a, F = z'Pz + r, K = Pz/F, a ← a + Kv, P ← P − K·(z'P) (the full product).
 */
function definitionFilter(
  y: ArrayLike<number>,
  xs: readonly ArrayLike<number>[],
  intercept: boolean,
  q: readonly number[],
  r: number,
  p0: readonly number[],
  walkStart: number,
) {
  const m = q.length;
  const off = intercept ? 1 : 0;
  let a = new Array<number>(m).fill(0);
  let P = p0.map((v, i) => p0.map((_, j) => (i === j ? v : 0)));
  let ll = 0;
  const errors: number[] = [];
  for (let t = 0; t < y.length; t++) {
    const z = [...(intercept ? [1] : []), ...xs.map((x) => x[t]!)];
    P = P.map((row, i) => row.map((v, j) => (i === j ? v + q[i]! : v)));
    if (t >= walkStart) errors.push(y[t]! - xs.reduce((s, x, j) => s + a[off + j]! * x[t]!, 0));
    const v = y[t]! - z.reduce((s, zi, i) => s + zi * a[i]!, 0);
    const Pz = P.map((row) => row.reduce((s, pij, j) => s + pij * z[j]!, 0));
    const F = z.reduce((s, zi, i) => s + zi * Pz[i]!, 0) + r;
    const K = Pz.map((p) => p / F);
    a = a.map((ai, i) => ai + K[i]! * v);
    const zP = z.map((_, j) => z.reduce((s, zi, i) => s + zi * P[i]![j]!, 0));
    P = P.map((row, i) => row.map((pij, j) => pij - K[i]! * zP[j]!));
    if (t >= m) ll += -0.5 * (Math.log(2 * Math.PI) + Math.log(F) + (v * v) / F);
  }
  return { ll, a, errors };
}

describe('the filter kernel against the k×k definition', () => {
  test.each([
    [1, true],
    [2, true],
    [3, false],
    [3, true],
  ])(
    '%i hedges, intercept %s: same likelihood, state and walk-forward errors to 1e-12',
    (k, intercept) => {
      const rng = createRng(41 + k);
      const n = 300;
      const xs = Array.from({ length: k }, () =>
        Float64Array.from({ length: n }, () => 0.03 * rng.normal()),
      );
      const y = Float64Array.from({ length: n }, (_, t) =>
        xs.reduce((s, x, j) => s + (1 + j / 2 + t / n) * x[t]!, 0.01 * rng.normal()),
      );
      const m = k + (intercept ? 1 : 0);
      const q = Array.from({ length: m }, (_, i) => 1e-5 * (i + 1));
      const p0 = Array.from({ length: m }, (_, i) => 0.5 + i);
      const errors = new Float64Array(n - 150);
      const out = kalmanFilter({
        y,
        xs,
        intercept,
        q,
        r: 1e-4,
        p0,
        count: n,
        burn: m,
        walkStart: 150,
        errors,
      });
      const def = definitionFilter(y, xs, intercept, q, 1e-4, p0, 150);
      expect(rel(out.logLikelihood, def.ll)).toBeLessThan(1e-12);
      def.a.forEach((v, i) => expect(rel(out.state[i]!, v)).toBeLessThan(1e-12));
      def.errors.forEach((e, i) => expect(Math.abs(errors[i]! - e)).toBeLessThan(1e-15));
    },
  );

  test('a non-positive prediction variance gives ℓ = −∞', () => {
    const x = [0.01, -0.02, 0.03, 0.01];
    const out = kalmanFilter({
      y: [1, 2, 3, 4],
      xs: [x],
      intercept: false,
      q: [0],
      r: -1,
      p0: [0],
      count: 4,
      burn: 1,
    });
    expect(out.logLikelihood).toBe(-Infinity);
  });
});

// The reference script's output, case by case (its comments: statsmodels' filter agrees with the
// numpy one to 7.7e-11, 6.7e-7 and 1.1e-12 in the log-likelihood: the two-hedge case's diffuse
// start, P_0 = 1e6·I on correlated hedges, makes its first updates cancel heavily).
const FIXED = [
  {
    name: 'one hedge, intercept',
    y: Y,
    xs: [X1],
    intercept: true,
    q: 2e-4,
    r: 1.1e-4,
    logLikelihood: 1103.541420317586,
    state: [-0.005798755951988018, 0.61526896116202201],
    previousSlopes: [0.61900806245935203],
    walkEffectiveness: 0.72699470832827495,
    firstError: 0.001085394525225822,
    lastError: -0.0034045731271407677,
  },
  {
    name: 'two hedges, intercept',
    y: Y2,
    xs: [X1, X2],
    intercept: true,
    q: 5e-5,
    r: 1e-4,
    logLikelihood: 1166.6723583835262,
    state: [-0.00636669622048717, 0.62799377706110293, 0.35720381827630465],
    previousSlopes: [0.63117729024733704, 0.3535874217333258],
    walkEffectiveness: 0.85397707943948409,
    firstError: 0.00049744307887179817,
    lastError: -0.0031611365166143712,
  },
  {
    name: 'one hedge, no intercept',
    y: Y,
    xs: [X1],
    intercept: false,
    q: 3e-4,
    r: 1.2e-4,
    logLikelihood: 1237.3099403089188,
    state: [0.63663757897965922],
    previousSlopes: [0.63157197874050519],
    walkEffectiveness: 0.72669100396040065,
    firstError: 0.0007951934063639976,
    lastError: -0.0030712901199506197,
  },
];

describe.each(FIXED)('fixed q and r: $name', (c) => {
  const inp = input(c.y, c.xs, c.intercept, c.q, c.r);
  test('log-likelihood, filtered state and the slopes before the last return to 1e-9', () => {
    const out = kalmanRun(inp, c.q, c.r, c.y.length);
    expect(rel(out.logLikelihood, c.logLikelihood)).toBeLessThan(1e-9);
    Array.from(out.state).forEach((v, i) => expect(rel(v, c.state[i]!)).toBeLessThan(1e-9));
    Array.from(out.previousSlopes).forEach((v, i) =>
      expect(rel(v, c.previousSlopes[i]!)).toBeLessThan(1e-9),
    );
    const off = c.intercept ? 1 : 0;
    expect(kalmanEstimator.ratios(inp)).toEqual(Array.from(out.state.subarray(off)));
  });

  test('the walk-forward hedges return t with the slopes filtered through t − 1', () => {
    const wf = kalmanEstimator.walkForward(inp)!;
    expect(wf.start).toBe(200);
    expect(rel(wf.errors[0]!, c.firstError)).toBeLessThan(1e-9);
    expect(rel(wf.errors[wf.errors.length - 1]!, c.lastError)).toBeLessThan(1e-9);
    expect(rel(outOfSampleEffectiveness(c.y, wf)!, c.walkEffectiveness)).toBeLessThan(1e-9);
    wf.lastRatios.forEach((v, i) => expect(rel(v, c.previousSlopes[i]!)).toBeLessThan(1e-9));
  });

  test('no look-ahead: changing returns from t on leaves the errors before t', () => {
    const y = Float64Array.from(c.y);
    const wf = kalmanEstimator.walkForward(inp)!;
    y.fill(1, 300);
    const changed = kalmanEstimator.walkForward({ ...inp, y })!;
    // Return 300 is errors[100]: every error before it is the same double.
    expect(changed.errors.subarray(0, 100)).toEqual(wf.errors.subarray(0, 100));
    expect(changed.errors[100]).not.toBe(wf.errors[100]);
  });

  test('power-of-two scaled series with their exponents give the same model exactly', () => {
    const ey = -20;
    const ex = 12;
    const scaled = {
      ...inp,
      y: c.y.map((v) => v * 2 ** -ey),
      xs: c.xs.map((x) => x.map((v) => v * 2 ** -ex)),
      exps: [ey, ...c.xs.map(() => ex)],
    };
    const a = kalmanRun(inp, c.q, c.r, c.y.length);
    const b = kalmanRun(scaled, c.q, c.r, c.y.length);
    const off = c.intercept ? 1 : 0;
    expect(rel(b.logLikelihood, a.logLikelihood)).toBeLessThan(1e-12);
    Array.from(b.state.subarray(off)).forEach((v, j) =>
      expect(v * 2 ** (ey - ex)).toBe(a.state[off + j]),
    );
  });
});

// The reference maxima. An estimate is resolved only as far as the likelihood itself: the
// diffuse start P_0 = 1e6·I cancels ~6 digits in the first updates, so ℓ carries a rounding noise
// (the reference measures its sd: 2.2e-7, 1.9e-11 and 8.3e-7 here); near the maximum ℓ falls by
// ½·(δ/se)² for a change δ of ln q or ln r (se: the estimate's standard error, 0.27 and 0.087,
// 0.35 and 0.076, –, 0.071), so two optimisers of the same ℓ can agree only to se·√(2·noise):
// 2e-4 and 6e-5, 2e-6 and 5e-7, –, 9e-5. Hence 1e-3 relative on q and r (1,000 times smaller
// than the standard errors, which is what matters for a hedge ratio) and 1e-9 relative on ℓ
// (a few noise sds). statsmodels' own L-BFGS fit stops within 2e-4 of the same maximum.
const MLE = [
  {
    name: "y4 on x1, intercept (the issue's model)",
    y: Y4,
    intercept: true,
    q: 9.7031944917968235e-6,
    r: 9.200145723241388e-5,
    logLikelihood: 1216.7570351194977,
    slope: 1.0869369997060425,
  },
  {
    name: 'y3 on x1, no intercept',
    y: Y3,
    intercept: false,
    q: 0.0033984871700341213,
    r: 0.000111370492251535,
    logLikelihood: 1217.2295069759032,
    slope: 1.9569471611372151,
  },
];

describe.each(MLE)('maximum likelihood: $name', (c) => {
  test('q, r to 1e-3 and the log-likelihood to 1e-9 of the reference maximum', () => {
    const fit = kalmanMle(input(c.y, [X1], c.intercept, null, null), c.y.length);
    expect(rel(fit.q, c.q)).toBeLessThan(1e-3);
    expect(rel(fit.r, c.r)).toBeLessThan(1e-3);
    expect(rel(fit.logLikelihood, c.logLikelihood)).toBeLessThan(1e-9);
    const ratio = kalmanEstimator.ratios(input(c.y, [X1], c.intercept, null, null))[0]!;
    expect(rel(ratio, c.slope)).toBeLessThan(1e-3);
  });
});

describe('maximum likelihood on the boundary and with one variance given', () => {
  test('a constant slope: q is 0 (the maximum is on the floor), r as the reference', () => {
    // The reference: q at the maximum 2.99e-19 (on its floor e^−42.66), so q = 0 and r maximised
    // at q = 0: 0.00011958257528152772, ℓ 1227.1084402573549.
    const fit = kalmanMle(input(Y, [X1], true, null, null), 400);
    expect(fit.q).toBe(0);
    expect(rel(fit.r, 0.00011958257528152772)).toBeLessThan(1e-3);
    expect(rel(fit.logLikelihood, 1227.1084402573549)).toBeLessThan(1e-9);
  });

  test('a given r is kept and only q is estimated (and the other way round)', () => {
    const inp = input(Y3, [X1], false, null, 0.000111370492251535);
    const onlyQ = kalmanMle(inp, 400);
    expect(onlyQ.r).toBe(0.000111370492251535);
    expect(rel(onlyQ.q, 0.0033984871700341213)).toBeLessThan(1e-3);
    const onlyR = kalmanMle(input(Y3, [X1], false, 0.0033984871700341213, null), 400);
    expect(onlyR.q).toBe(0.0033984871700341213);
    expect(rel(onlyR.r, 0.000111370492251535)).toBeLessThan(1e-3);
  });

  test('the walk-forward estimates q and r from the returns before its start only', () => {
    const inp = input(Y3, [X1], false, null, null);
    const fitted = kalmanEstimator.fitParams(inp, 200);
    const wf = kalmanEstimator.walkForward(inp)!;
    const direct = kalmanRun(inp, fitted.kalmanQ, fitted.kalmanR, 400, {
      start: 200,
      errors: new Float64Array(200),
    });
    expect(wf.lastRatios).toEqual(Array.from(direct.previousSlopes));
  });
});

describe('errors', () => {
  test('too few returns for the likelihood', () => {
    expect(() =>
      kalmanMle(input(Y.subarray(0, 4), [X1.subarray(0, 4)], true, null, null), 4),
    ).toThrow(
      new MathError(
        'the maximum-likelihood estimate of the Kalman variances needs at least 5 returns, got 4',
      ),
    );
  });

  test('a search that does not converge within its budget is an error that says what to do', () => {
    const inp = input(Y3, [X1], false, null, null);
    expect(() => kalmanMle(inp, 400, 8)).toThrow(
      /^the maximum-likelihood estimate of the Kalman variances did not converge in \d+ evaluations \(last q \d\.\d{3}e[-+]\d+, r \d\.\d{3}e[-+]\d+\); set them with --kalman-q and --kalman-r$/,
    );
    // the same data within the default budget converges
    expect(kalmanMle(inp, 400).q).toBeGreaterThan(0);
  });

  test('an exact fit has no noise variance to estimate', () => {
    const y = X1.map((v) => 2 * v + 0.001);
    expect(() => kalmanMle(input(y, [X1], true, null, null), 400)).toThrow(MathError);
  });

  test('a simulated market: the estimate is finite and the walk-forward hedges', () => {
    const { x, y } = simulatePair({ n: 300, seed: 5, rho: 0.8 });
    const inp = input(y, [x], true, null, null);
    const fit = kalmanMle(inp, 300);
    expect(Number.isFinite(fit.r) && fit.q >= 0).toBe(true);
    expect(outOfSampleEffectiveness(y, kalmanEstimator.walkForward(inp))).toBeGreaterThan(0.4);
  });
});
