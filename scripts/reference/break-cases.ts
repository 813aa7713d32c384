/**
 * Seeded cases for the comparison of the break dates with R strucchange
 * (scripts/reference/breaks_reference.R, test/core/unknown-break.test.ts): simulated GARCH-t pairs
 * (tools/sim/market.ts) with a collapse, a sign flip or a halving of beta at 50–85% of the sample,
 * stable ones, and two breaks later than 85%. Run as a script it prints them as CSV (case, t, x, y; full precision):
 *
 *     node scripts/run-ts.mjs scripts/reference/break-cases.ts > /tmp/break-cases.csv
 */
import { simulatePair, type PairSpec } from '../../tools/sim/market';

/** One case: the pair's spec and whether the regressions have an intercept. */
export interface BreakCase {
  readonly name: string;
  readonly spec: PairSpec;
  readonly intercept: boolean;
}

/** ρ after halving beta 1.143 → 0.571 with y's idiosyncratic noise unchanged (ρ 0.8 before). */
const HALVED_RHO = 0.02 / Math.sqrt(0.02 * 0.02 + 0.03 * 0.03);

export const BREAK_CASES: readonly BreakCase[] = [
  {
    name: 'collapse at 50%',
    spec: { n: 500, seed: 101, rho: 0.87, breakAt: 250, after: { rho: 0 } },
    intercept: true,
  },
  {
    name: 'collapse at 82%',
    spec: { n: 730, seed: 102, rho: 0.87, breakAt: 600, after: { rho: 0 } },
    intercept: true,
  },
  {
    name: 'sign flip at 70%',
    spec: { n: 500, seed: 103, rho: 0.8, breakAt: 350, after: { rho: -0.8 } },
    intercept: true,
  },
  {
    name: 'sign flip at 85%',
    spec: { n: 250, seed: 104, rho: 0.8, breakAt: 212, after: { rho: -0.8 } },
    intercept: true,
  },
  {
    name: 'beta halved at 60%',
    spec: {
      n: 500,
      seed: 105,
      rho: 0.8,
      breakAt: 300,
      after: { rho: HALVED_RHO, beta: 0.02 / 0.035 },
    },
    intercept: true,
  },
  {
    name: 'beta halved at 80%',
    spec: {
      n: 1000,
      seed: 106,
      rho: 0.8,
      breakAt: 800,
      after: { rho: HALVED_RHO, beta: 0.02 / 0.035 },
    },
    intercept: true,
  },
  { name: 'stable rho 0.6', spec: { n: 500, seed: 107, rho: 0.6 }, intercept: true },
  { name: 'stable rho 0.9', spec: { n: 300, seed: 108, rho: 0.9 }, intercept: true },
  {
    name: 'collapse at 65%, no intercept',
    spec: { n: 400, seed: 109, rho: 0.87, breakAt: 260, after: { rho: 0 } },
    intercept: false,
  },
  { name: 'stable, no intercept', spec: { n: 400, seed: 110, rho: 0.7 }, intercept: false },
  // beyond the 85% of the statistic's trimming: dated only by the wider search (h = 15)
  {
    name: 'reversal at 96%',
    spec: { n: 1095, seed: 111, rho: 0.8, breakAt: 1055, after: { rho: -0.2 } },
    intercept: true,
  },
  {
    name: 'collapse at 93%',
    spec: { n: 730, seed: 112, rho: 0.87, breakAt: 680, after: { rho: 0 } },
    intercept: true,
  },
];

function main(): void {
  const lines = ['case,intercept,t,x,y'];
  BREAK_CASES.forEach((c, i) => {
    const { x, y } = simulatePair(c.spec);
    const k = c.intercept ? 1 : 0;
    for (let t = 0; t < x.length; t++) lines.push(`${i},${k},${t},${x[t]!},${y[t]!}`);
  });
  process.stdout.write(lines.join('\n') + '\n');
}

if (require.main === module) main();
