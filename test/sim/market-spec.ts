/** A small market for the simulator's tests: two factors, a listing, missing days, a break. */
import type { MarketSpec } from '../../tools/sim/market';

export const MARKET_SPEC: MarketSpec = {
  n: 400,
  seed: 41,
  startTime: Date.UTC(2024, 0, 1),
  factors: [
    { symbol: 'BTC', vol: 0.035, start: 43125.17 },
    { symbol: 'ETH', vol: 0.045, start: 2250.5 },
  ],
  factorCorrelation: [
    [1, 0.8],
    [0.8, 1],
  ],
  jumps: { probability: 0.005, scale: 3 },
  assets: [
    { symbol: 'SOL', vol: 0.06, start: 98.2, corr: 0.75, driver: { BTC: 0.5, ETH: 0.5 } },
    { symbol: 'NEW', vol: 0.08, start: 0.5, corr: 0.6, listedAt: 100, missing: [200, 201] },
    { symbol: 'ZED', vol: 0.07, start: 0.082341, corr: 0.8, breakAt: 360, after: { corr: 0.1 } },
  ],
};

// A closure alias: global lookups of Math.x are slow in hot loops under jest's vm context.
const { log } = Math;

/** Log returns of a price series with no gaps. */
export function logReturns(p: Float64Array): number[] {
  const r: number[] = [];
  for (let i = 1; i < p.length; i++) r.push(log((p[i] as number) / (p[i - 1] as number)));
  return r;
}
