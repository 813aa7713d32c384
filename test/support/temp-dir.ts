import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A temporary directory for the calling test file, removed after its tests. */
export function tempDirForThisFile(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Gives a new empty subdirectory of `root` on each call: one per test. */
export function freshDirs(root: string): () => string {
  let count = 0;
  return () => {
    const dir = path.join(root, `t${++count}`);
    mkdirSync(dir);
    return dir;
  };
}

/** A writer of files in `dir`: file(name, content) writes `content` there and gives its path. */
export function fileIn(dir: string): (name: string, content: string) => string {
  return (name, content) => {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return p;
  };
}
