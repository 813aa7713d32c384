/**
 * Worker entry of the large-file prices reader (bundled to dist/price-worker.cjs). Wide layout:
 * counts the lines of its byte range, waits for its place in the shared columns, scans into them.
 * Long layout: scans into its own rows and sends them back. Progress in bytes on the way.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  ColumnSink,
  countLines,
  longRowsOf,
  scanFileRange,
  type FillMessage,
  type ScanJob,
  type WorkerMessage,
} from './prices-stream';

const job = workerData as ScanJob;
const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);
let lastReport = 0;
const onBytes = (done: number) => {
  if (done - lastReport >= 8 << 20 || done === job.end - job.start) {
    lastReport = done;
    post({ type: 'progress', done });
  }
};

if (job.layout === 'wide') {
  port.once('message', (m: FillMessage) => {
    const sink = new ColumnSink(job, m.capacity, false, m.buffers, m.offset);
    post({ type: 'done', result: scanFileRange(job, sink, onBytes), long: null });
  });
  post({ type: 'count', lines: countLines(job.file, job.start, job.end) });
} else {
  const sink = new ColumnSink(job, 1 << 16, true);
  const result = scanFileRange(job, sink, onBytes);
  post({ type: 'done', result, long: longRowsOf(sink) });
}
