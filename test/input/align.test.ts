import { alignComplete, resample, valuationPoint } from '../../src/input/align';
import { seriesDoubles as columnDoubles } from '../../src/input/series';
import { formatTime, parseTime } from '../../src/input/time';

const T = (...texts: string[]) => Float64Array.from(texts, (s) => parseTime(s)!);
const F = (...values: number[]) => Float64Array.from(values);
const show = (times: Float64Array) => Array.from(times, formatTime);

describe('resample', () => {
  it('native returns the input arrays', () => {
    const times = T('2024-01-01');
    const s = F(1);
    const r = resample(times, [s], 'native');
    expect(r.times).toBe(times);
    expect(r.series[0]).toBe(s);
  });

  it('daily: last value per UTC day, at the time of the day’s last row', () => {
    const times = T(
      '2024-01-01T09:00Z',
      '2024-01-01T17:00Z',
      '2024-01-01T23:59:59Z',
      '2024-01-02T00:00Z',
      '2024-01-04T12:00Z',
    );
    const a = F(1, 2, NaN, 4, 5);
    const b = F(NaN, NaN, NaN, 40, NaN);
    const r = resample(times, [a, b], 'daily');
    expect(show(r.times)).toEqual(['2024-01-01T23:59:59Z', '2024-01-02', '2024-01-04T12:00:00Z']);
    expect(Array.from(columnDoubles(r.series[0]!))).toEqual([2, 4, 5]); // the last row of Jan 1 is missing: the value before it
    expect(Array.from(columnDoubles(r.series[1]!))).toEqual([NaN, 40, NaN]);
  });

  it('weekly: ISO weeks Monday–Sunday across a year end', () => {
    // 2020-12-28 is the Monday of 2020-W53, which runs to Sunday 2021-01-03; 2021-W01 starts 2021-01-04.
    const times = T(
      '2020-12-27',
      '2020-12-28',
      '2020-12-31',
      '2021-01-01',
      '2021-01-03',
      '2021-01-04',
      '2021-01-10',
      '2021-01-11',
    );
    const r = resample(times, [F(1, 2, 3, 4, 5, 6, 7, 8)], 'weekly');
    expect(show(r.times)).toEqual(['2020-12-27', '2021-01-03', '2021-01-10', '2021-01-11']);
    expect(Array.from(columnDoubles(r.series[0]!))).toEqual([1, 5, 7, 8]);
  });

  it('weekly: weeks before 1970 are Monday–Sunday too', () => {
    // 1969-12-29 is a Monday; 1970-01-04 a Sunday; 1970-01-05 a Monday.
    const r = resample(
      T('1969-12-28', '1969-12-29', '1970-01-04', '1970-01-05'),
      [F(1, 2, 3, 4)],
      'weekly',
    );
    expect(Array.from(columnDoubles(r.series[0]!))).toEqual([1, 3, 4]);
  });

  it('monthly: calendar months, leap February included', () => {
    const times = T('2024-01-31T23:00Z', '2024-02-01', '2024-02-29', '2024-03-01', '2025-03-15');
    const r = resample(times, [F(1, 2, 3, 4, 5)], 'monthly');
    expect(show(r.times)).toEqual([
      '2024-01-31T23:00:00Z',
      '2024-02-29',
      '2024-03-01',
      '2025-03-15',
    ]);
    expect(Array.from(columnDoubles(r.series[0]!))).toEqual([1, 3, 4, 5]);
  });

  it('handles an empty table and does not modify its input', () => {
    expect(resample(F(), [F()], 'daily')).toEqual({ times: F(), series: [F()] });
    const times = T('2024-01-01', '2024-01-02');
    const s = F(1, NaN);
    resample(times, [s], 'monthly');
    alignComplete(times, [s], null, null);
    expect(show(times)).toEqual(['2024-01-01', '2024-01-02']);
    expect(Array.from(s)).toEqual([1, NaN]);
  });
});

describe('alignComplete', () => {
  const times = T(
    '2024-01-01',
    '2024-01-02',
    '2024-01-03',
    '2024-01-04',
    '2024-01-05',
    '2024-01-06',
  );
  const y = F(1, 2, NaN, 4, 5, 6);
  const x = F(10, NaN, 30, 40, 50, 60);

  it('keeps the rows where every series has a value', () => {
    const r = alignComplete(times, [y, x], null, null);
    expect(show(r.times)).toEqual(['2024-01-01', '2024-01-04', '2024-01-05', '2024-01-06']);
    expect(r.columns.map((c) => Array.from(columnDoubles(c)))).toEqual([
      [1, 4, 5, 6],
      [10, 40, 50, 60],
    ]);
  });

  it('applies an inclusive range', () => {
    const r = alignComplete(times, [y, x], parseTime('2024-01-04'), parseTime('2024-01-05'));
    expect(show(r.times)).toEqual(['2024-01-04', '2024-01-05']);
    const between = alignComplete(
      times,
      [y],
      parseTime('2024-01-01T12:00'),
      parseTime('2024-01-04T12:00'),
    );
    expect(show(between.times)).toEqual(['2024-01-02', '2024-01-04']);
  });

  it('returns nothing for an empty range', () => {
    const r = alignComplete(times, [y, x], parseTime('2025-01-01'), null);
    expect(r.times).toHaveLength(0);
    expect(r.columns).toEqual([F(), F()]);
  });
});

describe('valuationPoint', () => {
  const times = T('2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04');
  const s = F(1, 2, NaN, NaN);

  it('gives the last value, skipping missing ones', () => {
    expect(valuationPoint(times, s, null)).toEqual({ price: 2, time: parseTime('2024-01-02') });
  });

  it('gives the last value at or before `to`', () => {
    expect(valuationPoint(times, s, parseTime('2024-01-01'))).toEqual({
      price: 1,
      time: parseTime('2024-01-01'),
    });
    expect(valuationPoint(times, s, parseTime('2024-01-01T23:00'))).toEqual({
      price: 1,
      time: parseTime('2024-01-01'),
    });
    expect(valuationPoint(times, s, parseTime('2030-01-01'))).toEqual({
      price: 2,
      time: parseTime('2024-01-02'),
    });
  });

  it('gives null when there is no value', () => {
    expect(valuationPoint(times, s, parseTime('2023-12-31'))).toBeNull();
    expect(valuationPoint(times, F(NaN, NaN, NaN, NaN), null)).toBeNull();
    expect(valuationPoint(F(), F(), null)).toBeNull();
  });
});
