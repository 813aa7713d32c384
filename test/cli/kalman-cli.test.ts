/**
 * `--estimator kalman` from the command line: settings name the method of the variances left to
 * the data, each position reports its estimates, given variances are used as they are, and an
 * estimate that cannot be made is an error located at the position's row.
 */
import { kalmanEstimator } from '../../src/core/estimators/kalman';
import { reportWork } from '../../src/report/parallel';
import type { Report } from '../../src/report/types';
import { runCli } from '../support/cli';
import { fileIn, tempDirForThisFile } from '../support/temp-dir';

const SAMPLE = ['-p', 'fixtures/positions.csv', '-r', 'fixtures/prices.csv'];

const file = fileIn(tempDirForThisFile('hedge-kalman-'));

async function jsonReport(...args: string[]): Promise<Report> {
  const res = await runCli([...SAMPLE, '--format', 'json', ...args]);
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  return JSON.parse(res.stdout) as Report;
}

describe('--estimator kalman', () => {
  test('variances by maximum likelihood: settings say mle, each position has its estimates', async () => {
    const report = await jsonReport('--estimator', 'kalman', '-H', 'BTC');
    const s = report.settings as unknown as Record<string, unknown>;
    expect([s.estimator, s.kalmanQ, s.kalmanR]).toEqual(['kalman', 'mle', 'mle']);
    for (const p of report.positions) {
      expect(p.estimator).toBe('kalman');
      const { kalmanQ, kalmanR } = p.estimatorParams!;
      expect(kalmanQ).toBeGreaterThanOrEqual(0);
      expect(kalmanR).toBeGreaterThan(0);
      expect(p.effectiveness.outOfSample).not.toBeNull();
    }
  });

  test('given variances are used as they are, and q may be 0', async () => {
    const report = await jsonReport(
      '--estimator',
      'kalman',
      '--kalman-q',
      '0',
      '--kalman-r',
      '1e-3',
    );
    const s = report.settings as unknown as Record<string, unknown>;
    expect([s.kalmanQ, s.kalmanR]).toEqual([0, 0.001]);
    expect(report.positions[0]!.estimatorParams).toEqual({ kalmanQ: 0, kalmanR: 0.001 });
    const table = await runCli([...SAMPLE, '--estimator', 'kalman', '--kalman-q', '1e-6']);
    expect(table.stdout).toContain('Kalman q 0.000001, r ML');
    expect(table.stdout).toMatch(/r \d\.\d\de-\d \(mle\)/);
  });

  test('a variance must be a number (q ≥ 0, r > 0)', async () => {
    for (const [flag, value, rule] of [
      ['--kalman-q', '-1', 'expected a number ≥ 0'],
      ['--kalman-r', '0', 'expected a number greater than 0'],
      ['--kalman-r', 'abc', 'expected a number greater than 0'],
    ] as const) {
      const res = await runCli([...SAMPLE, '--estimator', 'kalman', flag, value]);
      expect(res.code).toBe(2);
      expect(res.stderr.split('\n')[0]).toBe(`hedge: ${flag} "${value}": ${rule}`);
    }
  });

  test('returns the hedge fits exactly: a located error (nothing to estimate r from)', async () => {
    // Whole-number prices, TWO = 2·BTC: price changes exactly twice BTC's.
    const lines = ['date,BTC,TWO'];
    for (let i = 0; i < 60; i++) {
      const btc = 100 + ((i * 37) % 23);
      const day = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
      lines.push(`${day},${btc},${2 * btc}`);
    }
    const prices = file('exact.csv', lines.join('\n') + '\n');
    const positions = file('positions.csv', 'symbol,quantity\nTWO,5\n');
    const res = await runCli([
      '-p',
      positions,
      '-r',
      prices,
      '--returns',
      'diff',
      '--estimator',
      'kalman',
    ]);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe(
      `hedge: ${positions}:2: TWO: the returns fit exactly (no residual variance): give --kalman-r\n`,
    );
  });

  test("the report's work is weighed by the estimator's cost", () => {
    const input = {
      positions: [{}, {}],
      prices: { times: new Float64Array(100) },
      settings: { estimator: 'kalman' },
    } as unknown as Parameters<typeof reportWork>[0];
    expect(reportWork(input)).toBe(100 * 2 * kalmanEstimator.relativeCost);
  });
});
