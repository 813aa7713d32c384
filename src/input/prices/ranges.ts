/**
 * Running the scanner (./scan.ts) over byte ranges of one input: ranges split at line starts,
 * each range's line count first (the capacity of its rows, so that a wide file's columns are
 * allocated once, shared by every range at its offset), then the scans — one after the other in
 * this thread, or range 0 here and each other range on a worker thread (./worker.ts), in
 * parallel. Either way it is the same scanner over the same ranges.
 */
import type { CodeLayout } from './codes';
import type { ScanJob, ScanResult } from './scan';
import { scanRange } from './scan';
import { LongRows, WideColumns, allocateColumns, type ColumnBuffer, type Switched } from './sink';
import { countLines, type ByteSource } from './source';

/** Long-layout rows of one range, as plain data (sent back by a worker). */
export interface LongRowsData {
  readonly names: readonly string[];
  readonly converted: readonly boolean[];
  readonly length: number;
  readonly times: Float64Array;
  readonly symbols: Int32Array;
  readonly prices: Float64Array;
}

/** One range's scan: where its rows are and what it found. */
export interface RangeScan {
  readonly job: ScanJob;
  /** Wide: the range's element offset in the shared columns. */
  readonly offset: number;
  readonly result: ScanResult;
  /** Wide, per converted column: its layout in this range (see WideColumns), null for doubles. */
  readonly layouts: readonly (CodeLayout | null)[];
  /** Wide: columns of this range continued in doubles of their own (see WideColumns). */
  readonly switched: readonly (readonly [number, Switched])[];
  /** Long: the range's rows. */
  readonly long: LongRowsData | null;
}

/** The scans of every range of a read, and a wide read's columns (null for a long read). */
export interface RangeScans {
  readonly ranges: readonly RangeScan[];
  readonly columns: ColumnBuffer | null;
}

/** Told the bytes done by range i. */
export type RangeProgress = (i: number, done: number) => void;

/** Messages from a worker (./worker.ts). */
export type WorkerMessage =
  | { readonly type: 'count'; readonly lines: number }
  | { readonly type: 'progress'; readonly done: number }
  | {
      readonly type: 'done';
      readonly result: ScanResult;
      readonly layouts: readonly (CodeLayout | null)[];
      readonly switched: readonly (readonly [number, Switched])[];
      readonly long: LongRowsData | null;
    };

/** The message that starts a wide worker's scan: its place in the shared columns. */
export interface FillMessage {
  readonly offset: number;
  readonly capacity: number;
  readonly columns: ColumnBuffer;
}

/**
 * Split points of [dataStart, source.size) into at most `count` ranges, each starting at a line
 * start: dataStart, the first line start after each even share, then source.size.
 */
export function splitRanges(source: ByteSource, dataStart: number, count: number): number[] {
  const splits = [dataStart];
  const body = source.size - dataStart;
  for (let i = 1; i < count; i++) {
    let pos = dataStart + Math.floor((body * i) / count);
    let split = -1;
    while (split < 0 && pos < source.size) {
      const b = source.read(pos, 1 << 16);
      if (b.length === 0) break;
      const lf = b.indexOf(10);
      if (lf >= 0) split = pos + lf + 1;
      pos += b.length;
    }
    if (split > splits[splits.length - 1]! && split < source.size) splits.push(split);
  }
  splits.push(source.size);
  return splits;
}

/** The rows of a long range with room for `capacity` records, as plain data once scanned. */
export function longRowsData(rows: LongRows): LongRowsData {
  const { names, converted, length, times, symbols, prices } = rows;
  return { names, converted, length, times, symbols, prices };
}

/** The layout of each converted column of a wide read, chosen once its ranges are planned. */
export type ChooseLayouts = () => (CodeLayout | null)[];

/**
 * Scans `jobs` (the ranges of `source`, in order) one after the other in this thread. Wide: into
 * columns (with layouts from `layouts`) allocated for the sum of their line counts; long: each
 * into rows of its own.
 * @returns the scans and the wide columns.
 */
export function scanInThread(
  source: ByteSource,
  jobs: readonly ScanJob[],
  layouts: ChooseLayouts,
  progress: RangeProgress,
): RangeScans {
  const caps = jobs.map((j) => countLines(source, j.start, j.end) + 1);
  if (jobs[0]!.layout === 'long') {
    const ranges = jobs.map((job, i) => {
      const rows = new LongRows(caps[i]!, job.wanted);
      const result = scanRange(job, rows, source, (d) => progress(i, d));
      return { job, offset: 0, result, layouts: [], switched: [], long: longRowsData(rows) };
    });
    return { ranges, columns: null };
  }
  const offsets = offsetsOf(caps);
  const columns = allocateColumns(layouts(), offsets.total, false);
  const ranges = jobs.map((job, i) => {
    const sink = new WideColumns(columns, offsets.at[i]!, caps[i]!);
    const result = scanRange(job, sink, source, (d) => progress(i, d));
    return wideScan(job, offsets.at[i]!, result, sink);
  });
  return { ranges, columns };
}

/** The scan of a wide range into `sink`. */
export function wideScan(
  job: ScanJob,
  offset: number,
  result: ScanResult,
  sink: WideColumns,
): RangeScan {
  return { job, offset, result, layouts: sink.layouts, switched: [...sink.switched], long: null };
}

/** Each range's element offset in columns holding ranges of these capacities one after another. */
function offsetsOf(caps: readonly number[]): { at: number[]; total: number } {
  const at: number[] = [];
  let total = 0;
  for (const c of caps) {
    at.push(total);
    total += c;
  }
  return { at, total };
}

/** Worker heaps: a worker holds one chunk and its short-lived strings at a time. */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 };

/**
 * Scans range 0 of `source` (a file: every worker opens it itself) in this thread and each other
 * range on a worker thread running `script`, in parallel (one thread per core, the main one
 * included). Wide: the layouts are chosen while the workers start, and the shared columns are
 * allocated once every range has counted its lines.
 * @returns the scans and the wide columns.
 * @throws the error of a worker that failed (a bug, or its heap limit).
 */
export async function scanOnWorkers(
  script: string,
  source: ByteSource,
  jobs: readonly ScanJob[],
  layouts: ChooseLayouts,
  progress: RangeProgress,
): Promise<RangeScans> {
  const wide = jobs[0]!.layout === 'wide';
  // loaded here: `node:worker_threads` costs ~2.5 ms of start-up, and small inputs never use it
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  const workers = jobs
    .slice(1)
    .map((job) => new Worker(script, { workerData: job, resourceLimits: WORKER_LIMITS }));
  const counts = workers.map(() => deferred<number>());
  const dones = workers.map(() => deferred<WorkerMessage & { type: 'done' }>());
  const failed = (e: unknown) => {
    for (const w of workers) void w.terminate();
    const err = e instanceof Error ? e : new Error(String(e));
    for (const d of [...counts, ...dones]) d.reject(err);
  };
  workers.forEach((w, k) => {
    w.on('error', failed);
    w.on('message', (m: WorkerMessage) => {
      if (m.type === 'count') counts[k]!.resolve(m.lines);
      else if (m.type === 'progress') progress(k + 1, m.done);
      else {
        void w.terminate();
        dones[k]!.resolve(m);
      }
    });
  });
  try {
    const first = jobs[0]!;
    // while this thread scans, the workers' progress messages wait: estimate theirs from its own
    const estimate = (d: number) => {
      const share = d / (first.end - first.start);
      jobs.forEach((j, i) => progress(i, i === 0 ? d : share * (j.end - j.start)));
    };
    const own = countLines(source, first.start, first.end) + 1;
    let columns: ColumnBuffer | null = null;
    let offsets = { at: [0], total: own };
    let scan0: RangeScan;
    if (wide) {
      const chosen = layouts();
      const caps = [own, ...(await Promise.all(counts.map((c) => c.promise))).map((n) => n + 1)];
      offsets = offsetsOf(caps);
      const all = allocateColumns(chosen, offsets.total, true);
      columns = all;
      workers.forEach((w, k) => {
        const fill: FillMessage = {
          offset: offsets.at[k + 1]!,
          capacity: caps[k + 1]!,
          columns: all,
        };
        w.postMessage(fill);
      });
      const sink = new WideColumns(all, 0, own);
      const result = scanRange(first, sink, source, estimate);
      scan0 = wideScan(first, 0, result, sink);
    } else {
      const rows = new LongRows(own, first.wanted);
      const result = scanRange(first, rows, source, estimate);
      scan0 = {
        job: first,
        offset: 0,
        result,
        layouts: [],
        switched: [],
        long: longRowsData(rows),
      };
    }
    const done = await Promise.all(dones.map((d) => d.promise));
    const rest = done.map((m, k) => ({
      job: jobs[k + 1]!,
      offset: offsets.at[k + 1] ?? 0,
      result: m.result,
      layouts: m.layouts,
      switched: m.switched,
      long: m.long,
    }));
    return { ranges: [scan0, ...rest], columns };
  } catch (e) {
    failed(e);
    throw e;
  }
}

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(v: T): void;
  reject(e: Error): void;
}

/** A promise with its resolve and reject at hand. */
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // rejections are awaited where they matter
  return { promise, resolve, reject };
}
