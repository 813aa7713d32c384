/**
 * Calibration of the stability warnings on simulated markets.
 *
 *     node scripts/run-ts.mjs bench/calibration.ts [--markets 200] [--seed 1] [--tournament-markets 60]
 *
 * Stable markets (simulatePair: GARCH(1,1) 0.08/0.90 with Student-t(4) innovations, constant
 * correlation and beta) for ρ ∈ {0.3, 0.6, 0.9} × n ∈ {250, 500, 1500}, window 30: the rate of
 * each warning at the default thresholds, and the rejection rate at 1% of each raw test in its
 * robust form (what the warnings use) and its textbook form (for comparison). Then broken
 * markets and the rate at which the matching warning fires. Last, `--estimator auto`'s tournament
 * on stable, drifting and breaking markets (./tournament-calibration.ts). Prints figures, never
 * fails.
 */
import { chowBreak, fisherZBreak } from '../src/core/diagnostics/breaks';
import { chiSquareUpperPValue } from '../src/core/distributions';
import {
  inSampleEffectiveness,
  outOfSampleEffectiveness,
} from '../src/core/diagnostics/effectiveness';
import { olsEstimator } from '../src/core/estimators/ols';
import { olsFit } from '../src/core/regression/ols';
import { rollingCorrelation } from '../src/core/diagnostics/rolling';
import { correlationDispersionTest } from '../src/core/diagnostics/stability';
import { stabilityWarnings } from '../src/report/stability-warnings';
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
    dispersion: number;
    /** Cochran's Q of window correlations with the textbook variance 1/(w − 3). */
    dispersionClassic: number;
  };
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
      dispersion: dispersion?.pValue ?? NaN,
      dispersionClassic: classicDispersionP(y, x, window),
    },
    zClassic: fisher?.zClassic ?? NaN,
    outOfSample,
  };
}

/** Seed of market i of a configuration: distinct across configurations and runs. */
export function marketSeed(base: number, config: number, i: number): number {
  return base * 1_000_003 + config * 10_007 + i;
}

function pctText(count: number, total: number): string {
  return `${((100 * count) / total).toFixed(1)}%`.padStart(6);
}

function main(): void {
  const args = process.argv.slice(2);
  const arg = (name: string, dflt: number): number => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const markets = arg('--markets', 200);
  const base = arg('--seed', 1);
  const window = 30;
  const started = Date.now();
  console.log(
    `Stable markets: ${markets} per row, GARCH(1,1) 0.08/0.90, Student-t(4), window ${window}, default thresholds (p < 0.01, effectiveness < 0.2).`,
  );
  console.log('Warning rates (share of markets raising each code):');
  const head = ['rho', 'n', 'UNSTABLE', 'CORR_BRK', 'BETA_BRK', 'INEFFECT', 'INC_RISK', 'any test'];
  console.log(head.map((h) => h.padStart(9)).join(''));
  const raw: string[] = [];
  let config = 0;
  const stableRho08: number[] = [];
  for (const rho of [0.3, 0.6, 0.9]) {
    for (const n of [250, 500, 1500]) {
      config++;
      const counts = new Map<string, number>();
      const rej = {
        fisher: 0,
        fisherClassic: 0,
        chow: 0,
        chowClassic: 0,
        dispersion: 0,
        dispersionClassic: 0,
      };
      let anyTest = 0;
      for (let i = 0; i < markets; i++) {
        const o = diagnoseMarket({ n, seed: marketSeed(base, config, i), rho }, window);
        for (const c of o.codes) counts.set(c, (counts.get(c) ?? 0) + 1);
        if (
          ['CORRELATION_UNSTABLE', 'CORRELATION_BREAK', 'BETA_BREAK'].some((c) =>
            o.codes.has(c as WarningCode),
          )
        )
          anyTest++;
        for (const k of Object.keys(rej) as (keyof typeof rej)[]) if (o.p[k] < 0.01) rej[k]++;
      }
      console.log(
        [rho.toFixed(1).padStart(9), String(n).padStart(9)]
          .concat(STABILITY_CODES.map((c) => pctText(counts.get(c) ?? 0, markets).padStart(9)))
          .concat(pctText(anyTest, markets).padStart(9))
          .join(''),
      );
      raw.push(
        [rho.toFixed(1).padStart(5), String(n).padStart(6)]
          .concat(
            (
              [
                'fisher',
                'fisherClassic',
                'chow',
                'chowClassic',
                'dispersion',
                'dispersionClassic',
              ] as const
            ).map((k) => pctText(rej[k], markets).padStart(11)),
          )
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
  console.log(
    ['rho', 'n', 'Fisher rob', 'Fisher txt', 'Chow rob', 'Chow txt', 'Disp rob', 'Disp txt']
      .map((h, i) => h.padStart(i < 2 ? (i === 0 ? 5 : 6) : 11))
      .join(''),
  );
  raw.forEach((l) => console.log(l));
  console.log(
    '  Disp rob: dispersion of window betas (CORRELATION_UNSTABLE); Disp txt: Cochran Q of window correlations with 1/(w−3).',
  );

  // Size-adjusted reference: the textbook Fisher z's own 99th percentile on stable rho = 0.8 markets.
  config = 100;
  for (let i = 0; i < markets; i++) {
    stableRho08.push(
      Math.abs(
        diagnoseMarket({ n: 500, seed: marketSeed(base, config, i), rho: 0.8 }, window).zClassic,
      ),
    );
  }
  stableRho08.sort((a, b) => a - b);
  const oracle = stableRho08[Math.floor(0.99 * stableRho08.length)]!;

  const broken: { name: string; spec: (seed: number) => PairSpec; expect: WarningCode[] }[] = [
    {
      name: 'correlation collapse 0.8 → 0.1 over the last 30',
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
  for (const b of broken) {
    config++;
    const counts = new Map<string, number>();
    let anyExpected = 0;
    let oracleHits = 0;
    for (let i = 0; i < markets; i++) {
      const o = diagnoseMarket(b.spec(marketSeed(base, config, i)), window);
      for (const c of o.codes) counts.set(c, (counts.get(c) ?? 0) + 1);
      if (b.expect.some((c) => o.codes.has(c))) anyExpected++;
      if (Math.abs(o.zClassic) > oracle) oracleHits++;
    }
    const parts = b.expect.map((c) => `${c} ${pctText(counts.get(c) ?? 0, markets).trim()}`);
    console.log(`  ${b.name}: ${parts.join(', ')}; either ${pctText(anyExpected, markets).trim()}`);
    if (b.name === 'correlation collapse 0.8 → 0.1 over the last 30') {
      console.log(
        `    (textbook Fisher z with a size-corrected critical value |z| > ${oracle.toFixed(2)}, the 99th percentile on stable GARCH-t markets: ${pctText(oracleHits, markets).trim()})`,
      );
    }
  }
  tournamentStudy(arg('--tournament-markets', 60), base);
  console.log(`\n${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (require.main === module) main();
