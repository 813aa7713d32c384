/**
 * Hostile text: escape sequences, control characters and bidi overrides in symbols, labels,
 * column names, cells, file names and flag values never reach the terminal raw (they are shown
 * escaped); CSV cells a spreadsheet would run as a formula are neutralised, numbers untouched;
 * stdout carries only the report; no stack trace without --verbose.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { run as runHedge } from '../../src/cli/run';
import { fileIn, tempDirForThisFile } from '../support/temp-dir';
import { runCli, type CliResult } from '../support/cli';

const dir = tempDirForThisFile('hedge-hostile-');

const file = fileIn(dir);

/** C0 controls but LF, DEL, C1 controls (0x9B is CSI), line separators, bidi controls. */
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const ESC_SYMBOL = 'SOL\x1b[31mRED'; // recolours the terminal
const BIDI_SYMBOL = 'ETH\u202eLIVE'; // reorders the rest of the line
const FORMULA_SYMBOL = '=HYPERLINK("http://x")';
const LABELS = [
  'a\x1b]0;pwned\x07b', // sets the window title
  '\x9b2J', // 8-bit CSI: clears the screen on some terminals
  '@SUM(1+1)',
  '+cmd|x',
];

/** Prices for the hostile symbols and BTC: 60 daily rows, a seeded random walk. */
function pricesCsv(symbols: readonly string[]): string {
  let seed = 99;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  };
  const p = symbols.map((_, j) => 100 + 10 * j);
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = [`date,${symbols.map(quote).join(',')}`];
  for (let i = 0; i < 60; i++) {
    const common = rnd() * 0.04;
    symbols.forEach((_, j) => (p[j] = p[j]! * Math.exp(common + rnd() * 0.02)));
    lines.push(`${new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10)},${p.join(',')}`);
  }
  return lines.join('\n') + '\n';
}

const SYMBOLS = ['BTC', ESC_SYMBOL, BIDI_SYMBOL, FORMULA_SYMBOL];
const PRICES = file('prices.csv', pricesCsv(SYMBOLS));
const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
const POSITIONS = file(
  'positions.csv',
  [
    'symbol,quantity,hedges,label',
    `${q(ESC_SYMBOL)},10,BTC,${q(LABELS[0]!)}`,
    `${q(BIDI_SYMBOL)},-3,BTC,${q(LABELS[1]!)}`,
    `${q(FORMULA_SYMBOL)},5,BTC,${q(LABELS[2]!)}`,
    `BTC,1,${q(FORMULA_SYMBOL)},${q(LABELS[3]!)}`,
    `BTC,-1,${q(ESC_SYMBOL)},"\tindented"`,
  ].join('\n') + '\n',
);

function report(format: string, ...args: string[]): Promise<CliResult> {
  return runCli([
    '-p',
    POSITIONS,
    '-r',
    PRICES,
    '--min-observations',
    '10',
    '--format',
    format,
    ...args,
  ]);
}

describe('symbols and labels in reports', () => {
  test.each(['table', 'markdown', 'csv'])(
    '%s: control characters shown escaped',
    async (format) => {
      const res = await report(format);
      expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
      expect(res.stdout).not.toMatch(UNSAFE);
      // markdown also escapes its own specials, so the backslash of \x1b may be doubled
      expect(res.stdout).toMatch(/SOL\\{1,2}x1b\\?\[31mRED/);
      expect(res.stdout).toMatch(/ETH\\{1,2}u\{202e\}LIVE/);
      expect(res.stdout).toMatch(/\\{1,2}x9b2J/);
    },
  );

  test('table with colour: only the colours chalk adds, never the user text raw', async () => {
    const res = await runCli(['-p', POSITIONS, '-r', PRICES, '--min-observations', '10'], {
      tty: true,
    });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('\x1b['); // colour is on
    const withoutColours = res.stdout.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
    expect(withoutColours).not.toMatch(UNSAFE);
  });

  test('json: C0 controls are \\u escapes; the text round-trips', async () => {
    const res = await report('json');
    expect(res.code).toBe(0);
    expect(res.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/); // eslint-disable-line no-control-regex
    const parsed = JSON.parse(res.stdout) as { positions: { symbol: string; label: string }[] };
    expect(parsed.positions.map((p) => p.symbol)).toEqual([
      ESC_SYMBOL,
      BIDI_SYMBOL,
      FORMULA_SYMBOL,
      'BTC',
      'BTC',
    ]);
    expect(parsed.positions[0]!.label).toBe(LABELS[0]);
  });

  // JSON.stringify leaves DEL, C1 (0x9B = CSI) and bidi
  // overrides raw; written as \u escapes they are the same JSON text.
  test('json: no raw C1 or bidi control either', async () => {
    const res = await report('json');
    expect(res.stdout).not.toMatch(UNSAFE);
    expect(res.stdout).toContain('ETH\\u202eLIVE');
    expect(res.stdout).toContain('\\u009b2J');
  });
});

describe('very long text', () => {
  // cli-table3 lays out a cell in time quadratic in its length: a 200,000-character label took
  // half an hour. The table shows long symbols and labels cut; other formats keep them whole.
  test('a 200,000-character label: cut in the table, whole in JSON', async () => {
    const label = 'x'.repeat(200_000);
    const p = file('long-label.csv', `symbol,quantity,label\nBTC,1,${label}\n`);
    const r = file('long-label-prices.csv', pricesCsv(['BTC', 'ETH']));
    const table = await runCli(['-p', p, '-r', r, '-H', 'ETH']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`${'x'.repeat(39)}…`);
    expect(table.stdout).not.toContain('x'.repeat(41));
    const json = await runCli(['-p', p, '-r', r, '-H', 'ETH', '--format', 'json']);
    expect(
      (JSON.parse(json.stdout) as { positions: { label: string }[] }).positions[0]!.label,
    ).toBe(label);
  });
});

describe('CSV formula injection', () => {
  test('text cells starting with = + - @ or tab are neutralised, numbers untouched', async () => {
    const res = await report('csv');
    expect(res.code).toBe(0);
    const rows = parse(res.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.symbol, r.hedge, r.label])).toEqual([
      ['SOL\\x1b[31mRED', 'BTC', 'a\\x1b]0;pwned\\x07b'],
      ['ETH\\u{202e}LIVE', 'BTC', '\\x9b2J'],
      [`'${FORMULA_SYMBOL}`, 'BTC', "'@SUM(1+1)"],
      ['BTC', `'${FORMULA_SYMBOL}`, "'+cmd|x"],
      ['BTC', 'SOL\\x1b[31mRED', '\\x09indented'],
    ]);
    // Negative numbers are numbers: no apostrophe, the value as JSON gives it.
    const json = JSON.parse((await report('json')).stdout) as {
      positions: { quantity: number; hedges: { hedgeNotional: number }[] }[];
    };
    expect(rows[1]!.quantity).toBe('-3');
    expect(Number(rows[0]!.hedgeNotional)).toBe(json.positions[0]!.hedges[0]!.hedgeNotional);
    expect(rows[0]!.hedgeNotional).toMatch(/^-\d/);
    for (const r of rows) {
      for (const [k, v] of Object.entries(r)) {
        if (
          v !== '' &&
          ![
            'asOf',
            'symbol',
            'label',
            'kind',
            'quote',
            'inRange',
            'start',
            'end',
            'hedge',
            'estimator',
            'warnings',
          ].includes(k)
        )
          expect(Number.isFinite(Number(v))).toBe(true);
      }
    }
  });

  test('a label that is only a negative number is text, and neutralised', async () => {
    const p = file('minus.csv', 'symbol,quantity,label\nBTC,1,-5\n');
    const r = file('minus-prices.csv', pricesCsv(['BTC', 'ETH']));
    const res = await runCli(['-p', p, '-r', r, '-H', 'ETH', '--format', 'csv']);
    const rows = parse(res.stdout, { columns: true }) as Record<string, string>[];
    expect(rows[0]!.label).toBe("'-5");
    expect(rows[0]!.quantity).toBe('1');
  });
});

describe('hostile text in error messages', () => {
  test('an unknown symbol, a bad cell, a misspelt column: escaped in the message', async () => {
    const p = file('bad.csv', `symbol,quantity\n${q('S\x1b[2J')},1\nBTC,${q('1\x07')}\n`);
    const res = await runCli(['-p', p, '-r', PRICES]);
    expect(res).toEqual({
      code: 1,
      stdout: '',
      stderr: `hedge: ${p}:3: column "quantity": expected a number, got "1\\x07"\n`,
    });
    const p2 = file('unknown.csv', `symbol,quantity\n${q('S\x1b[2J')},1\n`);
    const res2 = await runCli(['-p', p2, '-r', PRICES]);
    expect(res2.stderr).toBe(`hedge: ${p2}:2: symbol "S\\x1b[2J" has no prices in ${PRICES}\n`);
    const p3 = file('header.csv', `${q('symbo\u202el')},quantity\nBTC,1\n`);
    const res3 = await runCli(['-p', p3, '-r', PRICES]);
    expect(res3.stderr).toBe(
      `hedge: ${p3}:1: missing column "symbol" (did you mean "symbo\\u{202e}l"?)\n`,
    );
  });

  test('a hostile file name', async () => {
    const name = path.join(dir, 'no\x1b[2Jpe\u202e.csv');
    const res = await runCli(['-p', name, '-r', PRICES]);
    expect(res).toEqual({
      code: 1,
      stdout: '',
      stderr: `hedge: ${dir}/no\\x1b[2Jpe\\u{202e}.csv: no such file\n`,
    });
  });

  test.each([
    [['--\x1b[2J'], "hedge: unknown option '--\\x1b[2J'"],
    [
      ['--returns', '\x1b[2J'],
      "hedge: option '--returns <kind>' argument '\\x1b[2J' is invalid. Allowed choices are log, simple, diff, level.",
    ],
    [
      ['--window', '\u009b2J'],
      'hedge: --window "\\x9b2J": expected a whole number ≥ 4 or a duration such as 30d, 8w, 12h',
    ],
    [
      ['--window', '\x1b[2J'],
      'hedge: --window "\\u001b[2J": expected a whole number ≥ 4 or a duration such as 30d, 8w, 12h',
    ],
    [
      ['-o', 'nodir\x1b/r.json'],
      'hedge: --output nodir\\x1b/r.json: directory nodir\\x1b does not exist',
    ],
  ])('hostile flag values %j', async (args, line) => {
    const res = await runCli(['-p', POSITIONS, '-r', PRICES, ...args]);
    expect(res).toEqual({
      code: 2,
      stdout: '',
      stderr: `${line}\nTry 'hedge --help' for more information.\n`,
    });
  });
});

describe('stdout carries only the report; no stack trace without --verbose', () => {
  test('with -o, nothing on stdout and one note on stderr (none with -q)', async () => {
    const out = path.join(dir, 'report.json');
    const res = await report('json', '-o', out);
    expect(res).toEqual({
      code: 0,
      stdout: '',
      stderr: `hedge: wrote ${out} (5 positions, ${countWarnings(out)} warnings)\n`,
    });
    expect(await report('json', '-o', out, '-q')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  // The note and an unexpected error's text are escaped too.
  test('a hostile -o name in the note, a hostile unexpected error: escaped', async () => {
    const out = path.join(dir, 'r\x1b[2J.json');
    const res = await report('json', '-o', out);
    expect(res.code).toBe(0);
    expect(res.stderr).not.toMatch(UNSAFE);
    const broken = await withBrokenStdout([], 'bad \x1b[2J write');
    expect(broken.stderr).toBe(
      'hedge: internal error: bad \\x1b[2J write (run with --verbose for details)\n',
    );
  });

  /** Runs with a stdout whose write throws (a disk full, a bug): an unexpected error. */
  async function withBrokenStdout(
    args: string[],
    message = 'ENOSPC: no space left on device, write',
  ): Promise<{ code: number; stderr: string }> {
    let stderr = '';
    const code = await runHedge(['-p', POSITIONS, '-r', PRICES, ...args], {
      stdin: Readable.from([]),
      stdout: {
        write: () => {
          throw new Error(message);
        },
      },
      stderr: { write: (s: string) => (stderr += s) },
      env: {},
    });
    return { code, stderr };
  }

  test('an unexpected error: one line, no stack; --verbose adds the stack', async () => {
    expect(await withBrokenStdout([])).toEqual({
      code: 1,
      stderr:
        'hedge: internal error: ENOSPC: no space left on device, write (run with --verbose for details)\n',
    });
    const verbose = await withBrokenStdout(['--verbose']);
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(
      /^hedge: internal error: ENOSPC: no space left on device, write\nError: ENOSPC.*\n\s+at /,
    );
  });
});

function countWarnings(file: string): number {
  return (JSON.parse(readFileSync(file, 'utf8')) as { warnings: unknown[] }).warnings.length;
}
