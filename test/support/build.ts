import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/** A private build: bin/hedge.js and dist/ in a temporary directory (scripts/build.mjs --out). */
export interface Build {
  dir: string;
  /** The built program's bin/hedge.js, which loads dist/ beside it. */
  bin: string;
  /** dist/hedge.cjs, whose code cache bin/hedge.js hands to V8. */
  bundle: string;
}

/**
 * Builds the program once per test file that spawns it, into its own temporary directory: test
 * files run in parallel, and a build into the shared ./dist would rewrite files another test's
 * process is loading. Call {@link removeBuild} in afterAll.
 */
export function buildProgram(): Build {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hedge-build-'));
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--out', dir], {
    stdio: 'pipe',
  });
  return { dir, bin: path.join(dir, 'bin/hedge.js'), bundle: path.join(dir, 'dist/hedge.cjs') };
}

export function removeBuild(build: Build | undefined): void {
  if (build) rmSync(build.dir, { recursive: true, force: true });
}
