/**
 * Fuzzing extreme magnitudes: prices near 1e±300 with --returns level and diff (properties.ts).
 * FUZZ_RUNS sets the number of cases (npm run fuzz sets 10,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fuzzRuns } from './arbitraries';
import { fuzzMagnitudes } from './properties';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hedge-fuzz-magnitude-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('1e300-scale prices with level and diff returns: finite reports', async () => {
  await fuzzMagnitudes(dir, fuzzRuns(100));
});
