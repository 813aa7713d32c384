/**
 * readPrices (src/input/prices/) gives what the simple reader gives, on small inputs: every case
 * goes through test/support/prices.ts's expectSame (a small file, the large-input path with 1 and
 * 3 byte ranges in this thread, standard input). One multi-megabyte case on worker threads is
 * here; the exhaustive large-input cases are in read.slow.test.ts.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { readPrices } from '../../../src/input/prices';
import type { PriceColumn } from '../../../src/input/prices/codes';
import { parsePrices } from '../../../src/input/prices/simple';
import { readTextSource } from '../../../src/input/read';
import { expectSame, outcome, pricesLab, wideMinutes } from '../../support/prices';

const lab = pricesLab();
afterAll(() => lab.cleanUp());

describe('readPrices gives what parsePrices gives', () => {
  test('the sample fixture, all symbols and a subset, positive or not', async () => {
    const text = readFileSync(path.resolve(__dirname, '../../../fixtures/prices.csv'), 'utf8');
    const r = await expectSame(lab, text, { fast: true });
    expect('table' in r).toBe(true);
    await expectSame(lab, text, { symbols: ['BTC', 'ETH', 'SOL'], positive: true, fast: true });
  });

  test('a file over 2 MB split across 2 worker threads', async () => {
    const text = wideMinutes(36_000);
    expect(text.length).toBeGreaterThan(2 << 20);
    await expectSame(lab, text, {
      symbols: ['BTC', 'SOL'],
      positive: true,
      fast: true,
      workers: true,
    });
  });

  test('a large input keeps columns in decimal codes where it can, doubles elsewhere', async () => {
    // A: 4 decimals; B: 17 significant digits; C: negative values; D: 2 decimals, except a block
    // of 800 rows with 6 that no sample of the file sees (the range holding it widens its layout,
    // the others are re-encoded into it); E: the same with 3 decimals (within the sampled layout's
    // headroom); F: with 11-digit mantissas (no layout: that range continues in doubles, the
    // others are decoded); G: 10 digits throughout (a layout without offsets)
    const rows = 12_000;
    const lines = ['time,A,B,C,D,E,F,G'];
    for (let i = 0; i < rows; i++) {
      const block = i >= 300 && i < 1100; // samples: 8 KB (~110 rows) every ~1,400 rows
      const p = 100 + Math.sin(i / 50) * 10;
      lines.push(
        [
          1704067200 + i * 60,
          p.toFixed(4),
          (p / 7).toPrecision(17),
          (p - 105).toFixed(3),
          block ? (p / 3).toFixed(6) : (p / 3).toFixed(2),
          block ? (p * 30).toFixed(3) : (p * 30).toFixed(2),
          block ? (p * 300).toFixed(6) : (p * 300).toFixed(2),
          (p * 30).toFixed(6),
        ].join(','),
      );
    }
    const text = lines.join('\n') + '\n';
    await expectSame(lab, text, { fast: true });
    const file = lab.file(text);
    for (const ranges of [1, 3]) {
      const t = await readPrices(file, Readable.from([]), {
        symbols: null,
        positive: false,
        thresholdBytes: 0,
        workers: 0,
        ranges,
      });
      const kind = (s: string) => {
        const c = t.series.get(s)! as PriceColumn;
        return c instanceof Float64Array ? 'doubles' : `base ${c.base} shift ${c.shift}`;
      };
      expect(['A', 'B', 'C', 'D', 'E', 'F', 'G'].map(kind)).toEqual([
        'base 2 shift 2', // 4 decimals seen in the samples, minus 2
        'doubles',
        'doubles',
        'base 4 shift 2', // 6 decimals in the whole column, minus 2
        'base 0 shift 2', // 2 decimals seen, minus 2: offsets up to 3 decimals
        'doubles', // 30000.000000: past 2^32 − 2
        'base 6 shift 0', // 3000.000000: too many digits for offsets
      ]);
    }
  });

  test('CRLF, BOM, no final line break, blank and all-empty lines', async () => {
    await expectSame(
      lab,
      '\ufeffdate,A,B\r\n2024-01-01,1,2\r\n\r\n,,\r\n2024-01-02,3,\r\n2024-01-03,5,6',
      {
        fast: true,
      },
    );
    await expectSame(lab, 'date,A,B\n2024-01-01,1,2\n\n2024-01-02,3,4\n,,\n', { fast: true });
  });
  test('quoted fields and quoted headers', async () => {
    await expectSame(lab, '"date","A","B"\n"2024-01-01","1.5","2"\n"2024-01-02","",3\n', {
      fast: true,
    });
    // plain quoted fields in unused columns, with commas inside
    await expectSame(lab, 'date,A,NOTE\n2024-01-01,1,"a, b"\n"2024-01-02",2,""\n', {
      symbols: ['A'],
      fast: true,
    });
    await expectSame(lab, 'date,"A,1",B\n2024-01-01,"1,5",2\n'); // a bad cell inside quotes
    await expectSame(lab, 'date,A\n2024-01-01,"1\n2"\n'); // a line break inside quotes
    await expectSame(lab, '"date",A\r\n"2024-01-01",1\n"2024-01-02",2\r\n'); // quoted, mixed line ends
    // quotes the scanner leaves to the simple reader: escaped, after blanks, text after the closing one
    await expectSame(lab, 'date,A,NOTE\n2024-01-01,1,"say ""hi"""\n');
    await expectSame(lab, 'date,A,B\n2024-01-01, "1.5" ,2\n');
    await expectSame(lab, 'date,A,B\n2024-01-01,"1.5"x,2\n');
    await expectSame(lab, 'date,A,B\n2024-01-01,1"5,2\n');
    await expectSame(lab, 'date,symbol,price\n2024-01-01,"A",1\n2024-01-01," B",2\n');
  });

  test('number forms: exponents, signs, long digit strings, blanks, -0', async () => {
    await expectSame(
      lab,
      'date,A,B\n2024-01-01, 1.5 ,1e3\n2024-01-02,+7,.5\n2024-01-03,0.12345678901234567,123456789012345.6\n' +
        '2024-01-04,-0,-0.0\n2024-01-05,12.,-3\n',
    );
    await expectSame(lab, 'date,A\n2024-01-01,1\n2024-01-02,-0\n', { positive: true });
  });
  test('unsorted rows are sorted; equal times merge or clash as in the simple path', async () => {
    await expectSame(lab, 'date,A,B\n2024-01-03,3,30\n2024-01-01,1,10\n2024-01-02,2,20\n', {
      fast: true,
    });
    await expectSame(lab, 'date,A,B\n2024-01-01,1,\n2024-01-01,,10\n2024-01-02,2,20\n');
    await expectSame(lab, 'date,A,B\n2024-01-01,1,5\n2024-01-01,2,\n');
  });
  test('located errors are identical: bad cells, bad times, ragged rows, header problems', async () => {
    const r = await expectSame(
      lab,
      'date,A,B\n2024-01-01,n/a,2\n2024-02-30,1,2\n2024-01-03,1\n2024-01-04,-1,2\n',
      {
        positive: true,
      },
    );
    expect('errors' in r && r.errors.length).toBe(4);
    await expectSame(lab, 'date;A;B\n2024-01-01;1;2\n');
    await expectSame(lab, 'date,A,A\n2024-01-01,1,2\n');
    await expectSame(lab, 'date,A\n');
    await expectSame(lab, '');
    await expectSame(lab, 'date,A\r\n2024-01-01,1\n2024-01-02,2\r\n'); // mixed line ends
    await expectSame(lab, 'date,A\r2024-01-01,1\r2024-01-02,2\r'); // old Mac line ends
    await expectSame(
      lab,
      Buffer.from([0x64, 0x61, 0x74, 0x65, 0x2c, 0x41, 0x0a, 0x31, 0x2c, 0xe9, 0x0a]),
    );
  });
  test('the file name in the table and in messages is the one the simple reader shows', async () => {
    await expectSame(lab, 'date,A\n2024-01-01,1\n', { fast: true }, ' \x1b[31m"x"\n');
    await expectSame(lab, 'date,A\n2024-01-01,x\n', {}, ' \x1b[31m"x"\n');
    await expectSame(lab, wideMinutes(2_000), { symbols: ['BTC'], fast: true }, '\u202e');
  });

  test('a failing standard input is reported as the simple reader reports it', async () => {
    const failing = () =>
      new Readable({
        read() {
          this.destroy(Object.assign(new Error('i/o'), { code: 'EIO' }));
        },
      });
    const simple = await outcome(async () =>
      parsePrices(await readTextSource('-', failing()), { symbols: null, positive: false }),
    );
    const fast = await outcome(() =>
      readPrices('-', failing(), { symbols: null, positive: false }),
    );
    expect(simple).toEqual({ errors: ['<stdin>: cannot read the file (EIO)'] });
    expect(fast).toEqual(simple);
  });

  test('a path that is not a readable file is reported as the simple reader reports it', async () => {
    for (const file of [lab.dir, path.join(lab.dir, 'missing.csv')]) {
      const simple = await outcome(async () =>
        parsePrices(await readTextSource(file, Readable.from([])), {
          symbols: null,
          positive: false,
        }),
      );
      expect('errors' in simple).toBe(true);
      const fast = await outcome(() =>
        readPrices(file, Readable.from([]), { symbols: null, positive: false }),
      );
      expect(fast).toEqual(simple);
    }
  });

  test('long layout: any row order, unused symbols listed, duplicates reported', async () => {
    const long =
      'date,symbol,close\n2024-01-02,B,20\n2024-01-01,A,1\n2024-01-01,B,10\n2024-01-02,C,7\n2024-01-03,A,3\n';
    await expectSame(lab, long, { fast: true });
    await expectSame(lab, long, { symbols: ['A', 'B'], positive: true, fast: true });
    await expectSame(lab, 'time,symbol,price\n2024-01-01,A,1\n2024-01-01,A,2\n');
    await expectSame(lab, 'time,symbol,price\n2024-01-01, A ,1\n2024-01-01,,2\n');
    const lines = ['timestamp,symbol,price'];
    for (let i = 0; i < 3_000; i++)
      lines.push(`${1704067200 + Math.floor(i / 3) * 60},${'XYZ'[i % 3]},${(i % 1000) + 0.25}`);
    await expectSame(lab, lines.join('\n'), { symbols: ['X', 'Z'], fast: true });
  });

  test('property: random wide files', async () => {
    const cell = fc.oneof(
      fc.constant(''),
      fc.double({ min: 1e-6, max: 1e9, noNaN: true }).map((v) => String(v)),
      fc.integer({ min: 1, max: 10 ** 9 }).map((v) => String(v / 1000)),
      fc.constantFrom(' 1 ', '"2.5"', '1e-2', 'x', '-1'),
      // quoting: plain (the scanner's), and forms the simple reader resolves
      fc.constantFrom('""', '"1,5"', '" 3"', ' "4" ', '"5"x', '"6""7"', '8"', '"9'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        fc.boolean(),
        async (rows, crlf, positive) => {
          const nl = crlf ? '\r\n' : '\n';
          const body = rows.map((r, i) => `${1704067200 + i * 3600},${r.join(',')}`).join(nl);
          // B is converted only in some runs: an unused column's fields are skipped, not read
          const symbols = rows.length % 2 ? ['A', 'C'] : ['A', 'B', 'C'];
          await expectSame(lab, `t,A,B,C${nl}${body}${nl}`, { symbols, positive });
        },
      ),
      { seed: 42, numRuns: 80 },
    );
  });
});
