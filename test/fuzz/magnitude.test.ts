/**
 * Fuzzing extreme magnitudes: prices near 1e300, 1e200, 1e100 and 1e-300 with --returns level
 * and diff (log and simple returns are O(1) whatever the prices). Every number of the report
 * must stay finite: sums of squares and fourth powers of such series overflow unless the
 * statistics are computed on series scaled by powers of two.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { FUZZ_SEED, argsArb, checkRun, fuzzRuns, runOnFiles, tablesArb } from './arbitraries';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hedge-fuzz-magnitude-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const caseArb = tablesArb([1e-300, 1e-150, 1e100, 1e200, 1e300]).chain((t) =>
  fc.tuple(fc.constant(t), argsArb(t.symbols, ['level', 'diff'])),
);

// Extreme series are scaled by powers of two before the statistics (build-report); without it
// these ended in `internal error: F is NaN` / `chi-square statistic is NaN`.
test('1e300-scale prices with level and diff returns: finite reports', async () => {
  await fc.assert(
    fc.asyncProperty(caseArb, async ([t, args]) => {
      const res = await runOnFiles(dir, t.positions, t.prices, args);
      const files = {
        [path.join(dir, 'positions.csv')]: t.positions,
        [path.join(dir, 'prices.csv')]: t.prices,
      };
      checkRun(res, files, args[args.indexOf('--format') + 1]!, true);
    }),
    { numRuns: fuzzRuns(100), seed: FUZZ_SEED },
  );
});
