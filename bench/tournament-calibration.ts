/**
 * `--estimator auto` on simulated markets (part of `npm run calibration`): how often each entrant
 * wins the tournament (src/core/estimators/tournament.ts) on stable, drifting and breaking
 * markets, and what the choice gives on the last third against OLS. n = 1,000 returns,
 * GARCH(1,1) 0.08/0.90 with Student-t(4) innovations:
 *   stable:   correlation 0.7, constant beta (tools/sim/market.ts simulatePair);
 *   drifting: beta a random walk from 1 with steps N(0, 0.03²) (tools/sim/drift.ts);
 *   breaking: correlation 0.8, beta 1.14 → 0.3 at the middle of the sample.
 * Prints figures, never fails.
 */
import { autoCandidates } from '../src/core/estimators/auto';
import { runTournament } from '../src/core/estimators/tournament';
import { simulateDriftingPair } from '../tools/sim/drift';
import { simulatePair } from '../tools/sim/market';

const N = 1000;

const MARKETS: { name: string; pair: (seed: number) => { x: Float64Array; y: Float64Array } }[] = [
  { name: 'stable', pair: (seed) => simulatePair({ n: N, seed, rho: 0.7 }) },
  { name: 'drifting', pair: (seed) => simulateDriftingPair({ n: N, seed, step: 0.03 }) },
  {
    name: 'breaking',
    pair: (seed) =>
      simulatePair({ n: N, seed, rho: 0.8, breakAt: N / 2, after: { rho: 0.8, beta: 0.3 } }),
  },
];

/** Prints the study: `markets` markets of each kind, seeds from `seed`. */
export function tournamentStudy(markets: number, seed: number): void {
  const names = autoCandidates().map((c) => c.name);
  console.log(
    `\n--estimator auto: ${markets} markets of each kind, n = ${N}; share of wins per entrant, and the winner's last-third effectiveness minus OLS's:`,
  );
  console.log(
    ['market', ...names, 'mean Δ', 'worst Δ'].map((h, i) => h.padStart(i === 0 ? 9 : 12)).join(''),
  );
  MARKETS.forEach((m, k) => {
    const wins = new Map<string, number>();
    let sum = 0;
    let worst = Infinity;
    for (let i = 0; i < markets; i++) {
      const { x, y } = m.pair(seed * 1_000_003 + 7_919 * (k + 1) + i);
      const r = runTournament(autoCandidates(), { y, xs: [x], intercept: true, params: {} });
      const w = r.entries[r.winner]!;
      wins.set(w.name, (wins.get(w.name) ?? 0) + 1);
      const d = (w.outOfSample ?? NaN) - (r.entries[0]!.outOfSample ?? NaN);
      sum += d;
      worst = Math.min(worst, d);
    }
    const share = (name: string) =>
      `${((100 * (wins.get(name) ?? 0)) / markets).toFixed(1)}%`.padStart(12);
    console.log(
      [m.name.padStart(9), ...names.map(share)]
        .concat([(sum / markets).toFixed(4).padStart(12), worst.toFixed(4).padStart(12)])
        .join(''),
    );
  });
}
