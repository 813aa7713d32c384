/**
 * Fuzzing the CLI with broken input: valid tables after byte-level damage (deleted, inserted and
 * replaced bytes, NUL, quotes, line ends, escape sequences, RTL overrides, invalid UTF-8,
 * truncation, swapped and repeated lines) and plain random bytes. Whatever it is fed, a run ends
 * with a report or located errors with exit 1: never a crash, an unlocated or internal error, or
 * NaN in a report. FUZZ_RUNS sets the number of cases (npm run fuzz).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {
  FUZZ_SEED,
  argsArb,
  checkRun,
  corrupted,
  fuzzRuns,
  randomBytesArb,
  runOnFiles,
  validTablesArb,
} from './arbitraries';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hedge-fuzz-corrupt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const P = path.join(dir, 'positions.csv');
const R = path.join(dir, 'prices.csv');

/** Which file is damaged: the prices, the positions, or both. */
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

test('damaged tables: a report or located errors, never a crash', async () => {
  await fc.assert(
    fc.asyncProperty(damagedArb, async ([[positions, prices], args]) => {
      const res = await runOnFiles(dir, positions, prices, args);
      checkRun(res, { [P]: positions, [R]: prices }, args[args.indexOf('--format') + 1]!);
    }),
    { numRuns: fuzzRuns(150), seed: FUZZ_SEED },
  );
});

test('random bytes in either file: located errors, never a crash', async () => {
  const positionsArb = fc.oneof(
    randomBytesArb,
    fc.constant(Buffer.from('symbol,quantity\nSOL,1\n')),
  );
  const pricesArb = fc.oneof(
    randomBytesArb,
    fc.constant(Buffer.from('date,BTC,SOL\n2024-01-01,1,2\n2024-01-02,2,3\n2024-01-03,3,5\n')),
  );
  await fc.assert(
    fc.asyncProperty(positionsArb, pricesArb, argsArb(['BTC', 'SOL']), async (p, r, args) => {
      const res = await runOnFiles(dir, p, r, args);
      checkRun(res, { [P]: p, [R]: r }, args[args.indexOf('--format') + 1]!);
    }),
    { numRuns: fuzzRuns(100), seed: FUZZ_SEED },
  );
});
