/**
 * Fuzz properties for the newer inputs and hostile values (issue 19): pool rows, `--current` and
 * `--previous` files, built from cells that include radix numbers, overflowing magnitudes
 * (1e308, 5e307), subnormals, junk and megabyte-long text; and damaged previous reports. Every run
 * must pass checkRun (exit 0/1/3, located one-line errors naming an input, finite numbers, no
 * control characters, no internal error), echo no message line longer than the clip, and a
 * report's priced position never has a null value (an overflow is an error, not a null).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { MESSAGE_LENGTH } from '../../src/report/text';
import { runCli } from '../support/cli';
import { FUZZ_SEED, checkRun, corrupted } from './arbitraries';
import { dailyWalkCsv } from '../support/daily-prices';

/** 90 daily closes of BTC, ETH and SOL (SOL following BTC), seeded. */
function pricesCsv(): string {
  const symbols = ['BTC', 'ETH', 'SOL'];
  return dailyWalkCsv({
    symbols,
    start: [30_000, 2_000, 100],
    days: 90,
    seed: 99,
    tilt: 6,
    show: String,
  });
}

/** Number cells: ordinary, extreme, radix, junk. */
const numberCell = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom('1', '2.5', '100', '0.001', '1500', '50', '500') },
  {
    weight: 2,
    arbitrary: fc.constantFrom('1e308', '-1e308', '5e307', '1.7976931348623157e308', '1e-320', '0'),
  },
  { weight: 1, arbitrary: fc.constantFrom('0x10', '0b1', '0o7', '1e999', 'NaN', 'abc', '', ' ') },
  { weight: 1, arbitrary: fc.double({ noNaN: true }).map(String) },
);

/** Symbol or quote cells: priced, cash, unknown, hostile, megabyte-long. */
const symbolCell = fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom('ETH', 'SOL', 'ETH', 'SOL', 'USDC', 'USD') },
  { weight: 1, arbitrary: fc.constantFrom('BTX', 'S\x1b[31mX', 'R\u202eTL', '=SUM(A1)', '') },
  { weight: 1, arbitrary: fc.constant('Z'.repeat(200_000)) },
);

const kindCell = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom('spot', 'v2', 'v3', 'V3', '') },
  { weight: 1, arbitrary: fc.constant('v4') },
);

/** Quote the cell for CSV when it must be. */
const csvCell = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

/** Size columns each kind takes (a hostile case now and then takes another). */
const SIZES: Readonly<Record<string, readonly string[]>> = {
  spot: ['quantity', 'notional'],
  v2: ['quantity', 'notional'],
  v3: ['liquidity', 'notional'],
};

/** A positions file with pool rows (every column, filled as the kind takes them). */
const poolPositionsArb = fc
  .array(
    fc.record({
      symbol: fc.oneof({ weight: 12, arbitrary: fc.constantFrom('ETH', 'SOL') }, symbolCell),
      kind: kindCell,
      quote: fc.oneof({ weight: 12, arbitrary: fc.constantFrom('USDC', 'BTC', 'USD') }, symbolCell),
      size: numberCell,
      sizeColumn: fc.nat(1),
      // the range: a lower bound and how far above it the upper one is (or two hostile cells)
      range: fc.oneof(
        {
          weight: 8,
          arbitrary: fc
            .tuple(fc.constantFrom(1, 50, 1000), fc.constantFrom(2, 10, 100))
            .map(([lo, k]) => [String(lo), String(lo * k)]),
        },
        { weight: 1, arbitrary: fc.tuple(numberCell, numberCell) },
      ),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((rows) => {
    const lines = ['symbol,kind,quote,quantity,notional,liquidity,lower,upper'];
    for (const r of rows) {
      const kind = r.kind.toLowerCase() === '' ? 'spot' : r.kind.toLowerCase();
      const takes = SIZES[kind] ?? ['quantity', 'notional'];
      const size = ['quantity', 'notional', 'liquidity'].map((c) =>
        c === takes[r.sizeColumn] ? r.size : '',
      );
      const pool = kind === 'v2' || kind === 'v3';
      const range = kind === 'v3' ? r.range : ['', ''];
      lines.push([r.symbol, r.kind, pool ? r.quote : '', ...size, ...range].map(csvCell).join(','));
    }
    return lines.join('\n') + '\n';
  });

/** A current-hedges file: symbols (some repeated) and quantities, sometimes labels. */
const currentArb = fc
  .array(fc.tuple(symbolCell, numberCell, fc.constantFrom('', 'binance', 'dydx')), {
    maxLength: 3,
  })
  .map(
    (rows) => `symbol,quantity,label\n${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`,
  );

/**
 * Pool rows, and with them at random a --current file and a --previous report (the JSON report of
 * a plain run, damaged or whole): see the module comment for what every run must pass.
 */
export async function fuzzNewInputs(dir: string, numRuns: number): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const prices = path.join(dir, 'prices.csv');
  writeFileSync(prices, pricesCsv());
  const plain = path.join(dir, 'plain.csv');
  writeFileSync(plain, 'symbol,quantity\nSOL,10\nETH,-1\n');
  const previousText = (await runCli(['-p', plain, '-r', prices, '--format', 'json'])).stdout;
  const caseArb = fc.record({
    positions: poolPositionsArb,
    current: fc.option(currentArb, { nil: null }),
    previous: fc.option(fc.oneof(fc.constant(Buffer.from(previousText)), corrupted(previousText)), {
      nil: null,
    }),
    format: fc.constantFrom('json', 'json', 'table', 'csv', 'markdown'),
  });
  let reports = 0;
  await fc.assert(
    fc.asyncProperty(caseArb, async (c) => {
      const files: Record<string, Buffer | string> = {};
      const put = (name: string, content: Buffer | string) => {
        const p = path.join(dir, name);
        writeFileSync(p, content);
        files[p] = content;
        return p;
      };
      const args = ['-p', put('positions.csv', c.positions), '-r', prices, '--format', c.format];
      files[prices] = pricesCsv();
      if (c.current !== null) args.push('--current', put('current.csv', c.current));
      if (c.previous !== null) args.push('--previous', put('previous.json', c.previous));
      const res = await runCli([...args, '-H', 'BTC']);
      checkRun(res, files, c.format);
      for (const line of res.stderr.split('\n')) {
        if (line.length > MESSAGE_LENGTH + 20) throw new Error(`a message line of ${line.length}`);
      }
      if (res.code !== 1) reports++;
      if (res.code !== 1 && c.format === 'json') {
        const report = JSON.parse(res.stdout) as {
          positions: { price: number | null; value: number | null }[];
        };
        for (const p of report.positions) {
          if (p.price !== null && p.value === null)
            throw new Error('a priced position with a null value');
        }
      }
    }),
    { numRuns, seed: FUZZ_SEED },
  );
  // pool rows and holdings must reach the report often enough for the property to test them
  expect(reports).toBeGreaterThanOrEqual(Math.floor(numRuns * 0.1));
}
