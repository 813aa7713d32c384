/**
 * Worker entry of the two-thread report (bundled to dist/report-worker.cjs; see parallel.ts):
 * computes positions taken from the shared counter and posts each result or its error back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { reportContext, withSharedReturns } from './context';
import { sendableError, takePositions, type ReportJob, type ReportWorkerMessage } from './parallel';

const job = workerData as ReportJob;
const port = parentPort!;
const post = (m: ReportWorkerMessage) => port.postMessage(m);
try {
  const context = withSharedReturns(reportContext(job.input), job.sharedReturns);
  takePositions(
    job.input,
    context,
    job.next,
    (index, result) => post({ type: 'result', index, result }),
    (index, e) => post({ type: 'error', index, error: sendableError(e) }),
  );
} catch (e) {
  post({ type: 'error', index: -1, error: sendableError(e) });
}
post({ type: 'done' });
