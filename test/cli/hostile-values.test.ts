/**
 * Values at the edges: decimal flags accept what data cells accept and nothing more (no 0x10,
 * 0b1); magnitudes whose value or total overflows a double are located errors, not reports of
 * nulls; echoed input is clipped in every message (a 5 MB symbol, a 5,000-character flag).
 */
import path from 'node:path';
import { runCli } from '../support/cli';
import { factorPricesCsv as pricesCsv } from '../support/factor-prices';
import { fileIn, tempDirForThisFile } from '../support/temp-dir';
import { MESSAGE_LENGTH } from '../../src/report/text';

const dir = tempDirForThisFile('hedge-values-');
const file = fileIn(dir);
const PRICES = file('prices.csv', pricesCsv(60, 3));
const TRY = "Try 'hedge --help' for more information.";
const POSITIONS = file('positions.csv', 'symbol,quantity\nS1,1\nS2,-2\n');

describe('decimal flags accept what data cells accept', () => {
  test.each([
    ['--tolerance', '0x10', 'expected a number ≥ 0'],
    ['--tolerance', '0b1', 'expected a number ≥ 0'],
    ['--tolerance', '0o7', 'expected a number ≥ 0'],
    ['--min-correlation', '0x0', 'expected a number from 0 to 1'],
    ['--max-vif', '0x10', 'expected a number ≥ 1'],
    ['--max-vif', 'Infinity', 'expected a number ≥ 1'],
    ['--rebalance-band', '0b0', 'expected a fraction greater than 0 and less than 1'],
    ['--halflife', '0x1e', 'expected a number greater than 0 or a duration such as 30d, 8w, 12h'],
    ['--kalman-q', '0x10', 'expected a number ≥ 0'],
    ['--halflife', ' ', 'expected a number greater than 0 or a duration such as 30d, 8w, 12h'],
    ['--min-effectiveness', '-0x1', 'expected a number at most 1'],
  ])('%s %j is refused', async (flag, value, why) => {
    const res = await runCli(['-p', POSITIONS, '-r', PRICES, '-H', 'S0', flag, value]);
    expect(res).toEqual({
      code: 2,
      stdout: '',
      stderr: `hedge: ${flag} ${JSON.stringify(value)}: ${why}\n${TRY}\n`,
    });
  });

  test.each([
    ['--tolerance', '1e-1'],
    ['--tolerance', '+.5'],
    ['--max-vif', '10.0'],
    ['--halflife', '3E1'],
    ['--min-effectiveness', '-0.5'],
  ])('%s %j, a decimal form cells accept, is taken', async (flag, value) => {
    const res = await runCli(['-p', POSITIONS, '-r', PRICES, '-H', 'S0', flag, value, '-q']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
  });
});

describe('magnitudes beyond a double: located errors (exit 1), not nulls', () => {
  test('quantity 1e308: the value overflows at its row', async () => {
    const p = file('huge.csv', 'symbol,quantity\nS1,1\nS2,1e308\n');
    expect(await runCli(['-p', p, '-r', PRICES, '-H', 'S0'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `hedge: ${p}:3: S2: its value overflows (beyond ±1.8e308, the largest number a double holds); check the magnitudes of its quantity, notional or liquidity\n`,
    });
  });

  test('a notional whose hedge overflows: the ratio times the value', async () => {
    // S2's ratio on S0 is about 1; a notional of 1.7e308 stays finite, its hedge need not
    const p = file('edge.csv', 'symbol,notional\nS2,-1.79e308\n');
    const res = await runCli(['-p', p, '-r', PRICES, '-H', 'S0', '--format', 'json']);
    if (res.code === 0) {
      const report = JSON.parse(res.stdout);
      expect(Number.isFinite(report.positions[0].hedges[0].hedgeNotional)).toBe(true);
    } else {
      expect(res.stderr).toBe(
        `hedge: ${p}:2: S2: the hedge notional overflows (beyond ±1.8e308, the largest number a double holds); check the magnitudes of its quantity, notional or liquidity\n`,
      );
    }
  });

  test('legs within range whose total is not: located at the positions file', async () => {
    const row = 'S1,1e307\n';
    const p = file('total.csv', `symbol,notional\n${row.repeat(50)}`);
    expect(await runCli(['-p', p, '-r', PRICES, '-H', 'S0'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `hedge: ${p}: the total hedge notional of S0 overflows (beyond ±1.8e308, the largest number a double holds); check the magnitudes of the positions hedged with it\n`,
    });
  });

  test('1e303, large but within range: a report with finite numbers', async () => {
    const p = file('large.csv', 'symbol,quantity\nS1,1e303\n');
    const res = await runCli(['-p', p, '-r', PRICES, '-H', 'S0', '--format', 'json']);
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.positions[0].value).toBeGreaterThan(1e304);
    expect(Number.isFinite(report.totals[0].hedgeNotional)).toBe(true);
  });
});

describe('echoed input is clipped in every message', () => {
  test('a 5 MB unknown symbol: 40 characters of it', async () => {
    const p = file('long-symbol.csv', `symbol,quantity\n${'A'.repeat(5_000_000)},1\n`);
    const res = await runCli(['-p', p, '-r', PRICES, '-H', 'S0']);
    expect(res).toEqual({
      code: 1,
      stdout: '',
      stderr: `hedge: ${p}:2: symbol "${'A'.repeat(40)}…" has no prices in ${PRICES}\n`,
    });
  });

  test('a long hedge and quote in positions rows', async () => {
    const h = 'H'.repeat(100_000);
    const p = file('long-hedge.csv', `symbol,quantity,hedges\nS1,1,${h}\n`);
    const res = await runCli(['-p', p, '-r', PRICES]);
    expect(res.stderr).toBe(
      `hedge: ${p}:2: hedge "${'H'.repeat(40)}…" has no prices in ${PRICES} (prices for S0, S1, S2)\n`,
    );
    const q = file('long-quote.csv', `symbol,kind,quote,quantity\nS1,v2,${h},1\n`);
    const res2 = await runCli(['-p', q, '-r', PRICES, '-H', 'S0']);
    expect(res2.stderr).toContain(`quote "${'H'.repeat(40)}…" is neither cash`);
    expect(res2.stderr.length).toBeLessThan(MESSAGE_LENGTH);
  });

  test.each([
    [
      ['--window', '9'.repeat(5000) + 'x'],
      `hedge: --window "${'9'.repeat(39)}…": expected a whole number ≥ 4 or a duration such as 30d, 8w, 12h`,
    ],
    [['-H', 'B,'.repeat(3000)], null],
    [['--' + 'x'.repeat(5000)], null],
    [['--returns', 'y'.repeat(5000)], null],
  ])('a 5,000-character flag or value %#', async (args, first) => {
    const res = await runCli(['-p', POSITIONS, '-r', PRICES, ...args]);
    expect(res.code).toBe(2);
    const lines = res.stderr.split('\n');
    if (first !== null) expect(lines[0]).toBe(first);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(MESSAGE_LENGTH + 10);
  });
});

describe('a position list of any length ends', () => {
  test('past HEDGE_MAX_POSITIONS: refused at the first row beyond it, before the prices are read', async () => {
    const p = file('many.csv', `symbol,quantity\n# a comment\n${'S1,1\n'.repeat(50)}`);
    const missing = path.join(dir, 'no-prices.csv');
    const res = await runCli(['-p', p, '-r', missing, '-H', 'S0'], {
      env: { HEDGE_MAX_POSITIONS: '40' },
    });
    expect(res).toEqual({
      code: 1,
      stdout: '',
      stderr: `hedge: ${p}:43: more than 40 positions, the most one run takes (HEDGE_MAX_POSITIONS raises the limit); split the file\n`,
    });
  });

  test('at the limit: the report', async () => {
    const p = file('forty.csv', `symbol,quantity\n${'S1,1\n'.repeat(40)}`);
    const res = await runCli(['-p', p, '-r', PRICES, '-H', 'S0', '--format', 'csv'], {
      env: { HEDGE_MAX_POSITIONS: '40' },
    });
    expect(res.code).toBe(0);
    expect(res.stdout.trim().split('\n')).toHaveLength(41);
  });

  test.each(['0', '1.5', 'many', '-3'])('HEDGE_MAX_POSITIONS=%s is a usage error', async (v) => {
    const res = await runCli(['-p', POSITIONS, '-r', PRICES], { env: { HEDGE_MAX_POSITIONS: v } });
    expect(res).toEqual({
      code: 2,
      stdout: '',
      stderr: `hedge: HEDGE_MAX_POSITIONS "${v}": expected a whole number greater than 0\n${TRY}\n`,
    });
  });
});
