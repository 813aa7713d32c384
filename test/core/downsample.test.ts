/**
 * Min/max-per-bucket downsampling (src/core/downsample.ts): at most `points` points in index
 * order, the series' extremes and every bucket's extremes kept, short series kept whole, the same
 * points whether the values arrive at once or in pieces.
 */
import fc from 'fast-check';
import { downsampleMinMax, MinMaxDownsampler } from '../../src/core/downsample';

/** The bucket of index i of m values in B buckets, as the module documents it. */
const bucketOf = (i: number, m: number, B: number) => Math.floor((i * B) / m);

const series = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
  minLength: 1,
  maxLength: 3000,
});

describe('downsampleMinMax', () => {
  test('keeps a series of at most `points` values whole, skipping non-finite ones', () => {
    const d = downsampleMinMax([3, NaN, -1, Infinity, 2], 10);
    expect(Array.from(d.index)).toEqual([0, 2, 4]);
    expect(Array.from(d.values)).toEqual([3, -1, 2]);
  });

  test('a spike of one value among 100,000 survives in 1,000 points', () => {
    const v = new Float64Array(100_000).map((_, i) => Math.sin(i / 500));
    v[61_234] = 40;
    v[7] = -40;
    const d = downsampleMinMax(v, 1000);
    expect(d.values.length).toBeLessThanOrEqual(1000);
    expect(Array.from(d.index)).toContain(61_234);
    expect(Array.from(d.index)).toContain(7);
    expect(Math.max(...d.values)).toBe(40);
    expect(Math.min(...d.values)).toBe(-40);
  });

  test('property: ≤ points, ascending indices, values at their indices, every bucket’s min and max', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 2, max: 400 }), (v, points) => {
        const d = downsampleMinMax(v, points);
        expect(d.values.length).toBeLessThanOrEqual(points);
        for (let k = 0; k < d.index.length; k++) {
          expect(d.values[k]).toBe(v[d.index[k]!]);
          if (k > 0) expect(d.index[k]!).toBeGreaterThan(d.index[k - 1]!);
        }
        const m = v.length;
        const B = m <= points ? m : Math.floor(points / 2);
        const kept = new Set(Array.from(d.values.keys()).map((k) => d.index[k]!));
        for (let b = 0; b < B; b++) {
          const members = v
            .map((x, i) => [x, i] as const)
            .filter(([, i]) => bucketOf(i, m, B) === b);
          if (members.length === 0) continue;
          const lo = Math.min(...members.map(([x]) => x));
          const hi = Math.max(...members.map(([x]) => x));
          const keptValues = members.filter(([, i]) => kept.has(i)).map(([x]) => x);
          expect(keptValues).toContain(lo);
          expect(keptValues).toContain(hi);
        }
        expect(Math.min(...d.values)).toBe(Math.min(...v));
        expect(Math.max(...d.values)).toBe(Math.max(...v));
      }),
      { numRuns: 200 },
    );
  });

  test('property: values in pieces give the same points as all at once', () => {
    fc.assert(
      fc.property(
        series,
        fc.integer({ min: 2, max: 300 }),
        fc.integer({ min: 1, max: 500 }),
        (v, points, piece) => {
          const d = new MinMaxDownsampler(v.length, points);
          for (let i = 0; i < v.length; i += piece) d.add(v.slice(i, i + piece));
          expect(d.result()).toEqual(downsampleMinMax(v, points));
        },
      ),
      { numRuns: 100 },
    );
  });
});
