/**
 * Current hedges, trades and changes through the whole program (issue 13): the trade per
 * instrument with and without contracts, venues added up, a close-out, the tolerance edge and
 * exit 3; then every bad --current file and flag with its exact message.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../../src/report/types';
import { runCli, type CliResult } from '../support/cli';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hedge-trades-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** 120 daily closes of BTC, ETH and SOL from 2024-01-01: a seeded random walk, SOL following BTC. */
function pricesCsv(): string {
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  };
  const p = [100, 110, 120];
  const lines = ['date,BTC,ETH,SOL'];
  for (let i = 0; i < 120; i++) {
    const common = rnd() * 0.04;
    p.forEach((_, j) => (p[j] = p[j]! * Math.exp(common * (1 - j / 8) + rnd() * 0.02)));
    const day = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
    lines.push(`${day},${p.map((v) => v.toPrecision(8)).join(',')}`);
  }
  return lines.join('\n') + '\n';
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
    expect(r.settings).toMatchObject({ current: null, tolerance: 0.1 });
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
      `hedge: ${a}:1: missing column "quantity"`,
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
  });

  test('-o over the --current file', async () => {
    const cur = file('keep.csv', 'symbol,quantity\nBTC,-1\n');
    expectFailure(await run('--current', cur, '-o', cur), 2, [
      `hedge: --output ${cur} is also the --current file: the report would overwrite it`,
      TRY,
    ]);
  });
});
