/**
 * EWMA covariance and minimum-variance ratio against the same definition evaluated in 50-digit
 * arithmetic: `/usr/bin/python3 scripts/reference/ewma_reference.py` (numpy 1.24, pandas 1.5.3,
 * mpmath 1.2.1). For the centered case pandas' ewm(halflife, adjust=True).cov(bias=False) agrees.
 */
import { MathError } from '../../src/errors';
import { ewmaCovariance, minVarianceRatio } from '../../src/core/estimators/ewma';
import { inverse, solveSymmetric } from '../../src/core/linalg';
import { covariance } from '../../src/core/stats';
import { olsFit } from '../../src/core/regression/ols';

// numpy RandomState(11): hedges F1, F2 and the position S (6 decimals)
const F1 = [
  0.034989, -0.005721, -0.009691, -0.053066, -0.000166, -0.006393, -0.010733, 0.006308, 0.008421,
  -0.021312, -0.017725, -0.009515, 0.013794, 0.011224, -0.026111, -0.02239, 0.014737, 0.031493,
  -0.000622, -0.013669, 0.021913, -0.006192, 0.014515, 0.030981, 0.012602, 0.00147, 0.014645,
  -0.012852, -0.003562, -0.011479, -0.004088, -0.00973, -0.003716, -0.007611, 0.00178, 0.001273,
  0.005927, 0.028055, -0.030937, 0.025912, -0.004745, -0.024647, -0.003448, 0.001837, 0.021351,
  -0.021233, 0.004347, 0.002356, -0.033682, -0.023715,
];
const F2 = [
  0.026496, 0.007573, 0.01147, -0.018526, 0.005845, -0.001353, 0.01277, -0.009492, 0.002082,
  -0.004876, -0.032525, 0.014907, -0.004996, 0.004536, 0.019295, -0.023636, -0.000572, 0.039172,
  -0.016514, -0.013315, 0.018698, 0.003735, 0.016163, 0.021048, 0.026481, 0.015974, 0.016252,
  -0.016668, -0.012484, -0.034364, 0.008266, -0.03221, 0.011329, 0.02389, -0.015035, -0.009631,
  -0.00418, 0.026482, -0.028419, 0.010998, -0.010219, -0.016093, 0.017645, -0.013545, 0.011752,
  -0.006542, 0.015053, -0.017783, -0.000118, -0.005336,
];
const S = [
  0.035234, -0.005647, -0.027107, -0.050228, 0.00716, -0.004815, -0.0124, 0.025791, 0.029481,
  -0.018276, 0.010182, -0.03118, -0.006777, 0.018165, -0.029678, -0.009334, 0.018843, 0.019915,
  0.009865, -0.007832, 0.00096, -0.003831, 0.011988, 0.042301, -0.004944, -0.001402, 0.005986,
  -0.009262, 0.016183, 0.000628, -0.009678, -0.000476, 0.002352, -0.021268, 0.002265, 0.018794,
  0.015032, 0.019805, -0.026635, 0.019881, -0.017438, -0.009233, -0.002921, 0.006045, 0.004191,
  -0.024651, 0.006346, 0.008554, -0.034958, -0.014926,
];

const CASES = [
  {
    // numpy float64, same definition: max relative difference 2.2e-16
    // pandas ewm(halflife=10, adjust=True).cov(bias=False): max relative difference 5.5e-16
    halflife: 10,
    centered: true,
    cov: [
      [0.00032785327101779682, 0.00015380702450803197, 0.00026329740701670919],
      [0.00015380702450803197, 0.00027024635305824868, 6.0377910171242256e-5],
      [0.00026329740701670919, 6.0377910171242256e-5, 0.00029792821682001917],
    ],
    ratio: [0.9526375541253187, -0.31876262709386038],
  },
  {
    // numpy float64, same definition: max relative difference 2.7e-16
    halflife: 3.5,
    centered: false,
    cov: [
      [0.00041639430825973788, 0.00010576958047766651, 0.0003468912810378249],
      [0.00010576958047766651, 0.00016922987082384144, 4.9839224740226437e-5],
      [0.0003468912810378249, 4.9839224740226437e-5, 0.00034388700662697579],
    ],
    ratio: [0.90137749996311112, -0.26885971762184724],
  },
  {
    // numpy float64, same definition: max relative difference 3.3e-16
    // pandas ewm(halflife=1000000.0, adjust=True).cov(bias=False): max relative difference 7.6e-16
    halflife: 1e6,
    centered: true,
    cov: [
      [0.00033298742188464189, 0.00018247991859452343, 0.0002787891000832243],
      [0.00018247991859452343, 0.00030706235456993091, 6.2807100723602321e-5],
      [0.0002787891000832243, 6.2807100723602321e-5, 0.00035817465968380059],
    ],
    ratio: [1.0753545835326319, -0.43451603283167645],
  },
];

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

describe.each(CASES)('halflife $halflife, centered $centered', (c) => {
  const cov = ewmaCovariance([F1, F2, S], c.halflife, c.centered);

  test('covariance matrix to 1e-14 relative', () => {
    expect(cov).toHaveLength(3);
    c.cov.forEach((row, i) =>
      row.forEach((v, j) => expect(relErr(cov[i]![j]!, v)).toBeLessThanOrEqual(1e-14)),
    );
  });

  test('symmetric', () => {
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(cov[i]![j]).toBe(cov[j]![i]);
  });

  test('minimum-variance ratio to 1e-13 relative', () => {
    const h = minVarianceRatio(cov);
    c.ratio.forEach((v, j) => expect(relErr(h[j]!, v)).toBeLessThanOrEqual(1e-13));
  });
});

describe('limits and identities', () => {
  test('halflife = Infinity: the sample covariance (n − 1) and the OLS slopes', () => {
    const cov = ewmaCovariance([F1, F2, S], Infinity, true);
    expect(relErr(cov[0]![1]!, covariance(F1, F2))).toBeLessThanOrEqual(1e-15);
    expect(relErr(cov[2]![2]!, covariance(S, S))).toBeLessThanOrEqual(1e-15);
    const h = minVarianceRatio(cov);
    const fit = olsFit(S, [F1, F2], true);
    expect(relErr(h[0]!, fit.coefficients[1]!)).toBeLessThanOrEqual(1e-13);
    expect(relErr(h[1]!, fit.coefficients[2]!)).toBeLessThanOrEqual(1e-13);
  });

  test('halflife = Infinity, not centered: raw second moments / n and the no-intercept OLS slopes', () => {
    const cov = ewmaCovariance([F1, S], Infinity, false);
    const raw = F1.reduce((acc, v, i) => acc + v * S[i]!, 0) / F1.length;
    expect(relErr(cov[0]![1]!, raw)).toBeLessThanOrEqual(1e-14);
    const fit = olsFit(S, [F1], false);
    expect(relErr(minVarianceRatio(cov)[0]!, fit.coefficients[0]!)).toBeLessThanOrEqual(1e-13);
  });

  test('the doc examples', () => {
    // R: var(1:4) → 1.6666666666666667
    expect(ewmaCovariance([[1, 2, 3, 4]], Infinity, true)).toEqual([[1.6666666666666667]]);
    expect(
      minVarianceRatio([
        [4, 2],
        [2, 3],
      ]),
    ).toEqual([0.5]);
    expect(
      solveSymmetric(
        [
          [2, 1],
          [1, 3],
        ],
        [1, 2],
      ).map((v) => +v.toPrecision(15)),
    ).toEqual([0.2, 0.6]);
    const inv = inverse([
      [2, 1],
      [1, 3],
    ]);
    [
      [0.6, -0.2],
      [-0.2, 0.4],
    ].forEach((row, i) =>
      row.forEach((v, j) => expect(relErr(inv[i]![j]!, v)).toBeLessThanOrEqual(1e-15)),
    );
  });

  test('weights: the newest observation has weight 1, one half-life back ½', () => {
    // one column, not centered: Σ w x² / Σ w with x = indicator of one observation
    const n = 11;
    const at = (t: number) => Array.from({ length: n }, (_, i) => (i === t ? 1 : 0));
    const v1 = Array.from({ length: n }, (_, t) => Math.pow(2, -(n - 1 - t) / 5)).reduce(
      (a, b) => a + b,
    );
    expect(relErr(ewmaCovariance([at(n - 1)], 5, false)[0]![0]!, 1 / v1)).toBeLessThan(1e-15);
    expect(relErr(ewmaCovariance([at(n - 6)], 5, false)[0]![0]!, 0.5 / v1)).toBeLessThan(1e-15);
  });

  test('inputs are not modified', () => {
    const a = Object.freeze([...F1]);
    const b = Float64Array.from(S);
    ewmaCovariance([a, b], 7, true);
    expect(Array.from(b)).toEqual(S);
  });
});

describe('errors', () => {
  test('bad half-life, too few observations, concentrated weights', () => {
    expect(() => ewmaCovariance([F1], 0, true)).toThrow(
      'the EWMA half-life must be positive, got 0',
    );
    expect(() => ewmaCovariance([F1], NaN, true)).toThrow(MathError);
    expect(() => ewmaCovariance([[1]], 5, true)).toThrow(
      'the EWMA covariance needs at least 2 observations, got 1',
    );
    expect(() => ewmaCovariance([F1], 0.001, true)).toThrow(/concentrated on a single observation/);
    expect(() => ewmaCovariance([[1, NaN, 3]], 5, true)).toThrow(
      'column 1 at index 1 is not a finite number',
    );
  });

  test('programming errors', () => {
    expect(() => ewmaCovariance([], 5, true)).toThrow(RangeError);
    expect(() => ewmaCovariance([F1, [1, 2]], 5, true)).toThrow(RangeError);
    expect(() => minVarianceRatio([[1]])).toThrow(RangeError);
  });

  test('a zero-variance hedge or collinear hedges', () => {
    expect(() =>
      minVarianceRatio([
        [0, 0],
        [0, 1],
      ]),
    ).toThrow('hedge 1 has zero variance: no hedge ratio exists');
    const twice = F1.map((v) => 2 * v);
    const cov = ewmaCovariance([F1, twice, S], 10, true);
    expect(() => minVarianceRatio(cov)).toThrow(MathError);
    expect(() =>
      inverse([
        [1, 2],
        [2, 4],
      ]),
    ).toThrow(MathError);
    expect(() =>
      solveSymmetric(
        [
          [1, 1],
          [1, 1 + 1e-16],
        ],
        [1, 2],
      ),
    ).toThrow(MathError);
  });
});
