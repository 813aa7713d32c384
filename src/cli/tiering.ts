/**
 * V8 tiering for the size of the run.
 *
 * V8 runs a function in its interpreter (Ignition), then baseline code (Sparkplug), and
 * optimises the hot ones with TurboFan on a background thread. On a typical run (a few years of
 * daily closes, a few positions) every loop is hot for a few milliseconds only: TurboFan
 * compiles ~30 functions (~130 ms of compile-thread time, `node --trace-opt`), mostly after the
 * loop that asked for it has finished, on the core the main thread shares with the garbage
 * collector's helpers. Measured on the 2-core bench machine (interleaved runs, `node -e 0` ≈
 * 60 ms): the typical job takes 151 ms with TurboFan and 130 ms without; from about 10,000
 * rows × positions the optimised code wins again (1,826 rows × 18 positions: 201 vs 244 ms;
 * 12,500 rows × 1 position: even), and a 5.7 MB file is read in 302 ms with TurboFan against
 * 521 ms without.
 *
 * So a run whose prices input is small turns TurboFan off before parsing it, and back on before
 * the report when the report's work turns out large. The flags are process-wide (worker threads
 * included), which is why the large-file reader (worker threads) never runs with TurboFan off.
 * Results do not depend on it: the tiers compute the same IEEE doubles.
 */

/** Prices inputs below this many bytes are parsed with TurboFan off (see the module comment). */
export const SMALL_INPUT_BYTES = 1 << 20;

/**
 * Reports of at least this much work turn TurboFan back on: rows × positions of an OLS report
 * (an estimator's relativeCost weighs it; src/report/parallel.ts reportWork).
 */
export const LARGE_REPORT_WORK = 10_000;

/** Told the size of the run as it becomes known; decides the tiering. */
export interface Tiering {
  /** The prices input has `bytes` bytes and is about to be parsed in this thread. */
  readonly input: (bytes: number) => void;
  /** The report is about to be computed on this much work (rows × positions of an OLS report). */
  readonly report: (work: number) => void;
}

/** A tiering policy that applies its decisions with `setFlags` (V8 flag syntax). */
export function createTiering(setFlags: (flags: string) => void): Tiering {
  let optimising = true;
  return {
    input: (bytes) => {
      if (optimising && bytes < SMALL_INPUT_BYTES) {
        setFlags('--no-turbofan');
        optimising = false;
      }
    },
    report: (work) => {
      if (!optimising && work >= LARGE_REPORT_WORK) {
        setFlags('--turbofan');
        optimising = true;
      }
    },
  };
}

/** The policy applied to this process's V8 (`node:v8` is loaded only when a flag is set). */
export function processTiering(): Tiering {
  return createTiering((flags) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('node:v8') as typeof import('node:v8')).setFlagsFromString(flags);
  });
}
