/**
 * How many worker threads the process's address space has room for. A worker's V8 isolate
 * reserves virtual memory of its own (its code range and heap: 0.4–0.9 GB on Node 20 x64); under
 * an address-space limit (`ulimit -v`, RLIMIT_AS) a worker that cannot reserve it ends the whole
 * process with V8's "Fatal process OOM", which no handler can catch. So the limit is checked
 * before any worker is started, and the work stays in this thread when there is no room.
 */
import { readFileSync } from 'node:fs';

/** Virtual memory counted per worker thread (more than measured: see the module comment). */
export const WORKER_ADDRESS_BYTES = 1 << 30;

/** Virtual memory kept free for this thread's own growth. */
const MAIN_RESERVE_BYTES = 1 << 30;

/**
 * The soft address-space limit in bytes, and the address space in use, from /proc (Linux); null
 * when there is no limit or it cannot be read (another system: no check).
 */
export function addressSpace(): { limit: number; used: number } | null {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8');
    const soft = /^Max address space\s+(\S+)/m.exec(limits)?.[1];
    if (soft === undefined || soft === 'unlimited') return null;
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = /^VmSize:\s+(\d+)\s*kB/m.exec(status)?.[1];
    if (kb === undefined) return null;
    return { limit: Number(soft), used: Number(kb) * 1024 };
  } catch {
    return null;
  }
}

/**
 * Worker threads that fit in the address space now: Infinity without a limit, else what the
 * room left (less a reserve for this thread) takes at WORKER_ADDRESS_BYTES each.
 */
export function workerRoom(space = addressSpace()): number {
  if (space === null) return Infinity;
  const room = space.limit - space.used - MAIN_RESERVE_BYTES;
  return Math.max(0, Math.floor(room / WORKER_ADDRESS_BYTES));
}

/**
 * Whether `e` is a worker that could not start (its isolate's memory, a thread the system
 * refused): the caller does the work in this thread instead.
 */
export function isWorkerStartFailure(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return (
    code === 'ERR_WORKER_OUT_OF_MEMORY' ||
    code === 'ERR_WORKER_INIT_FAILED' ||
    code === 'EAGAIN' ||
    code === 'ENOMEM'
  );
}
