/**
 * Decimal codes (src/input/prices/codes.ts) decode to exactly the double that Number() parses from
 * the text, which is what the simple reader stores (the reference is JavaScript's own correctly
 * rounded string-to-double conversion).
 */
import fc from 'fast-check';
import {
  MISSING_CODE,
  columnDoubles,
  decimalCode,
  decimalColumn,
  decodeInto,
  decodePrice,
  encodePrice,
  maxMantissa,
  priceAt,
  sliceColumn,
  codeStats,
  layoutFor,
  mergeStats,
  recode,
  statsOf,
  type CodeLayout,
} from '../../../src/input/prices/codes';

/** `m` over 10^d as a decimal string, as a CSV file would give it. */
function text(m: number, d: number): string {
  const s = String(m).padStart(d + 1, '0');
  return d === 0 ? s : `${s.slice(0, s.length - d)}.${s.slice(s.length - d)}`;
}

const stats = (maxDecimals: number, maxValue: number, maxM = 0, uncoded = 0) => ({
  maxDecimals,
  maxValue,
  maxMantissa: maxM,
  uncoded,
});

describe('decimal codes', () => {
  test('decode to the double Number() gives, in every layout that holds the value', () => {
    const cell = fc.tuple(
      fc.integer({ min: 0, max: 4_294_967_294 }),
      fc.integer({ min: 0, max: 15 }),
      fc.integer({ min: 0, max: 4 }),
      fc.constantFrom<0 | 2>(0, 2),
    );
    fc.assert(
      fc.property(cell, ([m, d, below, shift]) => {
        const v = Number(text(m, d));
        const layout: CodeLayout = { base: Math.max(0, d - below), shift };
        const written = m * 10 ** Math.max(0, layout.base - d);
        const fits = written <= maxMantissa(shift) && d - layout.base < 1 << shift;
        const code = decimalCode(m, d, layout);
        expect(code !== null).toBe(fits);
        if (code === null) return;
        expect(Object.is(decodePrice(code, layout), v)).toBe(true);
        const again = encodePrice(v, layout);
        expect(again).not.toBeNull();
        expect(Object.is(decodePrice(again!, layout), v)).toBe(true);
      }),
      { seed: 5, numRuns: 5000 },
    );
  });

  test('what has no code: negatives, −0, too many digits, decimals outside the layout', () => {
    const b6: CodeLayout = { base: 6, shift: 2 };
    expect(encodePrice(-1.5, b6)).toBeNull();
    expect(encodePrice(-0, b6)).toBeNull();
    expect(encodePrice(Infinity, b6)).toBeNull();
    expect(encodePrice(0.1 + 0.2, { base: 0, shift: 2 })).toBeNull(); // 17 digits
    expect(decimalCode(1_073_741_823, 6, b6)).toBeNull(); // 1073.741823: mantissa 2^30 − 1
    expect(decimalCode(1_073_741_822, 6, b6)).not.toBeNull();
    expect(decimalCode(1_083_693_017, 6, { base: 6, shift: 0 })).not.toBeNull(); // 10 digits
    expect(decimalCode(4_294_967_295, 6, { base: 6, shift: 0 })).toBeNull(); // all ones
    expect(decimalCode(12, 1, { base: 0, shift: 0 })).toBeNull(); // 1.2: more decimals than b
    expect(decimalCode(12_345, 7, { base: 3, shift: 2 })).toBeNull(); // 7 > 3 + 3
    expect(decimalCode(25, 1, { base: 3, shift: 2 })).toBe(2500 * 4); // 2.5 as 2500 / 10^3
    expect(encodePrice(NaN, b6)).toBe(MISSING_CODE);
    expect(decodePrice(MISSING_CODE, b6)).toBeNaN();
    expect(decodePrice(MISSING_CODE, { base: 6, shift: 0 })).toBeNaN();
    expect(Object.is(decodePrice(encodePrice(0, b6)!, b6), 0)).toBe(true);
  });

  test('a column reads the same through every accessor, sliced or not, in both layouts', () => {
    const values = [41932.077, NaN, 2.5, 0.001, 123456.789, 0];
    for (const layout of [
      { base: 3, shift: 2 },
      { base: 3, shift: 0 },
    ] as const) {
      const col = decimalColumn(
        Int32Array.from(values, (v) => encodePrice(v, layout)!),
        layout,
      );
      expect(Array.from(columnDoubles(col))).toEqual(values);
      expect(values.map((_, i) => priceAt(col, i))).toEqual(values);
      expect(Array.from(decodeInto(col, 1, 4, new Float64Array(3)))).toEqual(values.slice(1, 4));
      expect(Array.from(columnDoubles(sliceColumn(col, 2, 5)))).toEqual(values.slice(2, 5));
    }
    const f = Float64Array.from(values);
    expect(columnDoubles(f)).toBe(f);
    expect(priceAt(f, 4)).toBe(123456.789);
  });
});

describe('layoutFor', () => {
  test('a layout that codes every value seen, or null', () => {
    // DOT-like 0.134282151: room for one more decimal
    expect(layoutFor(stats(9, 0.2, 2e8))).toEqual({ base: 7, shift: 2 });
    // BTC-like 134283.443 (9 digits): ten times higher must fit
    expect(layoutFor(stats(3, 134_283.443, 134_283_443))).toEqual({ base: 1, shift: 2 });
    // ATOM-like 1083.693017 (10 digits): six decimals throughout
    expect(layoutFor(stats(6, 1083.693017, 1_083_693_017))).toEqual({ base: 6, shift: 0 });
    expect(layoutFor(stats(6, 5000, 5e9))).toBeNull(); // 5000.000000: past 2^32 − 2
    expect(layoutFor(stats(2, 10, 1000, 1))).toBeNull(); // a negative value was seen
    expect(layoutFor(stats(-1, 0))).toEqual({ base: 0, shift: 2 }); // nothing seen
    expect(layoutFor(stats(12, 5000, 5e15))).toBeNull();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 15 }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        (d, v) => {
          const l = layoutFor(stats(d, v, Math.min(v * 10 ** d, 2 ** 53)));
          if (l !== null) {
            expect(d - l.base).toBeLessThan(1 << l.shift);
            expect(v * 10 ** l.base).toBeLessThanOrEqual(maxMantissa(l.shift));
          }
        },
      ),
      { seed: 9, numRuns: 2000 },
    );
  });
});

describe('statsOf', () => {
  test("each value's shortest exact decimal form; what no code holds is counted", () => {
    expect(statsOf(Float64Array.from([1.5, NaN, 2.25, 100]))).toEqual(stats(2, 100, 225));
    // 0.30000000000000004: 17 decimals, a mantissa past 2^53
    expect(statsOf(Float64Array.from([0.1, 0.30000000000000004]))).toEqual(stats(1, 0.1, 1, 1));
    expect(statsOf(Float64Array.from([NaN]))).toEqual(stats(-1, 0));
    expect(statsOf(Float64Array.from([2, -1, -0, 1e300, 1e-30])).uncoded).toBe(4);
  });

  test('the layout from the stats of values codes every one of them', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 9 })),
          { minLength: 1, maxLength: 20 },
        ),
        (cells) => {
          const values = Float64Array.from(cells, ([m, d]) => Number(text(m, d)));
          const layout = layoutFor(statsOf(values));
          if (layout === null) return;
          for (const v of values) {
            const code = encodePrice(v, layout);
            expect(code).not.toBeNull();
            expect(Object.is(decodePrice(code!, layout), v)).toBe(true);
          }
        },
      ),
      { seed: 13, numRuns: 2000 },
    );
  });
});

describe('codeStats and recode', () => {
  test('codes of two layouts re-encoded into the layout of their joint stats keep every double', () => {
    const part = fc.tuple(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 9 })), {
        minLength: 1,
        maxLength: 20,
      }),
      fc.integer({ min: 0, max: 9 }),
      fc.constantFrom<0 | 2>(0, 2),
    );
    fc.assert(
      fc.property(part, part, ([cellsA, baseA, shiftA], [cellsB, baseB, shiftB]) => {
        const parts = [
          { cells: cellsA, layout: { base: baseA, shift: shiftA } },
          { cells: cellsB, layout: { base: baseB, shift: shiftB } },
        ];
        // each part's values, and their codes where its layout holds them all
        const coded = parts.flatMap(({ cells, layout }) => {
          const values = cells.map(([m, d]) => Number(text(m, d)));
          const codes = values.map((v) => encodePrice(v, layout));
          return codes.every((c) => c !== null)
            ? [{ values, codes: Int32Array.from(codes as number[]), layout }]
            : [];
        });
        if (coded.length === 0) return;
        const stats = coded
          .map((p) => codeStats(p.codes, 0, p.codes.length, p.layout))
          .reduce(mergeStats);
        const to = layoutFor(stats);
        if (to === null) return;
        for (const p of coded) {
          expect(recode(p.codes, 0, p.codes.length, p.layout, to)).toBe(true);
          p.values.forEach((v, i) => expect(Object.is(decodePrice(p.codes[i]!, to), v)).toBe(true));
        }
      }),
      { seed: 17, numRuns: 2000 },
    );
  });

  test('recode leaves the codes as they were when one has no code in the target', () => {
    const from = { base: 2, shift: 2 } as const;
    const codes = Int32Array.from([1.5, 2.25, 1e6].map((v) => encodePrice(v, from)!));
    const before = Array.from(codes);
    expect(recode(codes, 0, 3, from, { base: 6, shift: 2 })).toBe(false); // 1e6 · 10^6 > 2^30
    expect(Array.from(codes)).toEqual(before);
    expect(codeStats(codes, 0, 3, from)).toEqual({
      maxDecimals: 2, // as coded: 150, 225 and 100000000 over 10^2
      maxValue: 1e6,
      maxMantissa: 100_000_000,
      uncoded: 0,
    });
  });
});
