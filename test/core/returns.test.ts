/**
 * returnsOf against exact values (python3 mpmath at 50 digits / fractions, rounded once) and R.
 * R: pr <- c(100, 101.5, 99.25, 99.25, 120, 60.5, 61); diff(log(pr)); pr[-1]/pr[-7] - 1; diff(pr)
 * (scripts/reference/stats_reference.R); R's diff(log(pr)) is itself off by up to 5e-14 relative
 * (log of each price, then a difference), so the exact values are the reference.
 */
import { MathError } from '../../src/errors';
import { compoundReturn, returnsOf } from '../../src/core/returns';

const PRICES = [100, 101.5, 99.25, 99.25, 120, 60.5, 61];

describe('returnsOf', () => {
  test('log returns: correctly rounded', () => {
    // python3 -c "import mpmath as mp; mp.mp.dps=50; ...float(mp.log(mp.mpf(b)/mp.mpf(a)))"
    const exact = [
      0.014888612493750656, -0.022416878914542228, 0, 0.1898498232147462, -0.6848483777452502,
      0.00823049913651547,
    ];
    const r = returnsOf(PRICES, 'log');
    exact.forEach((e, i) => {
      expect(Math.abs(r[i]! - e)).toBeLessThanOrEqual(Math.abs(e) * 2.3e-16);
    });
    // R: diff(log(pr)) agrees to 1e-13
    const fromR = [
      0.014888612493749953, -0.022416878914541805, 0, 0.18984982321474586, -0.68484837774524987,
      0.0082304991365154123,
    ];
    fromR.forEach((e, i) => expect(Math.abs(r[i]! - e)).toBeLessThanOrEqual(1e-13 * Math.abs(e)));
  });

  test('log return of a tiny move keeps full relative accuracy', () => {
    // mpmath: log(100.000001/100) → 9.999999924752427e-09 (Math.log of the ratio: 9.999999889225291e-09)
    const r = returnsOf([100, 100.000001], 'log');
    expect(Math.abs(r[0]! - 9.999999924752427e-9)).toBeLessThanOrEqual(2e-24);
  });

  test('simple returns: (p_t − p_{t−1}) / p_{t−1}, correctly rounded', () => {
    // python3 fractions: float((Fraction(b) - Fraction(a)) / Fraction(a))
    expect(Array.from(returnsOf(PRICES, 'simple'))).toEqual([
      0.015, -0.022167487684729065, 0, 0.20906801007556675, -0.49583333333333335,
      0.008264462809917356,
    ]);
  });

  test('diff and level', () => {
    // R: diff(pr) → 1.5, -2.25, 0, 20.75, -59.5, 0.5
    expect(Array.from(returnsOf(PRICES, 'diff'))).toEqual([1.5, -2.25, 0, 20.75, -59.5, 0.5]);
    expect(Array.from(returnsOf([-3, 0, 2.5], 'diff'))).toEqual([3, 2.5]);
    const level = returnsOf(PRICES, 'level');
    expect(Array.from(level)).toEqual(PRICES);
    expect(level).toBeInstanceOf(Float64Array);
  });

  test('lengths: n − 1 for changes, n for level, empty below 2 prices', () => {
    expect(returnsOf([5], 'log')).toHaveLength(0);
    expect(returnsOf([], 'diff')).toHaveLength(0);
    expect(returnsOf([5], 'level')).toHaveLength(1);
  });

  test('does not modify its input', () => {
    const p = Object.freeze([...PRICES]);
    returnsOf(p, 'log');
    const typed = Float64Array.from(PRICES);
    returnsOf(typed, 'level')[0] = 42;
    expect(typed[0]).toBe(100);
  });

  test('errors name the index', () => {
    expect(() => returnsOf([1, 0, 2], 'log')).toThrow(
      'log returns need prices greater than 0, got 0 at index 1',
    );
    expect(() => returnsOf([1, -2], 'simple')).toThrow(MathError);
    expect(() => returnsOf([1, NaN], 'diff')).toThrow('price at index 1 is not a finite number');
    // zero and negative values are fine for diff and level
    expect(() => returnsOf([0, -1], 'diff')).not.toThrow();
    expect(() => returnsOf([0, -1], 'level')).not.toThrow();
  });
});

describe('compoundReturn', () => {
  /** The cumulative return after each return of PRICES, by compoundReturn. */
  const cumulative = (kind: 'log' | 'simple' | 'diff') => {
    let total = 0;
    return Array.from(returnsOf(PRICES, kind), (r) => (total = compoundReturn(total, r, kind)));
  };

  test('simple and log returns compound to the price ratio p_t / p_0 − 1', () => {
    const expected = PRICES.slice(1).map((p) => p / PRICES[0]! - 1);
    cumulative('simple').forEach((c, i) => expect(c).toBeCloseTo(expected[i]!, 14));
    cumulative('log').forEach((c, i) => expect(c).toBeCloseTo(expected[i]!, 14));
  });

  test('diff returns add up to the price change p_t − p_0; levels do not add up', () => {
    expect(cumulative('diff')).toEqual(PRICES.slice(1).map((p) => p - PRICES[0]!));
    expect(compoundReturn(0, 5, 'level')).toBeNaN();
  });

  test('a tiny simple return keeps its digits (total·(1 + r) + r)', () => {
    expect(compoundReturn(compoundReturn(0, 1e-17, 'simple'), 1e-17, 'simple')).toBe(2e-17);
    expect(compoundReturn(compoundReturn(0, 1e-17, 'log'), 1e-17, 'log')).toBe(2e-17);
  });
});
