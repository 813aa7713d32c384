/**
 * Issue 15 end to end: `hedges[].hacStdError` through the CLI equals statsmodels, the 95% band
 * on the size is ratio ± t(0.975, n − k)·hacStdError, and `stability.break` is the dated test on
 * the position's returns, dated at the first return of the new regime, with the ratio since it.
 */
import { HAC_CASES } from '../../scripts/reference/hac';
import { unknownDateBreak } from '../../src/core/diagnostics/unknown-break';
import { neweyWestMaxlags } from '../../src/core/regression/hac';
import { olsFit } from '../../src/core/regression/ols';
import { simulatePair } from '../../tools/sim/market';
import { runCli } from '../support/cli';
import { fileIn, freshDirs, tempDirForThisFile } from '../support/temp-dir';

const fresh = freshDirs(tempDirForThisFile('hedge-bands-'));
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const day = (i: number) => new Date(START + i * DAY).toISOString().slice(0, 10);

/** A wide prices CSV whose log returns are the given columns: 100·exp(Σ r). */
function pricesCsv(columns: Record<string, ArrayLike<number>>): string {
  const names = Object.keys(columns);
  const level = names.map(() => 100);
  const lines = [`date,${names.join(',')}`, `${day(0)},${level.join(',')}`];
  const n = columns[names[0]!]!.length;
  for (let t = 0; t < n; t++) {
    names.forEach((s, j) => (level[j] = level[j]! * Math.exp(columns[s]![t]!)));
    lines.push(`${day(t + 1)},${level.map((v) => v.toPrecision(17)).join(',')}`);
  }
  return lines.join('\n') + '\n';
}

interface Leg {
  symbol: string;
  hedgeRatio: number;
  hedgeQuantity: number;
  hacStdError: number;
  hedgeQuantityLow: number | null;
  hedgeQuantityHigh: number | null;
  hedgeRatioSinceBreak: number | null;
  hedgeQuantitySinceBreak: number | null;
}
interface Position {
  hedges: Leg[];
  stability: { break: Record<string, number | string> | null };
  warnings: { code: string; message: string }[];
}

async function report(
  prices: string,
  positions: string,
  ...args: string[]
): Promise<{ positions: Position[] }> {
  const file = fileIn(fresh());
  const r = file('prices.csv', prices);
  const p = file('positions.csv', positions);
  const res = await runCli([...['-p', p, '-r', r, '--format', 'json', '-q'], ...args]);
  expect(res.stderr).toBe('');
  return JSON.parse(res.stdout) as { positions: Position[] };
}

describe('hacStdError and the band through the CLI', () => {
  // qt(0.975, 77), qt(0.975, 78), qt(0.975, 79), qt(0.975, 247) (R 4.2.2)
  const T: Record<number, number> = {
    77: 1.9912543953883843,
    78: 1.9908470688116908,
    79: 1.9904502102301285,
    247: 1.969614755183269,
  };

  test.each(HAC_CASES.map((c) => [c.name, c] as const))(
    '%s: statsmodels to 1e-8; band = ratio ± t·SE in units',
    async (_name, c) => {
      const hedges = c.xs.map((_, j) => `H${j + 1}`);
      const columns: Record<string, ArrayLike<number>> = { Y: c.y };
      c.xs.forEach((x, j) => (columns[hedges[j]!] = x));
      const r = await report(
        pricesCsv(columns),
        `symbol,quantity,hedges\nY,1000,${hedges.join('|')}\n`,
        ...(c.intercept ? [] : ['--no-intercept']),
      );
      const legs = r.positions[0]!.hedges;
      const t = T[c.y.length - c.xs.length - (c.intercept ? 1 : 0)]!;
      legs.forEach((h, j) => {
        // sm.OLS(y, X).fit(cov_type='HAC', cov_kwds={'maxlags': L}).bse (hac_reference.py)
        expect(rel(h.hacStdError, c.hacStdErrors[j]!)).toBeLessThan(1e-8);
        const perRatio = h.hedgeQuantity / h.hedgeRatio;
        const band = [-1, 1].map((s) => (h.hedgeRatio + s * t * h.hacStdError) * perRatio);
        expect(rel(h.hedgeQuantityLow!, Math.min(...band))).toBeLessThan(1e-12);
        expect(rel(h.hedgeQuantityHigh!, Math.max(...band))).toBeLessThan(1e-12);
      });
    },
  );

  test('--lags 1: the standard error of the Dimson sum, √(1′V1) over the hedge’s two slopes', async () => {
    const c = HAC_CASES[3]!; // n = 250: 249 returns with a lag
    const x = c.xs[0]!;
    const r = await report(
      pricesCsv({ Y: c.y, H1: x }),
      'symbol,quantity,hedges\nY,1000,H1\n',
      '--lags',
      '1',
    );
    const n = c.y.length - 1;
    const y = Float64Array.from({ length: n }, (_, t) => c.y[t + 1]!);
    const lag0 = Float64Array.from({ length: n }, (_, t) => x[t + 1]!);
    const lag1 = Float64Array.from({ length: n }, (_, t) => x[t]!);
    const v = olsFit(y, [lag0, lag1], true).hac(neweyWestMaxlags(n));
    const want = Math.sqrt(v[0]![0]! + v[0]![1]! + v[1]![0]! + v[1]![1]!);
    const h = r.positions[0]!.hedges[0]!;
    expect(rel(h.hacStdError, want)).toBeLessThan(1e-8);
    const t = 1.9696541761789217; // qt(0.975, 246) (R 4.2.2)
    const perRatio = h.hedgeQuantity / h.hedgeRatio;
    const band = [-1, 1].map((s) => (h.hedgeRatio + s * t * h.hacStdError) * perRatio);
    expect(rel(h.hedgeQuantityLow!, Math.min(...band))).toBeLessThan(1e-12);
  });

  test('EWMA: the OLS betas’ HAC standard error, no band (its ratio is not the OLS slope)', async () => {
    const c = HAC_CASES[0]!;
    const r = await report(
      pricesCsv({ Y: c.y, H1: c.xs[0]! }),
      'symbol,quantity,hedges\nY,1000,H1\n',
      '--estimator',
      'ewma',
    );
    const h = r.positions[0]!.hedges[0]!;
    expect(rel(h.hacStdError, c.hacStdErrors[0]!)).toBeLessThan(1e-8);
    expect([h.hedgeQuantityLow, h.hedgeQuantityHigh]).toEqual([null, null]);
  });
});

describe('stability.break through the CLI', () => {
  const n = 730;
  const at = 600; // the last 130 returns: the collapse from 0.87 to 0
  const { x, y } = simulatePair({ n, seed: 15, rho: 0.87, breakAt: at, after: { rho: 0 } });
  const prices = pricesCsv({ ZED: y, BTC: x });

  test('the dated test on the position’s returns, its date the first return of the new regime', async () => {
    const r = await report(prices, 'symbol,quantity,hedges\nZED,1000,BTC\n');
    const p = r.positions[0]!;
    const b = p.stability.break!;
    const want = unknownDateBreak(y, x, true)!;
    expect(Math.abs(want.index - at)).toBeLessThanOrEqual(0.05 * n);
    // return t runs from the price of day t to that of day t + 1
    expect(b.date).toBe(day(want.index + 1));
    expect(Object.keys(b)).toEqual([
      'date',
      'statistic',
      'pValue',
      'betaBefore',
      'betaAfter',
      'correlationBefore',
      'correlationAfter',
    ]);
    // the prices' round trip costs a few ulps of each return
    for (const k of ['statistic', 'betaBefore', 'betaAfter', 'correlationBefore'] as const) {
      expect(rel(b[k] as number, want[k])).toBeLessThan(1e-8);
    }
    expect(Math.abs((b.correlationAfter as number) - want.correlationAfter)).toBeLessThan(1e-9);
    expect(b.pValue as number).toBeLessThan(0.005);
    // the ratio since the break: OLS on the returns from its date on
    const since = olsFit(y.subarray(want.index), [x.subarray(want.index)], true).coefficients[1]!;
    const h = p.hedges[0]!;
    expect(Math.abs(h.hedgeRatioSinceBreak! - since)).toBeLessThan(1e-9);
    expect(rel(h.hedgeQuantitySinceBreak!, (h.hedgeQuantity * since) / h.hedgeRatio)).toBeLessThan(
      1e-12,
    );
    // the warning says when
    const w = p.warnings.find((v) => v.code === 'CORRELATION_BREAK')!;
    const ago = n - 1 - want.index;
    expect(w.message).toContain(`on ${day(want.index + 1)} (${ago} days ago; robust sup-Wald = `);
  });

  test('null when not significant at --break-p-value (and on a stable pair)', async () => {
    const r = await report(
      prices,
      'symbol,quantity,hedges\nZED,1000,BTC\n',
      '--break-p-value',
      '1e-300',
    );
    expect(r.positions[0]!.stability.break).toBeNull();
    expect(r.positions[0]!.hedges[0]!.hedgeRatioSinceBreak).toBeNull();
    const stable = simulatePair({ n, seed: 16, rho: 0.8 });
    const s = await report(
      pricesCsv({ ZED: stable.y, BTC: stable.x }),
      'symbol,quantity,hedges\nZED,1000,BTC\n',
    );
    expect(unknownDateBreak(stable.y, stable.x, true)!.pValue).toBeGreaterThan(0.005);
    expect(s.positions[0]!.stability.break).toBeNull();
  });
});
