/**
 * STALE_PRICES by each series' own calendar (src/report/staleness.ts): weekday closes are
 * current on a weekend and stale after their usual gap; a 24/7 series missing its last day is
 * stale; one warning per series, naming every position that uses it, once in the report.
 */
import { parsePositions } from '../../src/input/positions';
import { parsePrices } from '../../src/input/prices';
import { parseTime } from '../../src/input/time';
import { ALL_FIELDS } from '../../src/report/context';
import { buildReport } from '../../src/report/build-report';
import { durationText, staleSeries, usualGap } from '../../src/report/staleness';
import { envFrom, parseArgs } from '../../src/cli/options';

const DAY = 86_400_000;

/**
 * Daily rows from 2024-01-01 to `last`: CRY every day (24/7) up to `cryptoEnd`, ETF on weekdays
 * except `holidays` up to `etfEnd`; a seeded walk.
 */
function mixedCsv(last: string, cryptoEnd = last, etfEnd = last, holidays: string[] = []) {
  const rows = ['date,CRY,ETF,ALT'];
  let seed = 99;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.04;
  let [c, e, a] = [100, 50, 10];
  for (let t = parseTime('2024-01-01')!; t <= parseTime(last)!; t += DAY) {
    const day = new Date(t).toISOString().slice(0, 10);
    const m = rnd();
    c *= Math.exp(m + rnd() / 2);
    e *= Math.exp(m + rnd() / 2);
    a *= Math.exp(m + rnd());
    const weekday = new Date(t).getUTCDay() % 6 !== 0 && !holidays.includes(day);
    const cry = t <= parseTime(cryptoEnd)! ? c.toFixed(4) : '';
    const etf = weekday && t <= parseTime(etfEnd)! ? e.toFixed(4) : '';
    rows.push(`${day},${cry},${etf},${a.toFixed(4)}`);
  }
  return rows.join('\n') + '\n';
}

const POSITIONS =
  'symbol,quantity,hedges,label\nETF,100,CRY,fund\nALT,10,ETF,alt\nALT,5,CRY,alt2\n';

function stale(csv: string, to: string | null = null) {
  const prices = parsePrices({ name: 'p.csv', text: csv }, { symbols: null, positive: true });
  const positions = parsePositions({ name: 'pos.csv', text: POSITIONS });
  let end = prices.times.length;
  while (to !== null && end > 0 && prices.times[end - 1]! > parseTime(to)!) end--;
  const settings = { hedge: ['CRY'], cash: [] };
  return staleSeries(
    positions,
    prices,
    settings,
    to === null ? null : parseTime(to),
    prices.times[end - 1]!,
  );
}

describe('usualGap', () => {
  test('weekday closes: 1 day, 3 over a weekend; the 99th percentile is 3 days', () => {
    const prices = parsePrices(
      { name: 'p.csv', text: mixedCsv('2025-06-30') },
      { symbols: null, positive: true },
    );
    const n = prices.times.length;
    expect(usualGap(prices.times, prices.series.get('ETF')!, n)).toBe(3 * DAY);
    expect(usualGap(prices.times, prices.series.get('CRY')!, n)).toBe(DAY);
  });

  test('an outage under 1% of the gaps does not widen it; a usual long weekend does', () => {
    // 2025: Mondays 1, 2, … as holidays: one 4-day gap in ~370 (under 1%), then many
    const one = mixedCsv('2025-06-30', undefined, undefined, ['2025-06-02']);
    const p1 = parsePrices({ name: 'p.csv', text: one }, { symbols: null, positive: true });
    expect(usualGap(p1.times, p1.series.get('ETF')!, p1.times.length)).toBe(3 * DAY);
    const mondays = [
      '2025-03-03',
      '2025-03-10',
      '2025-03-17',
      '2025-03-24',
      '2025-03-31',
      '2025-04-07',
    ];
    const many = mixedCsv('2025-06-30', undefined, undefined, mondays);
    const p2 = parsePrices({ name: 'p.csv', text: many }, { symbols: null, positive: true });
    expect(usualGap(p2.times, p2.series.get('ETF')!, p2.times.length)).toBe(4 * DAY);
  });

  test('fewer than two values: null', () => {
    expect(usualGap(Float64Array.of(0, DAY), Float64Array.of(NaN, 5), 2)).toBeNull();
  });
});

describe('staleSeries', () => {
  test('on a Saturday and a Sunday the Friday close is current', () => {
    expect(stale(mixedCsv('2025-06-28'))).toEqual([]); // Saturday
    expect(stale(mixedCsv('2025-06-29'))).toEqual([]); // Sunday
  });

  test('after its usual gap a weekday series is stale: one warning naming every user', () => {
    // ETF's last close Friday 2025-06-20, valued Sunday 2025-06-29
    const s = stale(mixedCsv('2025-06-29', undefined, '2025-06-20'));
    expect(s).toHaveLength(1);
    expect(s[0]!.positions).toEqual([0, 1]);
    expect(s[0]!.warning).toEqual({
      code: 'STALE_PRICES',
      severity: 'warning',
      message:
        'ETF: last price from 2025-06-20, but its prices come at most 3 days apart (99% of its ' +
        'recent gaps) and the report is valued at 2025-06-29; used by ETF [fund], ALT [alt]',
    });
  });

  test('a 24/7 series missing only its last day is stale', () => {
    const s = stale(mixedCsv('2025-06-30', '2025-06-29')); // Monday; CRY's last is Sunday
    expect(s.map((x) => x.warning.message.slice(0, 4))).toEqual(['CRY:']);
    expect(s[0]!.positions).toEqual([0, 2]);
  });

  test('--to inside the data: valued at that row, gaps from before it', () => {
    expect(stale(mixedCsv('2025-06-30'), '2025-06-29')).toEqual([]);
  });

  test('a series with one value before the date: stale when older than the date', () => {
    const csv = 'date,CRY,ETF,ALT\n2025-01-01,1,1,\n2025-01-02,2,,3\n2025-01-03,3,,4\n';
    const s = stale(csv);
    expect(s.map((x) => x.warning.message)).toEqual([
      'ETF: last price from 2025-01-01, older than the valuation date 2025-01-03; used by ETF [fund], ALT [alt]',
    ]);
  });

  test('a series without a price at or before the date', () => {
    const csv = 'date,CRY,ETF,ALT\n2025-01-01,1,,2\n2025-01-02,2,,3\n2025-01-03,3,5,4\n';
    const s = stale(csv, '2025-01-02');
    expect(s.map((x) => x.warning.message)).toEqual([
      'ETF has no price at or before 2025-01-02; used by ETF [fund], ALT [alt]',
    ]);
  });
});

test('in a report: in each position that uses the series, once in the report', () => {
  const parsed = parseArgs(
    ['-p', 'pos.csv', '-r', 'p.csv', '-H', 'CRY', '--min-observations', '5'],
    envFrom({}),
    false,
  );
  if (parsed.kind !== 'run') throw new Error('bad arguments');
  const report = buildReport({
    positions: parsePositions({ name: 'pos.csv', text: POSITIONS }),
    positionsSource: 'pos.csv',
    prices: parsePrices(
      { name: 'p.csv', text: mixedCsv('2025-06-29', undefined, '2025-06-20') },
      { symbols: null, positive: true },
    ),
    instruments: new Map(),
    settings: parsed.settings,
    needs: ALL_FIELDS,
  }).report;
  const codes = (ws: { code: string }[]) => ws.filter((w) => w.code === 'STALE_PRICES').length;
  expect(report.positions.map((p) => codes(p.warnings))).toEqual([1, 1, 0]);
  expect(report.positions[0]!.warnings[0]).toBe(report.positions[1]!.warnings[0]);
  expect(codes(report.warnings)).toBe(1);
});

test('durationText', () => {
  expect([DAY, 3 * DAY, 3_600_000, 2 * 3_600_000, 60_000, 1000, 1500].map(durationText)).toEqual([
    '1 day',
    '3 days',
    '1 hour',
    '2 hours',
    '1 minute',
    '1 second',
    '1500 ms',
  ]);
});
