/**
 * Funding arithmetic (src/core/funding.ts): the annualisation the issue fixes by example, the
 * carry over a horizon and its sign per side, the interval (stated or inferred from exchange
 * timestamps), and the worst 30-day funding against pandas.
 */
import {
  annualizedFundingRate,
  expectedFundingCarry,
  fundingIntervalHours,
  fundingSummary,
  medianOf,
  worstWindowFunding,
} from '../../src/core/funding';

const H = 3_600_000;
const T0 = 1704067200000; // 2024-01-01T00:00:00Z

/** The series of scripts/reference/funding_reference.py: every `hours`, rows in `drop` missing. */
function series(hours: number, n: number, drop: (i: number) => boolean = () => false) {
  const times: number[] = [];
  const rates: number[] = [];
  for (let i = 0; i < n; i++) {
    if (drop(i)) continue;
    times.push(T0 + i * hours * H);
    rates.push(0.0001 * Math.sin(i / 5) + 0.00003 * Math.cos(i / 3) - 0.00002);
  }
  return { times, rates };
}

describe('annualised rate: mean rate × periods in a 365-day year', () => {
  // The examples, by hand: 8,760 h / 8 h = 1,095 periods, 0.0001 × 1,095 = 0.1095 (a
  // public write-up's 1.37 % is that divided by the 8 hours once more).
  test('0.0001 per 8 h → 10.95 % a year', () => {
    expect(annualizedFundingRate(0.0001, 8)).toBe(0.1095);
  });
  test('0.0001 per 4 h → 21.9 % a year', () => {
    expect(annualizedFundingRate(0.0001, 4)).toBe(0.219);
  });
  test('0.0000125 per 1 h → 10.95 % a year', () => {
    expect(annualizedFundingRate(0.0000125, 1)).toBe(0.1095);
  });
});

describe('expected carry = −hedgeNotional × annualizedRate × horizon / 365', () => {
  test('a $50,000 short at 10.95 % over 30 days receives 450', () => {
    // 50,000 × 0.1095 × 30 / 365 = 450 exactly
    expect(expectedFundingCarry(-50_000, 0.1095, 30)).toBe(450);
  });
  test('a long hedge pays', () => {
    expect(expectedFundingCarry(50_000, 0.1095, 30)).toBe(-450);
  });
  test('a short pays when funding is negative; the horizon scales it', () => {
    expect(expectedFundingCarry(-50_000, -0.1095, 365)).toBe(-5475);
  });
});

describe('funding interval', () => {
  test('inferred from millisecond timestamps a few ms late (as exchanges stamp them)', () => {
    // Binance fundingTime values: 00:00:00.000, 08:00:00.004, 16:00:00.001, 00:00:00.009 UTC
    const times = [T0, T0 + 8 * H + 4, T0 + 16 * H + 1, T0 + 24 * H + 9];
    expect(fundingIntervalHours(times, [NaN, NaN, NaN, NaN])).toBe(8);
  });

  test('the median spacing: a missing period does not change it; 1 h and 4 h', () => {
    const missing = [0, 4, 8, 16, 20, 24].map((h) => T0 + h * H);
    expect(fundingIntervalHours(missing, new Array(6).fill(NaN))).toBe(4);
    const hourly = [0, 1, 2, 3].map((h) => T0 + h * H);
    expect(fundingIntervalHours(hourly, [NaN, NaN, NaN, NaN])).toBe(1);
  });

  test('a stated interval wins; its median when rows differ', () => {
    const times = [0, 1, 2].map((h) => T0 + h * H);
    expect(fundingIntervalHours(times, [8, 8, 4])).toBe(8);
    expect(fundingIntervalHours(times, [NaN, 4, NaN])).toBe(4);
  });

  test('one row and no stated interval: unknown', () => {
    expect(fundingIntervalHours([T0], [NaN])).toBeNull();
    expect(fundingIntervalHours([T0], [8])).toBe(8);
  });

  test('median: odd, even, non-finite values left out', () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
    expect(medianOf([NaN, 5])).toBe(5);
    expect(medianOf([NaN])).toBeNull();
  });
});

describe('worst 30-day funding for the hedge side', () => {
  test('constant 0.01 % per 8 h: a short receives 0.9 % over 90 periods, a long pays it', () => {
    const times = Array.from({ length: 90 }, (_, i) => T0 + i * 8 * H);
    const rates = new Array(90).fill(0.0001);
    expect(worstWindowFunding(times, rates, 1, 8)).toBeCloseTo(0.009, 17);
    expect(worstWindowFunding(times, rates, -1, 8)).toBeCloseTo(-0.009, 17);
  });

  test('89 periods of 8 h do not cover 30 days: null', () => {
    const times = Array.from({ length: 89 }, (_, i) => T0 + i * 8 * H);
    expect(worstWindowFunding(times, new Array(89).fill(0.0001), 1, 8)).toBeNull();
  });

  // /usr/bin/python3 scripts/reference/funding_reference.py (pandas 1.5.3):
  //   8h side 1 worst30d -0.002320841965793304, side -1 0.0012801126658292812
  //   4h gap side 1 worst30d -0.003326847224777075, side -1 0.002086814144473944
  test('8-hourly series: pandas rolling("30D") sum', () => {
    const { times, rates } = series(8, 200);
    expect(worstWindowFunding(times, rates, 1, 8)).toBeCloseTo(-0.002320841965793304, 15);
    expect(worstWindowFunding(times, rates, -1, 8)).toBeCloseTo(0.0012801126658292812, 15);
  });

  test('4-hourly series with ten rows missing: windows by time, not by row count', () => {
    const { times, rates } = series(4, 200, (i) => i >= 50 && i < 60);
    expect(worstWindowFunding(times, rates, 1, 4)).toBeCloseTo(-0.003326847224777075, 15);
    expect(worstWindowFunding(times, rates, -1, 4)).toBeCloseTo(0.002086814144473944, 15);
  });
});

describe('fundingSummary', () => {
  test('the figures of a series against pandas; the interval inferred', () => {
    // pandas: 8h mean -1.6185034760973503e-05, negativeShare 0.53
    const { times, rates } = series(8, 200);
    const s = fundingSummary(times, rates, new Array(200).fill(NaN), 1);
    expect(s.intervalHours).toBe(8);
    expect(s.periods).toBe(200);
    expect(s.meanRate).toBeCloseTo(-1.6185034760973503e-5, 18);
    expect(s.annualizedRate).toBe(annualizedFundingRate(s.meanRate, 8));
    expect(s.negativeShare).toBe(0.53);
    expect(s.worst30d).toBeCloseTo(-0.002320841965793304, 15);
  });

  test('no side: worst30d null; no interval: annualised rate and worst30d null', () => {
    const { times, rates } = series(8, 200);
    expect(fundingSummary(times, rates, new Array(200).fill(NaN), null).worst30d).toBeNull();
    const one = fundingSummary([T0], [0.0001], [NaN], 1);
    expect(one).toEqual({
      intervalHours: null,
      periods: 1,
      meanRate: 0.0001,
      annualizedRate: null,
      negativeShare: 0,
      worst30d: null,
    });
  });

  test('the mean of a constant rate is that rate exactly (0.0001 × 1,095 = 0.1095)', () => {
    const times = Array.from({ length: 270 }, (_, i) => T0 + i * 8 * H);
    const s = fundingSummary(times, new Array(270).fill(0.0001), new Array(270).fill(NaN), 1);
    expect(s.meanRate).toBe(0.0001);
    expect(s.annualizedRate).toBe(0.1095);
  });
});
