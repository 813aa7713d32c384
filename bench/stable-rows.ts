/**
 * The break warnings' rates on more stable markets of two calibration rows (ρ 0.6 and 0.9 at
 * n = 250, where BETA_BREAK's 1,000-market rates sat above main's before issue 15), with the
 * calibration's own seeds: the first N markets of each row are the calibration's.
 *
 *     node scripts/run-ts.mjs bench/stable-rows.ts [N = 5000]
 *
 * docs/diagnostics.md (Calibration) has its output on main and, with this file copied into a
 * checkout of 7806b3b^1 (main before issue 15), on the code before.
 */
import { diagnoseMarket, marketSeed } from './calibration';

const N = Number(process.argv[2] ?? 5000);
for (const [config, rho, n] of [
  [4, 0.6, 250],
  [7, 0.9, 250],
] as const) {
  let correlationBreak = 0;
  let betaBreak = 0;
  for (let i = 0; i < N; i++) {
    const o = diagnoseMarket({ n, seed: marketSeed(1, config, i), rho }, 30);
    if (o.codes.has('CORRELATION_BREAK')) correlationBreak++;
    if (o.codes.has('BETA_BREAK')) betaBreak++;
  }
  const pct = (c: number) => `${((100 * c) / N).toFixed(2)}%`;
  console.log(
    `rho ${rho} n ${n}: CORRELATION_BREAK ${pct(correlationBreak)}, BETA_BREAK ${pct(betaBreak)} (${N} markets)`,
  );
}
