/**
 * Reusable work buffers for the O(n) passes of one position: a report of 1,000,000 returns would
 * otherwise allocate (and leave to the garbage collector) some tens of n-length arrays per
 * position. Each named slot is one Float64Array per thread (module state: every worker thread has
 * its own copy of the module), grown to the largest n asked for and never shrunk.
 *
 * Rule for callers: a slot's view is valid until the next call for the same slot. A function
 * that takes a slot must not return its view nor call another function that takes the same slot
 * while the view is in use.
 */

/**
 * The slots and their users. Users of one slot never hold it at the same time: each is a leaf
 * (it calls no other user of its slot while its view is in use) and keeps nothing of it.
 * positionReport uses 'portfolio' three times in order — the walk-forward's errors, then the
 * hedge portfolio (several hedges) until the downside split, which reorders it in place, or (one
 * hedge) a copy of the hedge's returns for that split — so a report of the usual kind (OLS with
 * an intercept) holds two n-length buffers per thread: positionReturns and portfolio. The order
 * is the rule there, and the two-thread and golden tests would show a value read after being
 * overwritten.
 */
export type ScratchSlot =
  | 'positionReturns' // report/build-report.ts positionReport: the position's returns
  // portfolio: report/build-report.ts positionReport, in this order: walkForwardEffectiveness's
  // out-of-sample errors; the hedge portfolio's returns (several hedges) or a copy of the one
  // hedge's returns, for the downside split
  | 'portfolio'
  // work1: effectiveness.ts inSampleEffectiveness (hedged returns; EWMA or no intercept),
  // walkForwardEffectiveness's errors by default; breaks.ts signSplitFits1 (y of the parts, when
  // the caller's arrays may not be reordered)
  | 'work1'
  // work2: effectiveness.ts initialMomentsSmall (EWMA weights); breaks.ts signSplitFits1 (x of
  // the parts, when the caller's arrays may not be reordered)
  | 'work2';

const buffers = new Map<ScratchSlot, Float64Array>();
let reserved = 0;

/**
 * From now on, allocate every slot's buffer with room for at least `length` doubles. A report
 * calls it with its number of rows before its first position, so that a slot asked first for
 * fewer values (half the sample, then the rolling windows, then the whole sample) is allocated
 * once at its final size instead of growing twice and leaving the smaller buffers to the garbage
 * collector (~20 MB per thread on the first of a million-row report's positions).
 */
export function reserveScratch(length: number): void {
  reserved = Math.max(reserved, length);
}

/**
 * A view of `length` doubles of the slot's buffer (contents unspecified: the caller overwrites
 * them). Cost O(1), or O(length) when the buffer grows.
 */
export function scratch(slot: ScratchSlot, length: number): Float64Array {
  let b = buffers.get(slot);
  if (b === undefined || b.length < length) {
    b = new Float64Array(Math.max(length, reserved));
    buffers.set(slot, b);
  }
  return b.subarray(0, length);
}
