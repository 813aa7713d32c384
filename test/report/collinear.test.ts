/**
 * COLLINEAR_HEDGES: two hedges whose returns are correlated beyond --max-hedge-correlation, and
 * a variance-inflation factor beyond --max-vif. The correlation in the message is checked against
 * a plain two-pass Pearson correlation computed here; with an intercept the report takes it from
 * the fit's cross-products, without one from the data: both give the same text.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fmt } from '../../src/report/text';
import { runCli } from '../support/cli';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hedge-collinear-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Log returns of A, B (A plus a little noise of its own) and C, seeded. */
function makeFiles(rows: number) {
  let seed = 7;
  const u = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  };
  const price = [100, 50, 20];
  const ra: number[] = [];
  const rb: number[] = [];
  const lines = ['date,A,B,C'];
  const day0 = Date.UTC(2022, 0, 1);
  for (let i = 0; i < rows; i++) {
    if (i > 0) {
      const a = u() * 0.04;
      const b = a + u() * 0.008;
      price[0]! *= Math.exp(a);
      price[1]! *= Math.exp(b);
      price[2]! *= Math.exp(0.8 * a + u() * 0.02);
    }
    const date = new Date(day0 + i * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${date},${price.map((p) => p.toPrecision(12)).join(',')}`);
  }
  const prices = path.join(dir, 'prices.csv');
  writeFileSync(prices, lines.join('\n') + '\n');
  const positions = path.join(dir, 'positions.csv');
  writeFileSync(positions, 'symbol,quantity\nC,100\n');
  // the returns the report regresses: log returns of the prices as written
  const written = lines.slice(1).map((l) => l.split(',').slice(1).map(Number));
  for (let i = 1; i < written.length; i++) {
    ra.push(Math.log(written[i]![0]! / written[i - 1]![0]!));
    rb.push(Math.log(written[i]![1]! / written[i - 1]![1]!));
  }
  return { prices, positions, ra, rb };
}

function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

test('correlated hedges: the correlation and the VIF in the warnings, with and without intercept', async () => {
  const { prices, positions, ra, rb } = makeFiles(400);
  const r = pearson(ra, rb);
  expect(r).toBeGreaterThan(0.95);
  const messages = async (extra: string[]) => {
    const out = await runCli([
      '-p',
      positions,
      '-r',
      prices,
      '-H',
      'A,B',
      '--format',
      'json',
      ...extra,
    ]);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as {
      positions: { warnings: { code: string; message: string }[] }[];
    };
    return report.positions[0]!.warnings.filter((w) => w.code === 'COLLINEAR_HEDGES').map(
      (w) => w.message,
    );
  };
  const expected = [
    `C: hedges A and B have correlation ${fmt(r, 3)} (limit 0.95); their separate ratios are unreliable, consider hedging with one of them`,
    `C: hedge A has a variance-inflation factor of ${fmt(1 / (1 - r * r), 1)} (limit 10.0); the other hedges explain it almost entirely`,
  ];
  expect(await messages([])).toEqual(expected);
  expect(await messages(['--no-intercept'])).toEqual(expected);
  // below the limits: no warning
  expect(await messages(['--max-hedge-correlation', '0.999', '--max-vif', '1000'])).toEqual([]);
});
