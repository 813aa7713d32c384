/**
 * Standard output and standard error as file descriptors, written with fs.writeSync.
 *
 * Why not process.stdout / process.stderr: the first access to either builds a stream over its fd
 * and, for it, loads Node's `tty` and `net` modules: ~2.5 ms on a pipe, ~1.4 ms on a file
 * (`node -e` timing `process.stdout`), of a typical run that writes its report once, at the end.
 * Writing synchronously changes nothing a user sees: Node writes to files and pipes
 * synchronously on POSIX anyway ("A note on process I/O" in Node's `process` docs).
 *
 * Edge cases keep Node's behaviour: a pipe whose reader went away (EPIPE) is the caller's to
 * handle; a non-blocking descriptor that is full (EAGAIN: set so by another process sharing it)
 * hands the rest, and every later write, to the stream, which waits for the reader.
 */
import { fstatSync, statSync, writeSync, type Stats } from 'node:fs';

/** What src/cli/io.ts needs of an output. */
export interface FdOutput {
  write(text: string): void;
  /** A terminal (colours, progress line). */
  readonly isTTY: boolean;
  /** A terminal's width in columns; undefined when it is not a terminal. */
  readonly columns: number | undefined;
}

/**
 * An output over `fd` (1 or 2). `stream` gives Node's stream for the same fd (the EAGAIN
 * fallback); `onClosed` is called on EPIPE.
 */
export function fdOutput(
  fd: number,
  stream: () => NodeJS.WritableStream,
  onClosed: (error: NodeJS.ErrnoException) => void,
): FdOutput {
  let viaStream = false;
  let tty: boolean | undefined;
  return {
    write(text: string): void {
      if (viaStream) {
        stream().write(text);
        return;
      }
      const bytes = Buffer.from(text, 'utf8');
      let done = 0;
      while (done < bytes.length) {
        try {
          done += writeSync(fd, bytes, done);
        } catch (e) {
          const error = e as NodeJS.ErrnoException;
          if (error.code === 'EAGAIN') {
            viaStream = true;
            stream().write(bytes.subarray(done));
            return;
          }
          if (error.code === 'EPIPE') {
            onClosed(error);
            return;
          }
          throw e;
        }
      }
    },
    get isTTY(): boolean {
      tty ??= isTerminal(fd);
      return tty;
    },
    get columns(): number | undefined {
      // Node's stream over a terminal knows its size (and only a terminal's stream is built here)
      return this.isTTY ? (stream() as { columns?: number }).columns : undefined;
    },
  };
}

/**
 * Whether `fd` is a terminal. A pipe, a file, a socket or /dev/null (where cron jobs send what
 * they do not keep) never is, and fstat tells without loading `tty`; only another character
 * device asks tty.isatty.
 */
function isTerminal(fd: number): boolean {
  let st: Stats;
  try {
    st = fstatSync(fd);
  } catch {
    return false;
  }
  if (!st.isCharacterDevice() || isDevNull(st)) return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:tty') as typeof import('node:tty')).isatty(fd);
}

/** Whether `st` is /dev/null's (false where there is none to compare with, e.g. Windows). */
function isDevNull(st: Stats): boolean {
  try {
    return st.rdev === statSync('/dev/null').rdev;
  } catch {
    return false;
  }
}
