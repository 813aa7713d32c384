/**
 * The catalogue of hostile input for the newer inputs — pool rows in the positions file,
 * `--current` and `--previous` — each with its exact message and exit code: devices and endless
 * streams, radix and overflowing numbers, megabytes of echoed text, links to the output. (The
 * everyday mistakes of these files are in pools.test.ts and trades.test.ts.)
 */
import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { run as runProgram } from '../../src/cli/run';
import { runCli, type CliResult } from '../support/cli';
import { fileIn, tempDirForThisFile } from '../support/temp-dir';
import { dailyWalkCsv } from '../support/daily-prices';

const dir = tempDirForThisFile('hedge-errors-new-');
const TRY = "Try 'hedge --help' for more information.";
const OVERFLOW = 'beyond ±1.8e308, the largest number a double holds';

const file = fileIn(dir);

/** 120 daily closes of BTC, ETH and SOL from 2024-01-01: a seeded random walk, SOL following BTC. */
function pricesCsv(): string {
  const symbols = ['BTC', 'ETH', 'SOL'];
  return dailyWalkCsv({
    symbols,
    start: [100, 110, 120],
    days: 120,
    seed: 777,
    tilt: 8,
    show: String,
  });
}

const PRICES = file('prices.csv', pricesCsv());
const POSITIONS = file('positions.csv', 'symbol,quantity\nSOL,100\n');

function expectFailure(res: CliResult, code: 1 | 2, lines: readonly string[]): void {
  expect({ code: res.code, stdout: res.stdout, stderr: res.stderr.split('\n') }).toEqual({
    code,
    stdout: '',
    stderr: [...lines, ''],
  });
}

/** The run with an endless standard input of `line` repeated. */
async function withEndlessStdin(args: string[], line: string): Promise<CliResult> {
  const chunk = Buffer.from(line.repeat(4096));
  let stdout = '';
  let stderr = '';
  const code = await runProgram(args, {
    stdin: new Readable({
      read() {
        this.push(chunk);
      },
    }),
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: { HEDGE_MAX_STREAM_MB: '1' },
  });
  return { code, stdout, stderr };
}

const LIMIT =
  'more than 1 MB from a pipe, a device or standard input (HEDGE_MAX_STREAM_MB raises the limit)';

describe('pool rows (exit 1)', () => {
  test('liquidity 1e308: the value overflows at the row', async () => {
    const p = file(
      'pool-huge.csv',
      'symbol,kind,quote,liquidity,lower,upper\nSOL,v3,USDC,1e308,50,500\n',
    );
    expectFailure(await runCli(['-p', p, '-r', PRICES]), 1, [
      `hedge: ${p}:2: SOL: its value overflows (${OVERFLOW}); check the magnitudes of its quantity, notional or liquidity`,
    ]);
  });

  test('radix numbers in the range bounds, as in any cell', async () => {
    const p = file(
      'pool-radix.csv',
      'symbol,kind,quote,liquidity,lower,upper\nSOL,v3,USDC,1,0x10,0b11\n',
    );
    expectFailure(await runCli(['-p', p, '-r', PRICES]), 1, [
      `hedge: ${p}:2: column "lower": expected a number, got "0x10"`,
      `hedge: ${p}:2: column "upper": expected a number, got "0b11"`,
    ]);
  });

  test('a megabyte quote and kind: 40 characters of each', async () => {
    const long = 'Q'.repeat(1_000_000);
    const p = file(
      'pool-long.csv',
      `symbol,kind,quote,notional\nSOL,v2,${long},100\nSOL,${long},USDC,100\n`,
    );
    expectFailure(await runCli(['-p', p, '-r', PRICES]), 1, [
      `hedge: ${p}:3: column "kind": unknown kind "${'Q'.repeat(40)}…": expected spot, v2 or v3`,
    ]);
    const q = file('pool-long-quote.csv', `symbol,kind,quote,notional\nSOL,v2,${long},100\n`);
    expectFailure(await runCli(['-p', q, '-r', PRICES, '--cash', 'USD']), 1, [
      `hedge: ${q}:2: quote "${'Q'.repeat(40)}…" is neither cash (--cash USD) nor a column of ${PRICES}`,
    ]);
  });

  test('pool rows from an endless standard input stop at the limit', async () => {
    const res = await withEndlessStdin(['-p', '-', '-r', PRICES], 'SOL,v2,USDC,100\n');
    expectFailure(res, 1, [`hedge: <stdin>: ${LIMIT}`]);
  });
});

describe('--current (exit 1, or 2 for the output)', () => {
  test('holdings of a symbol whose sum overflows: located at the row where it does', async () => {
    const c = file('current-huge.csv', 'symbol,quantity\nBTC,1e308\nETH,1\nBTC,1e308\n');
    expectFailure(await runCli(['-p', POSITIONS, '-r', PRICES, '--current', c]), 1, [
      `hedge: ${c}:4: the quantities of "BTC" held add up ${OVERFLOW.replace(', the', ' (the')})`,
    ]);
  });

  test('a holding whose trade notional overflows: located at the file', async () => {
    const c = file('current-big.csv', 'symbol,quantity\nBTC,-1e308\n');
    expectFailure(await runCli(['-p', POSITIONS, '-r', PRICES, '--current', c]), 1, [
      `hedge: ${c}: the trade notional of BTC overflows (${OVERFLOW}); check the quantities held and the positions hedged with it`,
    ]);
  });

  test('radix quantities and a megabyte symbol', async () => {
    const c = file('current-bad.csv', `symbol,quantity\nBTC,0x10\n${'B'.repeat(1_000_000)},1\n`);
    const res = await runCli(['-p', POSITIONS, '-r', PRICES, '--current', c]);
    expectFailure(res, 1, [`hedge: ${c}:2: column "quantity": expected a number, got "0x10"`]);
    const d = file('current-long.csv', `symbol,quantity\n${'B'.repeat(1_000_000)},1\n`);
    expectFailure(await runCli(['-p', POSITIONS, '-r', PRICES, '--current', d]), 1, [
      `hedge: ${d}:2: symbol "${'B'.repeat(40)}…" has no prices in ${PRICES}`,
    ]);
  });

  test('/dev/zero, and an endless standard input', async () => {
    expectFailure(await runCli(['-p', POSITIONS, '-r', PRICES, '--current', '/dev/zero']), 1, [
      'hedge: /dev/zero: not a text file (binary data at byte 1)',
    ]);
    const res = await withEndlessStdin(
      ['-p', POSITIONS, '-r', PRICES, '--current', '-'],
      'BTC,1\n',
    );
    expectFailure(res, 1, [`hedge: <stdin>: ${LIMIT}`]);
  });

  test('-o through a symbolic link to the --current file: refused, the file kept', async () => {
    const text = 'symbol,quantity\nBTC,-1\n';
    const c = file('held.csv', text);
    const link = path.join(dir, 'held-link.csv');
    symlinkSync(c, link);
    expectFailure(await runCli(['-p', POSITIONS, '-r', PRICES, '--current', c, '-o', link]), 2, [
      `hedge: --output ${link} is also the --current file: the report would overwrite it`,
      TRY,
    ]);
    expect(readFileSync(c, 'utf8')).toBe(text);
  });
});

describe('--previous (exit 1, or 2 for the output)', () => {
  test('JSON nested a million deep', async () => {
    const deep = file('deep.json', `{"schemaVersion":1,"x":${'['.repeat(1_000_000)}`);
    expectFailure(await runCli(['-p', POSITIONS, '-r', PRICES, '--previous', deep]), 1, [
      `hedge: ${deep}: not a hedge JSON report: invalid JSON: nested too deeply`,
    ]);
  });

  test('/dev/zero, and an endless standard input', async () => {
    expectFailure(await runCli(['-p', POSITIONS, '-r', PRICES, '--previous', '/dev/zero']), 1, [
      'hedge: /dev/zero: not a text file (binary data at byte 1)',
    ]);
    const res = await withEndlessStdin(['-p', POSITIONS, '-r', PRICES, '--previous', '-'], '[1,');
    expectFailure(res, 1, [`hedge: <stdin>: ${LIMIT}`]);
  });

  test('a megabyte string where a number belongs: 40 characters of it', async () => {
    const prev = file(
      'long.json',
      `{"schemaVersion":1,"asOf":${JSON.stringify('A'.repeat(1_000_000))}}`,
    );
    const res = await runCli(['-p', POSITIONS, '-r', PRICES, '--previous', prev]);
    expect(res.code).toBe(1);
    for (const line of res.stderr.split('\n')) expect(line.length).toBeLessThan(300);
  });

  test('-o through a hard or symbolic link to --previous: only a JSON report may replace it', async () => {
    const prev = file('yesterday.json', '{}\n');
    const link = path.join(dir, 'yesterday-link.json');
    symlinkSync(prev, link);
    expectFailure(
      await runCli([
        '-p',
        POSITIONS,
        '-r',
        PRICES,
        '--previous',
        link,
        '-o',
        prev,
        '--format',
        'csv',
      ]),
      2,
      [
        `hedge: --output ${prev} is also the --previous file: only a JSON report (--format json) can replace it`,
        TRY,
      ],
    );
  });
});
