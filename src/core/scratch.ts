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
 */
export type ScratchSlot =
  | 'positionReturns' // report/build-report.ts positionReport: the position's returns
  | 'portfolio' // report/build-report.ts positionReport: the hedge portfolio's returns
  | 'rollingCorrelation' // report/build-report.ts positionReport (not for a table)
  | 'rollingBeta' // report/build-report.ts positionReport
  // work1: effectiveness.ts inSampleEffectiveness (hedged returns), walkForwardEffectiveness
  // (out-of-sample errors), breaks.ts fastSelectedFit1 (y of a part)
  | 'work1'
  // work2: breaks.ts fastSelectedFit1 (x of a part), effectiveness.ts initialMomentsSmall (EWMA
  // weights)
  | 'work2';

const buffers = new Map<ScratchSlot, Float64Array>();

/**
 * A view of `length` doubles of the slot's buffer (contents unspecified: the caller overwrites
 * them). Cost O(1), or O(length) when the buffer grows.
 */
export function scratch(slot: ScratchSlot, length: number): Float64Array {
  let b = buffers.get(slot);
  if (b === undefined || b.length < length) {
    b = new Float64Array(length);
    buffers.set(slot, b);
  }
  return b.subarray(0, length);
}
