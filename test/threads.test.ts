/**
 * Room for worker threads under an address-space limit (src/threads.ts): the large-file reader
 * and the two-thread report start no worker without it (limits.slow.test.ts runs the real binary
 * under `ulimit -v`).
 */
import {
  WORKER_ADDRESS_BYTES,
  addressSpace,
  isWorkerStartFailure,
  workerRoom,
} from '../src/threads';

const GB = 1 << 30;

test('no limit: room for any number of workers', () => {
  expect(workerRoom(null)).toBe(Infinity);
});

test.each([
  [1.5 * GB, 0.9 * GB, 0],
  [2 * GB, 0.9 * GB, 0],
  [3 * GB, 0.9 * GB, 1],
  [6 * GB, 0.9 * GB, 4],
  [0.5 * GB, 0.9 * GB, 0],
])('limit %d, used %d: %d workers', (limit, used, workers) => {
  expect(workerRoom({ limit, used })).toBe(workers);
  expect(WORKER_ADDRESS_BYTES).toBe(GB);
});

test('this process: a limit read from /proc matches the shell’s, or none', () => {
  const space = addressSpace();
  if (space !== null) {
    expect(space.used).toBeGreaterThan(0);
    expect(space.limit).toBeGreaterThan(0);
  } else {
    expect(workerRoom()).toBe(Infinity);
  }
});

test.each([
  ['ERR_WORKER_OUT_OF_MEMORY', true],
  ['ERR_WORKER_INIT_FAILED', true],
  ['EAGAIN', true],
  ['ENOENT', false],
  [undefined, false],
])('a worker error %s is a start failure: %s', (code, yes) => {
  expect(isWorkerStartFailure(Object.assign(new Error('x'), { code }))).toBe(yes);
});
