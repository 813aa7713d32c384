/**
 * `--lags k` from the command line (Dimson): the test, ALT_t = 0.5·BTC_t + 0.5·BTC_{t−1}
 * + ε with n = 5,000, where the plain beta is half the true one and the Dimson beta with one lag
 * recovers it; hedges[].lagBetas; the note on stderr when the lagged slopes are jointly
 * significant, none when they are not. The statistics themselves are checked against
 * statsmodels in test/core/dimson.test.ts.
 */
import type { Report } from '../../src/report/types';
import { createRng, formatPrice } from '../../tools/sim/market';
import { runCli } from '../support/cli';
import { fileIn, tempDirForThisFile } from '../support/temp-dir';

const file = fileIn(tempDirForThisFile('hedge-lags-'));

/** Prices of BTC and ALT with ALT's log return b0·BTC_t + b1·BTC_{t−1} + ε (daily, n returns). */
function writeMarket(name: string, n: number, b0: number, b1: number): string {
  const rng = createRng(16);
  const lines = ['date,BTC,ALT'];
  let btc = Math.log(30000);
  let alt = Math.log(2);
  let previous = 0;
  const day0 = Date.UTC(2010, 0, 1);
  for (let t = 0; t <= n; t++) {
    if (t > 0) {
      const x = 0.03 * rng.normal();
      btc += x;
      alt += b0 * x + b1 * previous + 0.01 * rng.normal();
      previous = x;
    }
    const date = new Date(day0 + t * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${date},${formatPrice(Math.exp(btc), 15)},${formatPrice(Math.exp(alt), 15)}`);
  }
  return file(name, lines.join('\n') + '\n');
}

const POSITIONS = file('positions.csv', 'symbol,quantity\nALT,1000\n');

async function report(prices: string, ...args: string[]) {
  const res = await runCli(['-p', POSITIONS, '-r', prices, '--format', 'json', ...args]);
  expect(res.code).toBe(0);
  return { report: JSON.parse(res.stdout) as Report, stderr: res.stderr };
}

describe('--lags (Dimson betas)', () => {
  const lagged = writeMarket('lagged.csv', 5000, 0.5, 0.5);

  test('ALT = 0.5·BTC_t + 0.5·BTC_{t−1} + ε, n = 5,000: plain β 0.50 ± 0.03, Dimson 1.00 ± 0.03', async () => {
    const plain = (await report(lagged)).report.positions[0]!;
    expect(Math.abs(plain.hedges[0]!.beta! - 0.5)).toBeLessThan(0.03);
    expect(plain.hedges[0]!.lagBetas).toBeNull();
    const { report: r, stderr } = await report(lagged, '--lags', '1');
    expect(r.settings.lags).toBe(1);
    const p = r.positions[0]!;
    const h = p.hedges[0]!;
    expect(Math.abs(h.beta! - 1)).toBeLessThan(0.03);
    expect(h.hedgeRatio).toBe(h.beta);
    expect(h.lagBetas).toHaveLength(2);
    expect(h.lagBetas![0]! + h.lagBetas![1]!).toBeCloseTo(h.beta!, 12);
    h.lagBetas!.forEach((b) => expect(Math.abs(b! - 0.5)).toBeLessThan(0.03));
    // its standard error is that of the sum: about √2 × one slope's (independent lags)
    expect(h.stdError!).toBeGreaterThan(0.005);
    expect(h.stdError!).toBeLessThan(0.02);
    // one return fewer in the regression (the first has no lagged BTC return)
    expect(p.observations).toBe(4999);
    expect(stderr).toMatch(/^hedge: ALT: the lagged slopes are jointly significant \(robust F \d+/);
    expect(r.warnings).toEqual([]);
    // the hedge is sized with the Dimson ratio
    expect(h.hedgeNotional! / plain.hedges[0]!.hedgeNotional!).toBeCloseTo(
      h.beta! / plain.hedges[0]!.beta!,
      10,
    );
  });

  test('synchronous closes: the lagged slope is near 0 and there is no note', async () => {
    const synchronous = writeMarket('synchronous.csv', 2000, 1, 0);
    const { report: r, stderr } = await report(synchronous, '--lags', '2');
    const h = r.positions[0]!.hedges[0]!;
    expect(h.lagBetas).toHaveLength(3);
    expect(Math.abs(h.lagBetas![1]!)).toBeLessThan(0.03);
    expect(stderr).toBe('');
  });

  test("--lookback counts the regression's returns", async () => {
    const { report: r } = await report(lagged, '--lags', '2', '--lookback', '100');
    const p = r.positions[0]!;
    expect(p.observations).toBe(100);
    expect(p.hedges[0]!.lagBetas).toHaveLength(3);
    const { report: plain } = await report(lagged, '--lookback', '100');
    expect(plain.positions[0]!.observations).toBe(100);
    expect(plain.positions[0]!.end).toBe(p.end);
  });

  test('--lags must be an integer ≥ 0', async () => {
    const res = await runCli(['-p', POSITIONS, '-r', lagged, '--lags', '-1']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^hedge: --lags "-1": /);
  });
});
