/**
 * Pool math (src/core/amm.ts) against reference values computed independently in 50-digit
 * decimal arithmetic by `/usr/bin/python3 scripts/reference/amm_reference.py` (textbook forms of
 * the formulas; delta and gamma as central differences; rebalance prices by bisection). Each
 * value below is named as that script prints it. Then properties (fast-check, fixed seed).
 */
import fc from 'fast-check';
import {
  v2Amounts,
  v2AmountsAt,
  v2Gamma,
  v2RebalancePrices,
  v3Amounts,
  v3Gamma,
  v3InRange,
  v3RebalancePrices,
  v3ValuePerLiquidity,
} from '../../src/core/amm';
import { MathError } from '../../src/errors';

const RUNS = { seed: 20261201, numRuns: 300 };

/** |actual − expected| ≤ tol·max(1, |expected|). */
function near(actual: number | null, expected: number, tol = 1e-13): void {
  expect(actual).not.toBeNull();
  const err = Math.abs(actual! - expected);
  if (!(err <= tol * Math.max(1, Math.abs(expected)))) {
    throw new Error(`expected ${expected}, got ${actual} (error ${err})`);
  }
}

describe('Uniswap v3 amounts (whitepaper eq. 6.29–6.30)', () => {
  test("the issue's case: [1333.33, 3000] at 2000 holding 2 and 4000, then at 2500", () => {
    const L = 487.41446936824445; // issueL: min(Lx, Ly), Uniswap's getLiquidityForAmounts
    const now = v3Amounts(L, 2000, 1333.33, 3000);
    near(now.base, 1.999988876330559); // issueBaseAt2000
    near(now.quote, 4000); // issueQuoteAt2000
    const later = v3Amounts(L, 2500, 1333.33, 3000);
    near(later.base, 0.8493593964516124); // issueBaseAt2500
    near(later.quote, 6572.8857339245515); // issueQuoteAt2500
    expect(later.base).toBeCloseTo(0.84936, 5); // as the issue rounds them
    expect(later.quote).toBeCloseTo(6572.886, 3);
  });

  test('Elsts (2021) example 2: L and pa from x = 2, y = 4000 at 2000 below 3000', () => {
    const L = 487.41718030204123; // elstsL
    const lower = 1333.3333333333333; // elstsLower
    const now = v3Amounts(L, 2000, lower, 3000);
    near(now.base, 2);
    near(now.quote, 4000, 1e-12);
    near(L * v3ValuePerLiquidity(2000, lower, 3000), 8000, 1e-12);
    const later = v3Amounts(L, 2500, lower, 3000);
    near(later.base, 0.849364120474468); // elstsBaseAt2500
    near(later.quote, 6572.900043969348, 1e-12); // elstsQuoteAt2500
  });

  test('Elsts (2021) example 3: [1500, 2500] at 2000 with x = 2 holds y = 5076.10', () => {
    const L = 847.2135954999579; // rangeL
    const a = v3Amounts(L, 2000, 1500, 2500);
    near(a.base, 2); // = rangeDeltaByDerivative, dV/dP
    near(a.quote, 5076.102359479877); // rangeQuote
    near(v3Gamma(L, 2000, 1500, 2500), -0.0047360679774997895); // rangeGammaByDerivative
    expect(v3InRange(2000, 1500, 2500)).toBe(true);
  });

  test('below the range all base, above it all quote, gamma 0 outside', () => {
    const L = 847.2135954999579;
    const cap = v3Amounts(L, 1500, 1500, 2500);
    expect(v3Amounts(L, 1000, 1500, 2500)).toEqual({ base: cap.base, quote: 0 });
    expect(v3Amounts(L, 1500, 1500, 2500).quote).toBe(0);
    const top = v3Amounts(L, 9000, 1500, 2500);
    expect(top.base).toBe(0);
    near(top.quote, L * (Math.sqrt(2500) - Math.sqrt(1500)));
    expect(v3Gamma(L, 1000, 1500, 2500)).toBe(0);
    expect(v3Gamma(L, 3000, 1500, 2500)).toBe(0);
    expect(v3InRange(1500, 1500, 2500)).toBe(false);
    expect(v3InRange(2500, 1500, 2500)).toBe(false);
  });

  test('a $100,000 position on [0.8, 1.25] at 1 starts 50/50', () => {
    const L = 100000 / v3ValuePerLiquidity(1, 0.8, 1.25);
    near(L, 473606.79774997896); // altL
    const a = v3Amounts(L, 1, 0.8, 1.25);
    near(a.base, 50000); // altBase
    near(a.quote, 50000); // altQuote
    near(v3Gamma(L, 1, 0.8, 1.25), -236803.39887498948); // altGamma
  });
});

describe('rebalance prices: where the delta has moved by the band', () => {
  test('v3 in range, below it, above it, and next to the lower bound', () => {
    const r = v3RebalancePrices(2000, 1500, 2500, 0.1);
    near(r.below, 1958.4303227565558); // rangeRebalanceBelow10
    near(r.above, 2042.9073998918388); // rangeRebalanceAbove10
    const alt = v3RebalancePrices(1, 0.8, 1.25, 0.1);
    near(alt.below, 0.9792151613782779); // altRebalanceBelow
    near(alt.above, 1.0214536999459194); // altRebalanceAbove
    const under = v3RebalancePrices(1400, 1500, 2500, 0.1);
    expect(under.below).toBeNull();
    near(under.above, 1569.978000706665); // rangeBelowRebalanceAbove10
    expect(v3RebalancePrices(2600, 1500, 2500, 0.1)).toEqual({ below: 2500, above: null });
    near(v3RebalancePrices(1600, 1500, 2500, 0.1).below, 1537.8700499807767, 1e-12); // …At1600
    // 1.1 × x(1520) is more than x ever gets (its value at 1500): no price below rebalances
    expect(v3RebalancePrices(1520, 1500, 2500, 0.1).below).toBeNull();
  });

  test('v2 with a 5 % band: +10.80 % and −9.30 %', () => {
    const r = v2RebalancePrices(2000, 0.05);
    near(r.below! / 2000 - 1, -0.09297052154195011); // v2RebalanceBelowMove0.05
    near(r.above! / 2000 - 1, 0.10803324099722991); // v2RebalanceAboveMove0.05
    expect((r.above! / 2000 - 1) * 100).toBeCloseTo(10.8, 2);
    expect((r.below! / 2000 - 1) * 100).toBeCloseTo(-9.3, 2);
    const ten = v2RebalancePrices(2000, 0.1);
    near(ten.below! / 2000 - 1, -0.17355371900826447); // v2RebalanceBelowMove0.1
    near(ten.above! / 2000 - 1, 0.2345679012345679); // v2RebalanceAboveMove0.1
  });
});

describe('Uniswap v2', () => {
  test('$100,000 at 2000: delta 25, gamma −0.00625 per $', () => {
    const a = v2Amounts(100000, 2000);
    expect(a).toEqual({ base: 25, quote: 50000 }); // v2Base; v2DeltaByDerivative = 25
    expect(v2Gamma(a.base, 2000)).toBe(-0.00625); // v2GammaByDerivative
  });

  test('keeps the constant product', () => {
    const a = v2Amounts(100000, 2000);
    const b = v2AmountsAt(a, 2000, 2500);
    near(b.base * b.quote, a.base * a.quote);
    near(b.quote / b.base, 2500);
  });
});

test('preconditions', () => {
  expect(() => v3Amounts(1, 0, 1, 2)).toThrow(MathError);
  expect(() => v2Amounts(1, -1)).toThrow(MathError);
  expect(() => v2AmountsAt({ base: 1, quote: 1 }, 1, NaN)).toThrow(MathError);
  expect(() => v2RebalancePrices(1, 1)).toThrow(RangeError);
  expect(() => v3RebalancePrices(1, 0.5, 2, 0)).toThrow(RangeError);
});

describe('properties', () => {
  /** A v3 position: L, a range [pa, pb] and a price from well below to well above it. */
  const position = fc
    .record({
      liquidity: fc.double({ min: 1e-3, max: 1e9, noNaN: true }),
      lower: fc.double({ min: 1e-4, max: 1e5, noNaN: true }),
      width: fc.double({ min: 1.001, max: 100, noNaN: true }),
      at: fc.double({ min: -0.5, max: 1.5, noNaN: true }),
    })
    .map(({ liquidity, lower, width, at }) => ({
      liquidity,
      lower,
      upper: lower * width,
      // from half the range's width (in log terms) below it to half above it
      price: lower * width ** at,
    }));

  test('value = x·P + y, and L · value per unit of liquidity is that value', () => {
    fc.assert(
      fc.property(position, ({ liquidity, lower, upper, price }) => {
        const a = v3Amounts(liquidity, price, lower, upper);
        near(liquidity * v3ValuePerLiquidity(price, lower, upper), a.base * price + a.quote, 1e-12);
        const v = v2Amounts(liquidity, price);
        near(v.base * price + v.quote, liquidity, 1e-14);
      }),
      RUNS,
    );
  });

  test('delta is dV/dP and gamma the central difference of delta', () => {
    fc.assert(
      fc.property(position, ({ liquidity, lower, upper, price }) => {
        const h = price * 1e-6;
        // keep both points on the same side of a bound: the derivatives jump there
        fc.pre(Math.abs(price - lower) > 2 * h && Math.abs(price - upper) > 2 * h);
        const value = (p: number) => liquidity * v3ValuePerLiquidity(p, lower, upper);
        const x = (p: number) => v3Amounts(liquidity, p, lower, upper).base;
        const scale = v3Amounts(liquidity, lower, lower, upper).base;
        const dV = (value(price + h) - value(price - h)) / (2 * h);
        expect(Math.abs(dV - x(price))).toBeLessThanOrEqual(1e-6 * scale);
        const dx = (x(price + h) - x(price - h)) / (2 * h);
        const gamma = v3Gamma(liquidity, price, lower, upper);
        expect(Math.abs(dx - gamma)).toBeLessThanOrEqual(1e-6 * (scale / price));
        const v2 = v2Amounts(liquidity, price);
        const x2 = (p: number) => v2AmountsAt(v2, price, p).base;
        const dx2 = (x2(price + h) - x2(price - h)) / (2 * h);
        near(dx2, v2Gamma(v2.base, price), 1e-6);
      }),
      RUNS,
    );
  });

  test('amounts are continuous at the bounds and monotone in the price', () => {
    fc.assert(
      fc.property(
        position,
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        ({ liquidity, lower, upper, price }, k) => {
          const at = (p: number) => v3Amounts(liquidity, p, lower, upper);
          const cap = at(lower).base;
          for (const bound of [lower, upper]) {
            const below = at(bound * (1 - 1e-12));
            const above = at(bound * (1 + 1e-12));
            expect(Math.abs(below.base - above.base)).toBeLessThanOrEqual(1e-6 * cap);
            expect(Math.abs(below.quote - above.quote)).toBeLessThanOrEqual(1e-6 * cap * upper);
          }
          const [p1, p2] = price < price * k ? [price, price * k] : [price * k, price];
          const a1 = at(p1);
          const a2 = at(p2);
          expect(a2.base).toBeLessThanOrEqual(a1.base);
          expect(a2.quote).toBeGreaterThanOrEqual(a1.quote);
          expect(a2.base * p2 + a2.quote).toBeGreaterThanOrEqual(
            (a1.base * p1 + a1.quote) * (1 - 1e-12),
          );
        },
      ),
      RUNS,
    );
  });

  test('at the rebalance prices the delta has moved by the band', () => {
    fc.assert(
      fc.property(
        position,
        fc.double({ min: 0.01, max: 0.9, noNaN: true }),
        ({ liquidity, lower, upper, price }, band) => {
          const x = (p: number) => v3Amounts(liquidity, p, lower, upper).base;
          const r = v3RebalancePrices(price, lower, upper, band);
          if (r.above !== null) near(x(r.above), (1 - band) * x(price), 1e-9);
          if (r.below !== null && price < upper) near(x(r.below), (1 + band) * x(price), 1e-9);
          const v2 = v2RebalancePrices(price, band);
          const a = v2Amounts(liquidity, price);
          near(v2AmountsAt(a, price, v2.above!).base, (1 - band) * a.base, 1e-12);
          near(v2AmountsAt(a, price, v2.below!).base, (1 + band) * a.base, 1e-12);
        },
      ),
      RUNS,
    );
  });
});
