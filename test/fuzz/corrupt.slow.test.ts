/**
 * Fuzzing the CLI with broken input: damaged valid tables and plain random bytes (properties.ts).
 * FUZZ_RUNS sets the number of cases (npm run fuzz sets 10,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fuzzRuns } from './arbitraries';
import { fuzzDamagedTables, fuzzRandomBytes } from './properties';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hedge-fuzz-corrupt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('damaged tables: a report or located errors, never a crash', async () => {
  await fuzzDamagedTables(dir, fuzzRuns(150));
});

test('random bytes in either file: located errors, never a crash', async () => {
  await fuzzRandomBytes(dir, fuzzRuns(100));
});
