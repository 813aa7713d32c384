/** Typed data produced from untrusted input files. */
import type { PriceSeries } from './series';

/** One row of the positions CSV. */
export interface Position {
  readonly symbol: string;
  /** Units held (negative = short), or null when the row gives `notional` instead. */
  readonly quantity: number | null;
  /** Signed quote-currency value, or null when the row gives `quantity`. */
  readonly notional: number | null;
  /** Per-row hedge symbols (overrides `--hedge`), or null. */
  readonly hedges: readonly string[] | null;
  readonly label: string | null;
  /** 1-based line in the positions file, for messages. */
  readonly line: number;
}

/**
 * Prices in columns. `times` is strictly increasing epoch milliseconds (UTC); every series has
 * the same length as `times`, with a missing value NaN. Plain data, read through functions
 * (src/input/series.ts): a structured clone keeps it whole (the report worker receives it in
 * workerData), and columns over SharedArrayBuffers (a large file's) are shared, not copied.
 */
export interface PriceTable {
  /** Display name of the source (`prices.csv`, `<stdin>`). */
  readonly source: string;
  readonly times: Float64Array;
  /**
   * Only the symbols that were asked for (all of them when none were named): doubles, or decimal
   * codes from the fast reader; read them through src/input/series.ts.
   */
  readonly series: ReadonlyMap<string, PriceSeries>;
  /** Every symbol the file has, for "did you mean" suggestions. */
  readonly symbols: readonly string[];
  /** 'wide' or 'long', as detected from the header. */
  readonly layout: 'wide' | 'long';
}

/** One row of the instruments CSV. */
export interface Instrument {
  readonly symbol: string;
  /** Units of the underlying per contract (linear) ; for inverse contracts, see `face`. */
  readonly multiplier: number;
  /** Contracts are rounded to the nearest multiple of this. */
  readonly lot: number;
  readonly kind: 'linear' | 'inverse';
  /** Quote-currency face value of one inverse contract, or null for linear. */
  readonly face: number | null;
  readonly line: number;
}
