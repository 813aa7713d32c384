/**
 * Worker thread entry of the prices reader (bundled to dist/price-worker.cjs): scans one byte
 * range of the file with the same scanner as the main thread (./ranges.ts explains the protocol).
 * Wide: counts the range's lines, waits for its place in the shared columns, scans into them.
 * Long: scans into rows of its own and sends them back. Progress in bytes on the way.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { longRowsData, wideScan, type FillMessage, type WorkerMessage } from './ranges';
import { scanRange, type ScanJob } from './scan';
import { LongRows, WideColumns } from './sink';
import { countLines, fileSource } from './source';

const job = workerData as ScanJob;
const port = parentPort!;
// (its size: the worker reads nothing past its range)
const source = fileSource(job.file, job.end);
let lastReport = 0;
const onBytes = (done: number) => {
  if (done - lastReport >= 8 << 20 || done === job.end - job.start) {
    lastReport = done;
    port.postMessage({ type: 'progress', done } satisfies WorkerMessage);
  }
};
const lines = countLines(source, job.start, job.end);

if (job.layout === 'wide') {
  port.once('message', (m: FillMessage) => {
    const sink = new WideColumns(m.columns, m.offset, m.capacity);
    const result = scanRange(job, sink, source, onBytes);
    source.close();
    const { layouts, switched } = wideScan(job, m.offset, result, sink);
    const done: WorkerMessage = { type: 'done', result, layouts, switched, long: null };
    port.postMessage(
      done,
      switched.map(([, s]) => s.values.buffer as ArrayBuffer),
    );
  });
  port.postMessage({ type: 'count', lines } satisfies WorkerMessage);
} else {
  const rows = new LongRows(lines + 1, job.wanted);
  const result = scanRange(job, rows, source, onBytes);
  source.close();
  const long = longRowsData(rows);
  const done: WorkerMessage = { type: 'done', result, layouts: [], switched: [], long };
  port.postMessage(done, [
    long.times.buffer,
    long.symbols.buffer,
    long.prices.buffer,
  ] as ArrayBuffer[]);
}
