/**
 * Progress of reading a large prices file, on stderr: one line redrawn in place
 * (`hedge: reading prices.csv  42%  98/233 MB`), only when stderr is a terminal and the run is
 * not quiet, never on stdout. Nothing is drawn for reads that finish within `delayMs` (most
 * files), so small runs never flicker.
 */
import { readPrices, type ProgressFn, type ReadPricesOptions } from '../input/prices';
import { STDIN_NAME } from '../input/read';
import type { PriceTable } from '../input/types';

export interface ProgressLine {
  /** Pass to readPrices as its onProgress. */
  readonly update: ProgressFn;
  /** Clears the line if one was drawn. Call when the read ends, also on error. */
  done(): void;
}

export interface ProgressOptions {
  /** `-q`: nothing at all. */
  readonly quiet: boolean;
  /** What is read, as shown: the path or `<stdin>`. */
  readonly label: string;
  /** Draw only once the read has lasted this long; default 250 ms. */
  readonly delayMs?: number;
  /** Least time between two redraws; default 100 ms. */
  readonly intervalMs?: number;
  /** Clock in ms (tests). */
  readonly now?: () => number;
}

const NONE: ProgressLine = { update: () => undefined, done: () => undefined };

/**
 * A progress line for `stderr`, or one that does nothing when stderr is not a terminal or the
 * run is quiet.
 */
export function createProgress(
  stderr: { write(text: string): unknown; readonly isTTY?: boolean },
  opts: ProgressOptions,
): ProgressLine {
  if (opts.quiet || stderr.isTTY !== true) return NONE;
  const now = opts.now ?? (() => performance.now());
  const start = now();
  const delay = opts.delayMs ?? 250;
  const interval = opts.intervalMs ?? 100;
  let last = -Infinity;
  let drawn = false;
  const label = opts.label.length > 40 ? `…${opts.label.slice(-39)}` : opts.label;
  return {
    update(done, total) {
      const t = now();
      if (t - start < delay || t - last < interval) return;
      last = t;
      drawn = true;
      const mb = (b: number) => (b / 1e6).toFixed(0);
      const text =
        total === null || total <= 0
          ? `hedge: reading ${label}  ${mb(done)} MB`
          : `hedge: reading ${label}  ${Math.min(100, Math.floor((100 * done) / total))
              .toString()
              .padStart(3)}%  ${mb(done)}/${mb(total)} MB`;
      stderr.write(`\r${text}\x1b[K`);
    },
    done() {
      if (drawn) stderr.write('\r\x1b[K');
      drawn = false;
    },
  };
}

/**
 * Reads the prices file with the progress line (see createProgress), clearing it however the
 * read ends. The one call run.ts makes for the prices.
 */
export async function readPricesWithProgress(
  file: string,
  io: {
    readonly stdin: NodeJS.ReadableStream;
    readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  },
  quiet: boolean,
  opts: ReadPricesOptions,
): Promise<PriceTable> {
  const progress = createProgress(io.stderr, { quiet, label: file === '-' ? STDIN_NAME : file });
  try {
    return await readPrices(file, () => io.stdin, opts, progress.update);
  } finally {
    progress.done();
  }
}
