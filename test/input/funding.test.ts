/**
 * Funding files (src/input/funding.ts): the layouts exchanges publish, the `SYMBOL=path`
 * argument, rows of other symbols skipped, and every bad file with its exact message.
 */
import fc from 'fast-check';
import { InputError } from '../../src/errors';
import { decodeText } from '../../src/input/read';
import { FUZZ_SEED, corrupted, randomBytesArb } from '../fuzz/arbitraries';
import {
  fundingFileOf,
  fundingTable,
  parseFunding,
  type FundingRow,
} from '../../src/input/funding';
import { problemsOf, source } from './helpers';

const all = () => true;
const parse = (text: string, bound: string | null = null, keep: (s: string) => boolean = all) =>
  parseFunding(source(text, 'funding.csv'), bound, keep);

describe('fundingFileOf', () => {
  test.each([
    ['funding.csv', null, 'funding.csv'],
    ['BTC=btcusdt.csv', 'BTC', 'btcusdt.csv'],
    ['BTC=data/2024=01.csv', 'BTC', 'data/2024=01.csv'],
    ['./a=b.csv', null, './a=b.csv'],
    ['data/a=b.csv', null, 'data/a=b.csv'],
    ['BTC=', 'BTC', ''],
    ['=x.csv', null, '=x.csv'],
    ['BTC=-', 'BTC', '-'],
  ])('%s', (arg, symbol, path) => {
    expect(fundingFileOf(arg)).toEqual({ symbol, path });
  });
});

describe('parseFunding: layouts', () => {
  test('time, symbol, rate with ISO times, in any case and order', () => {
    const rows = parse(
      'Symbol,RATE,Time\nBTC,0.0001,2024-01-01T08:00:00Z\nETH,-0.00005,2024-01-01\n',
    );
    expect(rows).toEqual([
      {
        symbol: 'BTC',
        time: Date.UTC(2024, 0, 1, 8),
        rate: 0.0001,
        intervalHours: NaN,
        file: 'funding.csv',
        line: 2,
      },
      {
        symbol: 'ETH',
        time: Date.UTC(2024, 0, 1),
        rate: -0.00005,
        intervalHours: NaN,
        file: 'funding.csv',
        line: 3,
      },
    ]);
  });

  test("an exchange API's fundingTime (epoch ms), fundingRate and extra columns", () => {
    const rows = parse(
      'symbol,fundingTime,fundingRate,markPrice\nBTCUSDT,1704067200000,0.00010000,42000.1\n',
    );
    expect(rows).toMatchObject([{ symbol: 'BTCUSDT', time: 1704067200000, rate: 0.0001 }]);
  });

  test('the three-column archive, bound to a symbol; its interval column read', () => {
    const text =
      'calc_time,funding_interval_hours,last_funding_rate\n' +
      '1704067200000,8,0.00010000\n1704096000000,8,0.00003738\n';
    expect(parse(text, 'BTC')).toMatchObject([
      { symbol: 'BTC', time: 1704067200000, rate: 0.0001, intervalHours: 8, line: 2 },
      { symbol: 'BTC', time: 1704096000000, rate: 0.00003738, intervalHours: 8, line: 3 },
    ]);
  });

  test('bound: a symbol column naming one contract is allowed (exchange names differ)', () => {
    const rows = parse('time,symbol,rate\n2024-01-01,BTCUSDT,0.0001\n', 'BTC');
    expect(rows).toMatchObject([{ symbol: 'BTC' }]);
  });

  test('rows of symbols the report does not hedge with are skipped unchecked', () => {
    const rows = parse(
      'time,symbol,rate\n2024-01-01,DOGE,n/a\n2024-01-01,BTC,0.0001\n',
      null,
      (s) => s === 'BTC',
    );
    expect(rows).toMatchObject([{ symbol: 'BTC', line: 3 }]);
    expect(parse('time,rate\n2024-01-01,n/a\n', 'ETH', (s) => s === 'BTC')).toEqual([]);
  });

  test('an empty interval cell states none', () => {
    const rows = parse('time,symbol,rate,funding_interval_hours\n2024-01-01,BTC,0.0001,\n');
    expect(rows[0]!.intervalHours).toBeNaN();
  });
});

describe('parseFunding: bad files (exact messages)', () => {
  test.each([
    [
      'no time column',
      'symbol,rate\nBTC,0.0001\n',
      null,
      ['funding.csv:1: missing column "time", "fundingTime", "calc_time", "timestamp" or "date"'],
    ],
    [
      'no rate column, a misspelt one',
      'time,symbol,fundingRat\n2024-01-01,BTC,0.0001\n',
      null,
      [
        'funding.csv:1: missing column "rate", "fundingRate" or "last_funding_rate" (did you mean "fundingRat"?)',
      ],
    ],
    [
      'no symbol column and no SYMBOL=',
      'calc_time,funding_interval_hours,last_funding_rate\n1704067200000,8,0.0001\n',
      null,
      [
        'funding.csv:1: no "symbol" column: give a file of one contract as SYMBOL=file (e.g. --funding BTC=funding.csv)',
      ],
    ],
    [
      'two time columns',
      'time,symbol,rate,timestamp\n2024-01-01,BTC,0.0001,1704067200000\n',
      null,
      [
        'funding.csv:1: columns "time" and "timestamp" both give one value (columns 1 and 4): keep one',
      ],
    ],
    [
      'a column twice',
      'time,symbol,rate,Rate\n2024-01-01,BTC,0.0001,0.0002\n',
      null,
      ['funding.csv:1: duplicate column "Rate" (columns 3 and 4)'],
    ],
    [
      'separated by semicolons',
      'time;symbol;rate\n2024-01-01;BTC;0.0001\n',
      null,
      [
        'funding.csv:1: the header is a single column "time;symbol;rate": columns look separated by ";", but must be separated by commas',
      ],
    ],
    ['header only', 'time,symbol,rate\n', null, ['funding.csv: no data rows']],
    [
      'bad cells',
      'time,symbol,rate,funding_interval_hours\n' +
        '2024-02-30,BTC,0.0001,8\n' +
        ',BTC,0.0001,8\n' +
        '2024-01-01,BTC,n/a,8\n' +
        '2024-01-02,BTC,,8\n' +
        '2024-01-03,BTC,1.5,8\n' +
        '2024-01-04,BTC,0.0001,0\n' +
        '2024-01-05,BTC,0.0001,eight\n' +
        '2024-01-06,,0.0001,8\n',
      null,
      [
        'funding.csv:2: column "time": not a valid time: "2024-02-30"',
        'funding.csv:3: column "time": missing time',
        'funding.csv:4: column "rate": expected a number, got "n/a"',
        'funding.csv:5: column "rate": missing value',
        'funding.csv:6: column "rate": a funding rate is a fraction of notional per period, got 1.5 (100% or more)',
        'funding.csv:7: column "funding_interval_hours": must be greater than zero, got 0',
        'funding.csv:8: column "funding_interval_hours": expected a number, got "eight"',
        'funding.csv:9: column "symbol": missing value',
      ],
    ],
    [
      'a bound file with two contracts',
      'time,symbol,rate\n2024-01-01,BTCUSDT,0.0001\n2024-01-01,ETHUSDT,0.0001\n',
      'BTC',
      [
        'funding.csv:3: column "symbol": "ETHUSDT" differs from "BTCUSDT" on line 2: a file given as BTC=… holds one contract',
      ],
    ],
    [
      'a ragged row',
      'time,symbol,rate\n2024-01-01,BTC\n',
      null,
      ['funding.csv:2: found 2 fields, but the header has 3'],
    ],
  ])('%s', (_name, text, bound, messages) => {
    expect(problemsOf(() => parse(text, bound))).toEqual(messages);
  });
});

describe('fundingTable', () => {
  const row = (symbol: string, time: number, line: number, file = 'a.csv'): FundingRow => ({
    symbol,
    time,
    rate: line / 1e5,
    intervalHours: NaN,
    file,
    line,
  });

  test('per symbol in time order, rows of every file together', () => {
    const t = fundingTable([row('BTC', 20, 2), row('ETH', 5, 3), row('BTC', 10, 2, 'b.csv')]);
    expect([...t.keys()]).toEqual(['BTC', 'ETH']);
    expect(Array.from(t.get('BTC')!.times)).toEqual([10, 20]);
    expect(Array.from(t.get('BTC')!.rates)).toEqual([2e-5, 2e-5]);
  });

  test('a duplicate time for a symbol names both lines, in one file or across files', () => {
    const t = Date.UTC(2024, 0, 1, 8);
    expect(
      problemsOf(() =>
        fundingTable([row('BTC', t, 4), row('BTC', t, 9), row('BTC', t, 2, 'b.csv')]),
      ),
    ).toEqual([
      'a.csv:9: duplicate time 2024-01-01T08:00:00Z for "BTC" (also on line 4)',
      'b.csv:2: duplicate time 2024-01-01T08:00:00Z for "BTC" (also in a.csv, line 9)',
    ]);
  });

  test('the same time for two symbols is no duplicate', () => {
    expect(fundingTable([row('BTC', 1, 2), row('ETH', 1, 3)]).size).toBe(2);
  });
});

describe('damaged and random funding files (fuzz, fixed seed)', () => {
  const valid =
    'symbol,fundingTime,fundingRate,funding_interval_hours\n' +
    Array.from(
      { length: 12 },
      (_, i) => `${i % 2 ? 'ETH' : 'BTC'},${1704067200000 + (i >> 1) * 28_800_000},0.0001,8`,
    ).join('\n') +
    '\n';

  /** Rows with finite values, or an InputError of located one-line messages about the file. */
  function check(bytes: Buffer): void {
    let text: string;
    try {
      text = decodeText(bytes, 'funding.csv');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return;
    }
    try {
      const rows = parseFunding(source(text, 'funding.csv'), null, all);
      for (const r of rows) {
        expect(Number.isFinite(r.time) && Number.isFinite(r.rate) && Math.abs(r.rate) < 1).toBe(
          true,
        );
      }
      fundingTable(rows);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      for (const p of (e as InputError).problems) {
        expect(p.file).toBe('funding.csv');
        const own = p.message.replace(/"(?:[^"\\]|\\.)*"/g, '""'); // user text quoted aside
        expect(own).not.toMatch(/undefined|NaN|\n/);
      }
    }
  }

  test('every outcome is rows or located problems', () => {
    fc.assert(fc.property(fc.oneof(corrupted(valid), randomBytesArb), check), {
      numRuns: 300,
      seed: FUZZ_SEED,
    });
  });
});
