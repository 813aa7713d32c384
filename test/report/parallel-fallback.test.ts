/**
 * A report worker that cannot start (its isolate gets no memory: ERR_WORKER_OUT_OF_MEMORY under
 * `ulimit -v`) leaves its positions to this thread: the report is the one-thread report, not an
 * error. Any other worker failure is still an error. node:worker_threads is replaced by a Worker
 * that fails as told.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { parseArgs } from '../../src/cli/options';
import { envFrom } from '../../src/cli/env';
import { parsePositions } from '../../src/input/positions';
import { parsePrices } from '../../src/input/prices';
import { buildReport } from '../../src/report/build-report';
import type { ReportInput } from '../../src/report/context';
import { FORMATS } from '../../src/report/formats';
import { buildReportAuto } from '../../src/report/parallel';
import { renderJson } from '../../src/report/render-json';

let failure: { code: string; message: string } = { code: '', message: '' };
jest.mock('node:worker_threads', () => ({
  Worker: class extends EventEmitter {
    constructor() {
      super();
      setImmediate(() => this.emit('error', Object.assign(new Error(failure.message), failure)));
    }
    terminate(): Promise<number> {
      return Promise.resolve(1);
    }
  },
}));

function input(): ReportInput {
  const parsed = parseArgs(
    ['-p', 'fixtures/positions.csv', '-r', 'fixtures/prices.csv', '-H', 'BTC,ETH'],
    envFrom({}),
    false,
  );
  if (parsed.kind !== 'run') throw new Error('bad arguments');
  const s = parsed.settings;
  const text = (f: string) => ({ name: f, text: readFileSync(f, 'utf8') });
  return {
    positions: parsePositions(text(s.positions)),
    positionsSource: 'positions.csv',
    prices: parsePrices(text(s.prices), { symbols: null, positive: true }),
    instruments: new Map(),
    settings: s,
    needs: FORMATS[s.format].needs,
  };
}

test.each(['ERR_WORKER_OUT_OF_MEMORY', 'ERR_WORKER_INIT_FAILED'])(
  'a worker that fails to start with %s: the one-thread report',
  async (code) => {
    failure = { code, message: 'no memory for the worker' };
    const i = input();
    const two = await buildReportAuto(i, { mode: 'always', workerScript: __filename });
    expect(renderJson(two.report)).toBe(renderJson(buildReport(i).report));
  },
);

test('any other worker failure is an error', async () => {
  failure = { code: 'ERR_SOMETHING_ELSE', message: 'a bug in the worker' };
  await expect(
    buildReportAuto(input(), { mode: 'always', workerScript: __filename }),
  ).rejects.toThrow('a bug in the worker');
});
