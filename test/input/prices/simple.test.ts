import fc from 'fast-check';
import { analyzePriceHeader } from '../../../src/input/prices/header';
import { parsePrices, type PriceParseOptions } from '../../../src/input/prices/simple';
import { seriesDoubles as columnDoubles } from '../../../src/input/series';
import { formatTime } from '../../../src/input/time';
import type { PriceTable } from '../../../src/input/types';
import { problemsOf, source } from '../helpers';

const ALL: PriceParseOptions = { symbols: null, positive: true };
const parse = (text: string, opts: PriceParseOptions = ALL) => parsePrices(source(text), opts);
const errors = (text: string, opts: PriceParseOptions = ALL) => problemsOf(() => parse(text, opts));

/** Plain arrays (NaN kept) for readable comparisons. */
function plain(t: PriceTable) {
  return {
    times: Array.from(t.times, formatTime),
    series: Object.fromEntries([...t.series].map(([k, v]) => [k, Array.from(columnDoubles(v))])),
    symbols: t.symbols,
    layout: t.layout,
  };
}

describe('parsePrices, wide layout', () => {
  it('reads a wide file with missing values, sorted by time', () => {
    const t = parse(
      'date,BTC,ETH\n2024-01-03,42000.5,2300\n2024-01-01,41000,\n2024-01-02,,2250.25\n',
    );
    expect(plain(t)).toEqual({
      times: ['2024-01-01', '2024-01-02', '2024-01-03'],
      series: { BTC: [41000, NaN, 42000.5], ETH: [NaN, 2250.25, 2300] },
      symbols: ['BTC', 'ETH'],
      layout: 'wide',
    });
    expect(t.source).toBe('prices.csv');
    expect(t.times).toBeInstanceOf(Float64Array);
  });

  it('accepts a BOM, CRLF, quoted fields and blank lines', () => {
    const t = parse(
      '\ufeff"date","BTC, spot",ETH\r\n\r\n"2024-01-01", "1.5" ,2\r\n2024-01-02,3,4\r\n',
    );
    expect(plain(t).series).toEqual({ 'BTC, spot': [1.5, 3], ETH: [2, 4] });
  });

  it('accepts an unnamed time column (a pandas index)', () => {
    expect(plain(parse(',BTC\n2024-01-01,1\n')).times).toEqual(['2024-01-01']);
  });

  it('reads every time form, and a time column of any name', () => {
    const text = [
      'when,X',
      '2024-01-01,1',
      '2024-01-02T03:04:05Z,2',
      '2024-01-02T03:04:05.123+02:00,3',
      '2024-01-02 04:00,4',
      '1704326400,5', // 2024-01-04 in epoch seconds
      '1704412800000,6', // 2024-01-05 in epoch ms
      '20240106,7',
    ].join('\n');
    expect(plain(parse(text)).times).toEqual([
      '2024-01-01',
      '2024-01-02T01:04:05.123Z',
      '2024-01-02T03:04:05Z',
      '2024-01-02T04:00:00Z',
      '2024-01-04',
      '2024-01-05',
      '2024-01-06',
    ]);
    expect(plain(parse(text)).series.X).toEqual([1, 3, 2, 4, 5, 6, 7]);
  });

  it('converts only the symbols asked for, ignoring the others entirely', () => {
    const t = parse('date,BTC,JUNK,ETH\n2024-01-01,1,n/a,2\n2024-01-02,3,-1,4\n', {
      symbols: new Set(['ETH', 'NOPE']),
      positive: true,
    });
    expect(plain(t)).toEqual({
      times: ['2024-01-01', '2024-01-02'],
      series: { ETH: [2, 4] },
      symbols: ['BTC', 'JUNK', 'ETH'],
      layout: 'wide',
    });
  });

  it('keeps rows whose asked-for values are all missing', () => {
    const t = parse('date,BTC,ETH\n2024-01-01,1,\n2024-01-02,,5\n', {
      symbols: new Set(['BTC']),
      positive: true,
    });
    expect(plain(t).series).toEqual({ BTC: [1, NaN] });
  });

  it('merges two rows with the same time when they never give the same symbol', () => {
    const t = parse('date,BTC,ETH\n2024-01-02,3,\n2024-01-01,1,\n2024-01-02,,4\n');
    expect(plain(t)).toMatchObject({
      times: ['2024-01-01', '2024-01-02'],
      series: { BTC: [1, 3], ETH: [NaN, 4] },
    });
  });

  it('accepts zero and negative prices unless returns need them positive', () => {
    const t = parse('date,SPREAD\n2024-01-01,-3\n2024-01-02,0\n', {
      symbols: null,
      positive: false,
    });
    expect(plain(t).series).toEqual({ SPREAD: [-3, 0] });
  });

  it('reports bad cells with line and column', () => {
    const text = [
      'date,BTC,SOL',
      '2024-01-01,1,2',
      '2023-02-30,1,2',
      ',1,2',
      '2024-01-04,1,n/a',
      '2024-01-05,1e999,-3',
      '2024-01-06,0,\x1b[31m',
      '2024-01-07,1,2,3',
    ].join('\n');
    expect(errors(text)).toEqual([
      'prices.csv:3: column "date": not a valid time: "2023-02-30"',
      'prices.csv:4: column "date": missing time',
      'prices.csv:5: column "SOL": expected a number, got "n/a"',
      'prices.csv:6: column "BTC": expected a number, got "1e999"',
      'prices.csv:6: column "SOL": price must be greater than zero for log and simple returns, got -3',
      'prices.csv:7: column "BTC": price must be greater than zero for log and simple returns, got 0',
      'prices.csv:7: column "SOL": expected a number, got "\\x1b[31m"',
      'prices.csv:8: found 4 fields, but the header has 3',
    ]);
  });

  it('names the first column when it has no name', () => {
    expect(errors(',BTC\nfoo,1\n')).toEqual([
      'prices.csv:2: first column: not a valid time: "foo"',
    ]);
  });

  it('reports a time given twice for a symbol, naming both lines', () => {
    expect(errors('date,BTC,ETH\n2024-01-01,1,2\n2024-01-02,1,2\n2024-01-01,5,\n')).toEqual([
      'prices.csv:4: duplicate time 2024-01-01 for "BTC" (also on line 2)',
    ]);
    expect(
      errors(
        'date,A,B,C,D,E\n1704067200,1,1,1,1,1\n2024-01-01,1,1,1,,\n2024-01-01T00:00:00Z,1,1,1,1,1\n',
      ),
    ).toEqual([
      'prices.csv:3: duplicate time 2024-01-01 for "A", "B" and "C" (also on line 2)',
      'prices.csv:4: duplicate time 2024-01-01 for "A", "B", "C" and 2 more symbols (also on line 2)',
    ]);
  });

  it('reports header problems', () => {
    expect(errors('date,BTC,ETH,BTC,\n2024-01-01,1,2,3,4\n')).toEqual([
      'prices.csv:1: duplicate column "BTC" (columns 2 and 4)',
      'prices.csv:1: column 5 has no name',
    ]);
    expect(errors('date\n2024-01-01\n')).toEqual([
      'prices.csv:1: no symbol columns: the first column is the time, each other column one symbol',
    ]);
    expect(errors('date;BTC\n2024-01-01;1\n')).toEqual([
      'prices.csv:1: the header is a single column "date;BTC": columns look separated by ";", but must be separated by commas',
    ]);
  });

  it('reports a header without data rows', () => {
    expect(errors('date,BTC\n')).toEqual(['prices.csv: no data rows']);
    expect(errors('date,BTC\n,\n\n')).toEqual(['prices.csv: no data rows']);
  });

  it('shows 20 problems and counts the rest', () => {
    const rows = Array.from(
      { length: 25 },
      (_, i) => `2024-01-${String(i + 1).padStart(2, '0')},bad${i}`,
    );
    const list = errors(['date,BTC', ...rows].join('\n'));
    expect(list).toHaveLength(21);
    expect(list[0]).toBe('prices.csv:2: column "BTC": expected a number, got "bad0"');
    expect(list[19]).toBe('prices.csv:21: column "BTC": expected a number, got "bad19"');
    expect(list[20]).toBe('prices.csv: and 5 more problems');
  });
});

describe('parsePrices, long layout', () => {
  it('reads date/symbol/price in any order and case, ignoring other columns', () => {
    const text =
      'Volume,Close,Symbol,Timestamp\n10,2,BTC,2024-01-02\n5,20,ETH,2024-01-01\n7,1,BTC,2024-01-01\n9,,ETH,2024-01-03\n';
    expect(plain(parse(text))).toEqual({
      times: ['2024-01-01', '2024-01-02', '2024-01-03'],
      series: { BTC: [1, 2, NaN], ETH: [20, NaN, NaN] },
      symbols: ['BTC', 'ETH'],
      layout: 'long',
    });
  });

  it('converts only the rows of the symbols asked for, listing every symbol', () => {
    const text =
      'time,symbol,price\n2024-01-01,JUNK,n/a\nnever,JUNK,1\n2024-01-01,BTC,1\n2024-01-02,BTC,2\n';
    expect(plain(parse(text, { symbols: new Set(['BTC']), positive: true }))).toEqual({
      times: ['2024-01-01', '2024-01-02'],
      series: { BTC: [1, 2] },
      symbols: ['JUNK', 'BTC'],
      layout: 'long',
    });
  });

  it('reports bad rows and duplicates', () => {
    const text = [
      'date,symbol,close',
      '2024-01-01,BTC,1',
      '2024-01-01,,1',
      '2024-13-01,BTC,1',
      '2024-01-02,BTC,abc',
      '2024-01-01,BTC,2',
      '2024-01-01,BTC,3',
    ].join('\n');
    expect(errors(text)).toEqual([
      'prices.csv:3: column "symbol": missing value',
      'prices.csv:4: column "date": not a valid time: "2024-13-01"',
      'prices.csv:5: column "close": expected a number, got "abc"',
      'prices.csv:6: duplicate time 2024-01-01 for "BTC" (also on line 2)',
      'prices.csv:7: duplicate time 2024-01-01 for "BTC" (also on line 2)',
    ]);
  });

  it('reports an incomplete long header', () => {
    expect(errors('date,symbol\n2024-01-01,BTC\n')).toEqual([
      'prices.csv:1: a "symbol" column means the long layout, which also needs a column "price" or "close"',
    ]);
    expect(errors('symbol,price\nBTC,1\n')).toEqual([
      'prices.csv:1: a "symbol" column means the long layout, which also needs a column "date", "time" or "timestamp"',
    ]);
  });
});

describe('analyzePriceHeader', () => {
  it('gives the layout and column indexes', () => {
    expect(analyzePriceHeader(['Date', 'BTC', 'ETH'], 'p.csv')).toEqual({
      layout: 'wide',
      fieldCount: 3,
      timeColumn: 0,
      timeName: 'Date',
      symbols: ['BTC', 'ETH'],
      symbolColumns: [1, 2],
    });
    expect(analyzePriceHeader(['open', 'close', 'symbol', 'date', 'price'], 'p.csv')).toEqual({
      layout: 'long',
      fieldCount: 5,
      timeColumn: 3,
      timeName: 'date',
      symbolColumn: 2,
      symbolName: 'symbol',
      priceColumn: 1,
      priceName: 'close',
    });
  });
});

describe('round trip: a table written as CSV parses back to the same numbers', () => {
  const RESERVED = new Set(['date', 'time', 'timestamp', 'symbol', 'price', 'close']);
  const symbolName = fc
    .stringMatching(/^[A-Za-z][A-Za-z0-9 ,"._-]{0,6}[A-Za-z0-9]$/)
    .filter((s) => !RESERVED.has(s.toLowerCase()));
  const value = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v)),
    fc.constant(NaN),
  );
  const table = fc
    .record({
      symbols: fc.uniqueArray(symbolName, { minLength: 1, maxLength: 4 }),
      times: fc.uniqueArray(fc.integer({ min: -2e12, max: 4e12 }), { minLength: 1, maxLength: 30 }),
      long: fc.boolean(),
      seed: fc.integer(),
    })
    .chain((t) =>
      fc.record({
        t: fc.constant(t),
        values: fc.array(
          fc.array(value, { minLength: t.times.length, maxLength: t.times.length }),
          {
            minLength: t.symbols.length,
            maxLength: t.symbols.length,
          },
        ),
        timeForms: fc.array(fc.integer({ min: 0, max: 3 }), {
          minLength: t.times.length,
          maxLength: t.times.length,
        }),
      }),
    );

  const quote = (s: string) => (/[",\n\r]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  function timeText(ms: number, form: number): string {
    const sec = ms / 1000;
    if (form === 1 && Math.abs(ms) >= 1e11) return String(ms);
    if (form === 2 && Number.isInteger(sec) && (sec < 0 || String(sec).length !== 8))
      return String(sec);
    if (form === 3) return `${new Date(ms + 2 * 3600_000).toISOString().slice(0, 23)}+02:00`;
    return formatTime(ms);
  }

  it('in both layouts, in any row order', () => {
    fc.assert(
      fc.property(table, ({ t, values, timeForms }) => {
        const rows: string[] = [];
        t.times.forEach((ms, i) => {
          const time = timeText(ms, timeForms[i]!);
          if (t.long) {
            t.symbols.forEach((s, k) => {
              const v = values[k]![i]!;
              rows.push([time, quote(s), Number.isNaN(v) ? '' : String(v)].join(','));
            });
          } else {
            rows.push(
              [
                time,
                ...t.symbols.map((_, k) =>
                  Number.isNaN(values[k]![i]!) ? '' : String(values[k]![i]!),
                ),
              ].join(','),
            );
          }
        });
        const header = t.long ? 'date,symbol,price' : ['date', ...t.symbols.map(quote)].join(',');
        const parsed = parse([header, ...rows].join('\n'), { symbols: null, positive: false });
        const order = t.times.map((_, i) => i).sort((a, b) => t.times[a]! - t.times[b]!);
        expect(Array.from(parsed.times)).toEqual(order.map((i) => t.times[i]));
        expect(parsed.symbols).toEqual(t.symbols);
        t.symbols.forEach((s, k) => {
          expect(Array.from(columnDoubles(parsed.series.get(s)!))).toEqual(
            order.map((i) => values[k]![i]),
          );
        });
      }),
      { seed: 20240102, numRuns: 300 },
    );
  });
});
