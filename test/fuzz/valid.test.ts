/**
 * Fuzzing the CLI with valid but unusual inputs (BOM, CRLF, quoting, shuffled rows, wide and long
 * prices, every time format, magnitudes from 1e-8 to 1e100, hostile symbols and labels) and
 * random valid options: every run ends with a report (JSON with finite numbers only) or one
 * located error per line, never a crash. FUZZ_RUNS sets the number of cases (npm run fuzz).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { FUZZ_SEED, argsArb, checkRun, fuzzRuns, runOnFiles, validTablesArb } from './arbitraries';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hedge-fuzz-valid-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const caseArb = validTablesArb.chain((t) => fc.tuple(fc.constant(t), argsArb(t.symbols)));

test('valid tables with random options: a clean report or located errors', async () => {
  let reports = 0;
  await fc.assert(
    fc.asyncProperty(caseArb, async ([t, args]) => {
      const res = await runOnFiles(dir, t.positions, t.prices, args);
      const files = {
        [path.join(dir, 'positions.csv')]: t.positions,
        [path.join(dir, 'prices.csv')]: t.prices,
      };
      checkRun(res, files, args[args.indexOf('--format') + 1]!, true);
      if (res.code !== 1) reports++;
    }),
    { numRuns: fuzzRuns(150), seed: FUZZ_SEED },
  );
  // The generator must reach the report most of the time, or the property tests little.
  expect(reports).toBeGreaterThan(fuzzRuns(150) * 0.4);
});
