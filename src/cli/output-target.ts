/**
 * Where `--output` goes, decided before any work: the real file to replace atomically, standard
 * output or error, or a device or FIFO written in place — never a node replaced. Every check
 * compares real paths and device/inode numbers, not the path as spelt, so no symbolic link
 * (to an input, or to a directory above one) nor hard link lets the report overwrite an input.
 */
import { accessSync, constants, lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors';
import { showText } from '../report/text';

/** What the report is written to. */
export type OutputTarget =
  /** A regular file (existing or new) at its real path, replaced atomically (write-atomic.ts). */
  | { readonly kind: 'file'; readonly path: string }
  /** `/dev/stdout`, `/dev/stderr` (and their `/dev/fd/N`, `/proc/self/fd/N` spellings). */
  | { readonly kind: 'stream'; readonly fd: 1 | 2 }
  /** An existing character device or FIFO (`/dev/null`, a terminal, a named pipe): written in place. */
  | { readonly kind: 'device'; readonly path: string };

/** An input file of the run, by its flag (`--prices`), for the same-file check. */
export interface NamedInput {
  readonly flag: string;
  readonly path: string;
}

const STREAMS: Readonly<Record<string, 1 | 2>> = {
  '/dev/stdout': 1,
  '/dev/fd/1': 1,
  '/proc/self/fd/1': 1,
  '/dev/stderr': 2,
  '/dev/fd/2': 2,
  '/proc/self/fd/2': 2,
};

/** `code` of a failed fs call, or '' for anything else. */
function codeOf(e: unknown): string {
  return (e as NodeJS.ErrnoException | null)?.code ?? '';
}

/** The existing directory `dir` (as spelt, `shown`), resolved and checked writable. @throws UsageError */
function checkedDirectory(dir: string, fail: (why: string) => never): string {
  const shownDir = showText(dir);
  let st: Stats;
  try {
    st = statSync(dir);
  } catch (e) {
    if (codeOf(e) === 'ENOTDIR') fail(`a parent of ${shownDir} is not a directory`);
    if (codeOf(e) === 'EACCES')
      fail(`directory ${shownDir} cannot be searched (permission denied)`);
    fail(`directory ${shownDir} does not exist`);
  }
  if (!st.isDirectory()) fail(`${shownDir} is not a directory`);
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    fail(
      codeOf(e) === 'EROFS'
        ? `directory ${shownDir} is on a read-only file system`
        : `directory ${shownDir} is not writable (permission denied)`,
    );
  }
  return realpathSync(dir);
}

/** What a non-regular, non-directory node is, for the refusal message. */
function nodeKind(st: Stats): string {
  if (st.isSocket()) return 'a socket';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/**
 * Decides where `--output file` goes and checks it can be written, before anything is read.
 * A regular file (or a new name in an existing, writable directory) is replaced atomically at its
 * real path (a symbolic link to it is kept and points to the new report); a character device
 * or a FIFO is written in place; a directory, a socket, a block device, a dangling symbolic
 * link or a missing directory is a usage error. The report may not replace an input file (real
 * path or device/inode), except `--previous` with `--format json`.
 * @throws UsageError
 */
export function resolveOutputTarget(
  file: string,
  inputs: readonly NamedInput[],
  format: string,
): OutputTarget {
  const shown = showText(file);
  const fail = (why: string): never => {
    throw new UsageError(`--output ${shown}: ${why}`);
  };
  const stream = STREAMS[file];
  if (stream !== undefined) return { kind: 'stream', fd: stream };
  const base = path.basename(file);
  if (file.endsWith('/') || base === '.' || base === '..' || base === '') {
    fail('names a directory, not a file');
  }
  let link: Stats;
  try {
    link = lstatSync(file);
  } catch (e) {
    if (codeOf(e) !== 'ENOENT') {
      checkedDirectory(path.dirname(file), fail);
      fail(
        codeOf(e) === 'ENAMETOOLONG' ? 'the name is too long' : `cannot be written (${codeOf(e)})`,
      );
    }
    const real = path.join(checkedDirectory(path.dirname(file), fail), base);
    checkNotAnInput(file, real, null, inputs, format);
    return { kind: 'file', path: real };
  }
  let st = link;
  if (link.isSymbolicLink()) {
    try {
      st = statSync(file);
    } catch {
      fail('is a symbolic link to nothing (a missing file or a loop)');
    }
  }
  if (st.isDirectory()) fail('is a directory');
  if (st.isCharacterDevice() || st.isFIFO()) return { kind: 'device', path: file };
  if (!st.isFile()) fail(`is ${nodeKind(st)}: the report can only replace a regular file`);
  const real = realpathSync(file);
  checkedDirectory(path.dirname(real), fail);
  checkNotAnInput(file, real, st, inputs, format);
  return { kind: 'file', path: real };
}

/**
 * The output must not be any input file: the same real path, or (for an existing target) the
 * same device and inode (a hard link). `--previous` may be replaced by a JSON report: that is
 * what a daily job does. @throws UsageError
 */
function checkNotAnInput(
  file: string,
  real: string,
  target: Stats | null,
  inputs: readonly NamedInput[],
  format: string,
): void {
  for (const input of inputs) {
    if (input.path === '-') continue;
    let same = false;
    try {
      const st = statSync(input.path);
      same =
        (target !== null && st.dev === target.dev && st.ino === target.ino) ||
        realpathSync(input.path) === real;
    } catch {
      same = path.resolve(input.path) === path.resolve(file); // unreadable: reported when read
    }
    if (!same) continue;
    if (input.flag === '--previous') {
      if (format === 'json') continue;
      throw new UsageError(
        `--output ${showText(file)} is also the --previous file: only a JSON report (--format json) can replace it`,
      );
    }
    throw new UsageError(
      `--output ${showText(file)} is also the ${input.flag} file: the report would overwrite it`,
    );
  }
}
