/**
 * The fuzz properties, each run for a given number of cases: the *.slow.test.ts files of
 * test/fuzz run them fully (FUZZ_RUNS cases, or their defaults), smoke.test.ts runs the first
 * few cases of each on every `npm test` (same seed, so they are the first cases of the full runs).
 */
import path from 'node:path';
import fc from 'fast-check';
import {
  FUZZ_SEED,
  argsArb,
  checkRun,
  corrupted,
  randomBytesArb,
  runOnFiles,
  tablesArb,
  validTablesArb,
} from './arbitraries';

const files = (dir: string) => ({
  positions: path.join(dir, 'positions.csv'),
  prices: path.join(dir, 'prices.csv'),
});

/**
 * Valid but unusual inputs (BOM, CRLF, quoting, shuffled rows, wide and long prices, every time
 * format, magnitudes from 1e-8 to 1e100, hostile symbols and labels) and random valid options:
 * every run ends with a report (JSON with finite numbers only) or one located error per line.
 */
export async function fuzzValidTables(dir: string, numRuns: number): Promise<void> {
  const caseArb = validTablesArb.chain((t) => fc.tuple(fc.constant(t), argsArb(t.symbols)));
  const f = files(dir);
  let reports = 0;
  await fc.assert(
    fc.asyncProperty(caseArb, async ([t, args]) => {
      const res = await runOnFiles(dir, t.positions, t.prices, args);
      const inputs = { [f.positions]: t.positions, [f.prices]: t.prices };
      checkRun(res, inputs, args[args.indexOf('--format') + 1]!, true);
      if (res.code !== 1) reports++;
    }),
    { numRuns, seed: FUZZ_SEED },
  );
  // The generator must reach the report most of the time, or the property tests little.
  expect(reports).toBeGreaterThan(numRuns * 0.4);
}

/**
 * Extreme magnitudes: prices near 1e300, 1e200, 1e100 and 1e-300 with --returns level and diff
 * (log and simple returns are O(1) whatever the prices). Every number of the report must stay
 * finite: sums of squares and fourth powers of such series overflow unless the statistics are
 * computed on series scaled by powers of two (build-report); without it these ended in
 * `internal error: F is NaN` / `chi-square statistic is NaN`.
 */
export async function fuzzMagnitudes(dir: string, numRuns: number): Promise<void> {
  const caseArb = tablesArb([1e-300, 1e-150, 1e100, 1e200, 1e300]).chain((t) =>
    fc.tuple(fc.constant(t), argsArb(t.symbols, ['level', 'diff'])),
  );
  const f = files(dir);
  await fc.assert(
    fc.asyncProperty(caseArb, async ([t, args]) => {
      const res = await runOnFiles(dir, t.positions, t.prices, args);
      const inputs = { [f.positions]: t.positions, [f.prices]: t.prices };
      checkRun(res, inputs, args[args.indexOf('--format') + 1]!, true);
    }),
    { numRuns, seed: FUZZ_SEED },
  );
}

/**
 * Valid tables after byte-level damage (deleted, inserted and replaced bytes, NUL, quotes, line
 * ends, escape sequences, RTL overrides, invalid UTF-8, truncation, swapped and repeated lines)
 * in the prices, the positions or both: a report or located errors with exit 1, never a crash, an
 * unlocated or internal error, or NaN in a report.
 */
export async function fuzzDamagedTables(dir: string, numRuns: number): Promise<void> {
  const damagedArb = validTablesArb.chain((t) =>
    fc.tuple(
      fc.oneof(
        fc.tuple(fc.constant(Buffer.from(t.positions)), corrupted(t.prices)),
        fc.tuple(corrupted(t.positions), fc.constant(Buffer.from(t.prices))),
        fc.tuple(corrupted(t.positions), corrupted(t.prices)),
      ),
      argsArb(t.symbols),
    ),
  );
  const f = files(dir);
  await fc.assert(
    fc.asyncProperty(damagedArb, async ([[positions, prices], args]) => {
      const res = await runOnFiles(dir, positions, prices, args);
      const inputs = { [f.positions]: positions, [f.prices]: prices };
      checkRun(res, inputs, args[args.indexOf('--format') + 1]!);
    }),
    { numRuns, seed: FUZZ_SEED },
  );
}

/** Random bytes in either file (the other valid): located errors, never a crash. */
export async function fuzzRandomBytes(dir: string, numRuns: number): Promise<void> {
  const positionsArb = fc.oneof(
    randomBytesArb,
    fc.constant(Buffer.from('symbol,quantity\nSOL,1\n')),
  );
  const pricesArb = fc.oneof(
    randomBytesArb,
    fc.constant(Buffer.from('date,BTC,SOL\n2024-01-01,1,2\n2024-01-02,2,3\n2024-01-03,3,5\n')),
  );
  const f = files(dir);
  await fc.assert(
    fc.asyncProperty(positionsArb, pricesArb, argsArb(['BTC', 'SOL']), async (p, r, args) => {
      const res = await runOnFiles(dir, p, r, args);
      checkRun(res, { [f.positions]: p, [f.prices]: r }, args[args.indexOf('--format') + 1]!);
    }),
    { numRuns, seed: FUZZ_SEED },
  );
}
