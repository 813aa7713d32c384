/**
 * Fuzzing the CLI with valid but unusual inputs and random valid options (properties.ts):
 * FUZZ_RUNS sets the number of cases (npm run fuzz sets 10,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fuzzRuns } from './arbitraries';
import { fuzzValidTables } from './properties';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hedge-fuzz-valid-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('valid tables with random options: a clean report or located errors', async () => {
  await fuzzValidTables(dir, fuzzRuns(150));
});
