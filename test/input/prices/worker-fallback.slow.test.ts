/**
 * The large-file reader when its worker threads cannot start (no memory for their isolates under
 * `ulimit -v`, or no thread): the same ranges are scanned in this thread, giving the table a
 * one-thread read gives. node:worker_threads is replaced by a Worker that fails to start.
 */
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { readPrices, type PricePath } from '../../../src/input/prices';
import { tempDirForThisFile } from '../../support/temp-dir';

let started = 0;
jest.mock('node:worker_threads', () => ({
  Worker: class extends EventEmitter {
    constructor() {
      super();
      started++;
      setImmediate(() =>
        this.emit(
          'error',
          Object.assign(new Error('no memory'), { code: 'ERR_WORKER_OUT_OF_MEMORY' }),
        ),
      );
    }
    terminate(): Promise<number> {
      return Promise.resolve(1);
    }
    postMessage(): void {}
  },
}));

const dir = tempDirForThisFile('hedge-worker-fallback-');

test('workers that fail to start: the ranges are read here, the table is the same', async () => {
  const lines = ['time,A,B,C'];
  for (let i = 0; i < 70_000; i++) {
    lines.push(
      `${1704067200 + 60 * i},${(100 + Math.sin(i)).toFixed(4)},${i % 97},${(i / 7).toFixed(3)}`,
    );
  }
  const file = path.join(dir, 'prices.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  const opts = { symbols: null, positive: false, thresholdBytes: 0 } as const;
  let how: PricePath | null = null;
  const viaWorkers = await readPrices(file, Readable.from([]), {
    ...opts,
    workers: 2,
    workerScript: __filename,
    trace: (p) => (how = p),
  });
  expect(started).toBeGreaterThan(0);
  expect(how).toBe('scan');
  const here = await readPrices(file, Readable.from([]), { ...opts, workers: 0, ranges: 2 });
  expect(viaWorkers.times).toEqual(here.times);
  for (const s of ['A', 'B', 'C']) expect(viaWorkers.series.get(s)).toEqual(here.series.get(s));
});
