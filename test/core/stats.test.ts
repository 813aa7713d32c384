/**
 * Descriptive statistics against R and against exact rational arithmetic.
 * R values: `Rscript scripts/reference/stats_reference.R` (R 4.2.2).
 * Exact values: python3 fractions.Fraction on the same doubles, rounded once (command below).
 */
import { MathError } from '../../src/errors';
import {
  correlation,
  covariance,
  mean,
  standardDeviation,
  sum,
  variance,
} from '../../src/core/stats';
import {
  chiSquareUpperPValue,
  fUpperPValue,
  normalTwoSidedPValue,
  supWaldPValue,
  tQuantile,
  tTwoSidedPValue,
} from '../../src/core/distributions';

// set.seed(7); a <- rnorm(30) and b <- 0.4 * a + rnorm(30), both printed to 6 decimals
// (scripts/reference/stats_reference.R)
const A = [
  2.287247, -1.196772, -0.694293, -0.412293, -0.970673, -0.94728, 0.748139, -0.116955, 0.152658,
  2.189978, 0.356986, 2.716752, 2.281452, 0.324021, 1.896067, 0.467681, -0.893801, -0.307328,
  -0.004822, 0.988164, 0.83975, 0.705342, 1.305965, -1.387996, 1.272917, 0.184193, 0.75228,
  0.591745, -0.983053, -0.276064,
];
const B = [
  0.044048, 0.240002, -0.167064, -0.243384, -0.80876, -0.941038, 1.296769, -1.151912, -0.081225,
  1.190986, 1.361345, 0.387384, 0.627148, -1.181944, 0.367414, -0.214454, 0.992997, 0.468259,
  0.098597, 1.326338, 0.073158, 0.274469, 0.889539, 1.151964, 1.232907, 0.554713, -1.266956,
  0.554948, -0.22723, -1.010333,
];

describe('sum', () => {
  test('compensated: exact where plain addition is not', () => {
    // python3: float(Fraction(0.1) + Fraction(0.2) + Fraction(0.3)) → 0.6
    expect(sum([0.1, 0.2, 0.3])).toBe(0.6);
    expect(sum([1, 1e100, 1, -1e100])).toBe(2);
    expect(sum(new Float64Array([1e16, 1, -1e16]))).toBe(1);
  });
  test('empty sum is 0', () => {
    expect(sum([])).toBe(0);
  });
});

describe('moments against R', () => {
  test('mean, variance, standard deviation (n − 1)', () => {
    // R: x <- c(2,4,4,4,5,5,7,9); mean(x); var(x); sd(x) → 5, 4.5714285714285712, 2.1380899352993952
    const x = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(x)).toBe(5);
    expect(variance(x)).toBe(4.5714285714285712);
    expect(standardDeviation(x)).toBe(2.1380899352993952);
    // R: var(1:4) → 1.6666666666666667 (the doc example)
    expect(variance([1, 2, 3, 4])).toBe(1.6666666666666667);
  });

  test('seeded data: exact to the last bit (correlation to 2 ulps)', () => {
    // R: mean(a), var(a), sd(a), cov(a, b), cor(a, b) →
    //   0.39566689999999999, 1.2689992384751276, 1.1264986633259391, 0.27328014920001725, 0.3001462192797934
    // python3 fractions (exact, rounded once) → 0.3956669, 1.2689992384751276, 1.126498663325939,
    //   0.27328014920001725, 0.3001462192797934
    expect(mean(A)).toBe(0.3956669);
    expect(variance(A)).toBe(1.2689992384751276);
    expect(standardDeviation(A)).toBe(1.126498663325939);
    expect(covariance(A, B)).toBe(0.27328014920001725);
    // the correlation's square root and division leave up to 2 ulps
    expect(Math.abs(correlation(A, B) - 0.3001462192797934)).toBeLessThanOrEqual(
      2 * Number.EPSILON * 0.3001462192797934,
    );
  });

  test('large offset, small spread: no cancellation', () => {
    // R: var(1e9 + c(4, 7, 13, 16)) → 30
    expect(variance([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])).toBe(30);
    expect(mean([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])).toBe(1e9 + 10);
  });

  test('identities: cov(x, x) = var(x), cor(x, x) = 1, cor(x, −x) = −1', () => {
    expect(covariance(A, A)).toBe(variance(A));
    expect(correlation(A, A)).toBe(1);
    expect(
      correlation(
        A,
        A.map((v) => -v),
      ),
    ).toBe(-1);
  });

  test('works on typed arrays', () => {
    expect(variance(Float64Array.from(A))).toBe(variance(A));
  });
});

describe('errors', () => {
  test('too few values', () => {
    expect(() => mean([])).toThrow(MathError);
    expect(() => variance([1])).toThrow('the sample variance needs at least 2 observations, got 1');
    expect(() => covariance([1], [2])).toThrow(MathError);
    expect(() => correlation([1], [2])).toThrow(MathError);
  });
  test('correlation of a constant series is an error, never NaN', () => {
    expect(() => correlation([1, 2, 3], [5, 5, 5])).toThrow(
      'correlation is undefined: the second series is constant',
    );
    expect(() => correlation([5, 5, 5], [1, 2, 3])).toThrow(
      'correlation is undefined: the first series is constant',
    );
    expect(() => correlation([1, NaN, 3], [1, 2, 3])).toThrow(MathError);
  });
  test('length mismatch is a programming error', () => {
    expect(() => covariance([1, 2, 3], [1, 2])).toThrow(RangeError);
    expect(() => correlation([1, 2, 3], [1, 2])).toThrow(RangeError);
  });
});

// The distribution wrappers (src/core/distributions.ts) are tested here too.
describe('tail p-values against R, relative accuracy deep in the tails', () => {
  // Rscript scripts/reference/distributions_reference.R:
  // 2*pt(-|t|, df); pf(f, d1, d2, lower.tail = FALSE); 2*pnorm(-|z|); pchisq(x, df, lower.tail = FALSE)
  const cases: [string, number[], number][] = [
    ['t', [0.5, 3], 0.65144796484815104],
    ['t', [2.228138851986273, 10], 0.050000000000000086],
    ['t', [8.5, 10], 6.8972490459188111e-6],
    ['t', [25, 30], 1.2091822381286975e-21],
    ['t', [50, 98], 1.4660816425902682e-71],
    ['t', [3, 2.5], 0.072576095549031841],
    ['f', [0.001, 2, 5], 0.99900069958023086],
    ['f', [1.5, 3, 3], 0.37353003905233118],
    ['f', [4.964602743730711, 1, 10], 0.050000000000000037],
    ['f', [200, 3, 50], 7.8087839473974559e-28],
    ['f', [10000, 1, 30], 1.9846117967270174e-39],
    ['f', [5000000, 1, 34], 1.9302360720304509e-89],
    ['f', [40, 10, 200], 1.7977587681242623e-42],
    ['normal', [0.1], 0.92034432544594202],
    ['normal', [1.959963984540054], 0.050000000000000024],
    ['normal', [5], 5.7330314375838782e-7],
    ['normal', [10], 1.5239706048321054e-23],
    ['normal', [30], 9.8134278542963744e-198],
    ['chisq', [0.5, 7], 0.99944648139042513],
    ['chisq', [3.841458820694124, 1], 0.049999999999999975],
    ['chisq', [50, 3], 7.9891792449514704e-11],
    ['chisq', [300, 10], 1.5546747543803181e-58],
    ['chisq', [1000, 500], 1.2085183611329766e-35],
    ['chisq', [30, 2.5], 6.7474918520058692e-7],
  ];
  // qt(p, df); strucchange:::pvalue.Fstats(w, "supF", k, ((1 - 0.15)/0.15)^2) (strucchange 1.5.3)
  const inverses: [string, number[], number][] = [
    ['qt', [0.975, 1], 12.706204736174694],
    ['qt', [0.975, 3], 3.1824463052837078],
    ['qt', [0.975, 10], 2.2281388519862739],
    ['qt', [0.975, 28], 2.0484071417952445],
    ['qt', [0.975, 998], 1.9623438462163341],
    ['qt', [0.6, 5], 0.26718086570414518],
    ['qt', [0.999999, 4], 41.577854150151516],
  ];
  const supWald: [string, number[], number][] = [
    ['supWald', [3, 1], 0.55396856954661633],
    ['supWald', [8.85, 1], 0.044771144741954094],
    ['supWald', [12.35, 1], 0.0087805551202785326],
    ['supWald', [25, 1], 1.9650438509599688e-5],

    ['supWald', [11.79, 2], 0.045407779693233175],
    ['supWald', [16, 3], 0.020930247080864883],
    ['supWald', [30, 10], 0.019245848677083677],
    // strucchange's formula with pchisq(lower.tail = FALSE): it takes 1 − pchisq, exact only to 1e-16
    ['supWald', [60, 1], 5.6322240225453162e-13],
  ];
  const fn: Record<string, (...a: number[]) => number> = {
    t: (t, df) => tTwoSidedPValue(t!, df!),
    f: (f, a, b) => fUpperPValue(f!, a!, b!),
    normal: (z) => normalTwoSidedPValue(z!),
    chisq: (x, df) => chiSquareUpperPValue(x!, df!),
  };
  // 2e-13: stdlib's erfc is off by 1.2e-13 at z = 30 (p = 1e-197); everything else is within 2.2e-14
  test.each(cases)('%s %p → %p (2e-13 relative)', (kind, args, p) => {
    const got = fn[kind]!(...args);
    expect(Math.abs(got - p) / p).toBeLessThanOrEqual(2e-13);
  });

  test.each(inverses)('%s %p → %p (1e-13 relative)', (_kind, [p, df], q) => {
    expect(Math.abs(tQuantile(p!, df!) - q) / q).toBeLessThanOrEqual(1e-13);
  });

  // the same coefficients and formula as strucchange, whose 1 − pchisq carries an absolute 1e-16
  test.each(supWald)('%s %p → %p (1e-12 relative + 1e-15)', (_kind, [w, k], p) => {
    expect(Math.abs(supWaldPValue(w!, k!) - p)).toBeLessThanOrEqual(1e-12 * p + 1e-15);
  });

  test('symmetry and limits', () => {
    expect(tQuantile(0.025, 9)).toBe(-tQuantile(0.975, 9));
    expect(tQuantile(0.5, 9)).toBe(0);
    expect(supWaldPValue(0, 1)).toBe(1);
    expect(supWaldPValue(Infinity, 1)).toBe(0);
    expect(tTwoSidedPValue(-3, 7)).toBe(tTwoSidedPValue(3, 7));
    expect(tTwoSidedPValue(0, 7)).toBe(1);
    expect(tTwoSidedPValue(Infinity, 7)).toBe(0);
    expect(tTwoSidedPValue(-Infinity, 7)).toBe(0);
    expect(fUpperPValue(0, 2, 7)).toBe(1);
    expect(fUpperPValue(Infinity, 2, 7)).toBe(0);
    expect(normalTwoSidedPValue(0)).toBe(1);
    expect(normalTwoSidedPValue(-Infinity)).toBe(0);
    expect(chiSquareUpperPValue(0, 3)).toBe(1);
    expect(chiSquareUpperPValue(Infinity, 3)).toBe(0);
  });

  test('invalid arguments are programming errors', () => {
    expect(() => tQuantile(0, 3)).toThrow(RangeError);
    expect(() => tQuantile(0.5, -1)).toThrow(RangeError);
    expect(() => supWaldPValue(NaN, 1)).toThrow(RangeError);
    expect(() => supWaldPValue(5, 11)).toThrow(RangeError);
    expect(() => tTwoSidedPValue(NaN, 3)).toThrow(RangeError);
    expect(() => tTwoSidedPValue(1, 0)).toThrow(RangeError);
    expect(() => fUpperPValue(1, 1, -1)).toThrow(RangeError);
    expect(() => chiSquareUpperPValue(1, NaN)).toThrow(RangeError);
  });
});
