import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { tempDirForThisFile } from './temp-dir';

export const ROOT = path.resolve(__dirname, '../..');

/** A private build: bin/hedge.js and dist/ in a temporary directory (scripts/build.mjs --out). */
export interface Build {
  /** The built program's bin/hedge.js, which loads dist/ beside it. */
  bin: string;
  /** dist/hedge.cjs, whose code cache bin/hedge.js hands to V8. */
  bundle: string;
}

/**
 * Builds the program for the calling test file, once, before its tests (its fields are set from
 * then on), into a temporary directory removed after them. Test files run in parallel: a build
 * into the shared ./dist would rewrite files another test's process is loading.
 */
export function buildForThisFile(): Build {
  const dir = tempDirForThisFile('hedge-build-');
  const build: Build = { bin: '', bundle: '' };
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--out', dir], {
      stdio: 'pipe',
    });
    build.bin = path.join(dir, 'bin/hedge.js');
    build.bundle = path.join(dir, 'dist/hedge.cjs');
  });
  return build;
}
