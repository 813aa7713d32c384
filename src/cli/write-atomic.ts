import {
  closeSync,
  fsyncSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors';
import { showText } from '../report/text';

/**
 * Fails early (before any work) when `--output` cannot be written: its directory is missing or
 * is not a directory, or the path itself is a directory.
 */
/** 8 random hex digits. `node:crypto` is loaded here, not at start-up (~2 ms): few runs write. */
function randomHex(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  return randomBytes(4).toString('hex');
}

export function checkOutputPath(file: string): void {
  const dir = path.dirname(path.resolve(file));
  const shown = showText(file);
  const shownDir = showText(path.dirname(file));
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new UsageError(`--output ${shown}: directory ${shownDir} does not exist`);
  }
  if (!st.isDirectory()) throw new UsageError(`--output ${shown}: ${shownDir} is not a directory`);
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`--output ${shown}: is a directory`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
  }
}

/**
 * Writes `text` to `file` atomically: a temporary file in the same directory (same file
 * system, so rename is atomic), flushed to disk, then renamed over the target. Readers see the
 * old report or the new one, never a part; a crash or kill leaves the old one intact. The
 * temporary file is removed on failure.
 */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomHex()}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    const buf = Buffer.from(text, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, file);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
}
