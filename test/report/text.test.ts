import {
  SPARKLINE_WIDTH,
  bucketMeans,
  fmt,
  grouped,
  pct,
  pText,
  showText,
  sig,
  sparkline,
} from '../../src/report/text';

describe('showText', () => {
  test('escapes terminal control characters and bidi overrides', () => {
    expect(showText('SOL\u001b[31mRED')).toBe('SOL\\x1b[31mRED');
    expect(showText('a\rb\nc\td')).toBe('a\\x0db\\x0ac\\x09d');
    expect(showText('x\u202ey')).toBe('x\\u{202e}y');
    expect(showText('\u009b2J')).toBe('\\x9b2J');
  });
  test('leaves ordinary text, including non-ASCII letters, alone', () => {
    expect(showText('LP: ZED/USDC — Ünïcode €')).toBe('LP: ZED/USDC — Ünïcode €');
  });
});

describe('number formatting', () => {
  test('fmt never prints negative zero and shows a dash for missing values', () => {
    expect(fmt(-0.0001, 2)).toBe('0.00');
    expect(fmt(-1.236, 2)).toBe('-1.24');
    expect(fmt(null, 2)).toBe('–');
    expect(fmt(NaN, 2)).toBe('–');
  });
  test('grouped inserts thousands separators', () => {
    expect(grouped(1234567.891, 2)).toBe('1,234,567.89');
    expect(grouped(-1234, 0)).toBe('-1,234');
    expect(grouped(999, 0)).toBe('999');
  });
  test('sig keeps significant digits across scales', () => {
    expect(sig(0.0000123456, 4)).toBe('0.00001235');
    expect(sig(43125.17, 4)).toBe('43,130');
    expect(sig(-2.5, 3)).toBe('-2.50');
    expect(sig(0)).toBe('0');
  });
  test('pct and pText', () => {
    expect(pct(0.1234)).toBe('12.3%');
    expect(pText(0.0004)).toBe('p < 0.001');
    expect(pText(0.0042)).toBe('p = 0.004');
  });
});

describe('sparkline', () => {
  test('maps the range onto eight levels and buckets long series', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8)).toBe('▁▂▃▄▅▆▇█');
    expect(
      sparkline(
        Array.from({ length: 100 }, (_, i) => i),
        10,
      ),
    ).toHaveLength(10);
    expect(sparkline([0.5, 0.5, 0.5], 3)).toBe('▅▅▅');
    expect(sparkline([], 5)).toBe('');
  });
});

test('the report keeps only the sparkline points: drawing them draws the series', () => {
  for (const n of [0, 5, 16, 17, 1000, 12345]) {
    const v = Float64Array.from({ length: n }, (_, i) =>
      i % 97 === 3 ? NaN : Math.sin(i / 50) + (i % 7) / 10,
    );
    const points = bucketMeans(v, SPARKLINE_WIDTH);
    expect(points.length).toBe(Math.min(n, SPARKLINE_WIDTH));
    expect(sparkline(points, SPARKLINE_WIDTH)).toBe(sparkline(v, SPARKLINE_WIDTH));
  }
  // a bucket without a finite value stays a gap
  expect(sparkline(bucketMeans([NaN, NaN, 1, 2], 2), 2)).toBe(' ▅');
});
