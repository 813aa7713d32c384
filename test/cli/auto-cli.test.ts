/**
 * `--estimator auto` from the command line: settings keep `auto`, each position lists the
 * tournament's entrants with their scores and names the winner, whose ratio sizes the hedge and
 * whose last-third score is the out-of-sample effectiveness; the table names the winner and its
 * margin. The scores themselves are checked in test/core/tournament.test.ts.
 */
import { autoCandidates } from '../../src/core/estimators/auto';
import { estimatorNamed } from '../../src/core/estimators';
import type { Report } from '../../src/report/types';
import { simulateDriftingPair } from '../../tools/sim/drift';
import { formatPrice, pricesFromLogReturns } from '../../tools/sim/market';
import { runCli } from '../support/cli';
import { fileIn, tempDirForThisFile } from '../support/temp-dir';

const file = fileIn(tempDirForThisFile('hedge-auto-'));

const SAMPLE = ['-p', 'fixtures/positions.csv', '-r', 'fixtures/prices.csv', '-H', 'BTC'];

describe('--estimator auto', () => {
  let report: Report;
  beforeAll(async () => {
    const res = await runCli([...SAMPLE, '--estimator', 'auto', '--format', 'json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    report = JSON.parse(res.stdout) as Report;
  });

  test('settings say auto; each position has its entrants and the winner', () => {
    expect(report.settings.estimator).toBe('auto');
    const names = autoCandidates().map((c) => c.name);
    for (const p of report.positions) {
      if (p.estimators === null) continue;
      expect(p.estimators.map((e) => e.name)).toEqual(names);
      const ols = p.estimators[0]!;
      const winner = p.estimators.find((e) => e.name === p.estimator)!;
      expect(winner).toBeDefined();
      // the winner is OLS, or the best on the middle third by more than 0.01 over OLS
      if (winner !== ols) {
        expect(winner.selectionEffectiveness!).toBeGreaterThan(ols.selectionEffectiveness! + 0.01);
        for (const e of p.estimators) {
          expect(winner.selectionEffectiveness!).toBeGreaterThanOrEqual(e.selectionEffectiveness!);
        }
      }
      expect(p.effectiveness.outOfSample).toBe(winner.outOfSample);
    }
    expect(report.positions.some((p) => p.estimators !== null)).toBe(true);
  });

  test("the winner's ratio sizes the hedge: the same as --estimator <winner>", async () => {
    // a beta drifting as a random walk (tools/sim/drift.ts, seed 1): a time-varying winner
    const { x, y } = simulateDriftingPair({ n: 1000, seed: 1, step: 0.03 });
    const btc = pricesFromLogReturns(x, 30000);
    const alt = pricesFromLogReturns(y, 2);
    const lines = ['date,BTC,ALT'];
    btc.forEach((b, t) => {
      const date = new Date(Date.UTC(2020, 0, 1) + t * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${date},${formatPrice(b, 15)},${formatPrice(alt[t]!, 15)}`);
    });
    const prices = file('prices.csv', lines.join('\n') + '\n');
    const args = ['-p', file('positions.csv', 'symbol,quantity\nALT,1000\n'), '-r', prices];
    const json = async (...more: string[]) =>
      (JSON.parse((await runCli([...args, '--format', 'json', ...more])).stdout) as Report)
        .positions[0]!;
    const auto = await json('--estimator', 'auto');
    expect(auto.estimator).toBe('ewma-10');
    const ewma = await json('--estimator', 'ewma', '--halflife', '10');
    expect(auto.hedges[0]!.hedgeRatio).toBe(ewma.hedges[0]!.hedgeRatio);
    expect(auto.estimatorParams).toEqual({ halflife: 10 });
    const ols = await json();
    expect(ols.estimators).toBeNull();
    expect(auto.effectiveness.outOfSample!).toBeGreaterThan(
      auto.estimators![0]!.outOfSample! + 0.01,
    );
    const table = await runCli([...args, '--estimator', 'auto']);
    const margin =
      (auto.estimators![1]!.selectionEffectiveness! -
        auto.estimators![0]!.selectionEffectiveness!) *
      100;
    expect(table.stdout).toContain(`auto: ewma-10 +${margin.toFixed(2)} pp over ols`);
  });

  test('the table names each winner and its margin', async () => {
    const res = await runCli([...SAMPLE, '--estimator', 'auto']);
    expect(res.code).toBe(0);
    for (const p of report.positions) {
      if (p.estimator !== null && p.estimators !== null) {
        expect(res.stdout).toMatch(
          new RegExp(`auto: ${p.estimator}, [a-z0-9-]+ [+−]\\d+\\.\\d\\d pp`),
        );
      }
    }
    expect(estimatorNamed('auto').label({})).toBe('auto (out-of-sample tournament)');
    expect(res.stdout).toContain('auto (out-of-sample tournament)');
  });

  test('markdown: a tournament section, every entrant middle third / last third', async () => {
    const res = await runCli([...SAMPLE, '--estimator', 'auto', '--format', 'markdown']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(
      '| Position | Chosen | ols | ewma-10 | ewma-30 | ewma-90 | rolling-60 | rolling-180 | kalman |',
    );
    const p = report.positions[0]!;
    const e = p.estimators![0]!;
    expect(res.stdout).toContain(
      `| ${e.selectionEffectiveness!.toFixed(3)} / ${e.outOfSample!.toFixed(3)} |`,
    );
    const plain = await runCli([...SAMPLE, '--format', 'markdown']);
    expect(plain.stdout).not.toContain('Estimator tournament');
  });
});
