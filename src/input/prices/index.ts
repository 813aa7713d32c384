/**
 * The prices reader: one interface, `readPrices`, over two readers. The scanner (./scan.ts) reads
 * the input's bytes — held in memory, or for a large file in byte ranges on worker threads
 * (./ranges.ts) — and gives way on anything unusual; the simple reader (./simple.ts), csv-parse
 * over the whole text, then reads the input again and gives the table or the located errors.
 * Both give the same table, bit for bit, and the same messages (test/input/prices/*.test.ts).
 */
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { cleanName } from '../cells';
import { InputError } from '../../errors';
import { isWorkerStartFailure, workerRoom } from '../../threads';
import {
  DEFAULT_STREAM_LIMIT_BYTES,
  STDIN_NAME,
  StreamChunks,
  decodeText,
  readInputBytes,
  readStreamFd,
  readTextSource,
  type StdinSource,
} from '../read';
import type { PriceTable } from '../types';
import { assembleTable } from './assemble';
import { parseHeaderBytes } from './header';
import { plannedJobs, sampledLayouts } from './plan';
import { scanInThread, scanOnWorkers, splitRanges } from './ranges';
import { parsePrices, type PriceParseOptions } from './simple';
import { fileSource, memorySource, type ByteSource } from './source';

export { parsePrices, type PriceParseOptions } from './simple';

/**
 * Inputs of at least this many bytes are read from the file in byte ranges on worker threads,
 * with columns in 4-byte decimal codes where samples of the file allow; smaller ones are held
 * in memory and scanned in this thread into doubles.
 */
export const LARGE_INPUT_BYTES = 8 * 1024 * 1024;

/** Called while a large input is read: bytes done, and the total (null for standard input). */
export type ProgressFn = (doneBytes: number, totalBytes: number | null) => void;

/** Which reader produced a table: the scanner in this thread, on worker threads, or the simple one. */
export type PricePath = 'scan' | 'workers' | 'simple';

export interface ReadPricesOptions extends PriceParseOptions {
  /**
   * Worker threads for a large file; 0 scans its ranges one after the other in this thread
   * (tests). Default: the available parallelism, at most 4; in this thread when the worker script
   * is not next to this module (unbundled runs such as jest).
   */
  readonly workers?: number;
  /** Byte ranges an input is split into when scanned in this thread (tests); default 1. */
  readonly ranges?: number;
  /** Default LARGE_INPUT_BYTES (tests set 0 to take the large-input path with small files). */
  readonly thresholdBytes?: number;
  /** The bundled worker entry; default `price-worker.cjs` next to the running bundle. */
  readonly workerScript?: string;
  /**
   * Most bytes read from standard input or a non-regular file (a pipe, a FIFO, a device);
   * default DEFAULT_STREAM_LIMIT_BYTES (see readInputBytes).
   */
  readonly streamLimitBytes?: number;
  /** Told which reader produced the table and, for `simple`, why the scan gave way. */
  readonly trace?: (path: PricePath, anomaly: string | null) => void;
}

/**
 * Reads the prices file `file` (or standard input for `-`) into a PriceTable: the same as
 * `parsePrices(await readTextSource(file, stdin), opts)` in every value and every error message,
 * faster and in less memory. Peak memory for a large input ≈ (8 + 4 per column in decimal codes
 * + 8 per column in doubles) × rows plus 2 MB per thread; a column that turns out to need
 * doubles after its ranges started in codes costs its codes too, and during the assembly the
 * doubles its ranges continued in. Standard input is held as bytes (it cannot be read twice).
 * @throws InputError as parsePrices and readTextSource do.
 */
export async function readPrices(
  file: string,
  stdin: StdinSource,
  opts: ReadPricesOptions,
  onProgress?: ProgressFn,
): Promise<PriceTable> {
  const threshold = opts.thresholdBytes ?? LARGE_INPUT_BYTES;
  const name = file === '-' ? STDIN_NAME : cleanName(file);
  const limit = opts.streamLimitBytes ?? DEFAULT_STREAM_LIMIT_BYTES;
  const input = await openInput(file, stdin, { name, threshold, limit }, onProgress);
  if (input.kind === 'unreadable') {
    // the simple reader words the read error (for standard input: a stream failing the same way)
    opts.trace?.('simple', 'read error');
    const again = file === '-' ? failingStream(input.error) : stdin;
    return parsePrices(await readTextSource(file, again, limit), opts);
  }
  let source: ByteSource;
  if (input.kind === 'bytes') source = memorySource(input.bytes);
  else source = fileSource(file, input.size);
  let scanned: Scanned | string;
  try {
    const workers = input.kind === 'file' ? workerScript(opts) : null;
    scanned = await scanInput(source, workers, file, name, opts, (done) =>
      onProgress?.(done, source.size),
    );
  } finally {
    source.close();
  }
  if (typeof scanned !== 'string') {
    opts.trace?.(scanned.path, null);
    return scanned.table;
  }
  opts.trace?.('simple', scanned);
  if (input.kind === 'bytes')
    return parsePrices({ name, text: decodeText(input.bytes, name) }, opts);
  return parsePrices(await readTextSource(file, stdin, limit), opts);
}

/** An input as the scanner takes it, or the read error for the simple reader to word. */
type Input =
  | { readonly kind: 'bytes'; readonly bytes: Buffer }
  | { readonly kind: 'file'; readonly size: number }
  | { readonly kind: 'unreadable'; readonly error: unknown };

/**
 * Standard input, non-regular files (a pipe, a FIFO, a device: read in checked chunks up to
 * `limit` bytes) and regular files below `threshold` bytes as bytes; larger regular files by
 * their size (the scanner reads them in ranges).
 * @throws InputError from the checked chunks (binary data at the start, past the limit)
 */
async function openInput(
  file: string,
  stdin: StdinSource,
  how: { readonly name: string; readonly threshold: number; readonly limit: number },
  onProgress?: ProgressFn,
): Promise<Input> {
  const progress = (done: number) => {
    if (done >= how.threshold) onProgress?.(done, null);
  };
  try {
    if (file === '-') {
      const bytes = await readInputBytes('-', stdin, how.name, how.limit, progress);
      return { kind: 'bytes', bytes };
    }
    const fd = openSync(file, 'r');
    try {
      const st = fstatSync(fd);
      if (st.isDirectory()) return { kind: 'unreadable', error: null };
      if (!st.isFile()) {
        const chunks = new StreamChunks(how.name, how.limit, progress);
        return { kind: 'bytes', bytes: readStreamFd(fd, chunks) };
      }
      if (st.size >= how.threshold) return { kind: 'file', size: st.size };
      const bytes = Buffer.allocUnsafe(st.size);
      if (readSync(fd, bytes, 0, st.size, 0) !== st.size)
        return { kind: 'unreadable', error: null };
      return { kind: 'bytes', bytes };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    return { kind: 'unreadable', error };
  }
}

/** A stream that fails with `error` when read. */
function failingStream(error: unknown): NodeJS.ReadableStream {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Readable } = require('node:stream') as typeof import('node:stream');
  return new Readable({
    read() {
      this.destroy(error instanceof Error ? error : new Error(String(error)));
    },
  });
}

/** The worker script to scan a large file with, or null to scan it in this thread. */
function workerScript(opts: ReadPricesOptions): string | null {
  const script = opts.workerScript ?? path.join(__dirname, 'price-worker.cjs');
  return (opts.workers ?? defaultWorkers()) > 0 && existsSync(script) ? script : null;
}

/**
 * Threads by default (this one included): the available parallelism, 1 to 4, and no more
 * workers than the address space has room for (../../threads.ts: under `ulimit -v`, one thread).
 */
function defaultWorkers(): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { availableParallelism } = require('node:os') as typeof import('node:os');
  return Math.max(1, Math.min(4, availableParallelism(), 1 + workerRoom()));
}

/** A table from the scanner, and where it ran. */
interface Scanned {
  readonly table: PriceTable;
  readonly path: 'scan' | 'workers';
}

/**
 * Scans `source` (`file`'s bytes): its header, then its ranges — on worker threads running
 * `script` when it is given and the input has more than one, else in this thread — then the
 * assembly.
 * @returns the table, or the anomaly for which the simple reader must take over.
 */
async function scanInput(
  source: ByteSource,
  script: string | null,
  file: string,
  name: string,
  opts: ReadPricesOptions,
  onBytes: (done: number) => void,
): Promise<Scanned | string> {
  const head = parseHeaderBytes(source.read(0, Math.min(source.size, 1 << 20)), name);
  if (head === null) return 'header';
  const large = source.size >= (opts.thresholdBytes ?? LARGE_INPUT_BYTES);
  const body = source.size - head.dataStart;
  // a worker is worth its start-up for a megabyte or more
  const count =
    script !== null
      ? Math.min(opts.workers ?? defaultWorkers(), Math.floor(body / (1 << 20)))
      : (opts.ranges ?? 1);
  const splits = splitRanges(source, head.dataStart, Math.max(1, count));
  const onWorkers = script !== null && splits.length > 2;
  const jobs = plannedJobs(head, opts, splits, onWorkers ? file : '', !large);
  // a large wide input's columns in decimal codes where samples of it allow, else doubles
  const layouts = () =>
    large ? sampledLayouts(source, head.dataStart, jobs[0]!) : jobs[0]!.columns.map(() => null);
  const done = new Float64Array(jobs.length);
  const progress = (i: number, d: number) => {
    done[i] = d;
    let sum = head.dataStart;
    for (const x of done) sum += x;
    onBytes(sum);
  };
  let scans;
  let threads: 'workers' | 'scan' = onWorkers ? 'workers' : 'scan';
  try {
    scans = onWorkers
      ? await scanOnWorkers(script, source, jobs, layouts, progress)
      : scanInThread(source, jobs, layouts, progress);
  } catch (e) {
    // a worker that could not start (no memory for its isolate, no thread): the same ranges here
    if (!onWorkers || !isWorkerStartFailure(e)) throw e;
    scans = scanInThread(source, jobs, layouts, progress);
    threads = 'scan';
  }
  const table = assembleTable(head.header, scans, name);
  return typeof table === 'string' ? table : { table, path: threads };
}
