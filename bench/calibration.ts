/**
 * Calibration of the stability warnings on simulated markets.
 *
 *     node scripts/run-ts.mjs bench/calibration.ts [--stable-markets 1000] [--markets 200] [--seed 1] [--tournament-markets 60]
 *
 * Stable markets (simulatePair: GARCH(1,1) 0.08/0.90 with Student-t(4) innovations, constant
 * correlation and beta) for ρ ∈ {0.3, 0.6, 0.9} × n ∈ {250, 500, 1500}, window 30: the rate of
 * each warning at the default thresholds, and the rejection rate at 1% of each raw test in its
 * robust form (what the warnings use) and its textbook form (for comparison). Then broken
 * markets and the rate at which the matching warning fires; then breaks at dates spread over
 * 50–85% of the sample (and, beyond the test's trimming, 85–97%), how often they are found and
 * how well they are dated. Last, `--estimator auto`'s tournament on stable, drifting and
 * breaking markets (./tournament-calibration.ts). Prints figures, never fails.
 */
import { chowBreak, fisherZBreak } from '../src/core/diagnostics/breaks';
import { chiSquareUpperPValue } from '../src/core/distributions';
import {
  inSampleEffectiveness,
  outOfSampleEffectiveness,
} from '../src/core/diagnostics/effectiveness';
import { trimmedSplit, unknownDateBreak } from '../src/core/diagnostics/unknown-break';
import { olsEstimator } from '../src/core/estimators/ols';
import { olsFit } from '../src/core/regression/ols';
import { rollingCorrelation } from '../src/core/diagnostics/rolling';
import { correlationDispersionTest } from '../src/core/diagnostics/stability';
import { breakTestLevels, stabilityWarnings } from '../src/report/stability-warnings';
import type { WarningCode } from '../src/report/types';
import { DEFAULT_THRESHOLDS } from '../src/settings';
import { simulatePair, type PairSpec } from '../tools/sim/market';
import { tournamentStudy } from './tournament-calibration';

export const STABILITY_CODES = [
  'CORRELATION_UNSTABLE',
  'CORRELATION_BREAK',
  'BETA_BREAK',
  'HEDGE_INEFFECTIVE',
  'HEDGE_INCREASES_RISK',
] as const satisfies readonly WarningCode[];

/** What one simulated market produced. */
export interface MarketOutcome {
  codes: Set<WarningCode>;
  /** p-values of the raw tests (NaN when a test does not apply). */
  p: {
    fisher: number;
    fisherClassic: number;
    chow: number;
    chowClassic: number;
    /** The sup-Wald test of a break at an unknown date. */
    dated: number;
    dispersion: number;
    /** Cochran's Q of window correlations with the textbook variance 1/(w − 3). */
    dispersionClassic: number;
  };
  /** The dated break's first row of the new regime (−1 when the test does not apply). */
  datedIndex: number;
  /** The least-squares split within the statistic's 15% trimming (strucchange h = 0.15). */
  trimmedIndex: number;
  zClassic: number;
  outOfSample: number | null;
}

/** Textbook homogeneity test of non-overlapping window correlations: Σ(z_i − z̄)²·(w − 3). */
function classicDispersionP(y: Float64Array, x: Float64Array, w: number): number {
  const m = Math.floor(y.length / w);
  const first = y.length - m * w;
  const z: number[] = [];
  for (let i = 0; i < m; i++) {
    const a = first + i * w;
    const r = rollingCorrelation(y.subarray(a, a + w), x.subarray(a, a + w), w)[0]!;
    if (Number.isFinite(Math.atanh(r))) z.push(Math.atanh(r));
  }
  if (z.length < 2) return NaN;
  const mean = z.reduce((s, v) => s + v, 0) / z.length;
  const q = z.reduce((s, v) => s + (v - mean) ** 2, 0) * (w - 3);
  return chiSquareUpperPValue(q, z.length - 1);
}

/** Runs the report's stability diagnostics and warnings on one simulated single-hedge market. */
export function diagnoseMarket(spec: PairSpec, window = 30): MarketOutcome {
  const { x, y } = simulatePair(spec);
  const fit = olsFit(y, [x], true);
  const ratio = fit.coefficients[1]!;
  const fisher = fisherZBreak(y, x, window);
  const chow = chowBreak(y, [x], window, true);
  const dated = unknownDateBreak(y, x, true);
  const dispersion = correlationDispersionTest(y, x, window);
  const outOfSample = outOfSampleEffectiveness(
    y,
    olsEstimator.walkForward({ y, xs: [x], intercept: true, params: {} }),
  );
  const warnings = stabilityWarnings(
    {
      name: 'Y',
      hedges: ['X'],
      window,
      n: y.length,
      fisher,
      chow,
      dated,
      times: { recentStart: null, breakAt: null, breakFrom: null, end: null },
      legs: [],
      dispersion,
      rolling: { window, min: null, max: null, mean: null, stdDev: null, last: null },
      inSample: inSampleEffectiveness(y, [x], [ratio]),
      outOfSample,
    },
    DEFAULT_THRESHOLDS,
  );
  return {
    codes: new Set(warnings.map((w) => w.code)),
    p: {
      fisher: fisher?.pValue ?? NaN,
      fisherClassic: fisher?.pValueClassic ?? NaN,
      chow: chow?.pValue ?? NaN,
      chowClassic: chow?.pValueClassic ?? NaN,
      dated: dated?.pValue ?? NaN,
      dispersion: dispersion?.pValue ?? NaN,
      dispersionClassic: classicDispersionP(y, x, window),
    },
    datedIndex: dated?.index ?? -1,
    trimmedIndex: dated === null ? -1 : trimmedSplit(y, x, true),
    zClassic: fisher?.zClassic ?? NaN,
    outOfSample,
  };
}

/** Seed of market i of a configuration: distinct across configurations and runs. */
export function marketSeed(base: number, config: number, i: number): number {
  return base * 1_000_003 + config * 10_007 + i;
}

/** ρ after beta halves from 1.143 to 0.571 with y's own noise unchanged (ρ 0.8 before). */
export const HALVED_RHO = 0.02 / Math.sqrt(0.02 * 0.02 + 0.03 * 0.03);

/** The breaks at an unknown date the issue asks to find and date: (n, break row) → spec. */
export const DATED_SCENARIOS: readonly {
  name: string;
  spec: (n: number, at: number, seed: number) => PairSpec;
  expect: WarningCode;
}[] = [
  {
    name: 'correlation collapse 0.87 → 0',
    spec: (n, at, seed) => ({ n, seed, rho: 0.87, breakAt: at, after: { rho: 0 } }),
    expect: 'CORRELATION_BREAK',
  },
  {
    name: 'sign flip 0.8 → −0.8',
    spec: (n, at, seed) => ({ n, seed, rho: 0.8, breakAt: at, after: { rho: -0.8 } }),
    expect: 'CORRELATION_BREAK',
  },
  {
    name: 'beta halved 1.14 → 0.57',
    spec: (n, at, seed) => ({
      n,
      seed,
      rho: 0.8,
      breakAt: at,
      after: { rho: HALVED_RHO, beta: 0.02 / 0.035 },
    }),
    expect: 'BETA_BREAK',
  },
];

/** Break row of market i of `count`: evenly spread over [from, to] of n (50–85%). */
export function datedBreakAt(n: number, i: number, count: number, from = 0.5, to = 0.85): number {
  return Math.round(n * (from + (to - from) * ((i + 0.5) / count)));
}

const pctText = (count: number, total: number): string =>
  `${((100 * count) / total).toFixed(1)}%`.padStart(6);

const RAW = [
  'fisher',
  'fisherClassic',
  'chow',
  'chowClassic',
  'dated',
  'dispersion',
  'dispersionClassic',
] as const;

/** The stable markets' table. */
function stableTable(markets: number, base: number, window: number): void {
  console.log(
    `Stable markets: ${markets} per row, GARCH(1,1) 0.08/0.90, Student-t(4), window ${window}, default thresholds (--break-p-value 0.01: Chow test p < 0.005, dated and Fisher tests p < 0.0025; dispersion p < 0.01; effectiveness < 0.2).`,
  );
  console.log('Warning rates (share of markets raising each code):');
  const head = ['rho', 'n', 'UNSTABLE', 'CORR_BRK', 'BETA_BRK', 'INEFFECT', 'INC_RISK', 'any test'];
  console.log(head.map((h) => h.padStart(9)).join(''));
  const raw: string[] = [];
  let config = 0;
  for (const rho of [0.3, 0.6, 0.9]) {
    for (const n of [250, 500, 1500]) {
      config++;
      const counts = new Map<string, number>();
      const rej = Object.fromEntries(RAW.map((k) => [k, 0])) as Record<
        (typeof RAW)[number],
        number
      >;
      let anyTest = 0;
      for (let i = 0; i < markets; i++) {
        const o = diagnoseMarket({ n, seed: marketSeed(base, config, i), rho }, window);
        for (const c of o.codes) counts.set(c, (counts.get(c) ?? 0) + 1);
        const tests: WarningCode[] = ['CORRELATION_UNSTABLE', 'CORRELATION_BREAK', 'BETA_BREAK'];
        if (tests.some((c) => o.codes.has(c))) anyTest++;
        for (const k of RAW) if (o.p[k] < 0.01) rej[k]++;
      }
      console.log(
        [rho.toFixed(1).padStart(9), String(n).padStart(9)]
          .concat(STABILITY_CODES.map((c) => pctText(counts.get(c) ?? 0, markets).padStart(9)))
          .concat(pctText(anyTest, markets).padStart(9))
          .join(''),
      );
      raw.push(
        [rho.toFixed(1).padStart(5), String(n).padStart(6)]
          .concat(RAW.map((k) => pctText(rej[k], markets).padStart(11)))
          .join(''),
      );
    }
  }
  console.log(
    '  (HEDGE_INEFFECTIVE is expected at rho = 0.3: the true effectiveness rho² = 0.09 is below 0.2.)',
  );
  console.log(
    '\nRaw tests, rejection rate at the 1% level (robust = used by the warnings; textbook for comparison):',
  );
  const rawHead = ['rho', 'n', 'Fisher rob', 'Fisher txt', 'Chow rob', 'Chow txt', 'sup-Wald'];
  console.log(
    rawHead
      .concat(['Disp rob', 'Disp txt'])
      .map((h, i) => h.padStart(i < 2 ? (i === 0 ? 5 : 6) : 11))
      .join(''),
  );
  raw.forEach((l) => console.log(l));
  console.log(
    '  sup-Wald: the dated break test; Disp rob: dispersion of window betas (CORRELATION_UNSTABLE); Disp txt: Cochran Q of window correlations with 1/(w−3).',
  );
}

/** The broken markets of the last window and mid-sample. */
function brokenTable(markets: number, base: number, window: number): void {
  // Size-adjusted reference: the textbook Fisher z's own 99th percentile on stable rho = 0.8 markets.
  const stableRho08: number[] = [];
  for (let i = 0; i < markets; i++) {
    const o = diagnoseMarket({ n: 500, seed: marketSeed(base, 100, i), rho: 0.8 }, window);
    stableRho08.push(Math.abs(o.zClassic));
  }
  stableRho08.sort((a, b) => a - b);
  const oracle = stableRho08[Math.floor(0.99 * stableRho08.length)]!;
  const collapse30 = 'correlation collapse 0.8 → 0.1 over the last 30';
  const broken: { name: string; spec: (seed: number) => PairSpec; expect: WarningCode[] }[] = [
    {
      name: collapse30,
      spec: (seed) => ({ n: 500, seed, rho: 0.8, breakAt: 470, after: { rho: 0.1 } }),
      expect: ['CORRELATION_BREAK', 'BETA_BREAK'],
    },
    {
      name: 'beta sign flip +1.14 → −1.14 over the last 30',
      spec: (seed) => ({ n: 500, seed, rho: 0.8, breakAt: 470, after: { rho: -0.8 } }),
      expect: ['BETA_BREAK', 'CORRELATION_BREAK'],
    },
    {
      name: 'weakly related asset, rho = 0.2',
      spec: (seed) => ({ n: 500, seed, rho: 0.2 }),
      expect: ['HEDGE_INEFFECTIVE', 'HEDGE_INCREASES_RISK'],
    },
    {
      name: 'regime change mid-sample, beta 1.14 → 0.3 (rho 0.8)',
      spec: (seed) => ({ n: 500, seed, rho: 0.8, breakAt: 250, after: { rho: 0.8, beta: 0.3 } }),
      expect: ['CORRELATION_UNSTABLE', 'BETA_BREAK'],
    },
    {
      name: 'correlation collapse 0.8 → 0.1, Gaussian iid returns',
      spec: (seed) => ({
        n: 500,
        seed,
        rho: 0.8,
        garch: null,
        df: null,
        breakAt: 470,
        after: { rho: 0.1 },
      }),
      expect: ['CORRELATION_BREAK', 'BETA_BREAK'],
    },
  ];
  console.log(
    `\nBroken markets: ${markets} each, n = 500; detection rate of each expected warning:`,
  );
  broken.forEach((b, k) => {
    const counts = new Map<string, number>();
    let anyExpected = 0;
    let oracleHits = 0;
    for (let i = 0; i < markets; i++) {
      const o = diagnoseMarket(b.spec(marketSeed(base, 101 + k, i)), window);
      for (const c of o.codes) counts.set(c, (counts.get(c) ?? 0) + 1);
      if (b.expect.some((c) => o.codes.has(c))) anyExpected++;
      if (Math.abs(o.zClassic) > oracle) oracleHits++;
    }
    const parts = b.expect.map((c) => `${c} ${pctText(counts.get(c) ?? 0, markets).trim()}`);
    console.log(`  ${b.name}: ${parts.join(', ')}; either ${pctText(anyExpected, markets).trim()}`);
    if (b.name === collapse30) {
      console.log(
        `    (textbook Fisher z with a size-corrected critical value |z| > ${oracle.toFixed(2)}, the 99th percentile on stable GARCH-t markets: ${pctText(oracleHits, markets).trim()})`,
      );
    }
  });
}

/**
 * Breaks at a date spread over [from, to] of the sample: found, and dated within 5% of n by the
 * reported date (least squares over splits leaving 15 returns a side) and by the least-squares
 * split within the statistic's trimming (strucchange h = 0.15), for comparison.
 */
function datedTable(markets: number, base: number, window: number, from = 0.5, to = 0.85): void {
  const span = `${Math.round(100 * from)}–${Math.round(100 * to)}%`;
  console.log(
    `\nBreaks at an unknown date, spread evenly over ${span} of the sample, ${markets} markets per row:`,
  );
  const head = [
    'scenario',
    'n',
    'warning',
    'rate',
    'sup-Wald',
    'dated ±5%',
    'h=0.15',
    'median',
    '95%',
  ];
  const widths = [30, 6, 19, 8, 10, 11, 8, 8, 8];
  const row = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('');
  console.log(row(head));
  DATED_SCENARIOS.forEach((sc, k) => {
    for (const n of [500, 730, 1500]) {
      let warned = 0;
      let found = 0;
      let dated = 0;
      let trimmed = 0;
      const errors: number[] = [];
      for (let i = 0; i < markets; i++) {
        const at = datedBreakAt(n, i, markets, from, to);
        const config = 200 + 10 * k + n + (from === 0.5 ? 0 : 5000);
        const o = diagnoseMarket(sc.spec(n, at, marketSeed(base, config, i)), window);
        if (o.codes.has(sc.expect)) warned++;
        if (o.p.dated < breakTestLevels(DEFAULT_THRESHOLDS).dated) found++;
        const err = o.datedIndex < 0 ? Infinity : Math.abs(o.datedIndex - at) / n;
        errors.push(err);
        if (err <= 0.05) dated++;
        if (o.trimmedIndex >= 0 && Math.abs(o.trimmedIndex - at) <= 0.05 * n) trimmed++;
      }
      errors.sort((a, b) => a - b);
      const q = (p: number) => `${(100 * errors[Math.floor(p * (markets - 1))]!).toFixed(1)}%`;
      const rates = [warned, found, dated, trimmed].map((c) => pctText(c, markets).trim());
      console.log(row([sc.name, String(n), sc.expect, ...rates, q(0.5), q(0.95)]));
    }
  });
  console.log(
    `  rate: the expected warning; sup-Wald: the dated test significant (p < ${breakTestLevels(DEFAULT_THRESHOLDS).dated}); dated ±5%: |date − true| ≤ 5% of n; h=0.15: the same for the split within the statistic's trimming; median, 95%: |date − true| in % of n.`,
  );
}

function main(): void {
  const args = process.argv.slice(2);
  const arg = (name: string, dflt: number): number => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const stable = arg('--stable-markets', 1000);
  const markets = arg('--markets', 200);
  const base = arg('--seed', 1);
  const window = 30;
  const started = Date.now();
  stableTable(stable, base, window);
  brokenTable(markets, base, window);
  datedTable(markets, base, window);
  datedTable(markets, base, window, 0.85, 0.97);
  tournamentStudy(arg('--tournament-markets', 60), base);
  console.log(`\n${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// Run as the entry point only: run-ts bundles a script that imports this file with it, and in
// that bundle `require.main === module` holds too (bench/stable-rows.ts).
if (require.main === module && /calibration/.test(process.argv[1] ?? '')) main();
