/**
 * The large-file reader must give exactly what the simple path gives (parsePrices over the whole
 * text): the same table, bit for bit, and the same error messages. Every case runs the fast path
 * (threshold 0) with the file split into several byte ranges, in this thread and on real worker
 * threads (the worker bundled with esbuild as in scripts/build.mjs), and from standard input.
 */
import { buildSync } from 'esbuild';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { InputError, formatProblem } from '../../src/errors';
import { parsePrices } from '../../src/input/prices';
import { parseNumberCell } from '../../src/input/cells';
import {
  fastDecimal,
  newDateCache,
  readPricesFile,
  timeCell,
  type ReadPricesOptions,
} from '../../src/input/prices-stream';
import { parseTime } from '../../src/input/time';
import { seriesDoubles as columnDoubles } from '../../src/input/series';
import type { PriceTable } from '../../src/input/types';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hedge-stream-'));
const workerScript = path.join(dir, 'price-worker.cjs');
let fileNo = 0;

beforeAll(() => {
  buildSync({
    entryPoints: [path.resolve(__dirname, '../../src/input/price-worker.ts')],
    outfile: workerScript,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Outcome = { table: PriceTable } | { errors: string[] };

/** The table with every column as doubles: the fast path's decimal codes compare by value. */
function asDoubles(t: PriceTable): PriceTable {
  return { ...t, series: new Map([...t.series].map(([k, c]) => [k, columnDoubles(c)])) };
}

async function outcome(fn: () => Promise<PriceTable> | PriceTable): Promise<Outcome> {
  try {
    return { table: asDoubles(await fn()) };
  } catch (e) {
    if (e instanceof InputError) return { errors: e.problems.map(formatProblem) };
    throw e;
  }
}

interface Opts {
  symbols?: string[] | null;
  positive?: boolean;
  /** The scan must produce the table itself (no fallback to the simple path). */
  fast?: boolean;
}

/** Simple path vs fast path (in-thread ranges 1–3, workers 2, stdin): all equal. */
async function expectSame(text: string | Buffer, o: Opts = {}, name = ''): Promise<Outcome> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const file = path.join(dir, `p${fileNo++}${name}.csv`);
  writeFileSync(file, bytes);
  const base = { symbols: o.symbols ? new Set(o.symbols) : null, positive: o.positive ?? false };
  // the simple path's own reading of the file: readTextSource + parsePrices
  const { readTextSource } = await import('../../src/input/read');
  const simple = await outcome(async () =>
    parsePrices(await readTextSource(file, Readable.from([])), base),
  );
  const paths: string[] = [];
  const trace = (p: string) => paths.push(p);
  const variants: ReadPricesOptions[] = [
    { ...base, trace },
    { ...base, trace, thresholdBytes: 0, workers: 0, ranges: 1 },
    { ...base, trace, thresholdBytes: 0, workers: 0, ranges: 3 },
    { ...base, trace, thresholdBytes: 0, workers: 2, workerScript },
  ];
  for (const v of variants) {
    const fast = await outcome(() => readPricesFile(file, Readable.from([]), v));
    expect(fast).toEqual(simple);
  }
  const piped = await outcome(() =>
    readPricesFile('-', Readable.from(chunksOf(bytes, 7)), { ...base, trace, thresholdBytes: 0 }),
  );
  if (o.fast) expect(paths).not.toContain('simple');
  if ('errors' in simple) expect(new Set(paths)).toEqual(new Set(['simple']));
  const simpleStdin = await outcome(() =>
    parsePrices({ name: '<stdin>', text: stripBom(bytes.toString('utf8')) }, base),
  );
  if ('table' in simpleStdin || 'table' in simple) expect(piped).toEqual(simpleStdin);
  return simple;
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

function chunksOf(b: Buffer, n: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += n) out.push(b.subarray(i, i + n));
  return out;
}

/** A wide file large enough (> 2 MB) that the workers really split it. */
function bigWide(rows: number, crlf = false): string {
  const nl = crlf ? '\r\n' : '\n';
  const lines = ['time,BTC,ETH,SOL,UNUSED'];
  let p = 100;
  for (let i = 0; i < rows; i++) {
    p *= 1 + Math.sin(i) / 100;
    const t = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
    lines.push(
      `${t},${p.toFixed(4)},${(p / 7).toPrecision(17)},${i % 97 === 0 ? '' : (p / 3).toFixed(2)},x`,
    );
  }
  return lines.join(nl) + nl;
}

describe('readPricesFile gives what parsePrices gives', () => {
  test('the sample fixture, all symbols and a subset, positive or not', async () => {
    const text = readFileSync(path.resolve(__dirname, '../../fixtures/prices.csv'), 'utf8');
    const r = await expectSame(text, { fast: true });
    expect('table' in r).toBe(true);
    await expectSame(text, { symbols: ['BTC', 'ETH', 'SOL'], positive: true, fast: true });
  });

  test('a multi-megabyte file split across workers, LF and CRLF, with a BOM', async () => {
    const text = bigWide(40_000);
    expect(text.length).toBeGreaterThan(2 << 20);
    await expectSame(text, { symbols: ['BTC', 'SOL'], positive: true, fast: true });
    await expectSame('\ufeff' + bigWide(40_000, true), { symbols: ['ETH'], fast: true });
  });

  test('large files keep columns in decimal codes where every value has one, doubles elsewhere', async () => {
    // A: 4 decimals; B: 17 significant digits; C: negative values; D: 2 decimals, except a block
    // of 800 rows with 6 that no sample of the file sees (escapes past the limit: a second scan
    // with a layout from the whole column); E: the same with 10-digit mantissas (a layout without
    // offsets); F: with 11 digits (doubles after all); G: 10 digits throughout; H: as D with a
    // block of 100 rows (escapes within the limit: the codes re-encoded with a wider layout)
    const rows = 12_000;
    const lines = ['time,A,B,C,D,E,F,G,H'];
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
          block ? (p * 30).toFixed(6) : (p * 30).toFixed(2),
          block ? (p * 300).toFixed(6) : (p * 300).toFixed(2),
          (p * 30).toFixed(6),
          i >= 300 && i < 400 ? (p / 3).toFixed(6) : (p / 3).toFixed(2),
        ].join(','),
      );
    }
    const text = lines.join('\n') + '\n';
    await expectSame(text, { fast: true });
    const file = path.join(dir, `kinds${fileNo++}.csv`);
    writeFileSync(file, text);
    for (const o of [
      { workers: 0, ranges: 3 },
      { workers: 2, workerScript },
    ]) {
      const t = await readPricesFile(file, Readable.from([]), {
        symbols: null,
        positive: false,
        thresholdBytes: 0,
        ...o,
      });
      const kind = (s: string) => {
        const c = t.series.get(s)!;
        return c instanceof Float64Array ? 'doubles' : `base ${c.base} shift ${c.shift}`;
      };
      expect(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map(kind)).toEqual([
        'base 2 shift 2', // 4 decimals seen in the samples, minus 2
        'doubles',
        'doubles',
        'base 3 shift 2', // 6 decimals in the whole column, minus 3
        'base 6 shift 0', // 3000.000000: too many digits for offsets
        'doubles', // 30000.000000: past 2^32 − 2
        'base 6 shift 0', // chosen from the samples
        'base 3 shift 2', // 6 decimals in the whole column, minus 3
      ]);
    }
  });

  test('CRLF, BOM, no final line break, blank and all-empty lines', async () => {
    await expectSame(
      '\ufeffdate,A,B\r\n2024-01-01,1,2\r\n\r\n,,\r\n2024-01-02,3,\r\n2024-01-03,5,6',
      {
        fast: true,
      },
    );
    await expectSame('date,A,B\n2024-01-01,1,2\n\n2024-01-02,3,4\n,,\n', { fast: true });
  });

  test('quoted fields and quoted headers', async () => {
    await expectSame('"date","A","B"\n"2024-01-01","1.5","2"\n"2024-01-02","",3\n', { fast: true });
    await expectSame('date,"A,1",B\n2024-01-01,"1,5",2\n'); // a bad cell inside quotes
    await expectSame('date,A\n2024-01-01,"1\n2"\n'); // a line break inside quotes
    await expectSame('"date",A\r\n"2024-01-01",1\n"2024-01-02",2\r\n'); // quoted, mixed line ends
  });

  test('number forms: exponents, signs, long digit strings, blanks, -0', async () => {
    await expectSame(
      'date,A,B\n2024-01-01, 1.5 ,1e3\n2024-01-02,+7,.5\n2024-01-03,0.12345678901234567,123456789012345.6\n' +
        '2024-01-04,-0,-0.0\n2024-01-05,12.,-3\n',
    );
    await expectSame('date,A\n2024-01-01,1\n2024-01-02,-0\n', { positive: true });
  });

  test('unsorted rows are sorted; equal times merge or clash as in the simple path', async () => {
    await expectSame('date,A,B\n2024-01-03,3,30\n2024-01-01,1,10\n2024-01-02,2,20\n', {
      fast: true,
    });
    await expectSame('date,A,B\n2024-01-01,1,\n2024-01-01,,10\n2024-01-02,2,20\n');
    await expectSame('date,A,B\n2024-01-01,1,5\n2024-01-01,2,\n');
  });

  test('located errors are identical: bad cells, bad times, ragged rows, header problems', async () => {
    const r = await expectSame(
      'date,A,B\n2024-01-01,n/a,2\n2024-02-30,1,2\n2024-01-03,1\n2024-01-04,-1,2\n',
      {
        positive: true,
      },
    );
    expect('errors' in r && r.errors.length).toBe(4);
    await expectSame('date;A;B\n2024-01-01;1;2\n');
    await expectSame('date,A,A\n2024-01-01,1,2\n');
    await expectSame('date,A\n');
    await expectSame('');
    await expectSame('date,A\r\n2024-01-01,1\n2024-01-02,2\r\n'); // mixed line ends
    await expectSame('date,A\r2024-01-01,1\r2024-01-02,2\r'); // old Mac line ends
    await expectSame(
      Buffer.from([0x64, 0x61, 0x74, 0x65, 0x2c, 0x41, 0x0a, 0x31, 0x2c, 0xe9, 0x0a]),
    );
  });

  test('the file name in the table and in messages is the one the simple path shows', async () => {
    await expectSame('date,A\n2024-01-01,1\n', { fast: true }, ' \x1b[31m"x"\n');
    await expectSame('date,A\n2024-01-01,x\n', {}, ' \x1b[31m"x"\n');
    await expectSame(bigWide(40_000), { symbols: ['BTC'], fast: true }, '\u202e');
  });

  test('a failing standard input is reported as the simple path reports it', async () => {
    const failing = () =>
      new Readable({
        read() {
          this.destroy(Object.assign(new Error('i/o'), { code: 'EIO' }));
        },
      });
    const { readTextSource } = await import('../../src/input/read');
    const simple = await outcome(async () =>
      parsePrices(await readTextSource('-', failing()), { symbols: null, positive: false }),
    );
    const fast = await outcome(() =>
      readPricesFile('-', failing(), { symbols: null, positive: false }),
    );
    expect('errors' in simple).toBe(true);
    expect(fast).toEqual(simple);
  });

  test('long layout: any row order, unused symbols listed, duplicates reported', async () => {
    const long =
      'date,symbol,close\n2024-01-02,B,20\n2024-01-01,A,1\n2024-01-01,B,10\n2024-01-02,C,7\n2024-01-03,A,3\n';
    await expectSame(long, { fast: true });
    await expectSame(long, { symbols: ['A', 'B'], positive: true, fast: true });
    await expectSame('time,symbol,price\n2024-01-01,A,1\n2024-01-01,A,2\n');
    await expectSame('time,symbol,price\n2024-01-01, A ,1\n2024-01-01,,2\n');
    const lines = ['timestamp,symbol,price'];
    for (let i = 0; i < 60_000; i++)
      lines.push(`${1704067200 + Math.floor(i / 3) * 60},${'XYZ'[i % 3]},${(i % 1000) + 0.25}`);
    await expectSame(lines.join('\n'), { symbols: ['X', 'Z'], fast: true });
  });

  test('property: random wide files', async () => {
    const cell = fc.oneof(
      fc.constant(''),
      fc.double({ min: 1e-6, max: 1e9, noNaN: true }).map((v) => String(v)),
      fc.integer({ min: 1, max: 10 ** 9 }).map((v) => String(v / 1000)),
      fc.constantFrom(' 1 ', '"2.5"', '1e-2', 'x', '-1'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        fc.boolean(),
        async (rows, crlf, positive) => {
          const nl = crlf ? '\r\n' : '\n';
          const body = rows.map((r, i) => `${1704067200 + i * 3600},${r.join(',')}`).join(nl);
          await expectSame(`t,A,B,C${nl}${body}${nl}`, { symbols: ['A', 'C'], positive });
        },
      ),
      { seed: 42, numRuns: 60 },
    );
  });
});

describe('the byte-level fast paths agree with the shared parsers', () => {
  test('timeCell equals parseTime on ISO forms, epochs and near misses', () => {
    const cache = newDateCache();
    const two = (lo: number, hi: number) =>
      fc.integer({ min: lo, max: hi }).map((v) => String(v).padStart(2, '0'));
    const iso = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }).map((v) => String(v).padStart(4, '0')),
        two(0, 13),
        two(0, 32),
        fc.constantFrom('', 'T', 't', ' ', 'x'),
        two(0, 25),
        two(0, 61),
        fc.constantFrom('', ':00', ':59', ':60', ':5', '.5'),
        fc.constantFrom('', 'Z', 'z', '+01:00', ' '),
      )
      .map(
        ([y, m, d, sep, hh, mm, ss, z]) =>
          `${y}-${m}-${d}${sep === '' ? '' : `${sep}${hh}:${mm}${ss}${z}`}`,
      );
    const epoch = fc.oneof(
      fc.integer({ min: 0, max: 2 ** 52 }).map(String),
      fc.constantFrom(
        '20240102',
        '-5',
        '1e9',
        '99999999999',
        '100000000000',
        '8640000000000001',
        ' 1',
      ),
    );
    // a date with one of its ten characters changed: a blank, a sign, a letter, a dash, a digit
    const nearDate = fc
      .tuple(
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom(' ', '+', '-', 'x', '/', '0', '9', '\u00a0'),
        fc.constantFrom('2024-02-29', '2023-02-29', '0000-01-01', '1999-12-31', '2024-04-31'),
        fc.constantFrom('', 'T10:00', ' 23:59:59Z'),
      )
      .map(([i, c, date, rest]) => `${date.slice(0, i)}${c}${date.slice(i + 1)}${rest}`);
    const withText = newDateCache();
    fc.assert(
      fc.property(fc.oneof(iso, epoch, nearDate, fc.string()), (text) => {
        const b = Buffer.from(text, 'utf8');
        expect(timeCell(b, 0, b.length, cache)).toBe(parseTime(text));
        // the in-thread reader's form: the same bytes with their latin1 text
        expect(timeCell(b, 0, b.length, withText, b.toString('latin1'))).toBe(parseTime(text));
      }),
      { seed: 7, numRuns: 8000 },
    );
  });

  test('fastDecimal is exact where it accepts, and declines what it cannot do exactly', () => {
    const at = (t: string) => fastDecimal(Buffer.from(t), 0, t.length);
    expect([at('123.456'), at('-0.5'), at('42'), at('.25'), at('7.')]).toEqual([
      123.456, -0.5, 42, 0.25, 7,
    ]);
    expect([at('1e3'), at('+1'), at(' 1'), at('1234567890123456'), at('-'), at('1.2.3')]).toEqual(
      Array(6).fill(-Infinity),
    );
    const text = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc
        .tuple(fc.bigInt({ min: 0n, max: 10n ** 17n }), fc.integer({ min: 0, max: 17 }))
        .map(([m, k]) => {
          const s = m.toString().padStart(k + 1, '0');
          return `${s.slice(0, s.length - k)}.${s.slice(s.length - k)}`;
        }),
      fc.stringMatching(/^-?[0-9]{0,16}(\.[0-9]{0,6})?$/),
    );
    fc.assert(
      fc.property(text, (t) => {
        const b = Buffer.from(t, 'latin1');
        const v = fastDecimal(b, 0, b.length);
        if (v !== -Infinity) expect(Object.is(v, parseNumberCell(t))).toBe(true);
      }),
      { seed: 11, numRuns: 5000 },
    );
  });
});
