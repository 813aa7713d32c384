/**
 * Reading input files: the only module of `src/input` that does I/O. Everything else parses a
 * `TextSource` (a name for messages and the decoded text).
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { InputError } from '../errors';
import { cleanName } from './cells';

/** Decoded text of one input file. */
export interface TextSource {
  /**
   * The path as the user gave it (control characters escaped, see cleanName), or `<stdin>` for
   * `-`: used in every message.
   */
  readonly name: string;
  /** UTF-8 decoded text without a byte order mark. */
  readonly text: string;
}

/** Display name of standard input in messages. */
export const STDIN_NAME = '<stdin>';

/**
 * Most bytes read from an input that is not a regular file (standard input, a pipe, a FIFO, a
 * device such as /dev/zero) unless the environment variable HEDGE_MAX_STREAM_MB says otherwise:
 * such an input has no size to check up front and may never end.
 */
export const DEFAULT_STREAM_LIMIT_BYTES = 512e6;

/** The environment variable that sets the limit, in megabytes (10^6 bytes). */
export const STREAM_LIMIT_ENV = 'HEDGE_MAX_STREAM_MB';

/** Bytes per read of a non-regular input; the first chunk is checked for binary data. */
const STREAM_CHUNK = 1 << 16;

/**
 * Standard input, or a function that gives it: `process.stdin` builds a stream over fd 0 when it
 * is first touched (~5 ms), which a run that never reads standard input should not pay.
 */
export type StdinSource = NodeJS.ReadableStream | (() => NodeJS.ReadableStream);

/** The stream of a {@link StdinSource}. */
export function streamOf(stdin: StdinSource): NodeJS.ReadableStream {
  return typeof stdin === 'function' ? stdin() : stdin;
}

/**
 * Reads a file (or standard input for `-`) and decodes it as UTF-8, without a byte order mark.
 * Holds the whole file in memory (twice, briefly: bytes and text).
 * @throws InputError (line null) when the file does not exist ("no such file"), is a directory,
 *   cannot be read ("permission denied"), is empty or blank ("file is empty"), contains a NUL
 *   byte ("not a text file (binary data at byte N)", N counted from 1), is UTF-16 or is not
 *   valid UTF-8 ("not UTF-8 text (invalid byte 0xE9 at byte N, line L); save the file as UTF-8"),
 *   or is a stream longer than `limitBytes` (see readInputBytes).
 */
export async function readTextSource(
  path: string,
  stdin: StdinSource,
  limitBytes = DEFAULT_STREAM_LIMIT_BYTES,
): Promise<TextSource> {
  const name = path === '-' ? STDIN_NAME : cleanName(path);
  const bytes = await readInputBytes(path, stdin, name, limitBytes);
  return { name, text: decodeText(bytes, name) };
}

/**
 * The bytes of a file, or of standard input for `-`. A regular file is read whole (its size is
 * known); standard input and any other node (a pipe, a FIFO, a character device) in chunks: the
 * first 64 KiB are checked for binary data (a NUL byte, UTF-16, invalid UTF-8), so /dev/zero or
 * /dev/urandom fail at once, and more than `limitBytes` in all is an error rather than memory
 * without end. `onBytes` is told the bytes read so far from a stream.
 * @throws InputError located at `name` (line null), with the read errors of readTextSource
 */
export async function readInputBytes(
  path: string,
  stdin: StdinSource,
  name: string,
  limitBytes: number,
  onBytes?: (done: number) => void,
): Promise<Buffer> {
  const chunks = new StreamChunks(name, limitBytes, onBytes);
  try {
    if (path === '-') {
      for await (const chunk of streamOf(stdin)) {
        chunks.add(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer));
      }
      return chunks.bytes();
    }
    // a file synchronously: a run has nothing to do meanwhile, and fs.readFile's four round trips
    // through libuv's thread pool (open, stat, read, close) cost ~1 ms of a typical run
    const fd = openSync(path, 'r');
    try {
      return readOpenFile(fd, chunks);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError({ file: name, line: null, message: readErrorMessage(e) });
  }
}

/** An open file's bytes: whole for a regular file, else through `chunks`. */
function readOpenFile(fd: number, chunks: StreamChunks): Buffer {
  const st = fstatSync(fd);
  if (st.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
  if (st.isFile()) return readFileSync(fd);
  return readStreamFd(fd, chunks);
}

/** A non-regular file's bytes (a FIFO, a device), read through `chunks` until its end. */
export function readStreamFd(fd: number, chunks: StreamChunks): Buffer {
  const buf = Buffer.allocUnsafe(STREAM_CHUNK);
  for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) {
    chunks.add(Buffer.from(buf.subarray(0, n)));
  }
  return chunks.bytes();
}

/** The chunks of a stream read so far, checked as they come (see readInputBytes). */
export class StreamChunks {
  private readonly list: Buffer[] = [];
  private total = 0;
  constructor(
    private readonly name: string,
    private readonly limitBytes: number,
    private readonly onBytes?: (done: number) => void,
  ) {}

  /** @throws InputError for binary data at the start, or past the limit */
  add(chunk: Buffer): void {
    if (this.total < STREAM_CHUNK) {
      const head = this.total === 0 ? chunk : Buffer.concat([...this.list, chunk]);
      checkTextStart(head.subarray(0, STREAM_CHUNK), this.name);
    }
    this.list.push(chunk);
    this.total += chunk.length;
    if (this.total > this.limitBytes) {
      throw new InputError({
        file: this.name,
        line: null,
        message: `more than ${megabytes(this.limitBytes)} MB from a pipe, a device or standard input (${STREAM_LIMIT_ENV} raises the limit)`,
      });
    }
    this.onBytes?.(this.total);
  }

  bytes(): Buffer {
    return this.list.length === 1 ? this.list[0]! : Buffer.concat(this.list, this.total);
  }
}

/** `bytes` in MB (10^6) as shown: at most 3 significant digits. */
function megabytes(bytes: number): string {
  return String(Number((bytes / 1e6).toPrecision(3)));
}

/**
 * The first bytes of a stream checked as decodeText checks a whole file (UTF-16, NUL, invalid
 * UTF-8), except for a character cut by the end of the chunk. @throws InputError
 */
function checkTextStart(head: Buffer, name: string): void {
  const at = firstInvalidUtf8(head);
  if (head.indexOf(0) < 0 && at >= head.length - 3) return;
  if (/\S/.test(head.toString('latin1'))) decodeText(head, name);
}

/**
 * Decodes file bytes as UTF-8 text without a byte order mark; the checks of readTextSource.
 * @throws InputError (line null) for empty, binary, UTF-16 or invalid UTF-8 content.
 */
export function decodeText(bytes: Buffer, name: string): string {
  const fail = (message: string): never => {
    throw new InputError({ file: name, line: null, message });
  };
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    fail('not UTF-8 text (UTF-16 byte order mark); save the file as UTF-8');
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) fail(`not a text file (binary data at byte ${nul + 1})`);
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    const hex = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    fail(
      `not UTF-8 text (invalid byte 0x${hex} at byte ${at + 1}, line ${lineAt(bytes, at)}); save the file as UTF-8`,
    );
  }
  let text: string;
  try {
    text = bytes.toString('utf8');
  } catch (e) {
    // beyond V8's longest string (2^29 − 24 characters, about 536 MB of ASCII)
    if ((e as { code?: unknown } | null)?.code !== 'ERR_STRING_TOO_LONG') throw e;
    return fail(
      `too large to read as text (${Math.round(bytes.length / 1e6)} MB; at most about 536 MB)`,
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!/\S/.test(text)) fail('file is empty');
  return text;
}

function readErrorMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'no such file (a parent in the path is not a directory)';
    case undefined:
      throw e; // not an I/O error: a bug, let it surface
    default:
      return `cannot read the file (${code})`;
  }
}

/** 0-based offset of the first byte that does not belong to a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) len = 2;
    else if (c >= 0xe0 && c <= 0xef) {
      len = 3;
      if (c === 0xe0) lo = 0xa0; // overlong
      if (c === 0xed) hi = 0x9f; // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      len = 4;
      if (c === 0xf0) lo = 0x90; // overlong
      if (c === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k < len; k++) {
      const d = b[i + k];
      if (d === undefined) return i;
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return i;
    }
    i += len;
  }
  return n;
}

/** 1-based line of byte offset `at` (lines end at LF, CRLF or a lone CR). */
function lineAt(b: Buffer, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) {
    const c = b[i];
    if (c === 0x0a || (c === 0x0d && b[i + 1] !== 0x0a)) line++;
  }
  return line;
}
