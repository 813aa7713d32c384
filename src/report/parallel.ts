/**
 * The report on two threads: positions are independent, so this thread and one worker
 * (dist/report-worker.cjs, src/report/report-worker.ts) take the next position from a shared
 * counter until none is left; each result comes back as a plain PositionReport (structured clone:
 * every number exactly) with its extras, and the report is assembled here in
 * position order, so the output is byte-identical to buildReport's. Price columns read by the
 * large-file reader live in SharedArrayBuffers and are shared, not copied.
 *
 * Errors: each thread stops at its first failing position; the error of the lowest failing
 * position is thrown, which is the one the single-thread path throws first (every position
 * before it was computed without error by one of the threads).
 *
 * Small jobs stay in this thread: a worker costs an isolate and a bundle load (tens of ms).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isWorkerStartFailure, workerRoom } from '../threads';
import { estimatorNamed } from '../core/estimators';
import { HedgeError, InputError, MathError, UsageError, type Problem } from '../errors';
import { assembleReport, buildReport, type BuiltReport } from './build-report';
import { reportContext, sharedHedgeReturns, type ReportContext, type ReportInput } from './context';
import { positionResult, type PositionResult } from './position';

/**
 * Two threads pay from about this much work, rows × positions of an OLS report (a worker starts
 * in ~50 ms; an OLS position of 100,000 returns takes ~50 ms on one core).
 */
export const PARALLEL_MIN_WORK = 1_000_000;

export interface ParallelOptions {
  /** 'auto' (default): two threads when the job is large enough; 'always' is for tests. */
  readonly mode?: 'auto' | 'always' | 'never';
  /** The bundled worker entry; default `report-worker.cjs` next to the running bundle. */
  readonly workerScript?: string;
}

/** What the worker is given. */
export interface ReportJob {
  readonly input: ReportInput;
  /** The hedges' returns, computed once by this thread in SharedArrayBuffers (not copied). */
  readonly sharedReturns: readonly (readonly [string, Float64Array])[];
  /** Int32Array[1] over a SharedArrayBuffer: the next position index to take. */
  readonly next: Int32Array;
}

/** An error crossing the thread boundary. */
export type SentError =
  | { readonly kind: 'input'; readonly problems: readonly Problem[] }
  | { readonly kind: 'math' | 'usage' | 'error'; readonly message: string; readonly stack: string };

/** Messages from the worker. */
export type ReportWorkerMessage =
  | { readonly type: 'result'; readonly index: number; readonly result: PositionResult }
  | { readonly type: 'error'; readonly index: number; readonly error: SentError }
  | { readonly type: 'done' };

export function sendableError(e: unknown): SentError {
  if (e instanceof InputError) return { kind: 'input', problems: e.problems };
  const err = e instanceof Error ? e : new Error(String(e));
  const kind = e instanceof MathError ? 'math' : e instanceof UsageError ? 'usage' : 'error';
  return { kind, message: err.message, stack: err.stack ?? '' };
}

function receivedError(e: SentError): Error {
  if (e.kind === 'input') return new InputError(e.problems);
  const err: HedgeError | Error =
    e.kind === 'math'
      ? new MathError(e.message)
      : e.kind === 'usage'
        ? new UsageError(e.message)
        : new Error(e.message);
  err.stack = e.stack;
  return err;
}

/**
 * Takes positions from the shared counter and computes them until none is left or one fails.
 * Used by both threads.
 */
export function takePositions(
  input: ReportInput,
  context: ReportContext,
  next: Int32Array,
  onResult: (index: number, result: PositionResult) => void,
  onError: (index: number, error: unknown) => void,
): void {
  const count = input.positions.length;
  for (;;) {
    const i = Atomics.add(next, 0, 1);
    if (i >= count) return;
    let result: PositionResult;
    try {
      result = positionResult(input, context, i);
    } catch (e) {
      onError(i, e);
      return;
    }
    onResult(i, result);
  }
}

function cores(): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:os') as typeof import('node:os')).availableParallelism();
}

/**
 * A report's work in rows × positions of an OLS report: weighted by the estimator's relative
 * cost (a maximum-likelihood estimator does tens of passes where OLS does one).
 */
export function reportWork(input: ReportInput): number {
  const cost = estimatorNamed(input.settings.estimator).relativeCost;
  return input.prices.times.length * input.positions.length * cost;
}

/**
 * The report (as {@link buildReport}), on two threads when the job is large enough and a second
 * core and the worker script are there.
 * @throws InputError as buildReport, for the first failing position
 */
export async function buildReportAuto(
  input: ReportInput,
  opts: ParallelOptions = {},
): Promise<BuiltReport> {
  const mode = opts.mode ?? 'auto';
  const script = opts.workerScript ?? path.join(__dirname, 'report-worker.cjs');
  const worth =
    mode === 'always' ||
    (mode === 'auto' &&
      input.positions.length >= 2 &&
      reportWork(input) >= PARALLEL_MIN_WORK &&
      cores() >= 2);
  // A position's n-length work arrays are per-thread buffers reused by the next position
  // (./workspace.ts): little garbage is left between positions, no forced collection.
  // no room in the address space for a worker's isolate (`ulimit -v`): one thread, not a V8 abort
  if (!worth || !existsSync(script) || workerRoom() < 1) return buildReport(input);

  const next = new Int32Array(new SharedArrayBuffer(4));
  // The context and the hedges' returns first, so that the worker shares them instead of
  // computing its own copies (n doubles per hedge).
  const context = reportContext(input);
  const sharedReturns = sharedHedgeReturns(input, context);
  const job: ReportJob = { input, sharedReturns, next };
  const results: (PositionResult | undefined)[] = new Array(input.positions.length);
  const errors: { index: number; error: unknown }[] = [];
  // loaded only here: `node:worker_threads` costs ~2.5 ms of start-up that small jobs never need
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  const worker = new Worker(script, { workerData: job });
  // a worker that could not start: this thread takes every position (takePositions), and any
  // the worker had taken but not finished is done below
  const finished = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: ReportWorkerMessage) => {
      if (m.type === 'result') results[m.index] = m.result;
      else if (m.type === 'error') errors.push({ index: m.index, error: receivedError(m.error) });
      else resolve();
    });
    worker.on('error', (e) => (isWorkerStartFailure(e) ? resolve() : reject(e)));
    worker.on('exit', (code) => reject(new Error(`the report worker exited with code ${code}`)));
  });
  finished.catch(() => undefined); // awaited below, unless this thread fails first
  try {
    takePositions(
      input,
      context,
      next,
      (i, r) => {
        results[i] = r;
      },
      (i, e) => {
        errors.push({ index: i, error: e });
      },
    );
    await finished;
    for (let i = 0; i < results.length; i++) {
      if (results[i] === undefined && !errors.some((e) => e.index === i)) {
        try {
          results[i] = positionResult(input, context, i);
        } catch (e) {
          errors.push({ index: i, error: e });
        }
      }
    }
    if (errors.length > 0) {
      throw errors.reduce((a, b) => (b.index < a.index ? b : a)).error;
    }
    return assembleReport(
      input,
      context,
      results.map((r) => r!),
    );
  } finally {
    worker.removeAllListeners('exit');
    void worker.terminate();
  }
}
