import { blumeAdjustedBeta, contractsFor, roundToLot } from '../../src/report/position/sizing';
import type { Instrument } from '../../src/input/types';

const linear: Instrument = {
  symbol: 'BTC',
  multiplier: 0.001,
  lot: 1,
  kind: 'linear',
  face: null,
  line: 2,
};
const inverse: Instrument = {
  symbol: 'BTC',
  multiplier: 1,
  lot: 1,
  kind: 'inverse',
  face: 100,
  line: 3,
};

describe('contracts and the notional rounding leaves unhedged', () => {
  test('linear: quantity ÷ multiplier, rounded to the lot', () => {
    // −1.2345 BTC at 50,000 = −61,725; 1,234.5 contracts of 0.001 BTC round (half away from zero) to −1,235,
    // which is −61,750 of BTC: 25 more than the target, so −61,725 − (−61,750) = 25 is left "unhedged".
    const c = contractsFor(linear, -1.2345, -61725, 50000);
    expect(c.contracts).toBe(-1235);
    expect(c.unhedgedNotional).toBeCloseTo(25, 9);
  });
  test('inverse: notional ÷ face', () => {
    // −61,725 of notional in contracts of 100 face: −617.25 → −617, achieved −61,700, unhedged −25.
    const c = contractsFor(inverse, -1.2345, -61725, 50000);
    expect(c.contracts).toBe(-617);
    expect(c.unhedgedNotional).toBeCloseTo(-25, 9);
  });
  test('lots above one and fractional lots', () => {
    expect(roundToLot(1234.5, 10)).toBe(1230);
    expect(roundToLot(0.3, 0.1)).toBe(0.3);
    expect(roundToLot(0.35, 0.1)).toBe(0.4);
    expect(roundToLot(-0.04, 0.1)).toBe(0);
    expect(Object.is(roundToLot(-0.04, 0.1), -0)).toBe(false);
  });
  test('no instrument, or nothing to size: null, never NaN', () => {
    expect(contractsFor(undefined, 1, 1, 1)).toEqual({ contracts: null, unhedgedNotional: null });
    expect(contractsFor(linear, null, null, 50000)).toEqual({
      contracts: null,
      unhedgedNotional: null,
    });
  });
});

test('Blume adjustment shrinks toward 1', () => {
  expect(blumeAdjustedBeta(1)).toBeCloseTo(1, 15);
  expect(blumeAdjustedBeta(2)).toBeCloseTo(1.67, 15);
  expect(blumeAdjustedBeta(0)).toBeCloseTo(0.33, 15);
});
