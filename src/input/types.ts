/** Typed data produced from untrusted input files. */
import type { PriceSeries } from './series';

/** What every row of the positions CSV has, whatever its kind. */
interface PositionRow {
  /** The asset held; for a pool, its base token (token0). */
  readonly symbol: string;
  /** Per-row hedge symbols (overrides `--hedge`), or null. */
  readonly hedges: readonly string[] | null;
  readonly label: string | null;
  /** What the position earns (pool fees, staking yield), a fraction of its value a year, or null. */
  readonly feeApr: number | null;
  /** 1-based line in the positions file, for messages. */
  readonly line: number;
}

/** A spot holding of `symbol` (kind `spot`, the default). */
export interface SpotPosition extends PositionRow {
  readonly kind: 'spot';
  /** Units held (negative = short), or null when the row gives `notional` instead. */
  readonly quantity: number | null;
  /** Signed quote-currency value, or null when the row gives `quantity`. */
  readonly notional: number | null;
}

/** A Uniswap v2 (constant-product) liquidity position: `symbol` against `quote`. */
export interface V2Position extends PositionRow {
  readonly kind: 'v2';
  /** The pool's other token (token1): a cash symbol (`--cash`) or a prices column. */
  readonly quote: string;
  /** Base tokens in the pool now (> 0), or null when the row gives `notional`. */
  readonly quantity: number | null;
  /** The whole position's value in the report currency (> 0), or null. */
  readonly notional: number | null;
}

/** A Uniswap v3 concentrated-liquidity position on [lower, upper] (`symbol` priced in `quote`). */
export interface V3Position extends PositionRow {
  readonly kind: 'v3';
  readonly quote: string;
  /** Range bounds, 0 < lower < upper, in quote tokens per base token. */
  readonly lower: number;
  readonly upper: number;
  /** Liquidity L (> 0), or null when the row gives `notional`. */
  readonly liquidity: number | null;
  /** The whole position's value now in the report currency (> 0), or null. */
  readonly notional: number | null;
}

/**
 * One row of the positions CSV, by its `kind` (src/report/exposures has one module per kind).
 */
export type Position = SpotPosition | V2Position | V3Position;

/** A liquidity-pool row. */
export type PoolPosition = V2Position | V3Position;

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

/** One row of the current-hedges file (`--current`): a hedge instrument held now. */
export interface CurrentHolding {
  /** The instrument: a column (wide) or symbol (long) of the prices file. */
  readonly symbol: string;
  /** Units held now, negative = short; rows of one symbol add up. */
  readonly quantity: number;
  /** Free text, e.g. the venue or account, or null. */
  readonly label: string | null;
  readonly line: number;
}

/** A warning of a previous report, as read back (its code may be one this version lacks). */
export interface PreviousWarning {
  readonly code: string;
  readonly severity: 'info' | 'warning' | 'critical';
  readonly message: string;
}

/**
 * What `--previous` reads of a JSON report written earlier by hedge (schemaVersion 1): enough to
 * say what changed since, every other field ignored.
 */
export interface PreviousReport {
  readonly asOf: string | null;
  /** Its effective options, as written (compared key by key with this run's). */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly positions: readonly {
    readonly symbol: string;
    readonly label: string | null;
    readonly warnings: readonly PreviousWarning[];
  }[];
  readonly totals: readonly {
    readonly symbol: string;
    readonly hedgeQuantity: number | null;
    /** Absent in reports written before `--current` existed: null. */
    readonly rebalance: boolean | null;
  }[];
  readonly warnings: readonly PreviousWarning[];
}

/**
 * The funding payments of one perpetual swap (`--funding`), in strictly increasing time: plain
 * data (a worker thread receives a copy of the report's inputs).
 */
export interface FundingSeries {
  /** Epoch ms of each payment. */
  readonly times: Float64Array;
  /** Fraction of notional paid by longs to shorts for each period. */
  readonly rates: Float64Array;
  /** The interval a row states (`funding_interval_hours`), NaN where none. */
  readonly intervalHours: Float64Array;
}
