/**
 * Pool positions through the whole program. The prices are built so that the regressions are
 * exact: ALT's log returns are 0.6 × BTC's + 0.7 × ETH's, ALU's are 1.3 × BTC's, and the last
 * row has BTC 60,000, ETH 3,000, ALT 1, ALU 1. The worked cases then come out of the CLI
 * with the reference values of `/usr/bin/python3 scripts/reference/amm_reference.py`.
 */
import { fileIn, tempDirForThisFile } from '../support/temp-dir';
import { runCli } from '../support/cli';

const dir = tempDirForThisFile('hedge-pools-');

const file = fileIn(dir);

/** 80 daily closes ending at the prices above; deterministic, not collinear. */
function exactPrices(): string {
  const n = 80;
  const rb = Array.from(
    { length: n },
    (_, t) => 0.03 * Math.sin(1.3 * t) + 0.01 * Math.cos(0.7 * t),
  );
  const re = Array.from(
    { length: n },
    (_, t) => 0.025 * Math.cos(0.9 * t) + 0.02 * Math.sin(2.1 * t),
  );
  const last = { BTC: 60000, ETH: 3000, ALT: 1, ALU: 1 };
  const logs = { BTC: 0, ETH: 0, ALT: 0, ALU: 0 };
  const rows: string[] = [];
  for (let t = n - 1; t >= 0; t--) {
    const day = new Date(Date.UTC(2025, 0, 1 + t)).toISOString().slice(0, 10);
    const px = (k: keyof typeof last) => String(last[k] * Math.exp(logs[k]));
    rows.push(`${day},${px('BTC')},${px('ETH')},${px('ALT')},${px('ALU')}`);
    // the price one day earlier: undo return t
    logs.BTC -= rb[t]!;
    logs.ETH -= re[t]!;
    logs.ALT -= 0.6 * rb[t]! + 0.7 * re[t]!;
    logs.ALU -= 1.3 * rb[t]!;
  }
  return ['date,BTC,ETH,ALT,ALU', ...rows.reverse()].join('\n') + '\n';
}

const PRICES = file('prices.csv', exactPrices());
const POSITIONS = file(
  'positions.csv',
  [
    'symbol,kind,quote,notional,lower,upper,hedges',
    'ALT,v2,ETH,100000,,,BTC|ETH',
    'ALU,v3,USDC,100000,0.8,1.25,BTC',
  ].join('\n') + '\n',
);

interface Json {
  positions: {
    [key: string]: unknown;
    exposure: Record<string, unknown>;
    hedges: { symbol: string; beta: number | null; hedgeRatio: number; hedgeQuantity: number }[];
    scenarios: { move: number; positionPnl: number; hedgePnl: number; net: number }[];
  }[];
  totals: { symbol: string; hedgeQuantity: number }[];
}

function close(actual: number, expected: number, tol = 1e-9): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

test('the issue’s two cases through the CLI: legs, totals, exposure block, scenarios', async () => {
  const res = await runCli(['-p', POSITIONS, '-r', PRICES, '--format', 'json']);
  expect(res.code).toBe(0);
  const r = JSON.parse(res.stdout) as Json;
  const [altEth, alu] = r.positions;
  expect(Object.keys(altEth!).slice(0, 8)).toEqual([
    'symbol',
    'label',
    'quantity',
    'price',
    'value',
    'exposure',
    'carry',
    'observations',
  ]);
  const keys = Object.keys(altEth!);
  expect(keys.slice(keys.indexOf('hedges'), keys.indexOf('hedges') + 3)).toEqual([
    'hedges',
    'scenarios',
    'effectiveness',
  ]);
  // ALT/ETH v2: betas 0.6 and 0.7; 0.5 BTC, 11.667 + 16.667 ETH
  expect(altEth!.hedges.map((h) => [h.symbol, h.hedgeRatio === 1 && h.beta === null])).toEqual([
    ['BTC', false],
    ['ETH', false],
    ['ETH', true],
  ]);
  close(altEth!.hedges[0]!.beta!, 0.6);
  close(altEth!.hedges[1]!.beta!, 0.7);
  close(altEth!.hedges[0]!.hedgeQuantity, -0.5); // altEthShortBtc
  close(altEth!.hedges[1]!.hedgeQuantity, -11.666666666666666); // altEthShortEthRegression
  close(altEth!.hedges[2]!.hedgeQuantity, -16.666666666666668); // altEthShortEthDirect
  expect(altEth!.exposure).toMatchObject({ kind: 'v2', quote: 'ETH', lower: null, inRange: true });
  close(altEth!.exposure.delta as number, 50000); // altEthBase
  close(altEth!.exposure.quoteAmount as number, 16.666666666666668); // altEthQuote
  const down = altEth!.scenarios.find((c) => c.move === -0.3)!;
  close(down.net, 853.3334865260167, 1e-7); // altEthScenario-0.3Net
  // ALU v3 on [0.8, 1.25], beta 1.3: short 1.0833 BTC
  close(alu!.hedges[0]!.hedgeQuantity, -1.0833333333333333); // altShortBtc
  expect(alu!.hedges).toHaveLength(1);
  close(alu!.exposure.gamma as number, -236803.39887498948); // altGamma
  close(alu!.scenarios[0]!.net, -13891.388370961056, 1e-7); // altScenario-0.3Net
  close(alu!.scenarios[7]!.positionPnl, 5901.699437494743, 1e-7); // altScenario0.3Position
  // totals: BTC 0.5 + 1.0833, ETH 28.333
  close(r.totals.find((t) => t.symbol === 'BTC')!.hedgeQuantity, -1.5833333333333333);
  close(r.totals.find((t) => t.symbol === 'ETH')!.hedgeQuantity, -28.333333333333332); // altEthShortEthTotal
});

test('table, CSV and markdown show the kind, the delta and the range; markdown the scenarios', async () => {
  const table = await runCli(['-p', POSITIONS, '-r', PRICES]);
  expect(table.stdout).toContain('v2 ALT/ETH, full range');
  expect(table.stdout).toContain('v3 ALU/USDC, in range');
  expect(table.stdout).toContain('delta 50,000 ALU');
  expect(table.stdout).toContain('direct 1:1');
  const csv = (await runCli(['-p', POSITIONS, '-r', PRICES, '--format', 'csv'])).stdout.split('\n');
  const header = csv[0]!.split(',');
  expect(header.slice(5, 18)).toEqual(
    'value,kind,quote,baseAmount,quoteAmount,delta,deltaValue,gamma,lower,upper,inRange,rebalanceBelow,rebalanceAbove'.split(
      ',',
    ),
  );
  expect(csv[4]!.split(',')[header.indexOf('inRange')]).toBe('true');
  const md = (await runCli(['-p', POSITIONS, '-r', PRICES, '--format', 'markdown'])).stdout;
  expect(md).toContain('| ALT |  | v2 ALT/ETH | 50,000.0 | full range | Sell ETH (direct) |');
  expect(md).toContain('### ALU: v3 ALU/USDC on 0.8 … 1.25, in range');
  expect(md).toContain('| -30% | 0.628966 | -33,391.39 | 19,500.00 | -13,891.39 |');
});

test('a pool out of its range: below it all base, above it all quote', async () => {
  const p = file(
    'out.csv',
    'symbol,kind,quote,liquidity,lower,upper\nALU,v3,USDC,1000,2,3\nALU,v3,USDC,1000,0.2,0.5\n',
  );
  const r = JSON.parse((await runCli(['-p', p, '-r', PRICES, '--format', 'json'])).stdout) as Json;
  expect(r.positions[0]!.exposure).toMatchObject({ inRange: false, quoteAmount: 0, gamma: 0 });
  expect(r.positions[0]!.exposure.rebalanceBelow).toBeNull();
  expect(r.positions[1]!.exposure).toMatchObject({ inRange: false, baseAmount: 0, delta: 0 });
  expect(r.positions[1]!.exposure.rebalanceBelow).toBe(0.5);
  expect(r.positions[1]!.hedges[0]!.hedgeQuantity).toBe(0);
  const table = await runCli(['-p', p, '-r', PRICES]);
  expect(table.stdout).toContain('below range');
  expect(table.stdout).toContain('above range');
});

test('a quote that is neither cash nor a prices column, or the pool’s own symbol: exit 1', async () => {
  const p = file(
    'quotes.csv',
    'symbol,kind,quote,notional\nALT,v2,ETX,100\nALT,v2,ALT,100\nALT,v2,USDC,100\n',
  );
  const res = await runCli(['-p', p, '-r', PRICES, '--cash', 'USD']);
  expect(res.code).toBe(1);
  expect(res.stdout).toBe('');
  expect(res.stderr).toBe(
    [
      `hedge: ${p}:2: quote "ETX" is neither cash (--cash USD) nor a column of ${PRICES} (did you mean "ETH"?)`,
      `hedge: ${p}:3: quote "ALT" is the pool's own symbol`,
      `hedge: ${p}:4: quote "USDC" is neither cash (--cash USD) nor a column of ${PRICES}`,
      '',
    ].join('\n'),
  );
});

test('bad pool rows: one located line each, exit 1, nothing on stdout', async () => {
  const p = file(
    'bad.csv',
    'symbol,kind,quote,liquidity,lower,upper\nALU,v3,USDC,1000,3,2\nALU,v3,USDC,-1,1,2\nALU,v5,USDC,1,1,2\n',
  );
  const res = await runCli(['-p', p, '-r', PRICES]);
  expect(res).toEqual({
    code: 1,
    stdout: '',
    stderr: [
      `hedge: ${p}:2: "lower" (3) must be below "upper" (2)`,
      `hedge: ${p}:3: column "liquidity": a pool position must be greater than zero, got -1`,
      `hedge: ${p}:4: column "kind": unknown kind "v5": expected spot, v2 or v3`,
      '',
    ].join('\n'),
  });
});

test('--cash and --rebalance-band are checked and echoed in the settings', async () => {
  const bad = await runCli(['-p', POSITIONS, '-r', PRICES, '--rebalance-band', '1']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain(
    'hedge: --rebalance-band "1": expected a fraction greater than 0 and less than 1',
  );
  const badCash = await runCli(['-p', POSITIONS, '-r', PRICES, '--cash', 'USD,,DAI']);
  expect(badCash.code).toBe(2);
  const res = await runCli([
    ...['-p', POSITIONS, '-r', PRICES, '--format', 'json'],
    ...['--cash', 'USDC', '--rebalance-band', '0.05'],
  ]);
  const r = JSON.parse(res.stdout) as { settings: Record<string, unknown> } & Json;
  expect(r.settings).toMatchObject({ cash: ['USDC'], rebalanceBand: 0.05 });
  const alt = r.positions[0]!.exposure;
  close((alt.rebalanceAbove as number) / (1 / 3000) - 1, 0.10803324099722991); // v2RebalanceAboveMove0.05
});
