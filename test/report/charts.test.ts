/**
 * The HTML report's cumulative-return lines (src/report/position/charts.ts): the position's
 * returns compounded unhedged and hedged over the walk-forward, a short position's reversed, in
 * the data's units when the series were scaled.
 */
import { cumulativePlot } from '../../src/report/position/charts';

const y = Float64Array.from({ length: 40 }, (_, i) => 0.01 * Math.sin(i));
const wf = {
  start: 20,
  errors: Float64Array.from({ length: 20 }, (_, k) => 0.004 * Math.cos(k)),
  lastRatios: [1],
};

test('log returns: the unhedged line is e^(Σ y) − 1 from the walk-forward start, the hedged one of its errors', () => {
  const c = cumulativePlot(y, wf, 0, 'log', 1000, 1)!;
  expect(Array.from(c.unhedged.index)).toEqual(Array.from({ length: 20 }, (_, k) => k));
  let sy = 0;
  let se = 0;
  for (let k = 0; k < 20; k++) {
    sy += y[20 + k]!;
    se += wf.errors[k]!;
    expect(c.unhedged.values[k]).toBeCloseTo(Math.expm1(sy), 14);
    expect(c.hedged.values[k]).toBeCloseTo(Math.expm1(se), 14);
  }
});

test('a short position: its returns reversed, (1 + long)(1 + short) = 1 for log returns', () => {
  const long = cumulativePlot(y, wf, 0, 'log', 1000, 1)!;
  const short = cumulativePlot(y, wf, 0, 'log', 1000, -1)!;
  long.unhedged.values.forEach((l, k) => {
    expect((1 + l) * (1 + short.unhedged.values[k]!)).toBeCloseTo(1, 14);
  });
  long.hedged.values.forEach((l, k) => {
    expect((1 + l) * (1 + short.hedged.values[k]!)).toBeCloseTo(1, 14);
  });
});

test('scaled series are scaled back (diff returns of prices near 1e300); levels have no line', () => {
  const scaled = cumulativePlot(y, wf, 0, 'diff', 1000, 1)!;
  const e = 996; // y·2^996 is of the order of 1e298
  const big = cumulativePlot(y, wf, e, 'diff', 1000, 1)!;
  big.unhedged.values.forEach((v, k) =>
    expect(v / 2 ** e).toBeCloseTo(scaled.unhedged.values[k]!, 14),
  );
  expect(cumulativePlot(y, wf, 0, 'level', 1000, 1)).toBeNull();
});
