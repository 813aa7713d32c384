/**
 * Current hedges, trades and changes through the whole program (issue 13): the trade per
 * instrument with and without contracts, venues added up, a close-out, the tolerance edge and
 * exit 3, what changed since a previous report; then every bad --current and --previous file and
 * flag with its exact message.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Report } from '../../src/report/types';
import { fileIn, tempDirForThisFile } from '../support/temp-dir';
import { runCli, type CliResult } from '../support/cli';
import { dailyWalkCsv } from '../support/daily-prices';

const dir = tempDirForThisFile('hedge-trades-');

const file = fileIn(dir);

/** 120 daily closes of BTC, ETH and SOL from 2024-01-01: a seeded random walk, SOL following BTC. */
function pricesCsv(): string {
  const symbols = ['BTC', 'ETH', 'SOL'];
  return dailyWalkCsv({
    symbols,
    start: [100, 110, 120],
    days: 120,
    seed: 12345,
    tilt: 8,
    show: (v) => v.toPrecision(8),
  });
}

const PRICES = file('prices.csv', pricesCsv());
const POSITIONS = file('positions.csv', 'symbol,quantity\nSOL,100\n');
const INSTRUMENTS = file('instruments.csv', 'symbol,multiplier,lot\nBTC,0.01,1\nETH,0.1,1\n');
const TRY = "Try 'hedge --help' for more information.";

function run(...args: string[]): Promise<CliResult> {
  return runCli(['-p', POSITIONS, '-r', PRICES, ...args]);
}

async function json(...args: string[]): Promise<Report> {
  const res = await run(...args, '--format', 'json');
  expect(res.stderr).toBe('');
  return JSON.parse(res.stdout) as Report;
}

/** SOL 100 hedged with BTC on these prices: its target in BTC units (≈ −66.6) and BTC's price. */
let target = 0;
let btc = 0;
beforeAll(async () => {
  const r = await json();
  expect(r.warnings).toEqual([]);
  target = r.totals[0]!.hedgeQuantity!;
  btc = r.totals[0]!.hedgeNotional! / target;
});

describe('trades', () => {
  test('without --current the trade fields are null', async () => {
    const r = await json();
    expect(r.totals[0]).toMatchObject({ current: null, trade: null, rebalance: null });
    expect(r.settings).toMatchObject({ current: null, tolerance: 0.1, previous: null });
  });

  test('venues add up; trade = target − current, in units, notional and contracts', async () => {
    const cur = file('cur.csv', 'symbol,quantity,label\nBTC,-20,Binance\nBTC,-10.5,OKX\n');
    const r = await json('--current', cur, '--instruments', INSTRUMENTS);
    const t = r.totals[0]!;
    expect(t).toMatchObject({ symbol: 'BTC', current: -30.5, rebalance: true });
    expect(t.holdings).toEqual([
      { label: 'Binance', quantity: -20 },
      { label: 'OKX', quantity: -10.5 },
    ]);
    expect(t.trade).toBe(target + 30.5);
    expect(t.tradeNotional).toBeCloseTo((target + 30.5) * btc, 8);
    // contracts of 0.01 BTC: round(target / 0.01) − (−3050)
    expect(t.tradeContracts).toBe(Math.round(target / 0.01) + 3050);
    expect(r.warnings).toEqual([
      expect.objectContaining({ code: 'REBALANCE_NEEDED', severity: 'warning' }),
    ]);
    expect(r.warnings[0]!.message).toMatch(
      /^BTC: current -30\.5, target -66\.\d+, trade -36\.\d+ \(sell 3,6\d\d contracts, notional -[\d,]+\): 54\.\d% off the target, outside the 10% tolerance$/,
    );
  });

  test('without instruments: no contracts', async () => {
    const cur = file('cur-plain.csv', 'symbol,quantity\nBTC,-30\n');
    const t = (await json('--current', cur)).totals[0]!;
    expect(t).toMatchObject({ contracts: null, tradeContracts: null, rebalance: true });
  });

  test('an instrument held but no longer a target is closed out on a row of its own', async () => {
    const cur = file('cur-close.csv', 'symbol,quantity,label\nETH,-4,Deribit\n');
    const r = await json('--current', cur, '--instruments', INSTRUMENTS);
    expect(r.totals.map((t) => [t.symbol, t.hedgeQuantity, t.current, t.trade])).toEqual([
      ['BTC', target, 0, target],
      ['ETH', 0, -4, 4],
    ]);
    expect(r.totals[1]).toMatchObject({ contracts: 0, tradeContracts: 40, rebalance: true });
    expect(r.warnings.map((w) => w.message.replace(/notional [\d,]+/, 'notional …'))).toEqual([
      expect.stringMatching(/^BTC: current 0, target -66\./),
      'ETH: current -4, target 0, trade 4 (buy 40 contracts, notional …): the target is 0, close it out',
    ]);
  });

  test('the tolerance edge: inside → no warning and exit 0 with --fail-on warning; outside → 3', async () => {
    const inside = file('cur-inside.csv', `symbol,quantity\nBTC,${target * 0.905}\n`);
    const ok = await run('--current', inside, '--fail-on', 'warning', '--format', 'json');
    expect(ok.code).toBe(0);
    const r = JSON.parse(ok.stdout) as Report;
    expect(r.totals[0]!.rebalance).toBe(false);
    expect(r.warnings).toEqual([]);
    const outside = file('cur-outside.csv', `symbol,quantity\nBTC,${target * 0.895}\n`);
    const due = await run('--current', outside, '--fail-on', 'warning');
    expect(due.code).toBe(3);
    expect(due.stdout).toMatch(/▲ REBALANCE_NEEDED BTC: current -59\.\d+, target -66\.\d+/);
    // the same holding inside a wider tolerance
    const wide = await run('--current', outside, '--fail-on', 'warning', '--tolerance', '0.2');
    expect(wide.code).toBe(0);
    expect(wide.stdout).toMatch(/hold \(10\.5% off, within 20%\)/);
  });

  test('an empty holding file (header only) holds nothing: every target is a trade', async () => {
    const cur = file('cur-empty.csv', 'symbol,quantity,label\n# nothing yet\n');
    const t = (await json('--current', cur)).totals[0]!;
    expect(t).toMatchObject({ current: 0, trade: target, rebalance: true, holdings: [] });
  });

  test('--current from standard input', async () => {
    const res = await runCli(['-p', POSITIONS, '-r', PRICES, '--current', '-', '-q'], {
      stdin: 'symbol,quantity\nBTC,-60\n',
    });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/│ Trades +│ +Target │ +Current │ +Trade │/);
  });
});

describe('changes since a previous report', () => {
  test('a target moved and a warning cleared; a warning raised is marked new', async () => {
    const now = await json('--current', file('cur-c.csv', 'symbol,quantity\nBTC,-30\n'));
    const previous: Record<string, unknown> = JSON.parse(JSON.stringify(now));
    const totals = previous.totals as { hedgeQuantity: number }[];
    totals[0]!.hedgeQuantity = -60;
    const sol = (previous.positions as { warnings: unknown[] }[])[0]!;
    const cleared = { code: 'LOW_CORRELATION', severity: 'warning', message: 'SOL: was weak' };
    sol.warnings = [cleared];
    previous.warnings = [cleared];
    previous.asOf = '2024-04-20';
    const prev = file('prev.json', JSON.stringify(previous, null, 2));
    const args = ['--current', path.join(dir, 'cur-c.csv'), '--previous', prev];
    const r = await json(...args);
    expect(r.changes).toEqual({
      previousAsOf: '2024-04-20',
      settingsChanged: [],
      targets: [
        {
          symbol: 'BTC',
          previous: -60,
          target,
          change: target + 60,
          relativeChange: (target + 60) / 60,
        },
      ],
      warningsRaised: [r.warnings[0]],
      warningsCleared: [cleared],
    });
    const table = await run(...args);
    expect(table.stdout).toMatch(/Changes since 2024-04-20: 1 warning raised, 1 cleared\n/);
    expect(table.stdout).toMatch(/│ BTC +│ +-60 │ +-66\.\d+ │ +-6\.\d+ │ +-11\.\d% │/);
    expect(table.stdout).toMatch(/✔ cleared LOW_CORRELATION SOL: was weak\n/);
    expect(table.stdout).toMatch(/▲ REBALANCE_NEEDED new BTC: current -30/);
  });

  test('text read back from a previous report is shown escaped', async () => {
    const r = JSON.parse((await run('--format', 'json')).stdout) as Record<string, unknown>;
    const evil = { code: 'X\u001b[2J', severity: 'warning', message: 'SOL \u001b[31mred\u202e' };
    (r.positions as { warnings: unknown[] }[])[0]!.warnings = [evil];
    r.warnings = [evil];
    const prev = file('evil.json', JSON.stringify(r));
    const table = await run('--previous', prev);
    expect(table.stdout).toContain('✔ cleared X\\x1b[2J SOL \\x1b[31mred\\u{202e}\n');
    const md = await run('--previous', prev, '--format', 'markdown');
    expect(md.stdout).toContain('- **warning** X\\\\x1b\\[2J: SOL \\\\x1b\\[31mred\\\\u{202e}\n');
    expect(md.stdout.includes('\u001b') || md.stdout.includes('\u202e')).toBe(false);
  });

  test('-o may replace the --previous report with a JSON report (a daily job)', async () => {
    const state = file('state.json', (await run('--format', 'json')).stdout);
    const res = await run('--previous', state, '--format', 'json', '-o', state, '-q');
    expect(res.code).toBe(0);
    const r = JSON.parse(readFileSync(state, 'utf8')) as Report;
    expect(r.changes).toMatchObject({ warningsRaised: [], warningsCleared: [] });
    expect(r.settings.previous).toBe(state);
  });
});

/** Asserts the exact stderr lines, an empty stdout and the exit code. */
function expectFailure(res: CliResult, code: 1 | 2, lines: readonly string[]): void {
  expect({ code: res.code, stdout: res.stdout, stderr: res.stderr.split('\n') }).toEqual({
    code,
    stdout: '',
    stderr: [...lines, ''],
  });
}

describe('bad --current files (exit 1)', () => {
  test('a missing or misspelt column', async () => {
    const a = file('bad-cols.csv', 'symbol,qty,lable\nBTC,1,x\n');
    expectFailure(await run('--current', a), 1, [
      `hedge: ${a}:1: missing column "quantity" (column "qty": did you mean "quantity"?)`,
      `hedge: ${a}:1: unknown column "lable" (did you mean "label"?)`,
    ]);
    const b = file('bad-symbol-col.csv', 'Symbl,Quantity\nBTC,1\n');
    expectFailure(await run('--current', b), 1, [
      `hedge: ${b}:1: missing column "symbol" (did you mean "Symbl"?)`,
    ]);
  });

  test('non-numeric and missing quantities, every row, control characters escaped', async () => {
    const c = file(
      'bad-rows.csv',
      '\ufeffsymbol,quantity,label\r\n# a comment\r\nBTC,n/a,Binance\r\nBTC,,OKX\r\nBTC,\u001b[2J,x\r\n',
    );
    expectFailure(await run('--current', c), 1, [
      `hedge: ${c}:3: column "quantity": expected a number, got "n/a"`,
      `hedge: ${c}:4: column "quantity": missing value`,
      `hedge: ${c}:5: column "quantity": expected a number, got "\\x1b[2J"`,
    ]);
  });

  test('a symbol that is not a prices column, with a suggestion', async () => {
    const d = file('bad-symbols.csv', 'symbol,quantity\nBTC,-1\nBTX,-1\nDOGE,5\n\u001b[2J,1\n');
    expectFailure(await run('--current', d), 1, [
      `hedge: ${d}:3: symbol "BTX" has no prices in ${PRICES} (did you mean "BTC"?)`,
      `hedge: ${d}:4: symbol "DOGE" has no prices in ${PRICES}`,
      `hedge: ${d}:5: symbol "\\x1b[2J" has no prices in ${PRICES}`,
    ]);
  });

  test('an empty file', async () => {
    const e = file('empty-current.csv', '');
    expectFailure(await run('--current', e), 1, [`hedge: ${e}: file is empty`]);
  });
});

describe('bad --previous files (exit 1)', () => {
  test('not JSON', async () => {
    expectFailure(await run('--previous', POSITIONS), 1, [
      `hedge: ${POSITIONS}:1: not a hedge JSON report: invalid JSON: expected a value, got "s"`,
    ]);
    const cut = file('cut.json', '{\n  "schemaVersion": 1,\n  "asOf": "2024-04-29",\n');
    expectFailure(await run('--previous', cut), 1, [
      `hedge: ${cut}:4: not a hedge JSON report: invalid JSON: expected a property name in double quotes, got the end of the file`,
    ]);
  });

  test('JSON, but not a report of this version', async () => {
    const pkg = file('package.json', '{\n  "name": "hedge"\n}\n');
    expectFailure(await run('--previous', pkg), 1, [
      `hedge: ${pkg}:1: not a hedge JSON report: missing "schemaVersion"`,
    ]);
    const v2 = file('v2.json', '{\n  "schemaVersion": 2\n}\n');
    expectFailure(await run('--previous', v2), 1, [
      `hedge: ${v2}:2: "schemaVersion" is 2: this version of hedge reads reports of schemaVersion 1`,
    ]);
  });

  test('missing and mistyped fields', async () => {
    const r = JSON.parse((await run('--format', 'json')).stdout) as Record<string, unknown>;
    delete r.positions;
    (r.totals as Record<string, unknown>[])[0]!.hedgeQuantity = 'many';
    const f = file('fields.json', JSON.stringify(r, null, 2));
    const line = lineOf(readFileSync(f, 'utf8'), '"hedgeQuantity": "many"');
    expectFailure(await run('--previous', f), 1, [
      `hedge: ${f}:1: missing "positions"`,
      `hedge: ${f}:${line}: totals[0].hedgeQuantity: expected a number or null, got "many"`,
    ]);
  });
});

/** 1-based line of the first occurrence of `needle`. */
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('flags (exit 2)', () => {
  test('--tolerance must be a number ≥ 0', async () => {
    expectFailure(await run('--tolerance', '-0.1'), 2, [
      'hedge: --tolerance "-0.1": expected a number ≥ 0',
      TRY,
    ]);
  });

  test('standard input for two files', async () => {
    expectFailure(await runCli(['-p', '-', '-r', PRICES, '--current', '-']), 2, [
      'hedge: --positions and --current both read standard input; at most one file can be -',
      TRY,
    ]);
    expectFailure(await run('--current', '-', '--previous', '-'), 2, [
      'hedge: --current and --previous both read standard input; at most one file can be -',
      TRY,
    ]);
  });

  test('-o over the --current file, or over --previous with another format', async () => {
    const cur = file('keep.csv', 'symbol,quantity\nBTC,-1\n');
    expectFailure(await run('--current', cur, '-o', cur), 2, [
      `hedge: --output ${cur} is also the --current file: the report would overwrite it`,
      TRY,
    ]);
    const prev = file('keep.json', '{}');
    expectFailure(await run('--previous', prev, '-o', prev, '--format', 'markdown'), 2, [
      `hedge: --output ${prev} is also the --previous file: only a JSON report (--format json) can replace it`,
      TRY,
    ]);
  });
});
