/**
 * Dimson betas (`--lags`) and the robust test of the lagged slopes against statsmodels:
 * `/usr/bin/python3 scripts/reference/dimson_reference.py` (numpy 1.24.2, statsmodels 0.13.5),
 * which also writes the data, scripts/reference/dimson-series.csv. Two hedges, two lags, the
 * columns lag-major as laggedSeries orders them.
 */
import { dimsonBetas, laggedSlopesTest } from '../../src/core/regression/dimson';
import { olsFit } from '../../src/core/regression/ols';
import { referenceColumns } from '../support/reference-series';

const column = referenceColumns('dimson-series.csv');
const [X1, X2, Y, Y0] = ['x1', 'x2', 'y', 'y0'].map(column) as [
  Float64Array,
  Float64Array,
  Float64Array,
  Float64Array,
];
const L = 2;
const n = X1.length;
/** x_{t−l} for t = L … n − 1, lag-major over the hedges. */
const columns = Array.from({ length: L + 1 }, (_, l) =>
  [X1, X2].map((x) => x.subarray(L - l, n - l)),
).flat();

function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

describe('Dimson betas: the sums of the current and lagged slopes (statsmodels)', () => {
  // scripts/reference/dimson_reference.py, "# y"
  const fit = olsFit(Y.subarray(L), columns, true);
  const betas = dimsonBetas(fit, 2, L);

  test('the slopes and their sums to 1e-10', () => {
    const lagBetas = [
      [0.6583636429456071, 0.29264976302666046, 0.10317775943506602],
      [0.36028810542596207, 0.1698506503710337, -0.072932182085163],
    ];
    betas.forEach((b, j) =>
      b.lagBetas.forEach((v, l) => expect(rel(v, lagBetas[j]![l]!)).toBeLessThan(1e-10)),
    );
    expect(rel(betas[0]!.beta, 1.0541911654073335)).toBeLessThan(1e-10);
    expect(rel(betas[1]!.beta, 0.45720657371183276)).toBeLessThan(1e-10);
  });

  test("the sum's standard error from the coefficient covariance to 1e-10", () => {
    expect(rel(betas[0]!.stdError, 0.053512360120123385)).toBeLessThan(1e-10);
    expect(rel(betas[1]!.stdError, 0.07004344184918572)).toBeLessThan(1e-10);
    expect(betas[0]!.tStat).toBeCloseTo(1.0541911654073335 / 0.053512360120123385, 8);
  });

  test('the lagged slopes are jointly significant: HC3 Wald F to 1e-9', () => {
    const t = laggedSlopesTest(fit, 2, L)!;
    expect(rel(t.f, 65.05515879160741)).toBeLessThan(1e-9);
    expect([t.df1, t.df2]).toEqual([4, 291]);
    expect(rel(t.pValue, 2.99730426983065e-39)).toBeLessThan(1e-6);
  });

  test('no lagged effect: F 1.37, p 0.244 (no note)', () => {
    // scripts/reference/dimson_reference.py, "# y0"
    const fit0 = olsFit(Y0.subarray(L), columns, true);
    expect(rel(dimsonBetas(fit0, 2, L)[1]!.beta, 0.25720938183865394)).toBeLessThan(1e-10);
    const t = laggedSlopesTest(fit0, 2, L)!;
    expect(rel(t.f, 1.3708378130542032)).toBeLessThan(1e-9);
    expect(rel(t.pValue, 0.24407600545010372)).toBeLessThan(1e-9);
  });

  test('without lags: one slope per hedge, its own statistics, no test', () => {
    const fit1 = olsFit(Y.subarray(L), columns.slice(0, 2), true);
    const b = dimsonBetas(fit1, 2, 0);
    expect(b[0]!.beta).toBe(fit1.coefficients[1]);
    expect(b[0]!.stdError).toBeCloseTo(fit1.stdErrors[1]!, 15);
    expect(laggedSlopesTest(fit1, 2, 0)).toBeNull();
  });

  test('a fit whose slopes are not hedges × (lags + 1) is refused', () => {
    expect(() => dimsonBetas(fit, 2, 1)).toThrow(RangeError);
  });
});
