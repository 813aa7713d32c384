/**
 * Writing the report where resolveOutputTarget (./output-target.ts) said: a regular file
 * replaced atomically, or a device or FIFO written in place. A failure to write is a located
 * error (exit 1) naming the target and the reason, never an internal error.
 */
import {
  closeSync,
  constants,
  fsyncSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors';
import { showText } from '../report/text';

/** 8 random hex digits. `node:crypto` is loaded here, not at start-up (~2 ms): few runs write. */
function randomHex(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  return randomBytes(4).toString('hex');
}

/** The longest file name (in bytes) of the file systems in use (NAME_MAX). */
const NAME_MAX = 255;

/**
 * The temporary file's name for a target named `base`: `.base.pid.hex.tmp`, with `base` cut
 * (at a character boundary) so that the name fits NAME_MAX bytes whatever the target's name.
 */
export function tempName(base: string, pid: number, hex: string): string {
  const tail = `.${pid}.${hex}.tmp`;
  const room = NAME_MAX - 1 - Buffer.byteLength(tail);
  let head = base;
  if (Buffer.byteLength(head) > room) {
    head = '';
    for (const ch of base) {
      if (Buffer.byteLength(head + ch) > room) break;
      head += ch;
    }
  }
  return `.${head}${tail}`;
}

/** Writes all of `buf` to `fd`. */
function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

/**
 * Writes `text` to `file` atomically: a temporary file in the same directory (same file
 * system, so rename is atomic), flushed to disk, then renamed over the target. Readers see the
 * old report or the new one, never a part; a crash or kill leaves the old one intact. The
 * temporary file is removed on failure. `file` is a real path (no symbolic link to replace).
 */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, tempName(path.basename(file), process.pid, randomHex()));
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    writeAll(fd, Buffer.from(text, 'utf8'));
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

/**
 * Writes `text` to an existing character device or FIFO in place (opened without O_CREAT: if
 * the node went away meanwhile, nothing is created in its stead). Not atomic: a device has no
 * previous content to keep. A FIFO without a reader waits for one, as a shell's `>` does.
 */
export function writeInPlace(file: string, text: string): void {
  const fd = openSync(file, constants.O_WRONLY);
  try {
    writeAll(fd, Buffer.from(text, 'utf8'));
  } finally {
    closeSync(fd);
  }
}

const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EPIPE: 'the reader went away (broken pipe)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  EFBIG: 'file too large',
  ENOENT: 'the file or its directory went away',
  ENXIO: 'no reader on the other end',
};

/** The located error for a report that could not be written to `name` (shown as given). */
export function writeError(e: unknown, name: string): InputError {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === undefined) throw e; // not an I/O error: a bug, let it surface
  const reason = REASONS[code];
  return new InputError({
    file: showText(name),
    line: null,
    message: `cannot write the report: ${reason === undefined ? code : `${reason} (${code})`}`,
  });
}
