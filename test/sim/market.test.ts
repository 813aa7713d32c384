import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import {
  assetFactorCorrelation,
  createRng,
  formatPrice,
  pricesFromLogReturns,
  renderWidePricesCsv,
  simulateMarket,
  simulatePair,
  type MarketSpec,
} from '../../tools/sim/market';
import {
  autocorrelation,
  excessKurtosis,
  mean,
  pearson,
  sampleSd,
} from '../../scripts/fixtures-lib';
import { MARKET_SPEC as base, logReturns } from './market-spec';

const N = 20000;
// Closure aliases: global lookups of Math.x are slow in hot loops under jest's vm context.
const { abs, max } = Math;

/** Kolmogorov–Smirnov distance between a sample and a continuous CDF. */
function ksDistance(sample: number[], cdf: (x: number) => number): number {
  const s = [...sample].sort((a, b) => a - b);
  let d = 0;
  s.forEach((x, i) => {
    const f = cdf(x);
    d = max(d, abs((i + 1) / s.length - f), abs(f - i / s.length));
  });
  return d;
}
/** KS critical value at α = 0.001 (asymptotic: √(−ln(α/2)/2)/√n = 1.949/√n). */
const ksCritical = (n: number): number => 1.949 / Math.sqrt(n);

function draws(n: number, f: () => number): number[] {
  return Array.from({ length: n }, f);
}

/** Fisher z distance between a sample correlation and rho, in standard errors (Gaussian theory). */
function fisherSe(r: number, rho: number, n: number): number {
  return Math.abs(Math.atanh(r) - Math.atanh(rho)) * Math.sqrt(n - 3);
}

describe('reference CDFs used below', () => {
  it('t CDF matches R', () => {
    // Rscript -e 'options(digits=17); print(pt(c(-3,-1,0.5,2.5),4))'
    const expected = [
      0.019970984035859413, 0.186950483150029489, 0.678335018409068402, 0.966616727594005964,
    ];
    [-3, -1, 0.5, 2.5].forEach((x, i) => expect(tCdf(x, 4)).toBeCloseTo(expected[i] as number, 12));
  });
});

describe('createRng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const sa = draws(100, () => a.uniform());
    expect(draws(100, () => b.uniform())).toEqual(sa);
    expect(draws(100, () => c.uniform())).not.toEqual(sa);
  });

  it('accepts seeds beyond 32 bits and distinguishes them from their low word', () => {
    const big = 2 ** 40 + 5;
    expect(createRng(big).uniform()).not.toBe(createRng(5).uniform());
    expect(createRng(big).uniform()).toBe(createRng(big).uniform());
  });

  it('rejects a seed that is not a safe integer', () => {
    expect(() => createRng(1.5)).toThrow(RangeError);
    expect(() => createRng(NaN)).toThrow(RangeError);
  });

  it('uniform() lies in (0, 1) and passes a KS test', () => {
    const rng = createRng(1);
    const u = draws(N, () => rng.uniform());
    expect(Math.min(...u)).toBeGreaterThan(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(ksDistance(u, (x) => x)).toBeLessThan(ksCritical(N));
  });

  it('normal() passes a KS test against N(0, 1)', () => {
    const rng = createRng(2);
    const z = draws(N, () => rng.normal());
    expect(ksDistance(z, (x) => normalCdf(x, 0, 1))).toBeLessThan(ksCritical(N));
  });

  it.each([3, 4, 5, 7.5])('studentT(%p)·√(ν/(ν−2)) passes a KS test against t(ν)', (df) => {
    const rng = createRng(3);
    const scale = Math.sqrt(df / (df - 2));
    const t = draws(N, () => rng.studentT(df) * scale);
    expect(ksDistance(t, (x) => tCdf(x, df))).toBeLessThan(ksCritical(N));
  });

  it('studentT has unit variance (df = 8: finite fourth moment, so the check is sharp)', () => {
    const rng = createRng(4);
    const t = draws(N, () => rng.studentT(8));
    // Var of the sample variance ≈ (κ − 1)/n with kurtosis κ = 3 + 6/(ν − 4) = 4.5: sd ≈ 0.013
    expect(Math.abs(sampleSd(t) ** 2 - 1)).toBeLessThan(4 * Math.sqrt(3.5 / N));
  });

  it.each([0.5, 1, 2.5])('gamma(%p) has mean and variance equal to the shape', (shape) => {
    const rng = createRng(5);
    const g = draws(N, () => rng.gamma(shape));
    expect(Math.min(...g)).toBeGreaterThan(0);
    // sd of the sample mean: √(shape/n)
    expect(Math.abs(mean(g) - shape)).toBeLessThan(4 * Math.sqrt(shape / N));
    expect(sampleSd(g) ** 2 / shape).toBeCloseTo(1, 1);
  });

  it('rejects df ≤ 2 and a non-positive gamma shape', () => {
    const rng = createRng(6);
    expect(() => rng.studentT(2)).toThrow(RangeError);
    expect(() => rng.gamma(0)).toThrow(RangeError);
  });
});

describe('simulatePair', () => {
  it('is deterministic: same seed → identical arrays; different seed → different', () => {
    const spec = { n: 500, seed: 11, rho: 0.6, breakAt: 470, after: { rho: 0.1 } };
    const a = simulatePair(spec);
    const b = simulatePair({ ...spec });
    expect(b.x).toEqual(a.x);
    expect(b.y).toEqual(a.y);
    const c = simulatePair({ ...spec, seed: 12 });
    expect(c.x).not.toEqual(a.x);
    expect(c.y).not.toEqual(a.y);
  });

  it('a longer series with the same seed extends a shorter one', () => {
    const short = simulatePair({ n: 100, seed: 3, rho: 0.5 });
    const long = simulatePair({ n: 300, seed: 3, rho: 0.5 });
    expect(long.x.subarray(0, 100)).toEqual(short.x);
    expect(long.y.subarray(0, 100)).toEqual(short.y);
  });

  it('does not mutate its spec', () => {
    const spec = Object.freeze({
      n: 50,
      seed: 1,
      rho: 0.5,
      garch: Object.freeze({ alpha: 0.05, beta: 0.9 }),
      after: Object.freeze({ rho: 0.2 }),
      breakAt: 40,
    });
    expect(() => simulatePair(spec)).not.toThrow();
  });

  it.each([-0.5, 0, 0.7, 0.95])(
    'sample correlation is within 4 standard errors of rho = %p (Gaussian iid, n = 20000)',
    (rho) => {
      const { x, y } = simulatePair({ n: N, seed: 21, rho, garch: null, df: null });
      // Fisher: atanh(r) ~ N(atanh(rho), 1/(n − 3)) for bivariate normal data
      expect(fisherSe(pearson(x, y), rho, N)).toBeLessThan(4);
      expect(Math.abs(sampleSd(x) / 0.035 - 1)).toBeLessThan(4 / Math.sqrt(2 * N));
      expect(Math.abs(sampleSd(y) / 0.05 - 1)).toBeLessThan(4 / Math.sqrt(2 * N));
    },
  );

  it('an explicit beta is the regression slope and keeps corr = rho', () => {
    const { x, y } = simulatePair({ n: N, seed: 23, rho: 0.6, beta: 1.8, garch: null, df: null });
    const r = pearson(x, y);
    const slope = (r * sampleSd(y)) / sampleSd(x);
    expect(fisherSe(r, 0.6, N)).toBeLessThan(4);
    // se(slope) = sd(resid)/(sd(x)√n) = (1.8·√(1 − ρ²)/ρ)/√n ≈ 0.017
    expect(Math.abs(slope - 1.8)).toBeLessThan(4 * ((1.8 * 0.8) / 0.6 / Math.sqrt(N)));
  });

  it('has fat tails with df = 4: excess kurtosis > 1; Gaussian iid stays near 0', () => {
    const t = simulatePair({ n: N, seed: 24, rho: 0.5, garch: null, df: 4 });
    expect(excessKurtosis(t.x)).toBeGreaterThan(1);
    expect(excessKurtosis(t.y)).toBeGreaterThan(1);
    const g = simulatePair({ n: N, seed: 24, rho: 0.5, garch: null, df: null });
    // se of the sample excess kurtosis of normal data: √(24/n)
    expect(Math.abs(excessKurtosis(g.x))).toBeLessThan(4 * Math.sqrt(24 / N));
  });

  it('clusters volatility with GARCH: squared returns are positively autocorrelated', () => {
    // Population ACF(1) of e² for GARCH(1,1) (He & Teräsvirta 1999):
    // α(1 − αβ − β²)/(1 − 2αβ − β²) = 0.08·0.118/0.046 ≈ 0.205 for α = 0.08, β = 0.9
    const g = simulatePair({ n: N, seed: 25, rho: 0.5, df: null });
    const acfX = autocorrelation(
      Array.from(g.x, (v) => v * v),
      1,
    );
    expect(acfX).toBeGreaterThan(0.1);
    expect(acfX).toBeLessThan(0.35);
    const withT = simulatePair({ n: N, seed: 25, rho: 0.5 });
    expect(
      autocorrelation(
        Array.from(withT.x, (v) => v * v),
        1,
      ),
    ).toBeGreaterThan(0.05);
    const iid = simulatePair({ n: N, seed: 25, rho: 0.5, garch: null, df: null });
    expect(
      Math.abs(
        autocorrelation(
          Array.from(iid.x, (v) => v * v),
          1,
        ),
      ),
    ).toBeLessThan(4 / Math.sqrt(N));
  });

  it('keeps the unconditional vol with GARCH (unit long-run variance)', () => {
    const { x } = simulatePair({ n: N, seed: 26, rho: 0.5, df: null, volX: 0.04 });
    expect(Math.abs(sampleSd(x) / 0.04 - 1)).toBeLessThan(0.1);
  });

  it('shows the regime change: correlation before vs after breakAt', () => {
    const breakAt = N - 4000;
    const { x, y } = simulatePair({
      n: N,
      seed: 27,
      rho: 0.8,
      garch: null,
      df: null,
      breakAt,
      after: { rho: 0.1, volY: 0.08 },
    });
    const before = pearson(x.subarray(0, breakAt), y.subarray(0, breakAt));
    const after = pearson(x.subarray(breakAt), y.subarray(breakAt));
    expect(fisherSe(before, 0.8, breakAt)).toBeLessThan(4);
    expect(fisherSe(after, 0.1, N - breakAt)).toBeLessThan(4);
    expect(Math.abs(sampleSd(y.subarray(breakAt)) / 0.08 - 1)).toBeLessThan(
      4 / Math.sqrt(2 * 4000),
    );
  });

  it('the regime change is visible with the default fat-tailed dynamics too', () => {
    const { x, y } = simulatePair({
      n: 1000,
      seed: 28,
      rho: 0.8,
      breakAt: 960,
      after: { rho: 0.1 },
    });
    const before = pearson(x.subarray(0, 960), y.subarray(0, 960));
    const after = pearson(x.subarray(960), y.subarray(960));
    expect(before - after).toBeGreaterThan(0.4);
  });

  it('produces no NaN or infinity', () => {
    for (const df of [3, 4, null]) {
      const { x, y } = simulatePair({
        n: N,
        seed: 29,
        rho: -0.9,
        df,
        breakAt: 100,
        after: { rho: 0 },
      });
      expect(x.every(Number.isFinite) && y.every(Number.isFinite)).toBe(true);
    }
  });

  it('rejects invalid specs', () => {
    expect(() => simulatePair({ n: 10, seed: 1, rho: 1.5 })).toThrow(RangeError);
    expect(() => simulatePair({ n: -1, seed: 1, rho: 0.5 })).toThrow(RangeError);
    expect(() =>
      simulatePair({ n: 10, seed: 1, rho: 0.5, garch: { alpha: 0.2, beta: 0.8 } }),
    ).toThrow(RangeError);
    expect(() => simulatePair({ n: 10, seed: 1, rho: 0.5, df: 2 })).toThrow(RangeError);
    expect(() => simulatePair({ n: 10, seed: 1, rho: 0.5, breakAt: 11 })).toThrow(RangeError);
    expect(() => simulatePair({ n: 10, seed: 1, rho: 0.5, beta: -1 })).toThrow(RangeError);
    expect(() => simulatePair({ n: 10, seed: 1, rho: 0, beta: 1 })).toThrow(RangeError);
    expect(() => simulatePair({ n: 10, seed: 1, rho: 0.5, volX: 0 })).toThrow(RangeError);
  });
});

describe('pricesFromLogReturns', () => {
  it('compounds log returns from the start price', () => {
    expect(Array.from(pricesFromLogReturns([Math.log(2), Math.log(0.25)], 10))).toEqual([
      10, 20, 5,
    ]);
    expect(pricesFromLogReturns([], 3)).toEqual(new Float64Array([3]));
  });

  it('round-trips: log(p_t / p_{t−1}) recovers the returns', () => {
    const { x } = simulatePair({ n: 1000, seed: 31, rho: 0.5 });
    const back = logReturns(pricesFromLogReturns(x, 43125.17));
    back.forEach((r, i) => expect(r).toBeCloseTo(x[i] as number, 12));
  });

  it('rejects a non-positive start', () => {
    expect(() => pricesFromLogReturns([0.1], 0)).toThrow(RangeError);
  });
});

describe('simulateMarket', () => {
  it('is deterministic and differs across seeds', () => {
    const a = simulateMarket(base);
    const b = simulateMarket({ ...base });
    expect([...b.series.entries()]).toEqual([...a.series.entries()]);
    const c = simulateMarket({ ...base, seed: 42 });
    expect(c.series.get('SOL')).not.toEqual(a.series.get('SOL'));
  });

  it('returns daily times and one price column per symbol, factors first', () => {
    const m = simulateMarket(base);
    expect(m.times.length).toBe(400);
    expect(m.times[0]).toBe(Date.UTC(2024, 0, 1));
    expect((m.times[399] as number) - (m.times[398] as number)).toBe(86_400_000);
    expect([...m.series.keys()]).toEqual(['BTC', 'ETH', 'SOL', 'NEW', 'ZED']);
    expect(m.series.get('BTC')?.[0]).toBe(43125.17);
  });

  it('leaves cells before a listing and on missing days empty (NaN), and the rest finite', () => {
    const m = simulateMarket(base);
    const listed = m.series.get('NEW') as Float64Array;
    expect(listed.subarray(0, 100).every(Number.isNaN)).toBe(true);
    expect(listed[100]).toBe(0.5);
    expect(Number.isNaN(listed[200]) && Number.isNaN(listed[201])).toBe(true);
    const present = [...listed].filter((_, i) => i >= 100 && i !== 200 && i !== 201);
    expect(present.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    for (const s of ['BTC', 'ETH', 'SOL', 'ZED']) {
      expect(m.series.get(s)?.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    }
  });

  it('matches the population vols and correlations for large n (Gaussian iid, no jumps)', () => {
    const spec: MarketSpec = { ...base, n: N + 1, garch: null, df: null, jumps: null };
    const m = simulateMarket(spec);
    const btc = logReturns(m.series.get('BTC') as Float64Array);
    const eth = logReturns(m.series.get('ETH') as Float64Array);
    const sol = logReturns(m.series.get('SOL') as Float64Array);
    expect(fisherSe(pearson(btc, eth), 0.8, N)).toBeLessThan(4);
    const solRho = assetFactorCorrelation(spec, 'SOL', 'BTC');
    // driver 0.5·BTC + 0.5·ETH: cov/sd = (0.5·0.035 + 0.5·0.045·0.8)/√(0.25·0.035² + 0.25·0.045² + 0.5·0.035·0.045·0.8)
    expect(solRho).toBeCloseTo(
      (0.75 * (0.0175 + 0.018)) / Math.sqrt(0.00030625 + 0.00050625 + 0.00063),
      12,
    );
    expect(fisherSe(pearson(btc, sol), solRho, N)).toBeLessThan(4);
    expect(Math.abs(sampleSd(btc) / 0.035 - 1)).toBeLessThan(4 / Math.sqrt(2 * N));
    expect(Math.abs(sampleSd(sol) / 0.06 - 1)).toBeLessThan(4 / Math.sqrt(2 * N));
  });

  it('breaks an asset’s correlation at breakAt', () => {
    const n = 20_001;
    const breakAt = n - 1 - 4000;
    const spec: MarketSpec = {
      ...base,
      n,
      garch: null,
      df: null,
      jumps: null,
      assets: [{ symbol: 'ZED', vol: 0.07, start: 1, corr: 0.8, breakAt, after: { corr: 0.1 } }],
    };
    const m = simulateMarket(spec);
    const btc = logReturns(m.series.get('BTC') as Float64Array);
    const zed = logReturns(m.series.get('ZED') as Float64Array);
    expect(
      fisherSe(pearson(btc.slice(0, breakAt), zed.slice(0, breakAt)), 0.8, breakAt),
    ).toBeLessThan(4);
    expect(assetFactorCorrelation(spec, 'ZED', 'BTC', true)).toBeCloseTo(0.1, 12);
    expect(fisherSe(pearson(btc.slice(breakAt), zed.slice(breakAt)), 0.1, 4000)).toBeLessThan(4);
  });

  it('rejects invalid specs', () => {
    expect(() => simulateMarket({ ...base, factors: [] })).toThrow(RangeError);
    expect(() =>
      simulateMarket({
        ...base,
        factorCorrelation: [
          [1, 1.2],
          [1.2, 1],
        ],
      }),
    ).toThrow(RangeError);
    const bad = (asset: Partial<MarketSpec['assets'][number]>): MarketSpec => ({
      ...base,
      assets: [{ symbol: 'X', vol: 0.05, start: 1, corr: 0.5, ...asset }],
    });
    expect(() => simulateMarket(bad({ corr: 1.1 }))).toThrow(RangeError);
    expect(() => simulateMarket(bad({ listedAt: 400 }))).toThrow(RangeError);
    expect(() => simulateMarket(bad({ driver: { DOGE: 1 } }))).toThrow(RangeError);
    expect(() => simulateMarket(bad({ symbol: 'BTC' }))).toThrow(RangeError);
    expect(() => simulateMarket({ ...base, jumps: { probability: 0.5, scale: 3 } })).toThrow(
      RangeError,
    );
  });
});

describe('formatPrice', () => {
  it.each([
    [43125.1749, '43125.17'],
    [0.0823412345, '0.08234123'],
    [1.23456789e-7, '0.0000001234568'],
    [123456789.4, '123456789'],
    [1802.5, '1802.5'],
    [2, '2'],
    [9.99999999, '10'],
    [-0.5, '-0.5'],
    [0, '0'],
    [NaN, ''],
  ])('formatPrice(%p) = %p', (value, text) => {
    expect(formatPrice(value)).toBe(text);
  });

  it('never uses exponent notation and keeps 7 significant digits', () => {
    const rng = createRng(51);
    for (let i = 0; i < 2000; i++) {
      const v = Math.exp((rng.uniform() - 0.5) * 40);
      const text = formatPrice(v);
      expect(text).toMatch(/^\d+(\.\d*[1-9])?$/);
      expect(Math.abs(Number(text) / v - 1)).toBeLessThanOrEqual(5e-7);
    }
  });
});

describe('renderWidePricesCsv', () => {
  it('renders a header, ISO dates and empty cells for missing values', () => {
    const market = {
      times: new Float64Array([Date.UTC(2026, 9, 30), Date.UTC(2026, 9, 31)]),
      series: new Map([
        ['BTC', new Float64Array([43125.17, 43300.5])],
        ['ZED', new Float64Array([NaN, 0.082341])],
      ]),
    };
    expect(renderWidePricesCsv(market)).toBe(
      'date,BTC,ZED\n2026-10-30,43125.17,\n2026-10-31,43300.5,0.082341\n',
    );
    expect(renderWidePricesCsv(market, { time: 'epoch' }).split('\n')[1]).toBe(
      `${Date.UTC(2026, 9, 30)},43125.17,`,
    );
  });
});
