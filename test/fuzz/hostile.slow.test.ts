/**
 * Fuzzing the newer inputs (pool rows, --current, --previous) with hostile values
 * (hostile-inputs.ts). FUZZ_RUNS sets the number of cases (npm run fuzz sets 10,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fuzzRuns } from './arbitraries';
import { fuzzNewInputs } from './hostile-inputs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hedge-fuzz-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('pool rows, --current and --previous with hostile values: a report or located errors', async () => {
  await fuzzNewInputs(dir, fuzzRuns(150));
});
