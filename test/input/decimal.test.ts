/**
 * Decimal codes (src/input/decimal.ts) decode to exactly the double that Number() parses from the
 * text, which is what the simple path stores (the reference is JavaScript's own correctly rounded
 * string-to-double conversion).
 */
import fc from 'fast-check';
import {
  MAX_MANTISSA,
  MISSING_CODE,
  columnDoubles,
  decimalCode,
  decimalColumn,
  decodeInto,
  decodePrice,
  encodePrice,
  priceAt,
  sliceColumn,
} from '../../src/input/decimal';
import { baseFor } from '../../src/input/prices-stream';

/** `m` over 10^d as a decimal string, as a CSV file would give it. */
function text(m: number, d: number): string {
  const s = String(m).padStart(d + 1, '0');
  return d === 0 ? s : `${s.slice(0, s.length - d)}.${s.slice(s.length - d)}`;
}

describe('decimal codes', () => {
  test('decode to the double Number() gives, for every base that holds the value', () => {
    const cell = fc.tuple(
      fc.integer({ min: 0, max: 999_999_999 }),
      fc.integer({ min: 0, max: 15 }),
      fc.integer({ min: 0, max: 3 }),
    );
    fc.assert(
      fc.property(cell, ([m, d, below]) => {
        const v = Number(text(m, d));
        const base = Math.max(0, d - below); // d ≤ base + 3
        const code = decimalCode(m, d, base);
        if (m * 10 ** Math.max(0, base - d) <= MAX_MANTISSA) {
          expect(code).not.toBeNull();
          expect(Object.is(decodePrice(code!, base), v)).toBe(true);
          const again = encodePrice(v, base);
          expect(again).not.toBeNull();
          expect(Object.is(decodePrice(again!, base), v)).toBe(true);
        }
      }),
      { seed: 5, numRuns: 5000 },
    );
  });

  test('what has no code: negatives, −0, ten digits past 2^30, decimals past base + 3', () => {
    expect(encodePrice(-1.5, 0)).toBeNull();
    expect(encodePrice(-0, 0)).toBeNull();
    expect(encodePrice(Infinity, 0)).toBeNull();
    expect(encodePrice(0.1 + 0.2, 0)).toBeNull(); // 0.30000000000000004: 17 digits
    expect(decimalCode(1_073_741_823, 6, 6)).toBeNull(); // 1073.741823: mantissa 2^30 − 1
    expect(decimalCode(1_073_741_822, 6, 6)).not.toBeNull();
    expect(decimalCode(12_345, 7, 3)).toBeNull(); // 0.0012345 with base 3: 7 > 3 + 3
    expect(decimalCode(25, 1, 3)).toBe(2500 * 4); // 2.5 with base 3: 2500 / 10^3
    expect(encodePrice(NaN, 4)).toBe(MISSING_CODE);
    expect(decodePrice(MISSING_CODE, 4)).toBeNaN();
    expect(Object.is(decodePrice(encodePrice(0, 2)!, 2), 0)).toBe(true);
  });

  test('a column reads the same through every accessor, sliced or not', () => {
    const values = [41932.077, NaN, 2.5, 0.001, 123456.789, 0];
    const base = 3;
    const col = decimalColumn(
      Int32Array.from(values, (v) => encodePrice(v, base)!),
      base,
    );
    expect(Array.from(columnDoubles(col))).toEqual(values);
    expect(values.map((_, i) => priceAt(col, i))).toEqual(values);
    expect(Array.from(decodeInto(col, 1, 4, new Float64Array(3)))).toEqual(values.slice(1, 4));
    expect(Array.from(columnDoubles(sliceColumn(col, 2, 5)))).toEqual(values.slice(2, 5));
    const f = Float64Array.from(values);
    expect(columnDoubles(f)).toBe(f);
    expect(priceAt(f, 4)).toBe(123456.789);
  });
});

describe('baseFor', () => {
  test('the base codes every value seen, or is −1', () => {
    expect(baseFor(9, 0.2, 0, true)).toBe(7); // DOT-like 0.134282151: room for one more decimal
    expect(baseFor(9, 0.2, 0, false)).toBe(6);
    expect(baseFor(3, 134_283.443, 0, true)).toBe(1); // BTC-like, 9 digits: 10× higher must fit
    expect(baseFor(6, 1083.693017, 1, false)).toBe(-1); // a 10-digit mantissa was seen
    expect(baseFor(-1, 0, 0, true)).toBe(0); // no value seen
    expect(baseFor(12, 5000, 0, false)).toBe(-1); // 5000 with 9 decimals: 5e12 > 2^30
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 15 }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.boolean(),
        (d, v, headroom) => {
          const b = baseFor(d, v, 0, headroom);
          if (b >= 0) {
            expect(d - b).toBeLessThanOrEqual(3);
            expect(v * 10 ** b).toBeLessThanOrEqual(MAX_MANTISSA);
          }
        },
      ),
      { seed: 9, numRuns: 2000 },
    );
  });
});
