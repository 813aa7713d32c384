/**
 * The first cases of every fuzz property (properties.ts), on every `npm test`; the full runs are
 * the *.slow.test.ts files beside this one (`npm run test:slow`, `npm run fuzz`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fuzzNewInputs } from './hostile-inputs';
import { fuzzDamagedTables, fuzzMagnitudes, fuzzRandomBytes, fuzzValidTables } from './properties';

const CASES = 20;
const dir = mkdtempSync(path.join(os.tmpdir(), 'hedge-fuzz-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test(`valid tables with random options (first ${CASES} cases)`, async () => {
  await fuzzValidTables(dir, CASES);
});

test(`1e300-scale prices with level and diff returns (first ${CASES} cases)`, async () => {
  await fuzzMagnitudes(dir, CASES);
});

test(`damaged tables (first ${CASES} cases)`, async () => {
  await fuzzDamagedTables(dir, CASES);
});

test(`random bytes in either file (first ${CASES} cases)`, async () => {
  await fuzzRandomBytes(dir, CASES);
});

test(`pool rows, --current and --previous with hostile values (first ${CASES} cases)`, async () => {
  await fuzzNewInputs(path.join(dir, 'hostile'), CASES);
});
