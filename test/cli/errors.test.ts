/**
 * The catalogue of broken input: for each, the exact message(s) on stderr, nothing on stdout, and
 * the documented exit code (1 bad data, 2 usage). Then unusual but valid input (BOM, CRLF,
 * unsorted rows, quoted fields, extra columns) giving the report plain input gives, and
 * magnitudes near 1e300. Driven in-process through runCli.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, type CliResult } from '../support/cli';
import { dailyWalkCsv } from '../support/daily-prices';

// Lets one test make a read fail with EACCES even when the tests run as root.
jest.mock('node:fs', () => {
  const actual = jest.requireActual<typeof import('node:fs')>('node:fs');
  return { ...actual, readFileSync: jest.fn(actual.readFileSync) };
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mockedFs = require('node:fs') as { readFileSync: jest.Mock };

const dir = mkdtempSync(path.join(os.tmpdir(), 'hedge-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file into the test directory and returns its path. */
function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** Daily closes of `symbols` from 2024-01-01, starting at level·(1 + j/10): a seeded walk. */
function pricesCsv(
  symbols: readonly string[],
  n = 60,
  level = 100,
  show: (v: number) => string = (v) => v.toPrecision(8),
): string {
  const start = symbols.map((_, j) => level * (1 + j / 10));
  return dailyWalkCsv({ symbols, start, days: n, seed: 12345, tilt: 8, show });
}

const PRICES = file('prices.csv', pricesCsv(['BTC', 'ETH', 'SOL']));
const POSITIONS = file('positions.csv', 'symbol,quantity\nSOL,100\nETH,-2\n');
const TRY = "Try 'hedge --help' for more information.";

function run(positions: string, prices: string, ...args: string[]): Promise<CliResult> {
  return runCli(['-p', positions, '-r', prices, ...args]);
}

/** Asserts the exact stderr lines (each with `hedge: `), an empty stdout and the exit code. */
function expectFailure(res: CliResult, code: 1 | 2, lines: readonly string[]): void {
  expect({ code: res.code, stdout: res.stdout, stderr: res.stderr.split('\n') }).toEqual({
    code,
    stdout: '',
    stderr: [...lines, ''],
  });
}

describe('missing, unreadable and empty files (exit 1)', () => {
  test('a file that does not exist', async () => {
    const p = path.join(dir, 'nope.csv');
    expectFailure(await run(p, PRICES), 1, [`hedge: ${p}: no such file`]);
    expectFailure(await run(POSITIONS, p), 1, [`hedge: ${p}: no such file`]);
  });

  test('a path through a file', async () => {
    const p = path.join(PRICES, 'x.csv');
    expectFailure(await run(POSITIONS, p), 1, [
      `hedge: ${p}: no such file (a parent in the path is not a directory)`,
    ]);
  });

  test('a directory', async () => {
    const d = path.join(dir, 'a-directory');
    mkdirSync(d, { recursive: true });
    expectFailure(await run(d, PRICES), 1, [`hedge: ${d}: is a directory, not a file`]);
  });

  test('a file that cannot be read (permission denied)', async () => {
    const p = file('locked.csv', 'symbol,quantity\nSOL,1\n');
    mockedFs.readFileSync.mockImplementationOnce(() => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
    });
    expectFailure(await run(p, PRICES), 1, [`hedge: ${p}: permission denied`]);
  });

  test.each([
    ['empty', ''],
    ['blank lines and spaces', '\n  \r\n\t\n'],
    ['a byte order mark only', '\ufeff'],
  ])('an empty file (%s)', async (_name, text) => {
    const p = file('empty.csv', text);
    expectFailure(await run(p, PRICES), 1, [`hedge: ${p}: file is empty`]);
    expectFailure(await run(POSITIONS, p), 1, [`hedge: ${p}: file is empty`]);
  });

  test('standard input: empty, binary', async () => {
    const empty = await runCli(['-p', '-', '-r', PRICES], { stdin: '' });
    expectFailure(empty, 1, ['hedge: <stdin>: file is empty']);
    const binary = await runCli(['-p', POSITIONS, '-r', '-'], { stdin: Buffer.from([1, 0, 2]) });
    expectFailure(binary, 1, ['hedge: <stdin>: not a text file (binary data at byte 2)']);
  });

  test('header only, or header and comments', async () => {
    const p = file('header-only.csv', 'symbol,quantity\n# closed: SOL,5\n');
    expectFailure(await run(p, PRICES), 1, [
      `hedge: ${p}: no positions (only a header or comments)`,
    ]);
    const r = file('prices-header-only.csv', 'date,BTC,SOL\n');
    expectFailure(await run(POSITIONS, r), 1, [`hedge: ${r}: no data rows`]);
  });
});

describe('columns (exit 1)', () => {
  test('a required column is missing', async () => {
    const p = file('no-symbol.csv', 'asset,quantity\nSOL,1\n');
    expectFailure(await run(p, PRICES), 1, [
      `hedge: ${p}:1: missing column "symbol" (column "asset": did you mean "symbol"?)`,
    ]);
    const q = file('no-quantity.csv', 'symbol,label\nSOL,x\n');
    expectFailure(await run(q, PRICES), 1, [
      `hedge: ${q}:1: missing column "quantity", "notional" or "liquidity"`,
    ]);
  });

  test('a misspelt column: the nearest name is suggested', async () => {
    const p = file('misspelt.csv', 'Symbl,Quantty,hedge\nSOL,1,BTC\n');
    expectFailure(await run(p, PRICES), 1, [
      `hedge: ${p}:1: missing column "symbol" (did you mean "Symbl"?)`,
      `hedge: ${p}:1: missing column "quantity", "notional" or "liquidity" (did you mean "Quantty"?)`,
      `hedge: ${p}:1: unknown column "hedge" (did you mean "hedges"?)`,
    ]);
  });

  test('instruments without a lot column', async () => {
    const i = file('instruments.csv', 'symbol,multiplier,lots\nBTC,0.001,1\n');
    expectFailure(await run(POSITIONS, PRICES, '--instruments', i), 1, [
      `hedge: ${i}:1: missing column "lot" (did you mean "lots"?)`,
    ]);
  });

  test('long prices without a price column', async () => {
    const r = file('long-no-price.csv', 'date,symbol,value\n2024-01-01,SOL,1\n');
    expectFailure(await run(POSITIONS, r), 1, [
      `hedge: ${r}:1: a "symbol" column means the long layout, which also needs a column "price" or "close"`,
    ]);
  });

  test('a prices header with a duplicate or unnamed column', async () => {
    const r = file('dup-columns.csv', 'date,SOL,,SOL\n2024-01-01,1,2,3\n');
    expectFailure(await run(POSITIONS, r), 1, [
      `hedge: ${r}:1: column 3 has no name`,
      `hedge: ${r}:1: duplicate column "SOL" (columns 2 and 4)`,
    ]);
  });

  test('semicolon-separated (a European spreadsheet export)', async () => {
    const r = file('semicolons.csv', 'date;BTC;SOL\n2024-01-01;1,5;2\n');
    expectFailure(await run(POSITIONS, r), 1, [
      `hedge: ${r}:1: the header is a single column "date;BTC;SOL": columns look separated by ";", but must be separated by commas`,
    ]);
  });
});

describe('cells (exit 1)', () => {
  test('non-numeric quantities, NaN and Infinity as text', async () => {
    const p = file(
      'bad-numbers.csv',
      'symbol,quantity\nSOL,abc\nETH,NaN\nBTC,Infinity\nSOL,-inf\nETH,1e999\nBTC,"1,000"\nSOL,0x10\n',
    );
    expectFailure(await run(p, PRICES), 1, [
      `hedge: ${p}:2: column "quantity": expected a number, got "abc"`,
      `hedge: ${p}:3: column "quantity": expected a number, got "NaN"`,
      `hedge: ${p}:4: column "quantity": expected a number, got "Infinity"`,
      `hedge: ${p}:5: column "quantity": expected a number, got "-inf"`,
      `hedge: ${p}:6: column "quantity": expected a number, got "1e999"`,
      `hedge: ${p}:7: column "quantity": expected a number, got "1,000"`,
      `hedge: ${p}:8: column "quantity": expected a number, got "0x10"`,
    ]);
  });

  test('neither or both of quantity and notional', async () => {
    const p = file('both.csv', 'symbol,quantity,notional\nSOL,1,100\nETH,,\n');
    expectFailure(await run(p, PRICES), 1, [
      `hedge: ${p}:2: both "quantity" and "notional" are given: give one of them`,
      `hedge: ${p}:3: no "quantity" or "notional": give one of them`,
    ]);
  });

  test('non-numeric prices, NaN and Infinity text', async () => {
    const r = file(
      'bad-prices.csv',
      'date,BTC,SOL\n2024-01-01,100,n/a\n2024-01-02,NaN,10\n2024-01-03,Infinity,10\n',
    );
    expectFailure(await run(POSITIONS, r), 1, [
      `hedge: ${r}:2: column "SOL": expected a number, got "n/a"`,
      `hedge: ${r}:3: column "BTC": expected a number, got "NaN"`,
      `hedge: ${r}:4: column "BTC": expected a number, got "Infinity"`,
    ]);
  });

  test('zero and negative prices: an error for log and simple returns, fine for diff', async () => {
    const text = pricesCsv(['BTC', 'SOL'], 40).replace(/\n2024-01-05,[^,]*,/, '\n2024-01-05,0,');
    const r = file('zero-price.csv', text.replace(/\n(2024-01-09,[^,]*),[^\n]*/, '\n$1,-3.5'));
    const message = (line: number, col: string, v: string) =>
      `hedge: ${r}:${line}: column "${col}": price must be greater than zero for log and simple returns, got ${v}`;
    const p = file('sol.csv', 'symbol,quantity\nSOL,10\n');
    for (const kind of ['log', 'simple']) {
      expectFailure(await run(p, r, '--returns', kind), 1, [
        message(6, 'BTC', '0'),
        message(10, 'SOL', '-3.5'),
      ]);
    }
    const diff = await run(p, r, '--returns', 'diff', '--format', 'json');
    expect(diff.code).toBe(0);
  });

  test('impossible dates and times', async () => {
    const r = file(
      'bad-dates.csv',
      'date,BTC,SOL\n2023-02-29,1,2\n2024-02-30,1,2\n2024-13-01,1,2\n2024-01-01T24:00,1,2\n2024-01-01T12:60,1,2\nyesterday,1,2\n,1,2\n',
    );
    expectFailure(await run(POSITIONS, r), 1, [
      `hedge: ${r}:2: column "date": not a valid time: "2023-02-29"`,
      `hedge: ${r}:3: column "date": not a valid time: "2024-02-30"`,
      `hedge: ${r}:4: column "date": not a valid time: "2024-13-01"`,
      `hedge: ${r}:5: column "date": not a valid time: "2024-01-01T24:00"`,
      `hedge: ${r}:6: column "date": not a valid time: "2024-01-01T12:60"`,
      `hedge: ${r}:7: column "date": not a valid time: "yesterday"`,
      `hedge: ${r}:8: column "date": missing time`,
    ]);
  });

  test('the same timestamp twice names both lines, also written differently', async () => {
    const r = file(
      'dup-time.csv',
      'date,BTC,SOL\n2024-01-01,1,2\n2024-01-02,1,2\n2024-01-01T00:00:00Z,1,\n1704153600,,3\n',
    );
    expectFailure(await run(POSITIONS, r), 1, [
      `hedge: ${r}:4: duplicate time 2024-01-01 for "BTC" (also on line 2)`,
      `hedge: ${r}:5: duplicate time 2024-01-02 for "SOL" (also on line 3)`,
    ]);
    const long = file(
      'dup-time-long.csv',
      'date,symbol,price\n2024-01-01,SOL,1\n2024-01-01,BTC,1\n2024-01-01,SOL,2\n',
    );
    expectFailure(await run(POSITIONS, long), 1, [
      `hedge: ${long}:4: duplicate time 2024-01-01 for "SOL" (also on line 2)`,
    ]);
  });

  test('all bad rows up to 20, then a count', async () => {
    const rows = Array.from(
      { length: 25 },
      (_, i) => `2024-02-${String(i + 1).padStart(2, '0')},x${i},1`,
    );
    const r = file('many-bad.csv', `date,BTC,SOL\n${rows.join('\n')}\n`);
    const res = await run(POSITIONS, r);
    const lines = res.stderr.split('\n');
    expect(lines).toHaveLength(22);
    expect(lines[0]).toBe(`hedge: ${r}:2: column "BTC": expected a number, got "x0"`);
    expect(lines[19]).toBe(`hedge: ${r}:21: column "BTC": expected a number, got "x19"`);
    expect(lines[20]).toBe(`hedge: ${r}: and 5 more problems`);
    expect({ code: res.code, stdout: res.stdout }).toEqual({ code: 1, stdout: '' });
  });
});

describe('CSV structure and encoding (exit 1)', () => {
  test('ragged rows: too few and too many fields', async () => {
    const r = file('ragged.csv', 'date,BTC,SOL\n2024-01-01,1,2\n2024-01-02,1\n2024-01-03,1,2,3\n');
    expectFailure(await run(POSITIONS, r), 1, [
      `hedge: ${r}:3: found 2 fields, but the header has 3`,
      `hedge: ${r}:4: found 4 fields, but the header has 3`,
    ]);
  });

  test('an unterminated quote is located at its line', async () => {
    const r = file(
      'open-quote.csv',
      'date,BTC,SOL\n2024-01-01,1,2\n2024-01-02,"1,2\n2024-01-03,1,2\n',
    );
    expectFailure(await run(POSITIONS, r), 1, [
      `hedge: ${r}:3: a quoted field is never closed (missing closing quote)`,
    ]);
    const p = file('open-quote-pos.csv', 'symbol,quantity,label\nSOL,1,"Treasury\nETH,2,x\n');
    expectFailure(await run(p, PRICES), 1, [
      `hedge: ${p}:2: a quoted field is never closed (missing closing quote)`,
    ]);
  });

  test('text after a closing quote', async () => {
    const p = file('after-quote.csv', 'symbol,quantity\nSOL,"1"2\n');
    expectFailure(await run(p, PRICES), 1, [
      `hedge: ${p}:2: unexpected text after a closing quote (inside a quoted field, write a quote as "")`,
    ]);
  });

  test('binary garbage, invalid UTF-8, UTF-16', async () => {
    const bin = file('garbage.bin', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
    expectFailure(await run(POSITIONS, bin), 1, [
      `hedge: ${bin}: not a text file (binary data at byte 6)`,
    ]);
    const latin1 = file('latin1.csv', Buffer.from('symbol,quantity\nSOL,1\nM\xfcnz,2\n', 'latin1'));
    expectFailure(await run(latin1, PRICES), 1, [
      `hedge: ${latin1}: not UTF-8 text (invalid byte 0xFC at byte 24, line 3); save the file as UTF-8`,
    ]);
    const utf16 = file('utf16.csv', Buffer.from('\ufeffsymbol,quantity\n', 'utf16le'));
    expectFailure(await run(utf16, PRICES), 1, [
      `hedge: ${utf16}: not UTF-8 text (UTF-16 byte order mark); save the file as UTF-8`,
    ]);
  });
});

describe('symbols (exit 1)', () => {
  test('an unknown position symbol and an unknown row hedge: the nearest is suggested', async () => {
    const p = file('unknown.csv', 'symbol,quantity,hedges\nSLO,1,\nETH,1,BTX\nDOGE,1,\n');
    expectFailure(await run(p, PRICES), 1, [
      `hedge: ${p}:2: symbol "SLO" has no prices in ${PRICES} (did you mean "SOL"?)`,
      `hedge: ${p}:3: hedge "BTX" has no prices in ${PRICES} (did you mean "BTC"?)`,
      `hedge: ${p}:4: symbol "DOGE" has no prices in ${PRICES}`,
    ]);
  });

  test('an unknown --hedge symbol', async () => {
    expectFailure(await run(POSITIONS, PRICES, '--hedge', 'BTX,BTC'), 1, [
      `hedge: ${PRICES}: no prices for hedge "BTX" given by --hedge (did you mean "BTC"?)`,
    ]);
  });

  test('a position that hedges itself, a hedge listed twice', async () => {
    const p = file('self.csv', 'symbol,quantity,hedges\nBTC,1,\nSOL,1,ETH|ETH\n');
    expectFailure(await run(p, PRICES), 1, [
      `hedge: ${p}:2: "BTC" cannot hedge itself`,
      `hedge: ${p}:3: a hedge is listed twice`,
    ]);
  });
});

describe('flags (exit 2 with the help hint)', () => {
  test.each([
    [
      ['--window', '0'],
      '--window "0": expected a whole number ≥ 4 or a duration such as 30d, 8w, 12h',
    ],
    [
      ['--window', 'abc'],
      '--window "abc": expected a whole number ≥ 4 or a duration such as 30d, 8w, 12h',
    ],
    [['--lookback', '1.5'], '--lookback "1.5": expected a whole number ≥ 2'],
    [
      ['--halflife', '-1'],
      '--halflife "-1": expected a number greater than 0 or a duration such as 30d, 8w, 12h',
    ],
    [
      ['--halflife', 'NaN'],
      '--halflife "NaN": expected a number greater than 0 or a duration such as 30d, 8w, 12h',
    ],
    [['--min-correlation', '1.5'], '--min-correlation "1.5": expected a number from 0 to 1'],
    [
      ['--hedge', 'BTC,,ETH'],
      '--hedge "BTC,,ETH": expected comma-separated distinct symbols, like BTC,ETH',
    ],
    [
      ['--hedge', 'BTC,BTC'],
      '--hedge "BTC,BTC": expected comma-separated distinct symbols, like BTC,ETH',
    ],
    [
      ['--from', '2024-02-30'],
      '--from "2024-02-30": expected an ISO 8601 date or date-time, or Unix epoch seconds or milliseconds',
    ],
    [['--from', '2024-03-01', '--to', '2024-02-01'], '--from 2024-03-01 is after --to 2024-02-01'],
    [
      ['--returns', 'pct'],
      "option '--returns <kind>' argument 'pct' is invalid. Allowed choices are log, simple, diff, level.",
    ],
    [
      ['--format', 'xml'],
      "option '--format <f>' argument 'xml' is invalid. Allowed choices are table, json, csv, markdown, html.",
    ],
    [['--hegde', 'BTC'], "unknown option '--hegde' (did you mean --hedge?)"],
    [['extra'], 'too many arguments. Expected 0 arguments but got 1.'],
  ])('%j', async (args, message) => {
    expectFailure(await run(POSITIONS, PRICES, ...args), 2, [`hedge: ${message}`, TRY]);
  });

  test('a missing required option, two files on standard input', async () => {
    expectFailure(await runCli(['-p', POSITIONS]), 2, [
      "hedge: required option '-r, --prices <file>' not specified",
      TRY,
    ]);
    expectFailure(await runCli(['-p', '-', '-r', '-']), 2, [
      'hedge: --positions and --prices both read standard input; at most one file can be -',
      TRY,
    ]);
  });

  test('an output directory that does not exist, an output that is a directory', async () => {
    const out = path.join(dir, 'no-such-dir', 'report.json');
    expectFailure(await run(POSITIONS, PRICES, '-o', out), 2, [
      `hedge: --output ${out}: directory ${path.dirname(out)} does not exist`,
      TRY,
    ]);
    expectFailure(await run(POSITIONS, PRICES, '-o', dir), 2, [
      `hedge: --output ${dir}: is a directory`,
      TRY,
    ]);
  });

  test('an output that is one of the input files: refused, the input left alone', async () => {
    const text = pricesCsv(['BTC', 'ETH', 'SOL'], 40);
    const r = file('prices-copy.csv', text);
    expectFailure(await run(POSITIONS, r, '-o', r), 2, [
      `hedge: --output ${r} is also the --prices file: the report would overwrite it`,
      TRY,
    ]);
    const relative = path.relative(process.cwd(), POSITIONS);
    expectFailure(await run(relative, r, '--output', POSITIONS), 2, [
      `hedge: --output ${POSITIONS} is also the --positions file: the report would overwrite it`,
      TRY,
    ]);
    expect(readFileSync(r, 'utf8')).toBe(text);
  });
});

describe('undefined results (exit 1, located at the position row)', () => {
  // BTC and SOL move; FLAT is 5 on every row.
  const flat = file(
    'flat.csv',
    pricesCsv(['BTC', 'SOL'], 40)
      .split('\n')
      .map((l, i) => (l === '' ? l : `${l},${i === 0 ? 'FLAT' : '5'}`))
      .join('\n'),
  );
  const p = file('hedged-by-flat.csv', 'symbol,quantity,hedges\nBTC,1,SOL\nSOL,1,FLAT\n');

  // The message names the hedge (it once said "regressor 1").
  test('a hedge with zero variance names the row and the hedge', async () => {
    expectFailure(await run(p, flat), 1, [
      `hedge: ${p}:3: SOL: hedge "FLAT" has zero variance (its returns are all zero) over the 39 returns from 2024-01-01 to 2024-02-09; no regression is defined`,
    ]);
    expectFailure(await run(p, flat, '--returns', 'level'), 1, [
      `hedge: ${p}:3: SOL: hedge "FLAT" has zero variance (its prices are constant) over the 40 returns from 2024-01-01 to 2024-02-09; no regression is defined`,
    ]);
  });

  test('a zero-variance hedge is an error located at its row today', async () => {
    const res = await run(p, flat);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(new RegExp(`^hedge: ${escape(p)}:3: SOL: .+\\n$`));
  });

  // These once escaped as bare, unlocated messages.
  test('other undefined statistics are located at the row', async () => {
    const q = file('flat-position.csv', 'symbol,quantity,hedges\nFLAT,1,BTC\n');
    expectFailure(await run(q, flat, '--returns', 'level', '--no-intercept'), 1, [
      `hedge: ${q}:2: FLAT: effectiveness is undefined: the position returns are constant`,
    ]);
    expectFailure(await run(POSITIONS, PRICES, '--estimator', 'ewma', '--halflife', '0.01'), 1, [
      `hedge: ${POSITIONS}:2: SOL: the EWMA weights are concentrated on a single observation (half-life 0.01): the covariance is undefined`,
    ]);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every number anywhere in a parsed JSON value is finite. */
function allFinite(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(allFinite);
  if (v !== null && typeof v === 'object') return Object.values(v).every(allFinite);
  return true;
}

interface JsonReport {
  positions: {
    alpha: number | null;
    alphaStdError: number | null;
    residualStdDev: number | null;
    rSquared: number | null;
    correlation: number | null;
    effectiveness: { inSample: number | null; outOfSample: number | null };
    hedges: { beta: number | null; stdError: number | null; tStat: number | null }[];
  }[];
}

describe('magnitudes near 1e300 (no overflow to Infinity or NaN)', () => {
  // The same prices times 2^k are exactly representable: every ratio must be identical, every
  // value in the units of y scaled by exactly 2^k.
  const K = 990; // 2^990 ≈ 1e298
  const base = pricesCsv(['BTC', 'SOL'], 120, 100, (v) => String(v));
  const huge = base.replace(/\d+\.\d+(e[+-]\d+)?/g, (v) => String(Number(v) * 2 ** K));
  const small = base.replace(/\d+\.\d+(e[+-]\d+)?/g, (v) => String(Number(v) * 2 ** -K));
  const rBase = file('base.csv', base);
  const rHuge = file('huge.csv', huge);
  const rSmall = file('small.csv', small);
  const p = file('sol-btc.csv', 'symbol,quantity\nSOL,1\n');

  test.each(['log', 'simple'])(
    '%s returns of 1e300 prices are the returns of 100',
    async (kind) => {
      const a = await run(p, rBase, '--returns', kind, '--format', 'json');
      const b = await run(p, rHuge, '--returns', kind, '--format', 'json');
      expect(b.code).toBe(0);
      const ra = JSON.parse(a.stdout) as JsonReport;
      const rb = JSON.parse(b.stdout) as JsonReport;
      expect(rb.positions[0]!.hedges[0]!.beta).toBe(ra.positions[0]!.hedges[0]!.beta);
    },
  );

  // This once ended in "internal error: F is NaN".
  test.each(['level', 'diff'])(
    '--returns %s on 1e298 and 1e-298 prices: finite, and exactly the scaled results',
    async (kind) => {
      const a = await run(p, rBase, '--returns', kind, '--format', 'json');
      expect(a.code).toBe(0);
      const ra = JSON.parse(a.stdout) as JsonReport;
      for (const [r, k] of [
        [rHuge, K],
        [rSmall, -K],
      ] as const) {
        const b = await run(p, r, '--returns', kind, '--format', 'json');
        expect({ code: b.code, stderr: b.stderr }).toEqual({ code: 0, stderr: '' });
        const rb = JSON.parse(b.stdout) as JsonReport;
        expect(allFinite(rb)).toBe(true);
        const pa = ra.positions[0]!;
        const pb = rb.positions[0]!;
        expect(pb.hedges[0]!.beta).toBe(pa.hedges[0]!.beta);
        expect(pb.hedges[0]!.tStat).toBe(pa.hedges[0]!.tStat);
        expect(pb.rSquared).toBe(pa.rSquared);
        expect(pb.correlation).toBe(pa.correlation);
        expect(pb.effectiveness).toEqual(pa.effectiveness);
        expect(pb.alpha).toBe(pa.alpha! * 2 ** k);
        expect(pb.residualStdDev).toBe(pa.residualStdDev! * 2 ** k);
      }
    },
  );
});

describe('prices near the smallest double', () => {
  // ln(p_t/p_{t−1}) is finite even when the quotient is not: 10 after 1e-320 is ln 1e321 = 739.1.
  test('log returns across a subnormal price are finite', async () => {
    const text = pricesCsv(['BTC', 'SOL'], 40).replace(
      /\n(2024-01-11,[^,]*),[^\n]*/,
      '\n$1,1e-320',
    );
    const r = file('subnormal.csv', text);
    const p = file('sol-only.csv', 'symbol,quantity\nSOL,1\n');
    const res = await run(p, r, '--format', 'json', '--min-observations', '10');
    expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
    expect(allFinite(JSON.parse(res.stdout))).toBe(true);
  });
});

describe('unusual but valid input gives the plain report', () => {
  test('BOM, CRLF, unsorted rows, quoted fields, extra unused columns, comments', async () => {
    const plainPositions = file(
      'plain-positions.csv',
      'symbol,quantity,label\nSOL,100,Treasury\nETH,-2,\n',
    );
    const plain = await run(plainPositions, PRICES, '--format', 'json');
    expect(plain.code).toBe(0);

    const lines = pricesCsv(['BTC', 'ETH', 'SOL']).trim().split('\n');
    const header = lines.shift()!;
    const shuffled = lines
      .map((l, i) => ({ l, k: (i * 7919) % lines.length }))
      .sort((a, b) => a.k - b.k);
    const quoted = (l: string) =>
      l
        .split(',')
        .map((f) => `"${f}"`)
        .join(',');
    const weirdPrices = file(
      'weird-prices.csv',
      '\ufeff' +
        [
          `${quoted(header)},"Unused, really"`,
          ...shuffled.map((s) => `${quoted(s.l)},"x ""y"""`),
        ].join('\r\n') +
        '\r\n',
    );
    const weirdPositions = file(
      'weird-positions.csv',
      '\ufeff# exported by the desk\r\nNote,LABEL,Quantity,SYMBOL\r\n"a, b","Treasury",100,"SOL"\r\n,,-2,ETH\r\n',
    );
    const weird = await run(weirdPositions, weirdPrices, '--format', 'json');
    expect({ code: weird.code, stderr: weird.stderr }).toEqual({ code: 0, stderr: '' });
    const strip = (json: string) => {
      const r = JSON.parse(json) as { settings: Record<string, unknown> };
      delete r.settings.positions;
      delete r.settings.prices;
      return r;
    };
    expect(strip(weird.stdout)).toEqual(strip(plain.stdout));
  });

  test('long layout and epoch times give the wide report', async () => {
    const wide = await run(POSITIONS, PRICES, '--format', 'json');
    const rows = pricesCsv(['BTC', 'ETH', 'SOL']).trim().split('\n').slice(1);
    const long = rows.flatMap((l) => {
      const [d, ...v] = l.split(',');
      const epoch = Date.parse(`${d}T00:00:00Z`) / 1000;
      return ['BTC', 'ETH', 'SOL'].map((s, j) => `${s},${v[j]},${epoch}`);
    });
    const r = file('long.csv', `Symbol,Close,Timestamp\n${long.reverse().join('\n')}\n`);
    const res = await run(POSITIONS, r, '--format', 'json');
    expect(res.code).toBe(0);
    const positions = (s: string) => (JSON.parse(s) as JsonReport).positions;
    expect(positions(res.stdout)).toEqual(positions(wide.stdout));
  });
});
