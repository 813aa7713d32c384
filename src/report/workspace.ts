/**
 * The n-length work buffers of one thread's report, passed explicitly to the stages that write
 * them (src/report/position/*). A report of a million returns would otherwise allocate, and
 * leave to the garbage collector, some tens of n-length arrays per position. Each buffer is
 * allocated on first use at the report's longest series length and reused by the next position;
 * which stage writes which buffer, and in what order, is in src/report/position/diagnostics.ts,
 * the one stage that shares them. A report of the usual kind (OLS with an intercept) uses two:
 * `returns` and `work`.
 */
import { ROLLING_BLOCK, type RollingBlocks } from '../core/diagnostics/rolling';

export class Workspace {
  private readonly buffers = new Map<string, Float64Array>();
  private blocks: RollingBlocks | null = null;

  /** `capacity`: the longest series of the report (rows of its price grid). */
  constructor(private readonly capacity: number) {}

  private buffer(name: string, length: number): Float64Array {
    let b = this.buffers.get(name);
    if (b === undefined || b.length < length) {
      b = new Float64Array(Math.max(length, this.capacity));
      this.buffers.set(name, b);
    }
    return b.subarray(0, length);
  }

  /** The position's returns (y), for the whole of one position's computation. */
  returns(length: number): Float64Array {
    return this.buffer('returns', length);
  }

  /**
   * One position's work buffer, in turn: the walk-forward's errors, then the hedge portfolio's
   * returns (or a copy of the one hedge's), which the downside split reorders last.
   */
  work(length: number): Float64Array {
    return this.buffer('work', length);
  }

  /** The hedged returns of the in-sample effectiveness (when it is not R²). */
  hedged(length: number): Float64Array {
    return this.buffer('hedged', length);
  }

  /** An EWMA walk-forward's weights. */
  weights(length: number): Float64Array {
    return this.buffer('weights', length);
  }

  /** The rolling statistics' two blocks. */
  rollingBlocks(): RollingBlocks {
    const size = Math.min(this.capacity, ROLLING_BLOCK);
    if (this.blocks === null || this.blocks.correlation.length < size) {
      this.blocks = { correlation: new Float64Array(size), beta: new Float64Array(size) };
    }
    return this.blocks;
  }
}
