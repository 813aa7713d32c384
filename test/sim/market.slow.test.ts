/**
 * The simulator's sampling distributions under its default GARCH(1,1)-t(4) dynamics, over many
 * seeds of long series (market.test.ts has the rest).
 */
import { assetFactorCorrelation, simulateMarket, simulatePair } from '../../tools/sim/market';
import { excessKurtosis, pearson, sampleSd } from '../../scripts/fixtures-lib';
import { MARKET_SPEC as base, logReturns } from './market-spec';

const N = 20000;

describe('simulatePair', () => {
  it('the median sample correlation is rho with the default GARCH(1,1)-t(4) dynamics', () => {
    // Fat tails and volatility clustering make the sampling distribution of r much wider than the
    // Gaussian (1 − ρ²)/√n ≈ 0.0036: over 300 seeds at n = 20000, rho = 0.7, the 5/50/95%
    // quantiles were 0.630/0.699/0.774 (sd ≈ 0.045). The median of 41 seeds then has a standard
    // error ≈ 1.25·0.045/√41 ≈ 0.009; the tolerance is 4 of them.
    const r = Array.from({ length: 41 }, (_, i) => {
      const { x, y } = simulatePair({ n: N, seed: 1000 + i, rho: 0.7 });
      return pearson(x, y);
    }).sort((a, b) => a - b);
    expect(Math.abs((r[20] as number) - 0.7)).toBeLessThan(0.036);
  });
});

describe('simulateMarket', () => {
  it('keeps median correlations and vols at their population values with GARCH-t and jumps', () => {
    // As for simulatePair, single GARCH-t samples are noisy: over 200 seeds at n = 20001 the
    // 5/50/95% quantiles of corr(BTC, SOL) were 0.632/0.703/0.763 (population 0.701) and of
    // corr(BTC, ETH) 0.783/0.798/0.814 (0.8). Median of 21 seeds: standard error ≈ 1.25·0.04/√21
    // ≈ 0.011 for SOL; tolerance 4 of them.
    const corrEth: number[] = [];
    const corrSol: number[] = [];
    const vols: number[] = [];
    for (let seed = 0; seed < 21; seed++) {
      const m = simulateMarket({ ...base, n: N + 1, seed: 2000 + seed });
      const btc = logReturns(m.series.get('BTC') as Float64Array);
      corrEth.push(pearson(btc, logReturns(m.series.get('ETH') as Float64Array)));
      const sol = m.series.get('SOL') as Float64Array;
      corrSol.push(pearson(btc, logReturns(sol)));
      vols.push(sampleSd(btc));
      expect(excessKurtosis(btc)).toBeGreaterThan(1);
    }
    const median = (a: number[]): number => a.sort((p, q) => p - q)[10] as number;
    expect(Math.abs(median(corrEth) - 0.8)).toBeLessThan(0.02);
    expect(Math.abs(median(corrSol) - assetFactorCorrelation(base, 'SOL', 'BTC'))).toBeLessThan(
      0.045,
    );
    expect(Math.abs(median(vols) / 0.035 - 1)).toBeLessThan(0.05);
  });
});
