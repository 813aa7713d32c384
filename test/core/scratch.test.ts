/**
 * The per-thread work buffers (src/core/scratch.ts): one buffer per slot, reused, grown on
 * demand, and allocated at the reserved size once a report has announced its length.
 */
import { reserveScratch, scratch } from '../../src/core/scratch';

test('a slot is one buffer, reused while it is large enough and replaced when it is not', () => {
  const a = scratch('portfolio', 10);
  expect(a).toHaveLength(10);
  const b = scratch('portfolio', 5);
  expect(b).toHaveLength(5);
  expect(b.buffer).toBe(a.buffer);
  const c = scratch('portfolio', 20);
  expect(c).toHaveLength(20);
  expect(c.buffer).not.toBe(a.buffer);
  // other slots have their own buffers
  expect(scratch('positionReturns', 10).buffer).not.toBe(c.buffer);
});

test('after reserveScratch(n), a new buffer has room for n values: no growth on later calls', () => {
  reserveScratch(1000);
  const first = scratch('work1', 100);
  expect(first).toHaveLength(100);
  expect(first.buffer.byteLength).toBeGreaterThanOrEqual(1000 * Float64Array.BYTES_PER_ELEMENT);
  const later = scratch('work1', 1000);
  expect(later.buffer).toBe(first.buffer);
  // a smaller reserve never shrinks what is reserved
  reserveScratch(10);
  expect(scratch('work2', 1).buffer.byteLength).toBeGreaterThanOrEqual(8000);
});
