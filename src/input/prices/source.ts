/**
 * The bytes of a prices input for the scanner: held in memory (standard input, small files) or
 * read from the file in chunks (large files, and each worker thread's own range).
 */
import { closeSync, openSync, readSync } from 'node:fs';

/** Bytes read and scanned per chunk. */
export const CHUNK_BYTES = 1 << 20;

/** The input's bytes, read by position. */
export interface ByteSource {
  /** Bytes in all. */
  readonly size: number;
  /**
   * Up to `len` bytes at `pos` (fewer at the end, or for a file source more than CHUNK_BYTES);
   * the buffer is valid until the next call.
   */
  read(pos: number, len: number): Buffer;
  /** Releases the file (a no-op in memory). */
  close(): void;
}

/** Bytes held in memory. */
export function memorySource(bytes: Buffer): ByteSource {
  return {
    size: bytes.length,
    read: (pos, len) => bytes.subarray(pos, pos + len),
    close: () => undefined,
  };
}

/**
 * A file of `size` bytes, read through one chunk buffer of its own.
 * @throws the open error (the caller has just opened the same file once).
 */
export function fileSource(file: string, size: number): ByteSource {
  const fd = openSync(file, 'r');
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  return {
    size,
    read: (pos, len) => chunk.subarray(0, readSync(fd, chunk, 0, Math.min(len, CHUNK_BYTES), pos)),
    close: () => closeSync(fd),
  };
}

/** Number of LF bytes in [start, end): an upper bound of the records of that range. */
export function countLines(source: ByteSource, start: number, end: number): number {
  let n = 0;
  for (let pos = start; pos < end;) {
    const b = source.read(pos, Math.min(CHUNK_BYTES, end - pos));
    if (b.length === 0) break;
    for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++;
    pos += b.length;
  }
  return n;
}

/** The offset of the first `byte` in [from, end), or −1. */
export function findByte(source: ByteSource, from: number, end: number, byte: number): number {
  for (let pos = from; pos < end;) {
    const b = source.read(pos, Math.min(CHUNK_BYTES, end - pos));
    if (b.length === 0) return -1;
    const i = b.indexOf(byte);
    if (i >= 0) return pos + i;
    pos += b.length;
  }
  return -1;
}
