/**
 * Funding and carry through the whole program (issue 14): the annualised rate per interval, the
 * expected carry of a short and of a long hedge, the interval inferred from millisecond
 * timestamps, the one-contract archive via SYMBOL=file, rows outside --from/--to and of other
 * symbols left out, FUNDING_COST at the edges of its threshold, each position's carry; then every
 * bad funding file and flag with its exact message.
 */
import path from 'node:path';
import type { Report } from '../../src/report/types';
import { expectFailure, runCli, type CliResult } from '../support/cli';
import { fileIn, tempDirForThisFile } from '../support/temp-dir';
import { dailyWalkCsv } from '../support/daily-prices';

const dir = tempDirForThisFile('hedge-funding-');

const file = fileIn(dir);

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const DAYS = 120;

/** 120 daily closes of BTC, ETH and SOL from 2024-01-01: a seeded random walk, SOL following BTC. */
function pricesCsv(): string {
  const symbols = ['BTC', 'ETH', 'SOL'];
  return dailyWalkCsv({
    symbols,
    start: [100, 110, 120],
    days: DAYS,
    seed: 12345,
    tilt: 8,
    show: (v) => v.toPrecision(8),
  });
}

/**
 * Funding rows of `symbol` every `hours` over the prices' days, `rate(i)` for the i-th, as an
 * exchange's API gives them: `symbol,fundingTime,fundingRate`, epoch ms `late(i)` ms after the mark.
 */
function fundingRows(
  symbol: string,
  hours: number,
  rate: (i: number) => number,
  late: (i: number) => number = () => 0,
): string[] {
  const rows: string[] = [];
  for (let i = 0; i * hours < DAYS * 24; i++) {
    rows.push(`${symbol},${T0 + i * hours * H + late(i)},${rate(i)}`);
  }
  return rows;
}

const PRICES = file('prices.csv', pricesCsv());
const LONG_SOL = file('long.csv', 'symbol,quantity\nSOL,100\n');
const SHORT_SOL = file('short.csv', 'symbol,quantity\nSOL,-100\n');
/** A SOL/ETH pool of 100,000: its ETH half, 50,000, hedged one for one (a short of 50,000). */
const POOL = file('pool.csv', 'symbol,kind,quote,notional,hedges\nSOL,v2,ETH,100000,BTC\n');
const FLAT_8H = file(
  'flat.csv',
  [
    'symbol,fundingTime,fundingRate',
    ...fundingRows('BTC', 8, () => 0.0001),
    ...fundingRows('ETH', 8, () => 0.0001),
  ].join('\n') + '\n',
);
const TRY = "Try 'hedge --help' for more information.";

function run(positions: string, ...args: string[]): Promise<CliResult> {
  return runCli(['-p', positions, '-r', PRICES, ...args]);
}

async function json(positions: string, ...args: string[]): Promise<Report> {
  const res = await run(positions, ...args, '--format', 'json');
  expect(res.stderr).toBe('');
  return JSON.parse(res.stdout) as Report;
}

describe('funding per hedge instrument', () => {
  test('without --funding: funding and carry null; the settings', async () => {
    const r = await json(LONG_SOL);
    expect(r.totals[0]!.funding).toBeNull();
    expect(r.positions[0]!.carry).toEqual({ feeApr: null, fundingApr: null, netApr: null });
    expect(r.settings).toMatchObject({ funding: [], horizon: 30 });
    expect(r.settings.thresholds.maxFundingCost).toBe(0.1);
  });

  test('0.0001 per 8 h is 10.95 % a year; a $50,000 short receives 450 over 30 days', async () => {
    const r = await json(POOL, '--funding', FLAT_8H);
    const eth = r.totals.find((t) => t.symbol === 'ETH')!;
    expect(eth.hedgeNotional).toBeCloseTo(-50_000, 9);
    expect(eth.funding).toEqual({
      intervalHours: 8,
      periods: 360,
      meanRate: 0.0001,
      annualizedRate: 0.1095,
      negativeShare: 0,
      worst30d: expect.closeTo(0.009, 15) as number, // 90 periods × 0.0001, received
      expectedCarry: expect.closeTo(450, 9) as number,
    });
    expect(r.warnings.filter((w) => w.code === 'FUNDING_COST')).toEqual([]);
  });

  test('--horizon scales the carry: 365 days of a $50,000 short at 10.95 % is 5,475', async () => {
    const r = await json(POOL, '--funding', FLAT_8H, '--horizon', '365');
    expect(r.totals.find((t) => t.symbol === 'ETH')!.funding!.expectedCarry).toBeCloseTo(5475, 9);
  });

  test('a long hedge pays: carry, worst 30 days and the position carry are negative', async () => {
    const r = await json(SHORT_SOL, '--funding', FLAT_8H, '--max-funding-cost', '1');
    const btc = r.totals[0]!;
    expect(btc.hedgeNotional).toBeGreaterThan(0);
    expect(btc.funding!.worst30d).toBeCloseTo(-0.009, 15);
    expect(btc.funding!.expectedCarry).toBeCloseTo((-btc.hedgeNotional! * 0.1095 * 30) / 365, 9);
    expect(btc.funding!.expectedCarry).toBeLessThan(0);
    const p = r.positions[0]!;
    expect(p.carry.fundingApr).toBeCloseTo((-btc.hedgeNotional! * 0.1095) / Math.abs(p.value!), 14);
    expect(p.carry.fundingApr).toBeLessThan(0);
  });

  test('the interval inferred from millisecond timestamps a few ms late (no interval column)', async () => {
    const rows = fundingRows(
      'BTC',
      8,
      () => 0.0001,
      (i) => (i * 7) % 10,
    );
    const f = file('late.csv', ['symbol,fundingTime,fundingRate', ...rows].join('\n') + '\n');
    const btc = (await json(LONG_SOL, '--funding', f)).totals[0]!.funding!;
    expect(btc.intervalHours).toBe(8);
    expect(btc.annualizedRate).toBe(0.1095);
  });

  test('0.0001 per 4 h is 21.9 %: the three-column archive via BTC=file.csv', async () => {
    const lines = ['calc_time,funding_interval_hours,last_funding_rate'];
    for (let i = 0; i * 4 < DAYS * 24; i++) lines.push(`${T0 + i * 4 * H},4,0.00010000`);
    const f = file('BTCUSDT-fundingRate-2024.csv', lines.join('\n') + '\n');
    const btc = (await json(LONG_SOL, '--funding', `BTC=${f}`, '--max-funding-cost', '1'))
      .totals[0]!.funding!;
    expect(btc).toMatchObject({ intervalHours: 4, periods: 720, annualizedRate: 0.219 });
  });

  test('0.0000125 per 1 h is 10.95 %; rows of other symbols are ignored, even bad ones', async () => {
    const f = file(
      'hourly.csv',
      ['symbol,time,rate', ...fundingRows('BTC', 1, () => 0.0000125), 'DOGE,n/a,?'].join('\n') +
        '\n',
    );
    const btc = (await json(LONG_SOL, '--funding', f)).totals[0]!.funding!;
    expect(btc).toMatchObject({ intervalHours: 1, periods: 2880, annualizedRate: 0.1095 });
  });

  test('only the rows inside --from/--to are used', async () => {
    // 0.0001 in February, 0.0003 outside it: February alone is 0.0001 exactly
    const feb = (i: number) =>
      T0 + i * 8 * H >= Date.UTC(2024, 1, 1) && T0 + i * 8 * H < Date.UTC(2024, 2, 1)
        ? 0.0001
        : 0.0003;
    const f = file(
      'feb.csv',
      ['symbol,fundingTime,fundingRate', ...fundingRows('BTC', 8, feb)].join('\n') + '\n',
    );
    const r = await json(
      LONG_SOL,
      '--funding',
      f,
      '--from',
      '2024-02-01',
      '--to',
      '2024-02-29',
      '--min-observations',
      '10',
    );
    expect(r.totals[0]!.funding).toMatchObject({
      periods: 29 * 3,
      meanRate: 0.0001,
      annualizedRate: 0.1095,
    });
  });

  test('a hedge without funding rows in the range: funding null, the carry unknown', async () => {
    const f = file(
      'eth-only.csv',
      ['symbol,fundingTime,fundingRate', ...fundingRows('ETH', 8, () => 0.0001)].join('\n') + '\n',
    );
    const r = await json(LONG_SOL, '--funding', f);
    expect(r.totals[0]!.funding).toBeNull();
    expect(r.positions[0]!.carry).toEqual({ feeApr: null, fundingApr: null, netApr: null });
  });

  test('several files of one contract (monthly archives) add up', async () => {
    const rows = fundingRows('BTC', 8, () => 0.0001);
    const a = file(
      'a.csv',
      ['symbol,fundingTime,fundingRate', ...rows.slice(0, 100)].join('\n') + '\n',
    );
    const b = file(
      'b.csv',
      ['symbol,fundingTime,fundingRate', ...rows.slice(100)].join('\n') + '\n',
    );
    const btc = (await json(LONG_SOL, '--funding', a, '--funding', b)).totals[0]!.funding!;
    expect(btc).toMatchObject({ periods: 360, annualizedRate: 0.1095 });
  });
});

describe('the sample (fixtures/funding.csv) against pandas', () => {
  // /usr/bin/python3 scripts/reference/funding_reference.py (pandas 1.5.3), both hedges short:
  //   BTC interval 8 periods 273 mean 0.00011764142857142858 annualized 0.1288173642857143
  //       negativeShare 0.09157509157509157 worst30d 0.00293431
  //   ETH interval 8 periods 273 mean -0.0001313292673992674 annualized -0.14380554780219781
  //       negativeShare 0.8827838827838828 worst30d -0.01827127
  test('every funding figure of both hedges', async () => {
    const res = await runCli([
      ...['-p', 'fixtures/positions.csv', '-r', 'fixtures/prices.csv'],
      ...['--funding', 'fixtures/funding.csv', '--format', 'json'],
    ]);
    const r = JSON.parse(res.stdout) as Report;
    const [btc, eth] = r.totals.map((t) => t.funding!);
    expect(btc).toMatchObject({
      intervalHours: 8,
      periods: 273,
      negativeShare: 0.09157509157509157,
    });
    expect(btc!.meanRate).toBeCloseTo(0.00011764142857142858, 18);
    expect(btc!.annualizedRate).toBeCloseTo(0.1288173642857143, 15);
    expect(btc!.worst30d).toBeCloseTo(0.00293431, 15);
    expect(eth).toMatchObject({
      intervalHours: 8,
      periods: 273,
      negativeShare: 0.8827838827838828,
    });
    expect(eth!.meanRate).toBeCloseTo(-0.0001313292673992674, 18);
    expect(eth!.annualizedRate).toBeCloseTo(-0.14380554780219781, 15);
    expect(eth!.worst30d).toBeCloseTo(-0.01827127, 15);
  });
});

describe('FUNDING_COST', () => {
  // The long BTC hedge of a short SOL position pays 0.0001 × 1,095 = 0.1095 a year.
  test('raised above the limit, with the numbers behind it', async () => {
    const r = await json(SHORT_SOL, '--funding', FLAT_8H, '--max-funding-cost', '0.1094');
    const btc = r.totals[0]!;
    expect(r.warnings.filter((w) => w.code === 'FUNDING_COST')).toEqual([
      {
        code: 'FUNDING_COST',
        severity: 'warning',
        message: `BTC: the long hedge pays 10.9% a year in funding (mean rate 0.01% per 8 h over 360 periods), above --max-funding-cost 10.9%: ${Math.round(btc.funding!.expectedCarry!).toLocaleString('en-US')} expected over 30 days`,
      },
    ]);
  });

  test('not raised at the limit itself, nor for a short that receives', async () => {
    const at = await json(SHORT_SOL, '--funding', FLAT_8H, '--max-funding-cost', '0.1095');
    expect(at.warnings.map((w) => w.code)).not.toContain('FUNDING_COST');
    const short = await json(LONG_SOL, '--funding', FLAT_8H, '--max-funding-cost', '0');
    expect(short.warnings.map((w) => w.code)).not.toContain('FUNDING_COST');
  });

  test('the default limit, 10 %: raised for a long paying 10.95 %; exit 3 with --fail-on', async () => {
    const res = await run(
      SHORT_SOL,
      '--funding',
      FLAT_8H,
      '--fail-on',
      'warning',
      '--format',
      'json',
    );
    expect(res.code).toBe(3);
    expect((JSON.parse(res.stdout) as Report).warnings.map((w) => w.code)).toEqual([
      'FUNDING_COST',
    ]);
  });
});

describe('carry per position', () => {
  test('netApr = fee_apr + fundingApr, on the position value', async () => {
    const book = file('fees.csv', 'symbol,quantity,fee_apr\nSOL,100,0.05\nSOL,50,\n');
    const r = await json(book, '--funding', FLAT_8H);
    const [a, b] = r.positions;
    const btc = r.totals[0]!;
    const legA = a!.hedges[0]!.hedgeNotional!;
    expect(a!.carry.feeApr).toBe(0.05);
    expect(a!.carry.fundingApr).toBeCloseTo((-legA * 0.1095) / a!.value!, 15);
    expect(a!.carry.netApr).toBeCloseTo(0.05 + a!.carry.fundingApr!, 15);
    expect(b!.carry).toMatchObject({ feeApr: null, netApr: b!.carry.fundingApr });
    expect(btc.funding!.annualizedRate).toBe(0.1095);
  });

  test('fee_apr without --funding: feeApr only; the table shows the carry', async () => {
    const book = file('fees-only.csv', 'symbol,quantity,fee_apr\nSOL,100,0.05\n');
    const r = await json(book);
    expect(r.positions[0]!.carry).toEqual({ feeApr: 0.05, fundingApr: null, netApr: null });
    const table = await run(book);
    expect(table.stdout).toContain('Carry a year');
    expect(table.stdout).not.toContain('Funding │ Side');
  });
});

describe('bad funding files and flags', () => {
  test('a file that does not exist', async () => {
    const p = path.join(dir, 'nope.csv');
    expectFailure(await run(LONG_SOL, '--funding', p), 1, [`hedge: ${p}: no such file`]);
    expectFailure(await run(LONG_SOL, '--funding', `BTC=${p}`), 1, [`hedge: ${p}: no such file`]);
  });

  test('bad rows: every one, located', async () => {
    const f = file(
      'bad.csv',
      'time,symbol,rate\n2024-01-01,BTC,0.0001\n2024-01-02T25:00,BTC,0.0001\n2024-01-03,BTC,1%\n2024-01-01,BTC,0.0002\n',
    );
    expectFailure(await run(LONG_SOL, '--funding', f), 1, [
      `hedge: ${f}:3: column "time": not a valid time: "2024-01-02T25:00"`,
      `hedge: ${f}:4: column "rate": expected a number, got "1%"`,
    ]);
  });

  test('a duplicate time names both lines, within a file and across files', async () => {
    const a = file(
      'dup-a.csv',
      'time,symbol,rate\n2024-01-01,BTC,0.0001\n2024-01-01T08:00,BTC,0.0001\n2024-01-01,BTC,0.0002\n',
    );
    const b = file('dup-b.csv', 'calc_time,last_funding_rate\n1704096000000,0.0001\n');
    expectFailure(await run(LONG_SOL, '--funding', a, '--funding', `BTC=${b}`), 1, [
      `hedge: ${a}:4: duplicate time 2024-01-01 for "BTC" (also on line 2)`,
      `hedge: ${b}:2: duplicate time 2024-01-01T08:00:00Z for "BTC" (also in ${a}, line 3)`,
    ]);
  });

  test('an archive without a symbol column given without SYMBOL=', async () => {
    const f = file(
      'archive.csv',
      'calc_time,funding_interval_hours,last_funding_rate\n1704067200000,8,0.0001\n',
    );
    expectFailure(await run(LONG_SOL, '--funding', f), 1, [
      `hedge: ${f}:1: no "symbol" column: give a file of one contract as SYMBOL=file (e.g. --funding BTC=${f})`,
    ]);
  });

  test.each([
    [['--funding', 'BTC='], 'hedge: --funding "BTC=": expected a file after "BTC="'],
    [['--horizon', '0'], 'hedge: --horizon "0": expected a number greater than 0'],
    [['--max-funding-cost', '-0.1'], 'hedge: --max-funding-cost "-0.1": expected a number ≥ 0'],
    [
      ['--funding', '-', '--funding', 'ETH=-'],
      'hedge: two --funding files both read standard input; at most one file can be -',
    ],
  ])('%j', async (args, message) => {
    expectFailure(await run(LONG_SOL, ...args), 2, [message, TRY]);
  });

  test('-o naming a funding file is refused', async () => {
    expectFailure(await run(LONG_SOL, '--funding', `BTC=${FLAT_8H}`, '-o', FLAT_8H), 2, [
      `hedge: --output ${FLAT_8H} is also the --funding file: the report would overwrite it`,
      TRY,
    ]);
  });

  test('a funding file on standard input', async () => {
    const text =
      ['symbol,fundingTime,fundingRate', ...fundingRows('BTC', 8, () => 0.0001)].join('\n') + '\n';
    const res = await runCli(['-p', LONG_SOL, '-r', PRICES, '--funding', '-', '--format', 'json'], {
      stdin: text,
    });
    expect((JSON.parse(res.stdout) as Report).totals[0]!.funding!.annualizedRate).toBe(0.1095);
  });
});
