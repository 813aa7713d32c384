import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  FIXTURE_MARKET,
  FIXTURE_SEED,
  autocorrelation,
  excessKurtosis,
  fixtureIntentProblems,
  fixtureRow,
  pearson,
  renderFixtures,
  sampleReportProblems,
  sampleSd,
  summarizeFixtureMarket,
} from '../../scripts/fixtures-lib';
import { simulateMarket } from '../../tools/sim/market';

const fixturesDir = path.resolve(__dirname, '..', '..', 'fixtures');
const rendered = renderFixtures();
const read = (name: string): string => readFileSync(path.join(fixturesDir, name), 'utf8');

describe('statistics helpers used to describe the fixtures', () => {
  const x = [0.012, -0.034, 0.051, 0.007, -0.022, 0.018, -0.061, 0.029, 0.004, -0.011];
  const y = [0.02, -0.041, 0.038, 0.015, -0.009, 0.007, -0.072, 0.044, -0.013, 0.002];
  // Reference values: Rscript -e 'x <- c(0.012,-0.034,0.051,0.007,-0.022,0.018,-0.061,0.029,
  //   0.004,-0.011); y <- c(0.020,-0.041,0.038,0.015,-0.009,0.007,-0.072,0.044,-0.013,0.002);
  //   options(digits=17); print(sd(x)); print(cor(x,y)); m<-mean(x);
  //   print(mean((x-m)^4)/mean((x-m)^2)^2-3); print(acf(x, lag.max=2, plot=FALSE)$acf[2:3]);
  //   print(acf(x^2, lag.max=1, plot=FALSE)$acf[2])'
  it('match R', () => {
    expect(sampleSd(x)).toBeCloseTo(0.032407303703537775, 15);
    expect(pearson(x, y)).toBeCloseTo(0.93340077792802489, 14);
    expect(excessKurtosis(x)).toBeCloseTo(-0.4544388653997018, 14);
    expect(autocorrelation(x, 1)).toBeCloseTo(-0.543380836004697332, 14);
    expect(autocorrelation(x, 2)).toBeCloseTo(0.073361475227727194, 14);
    expect(
      autocorrelation(
        x.map((v) => v * v),
        1,
      ),
    ).toBeCloseTo(-0.12461740814016735, 14);
  });
});

describe('fixtures/ come from scripts/fixtures-lib.ts', () => {
  it.each(Object.keys(rendered))('fixtures/%s equals renderFixtures() byte for byte', (name) => {
    expect(read(name)).toBe(rendered[name]);
  });

  it('the README names the seed', () => {
    expect(read('README.md')).toContain(String(FIXTURE_SEED));
  });
});

describe('fixtures/prices.csv', () => {
  const lines = (rendered['prices.csv'] as string).trimEnd().split('\n');
  const header = (lines[0] as string).split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const column = (symbol: string): string[] => rows.map((r) => r[header.indexOf(symbol)] as string);
  const dateRow = (iso: string): number => rows.findIndex((r) => r[0] === iso);

  it('is wide, daily, about 3 years to 2026-10-31', () => {
    expect(header).toEqual(['date', 'BTC', 'ETH', 'SOL', 'AVAX', 'LINK', 'DOGE', 'ARB', 'ZED']);
    expect(rows[0]?.[0]).toBe('2023-11-01');
    expect(rows.at(-1)?.[0]).toBe('2026-10-31');
    expect(rows.length).toBe(1096);
    rows.forEach((r, i) => {
      expect(r.length).toBe(header.length);
      if (i > 0)
        expect(Date.parse(r[0] as string) - Date.parse(rows[i - 1]?.[0] as string)).toBe(
          86_400_000,
        );
    });
  });

  it('has plain positive decimals (no exponent), or empty cells only where intended', () => {
    const empty: string[] = [];
    rows.forEach((r) =>
      r.slice(1).forEach((cell, j) => {
        if (cell === '') empty.push(`${header[j + 1]} ${r[0]}`);
        else expect(cell).toMatch(/^\d+(\.\d+)?$/);
      }),
    );
    const arbListing = dateRow('2024-03-23');
    expect(
      column('ARB')
        .slice(0, arbListing)
        .every((c) => c === ''),
    ).toBe(true);
    expect(column('ARB')[arbListing]).toBe('1.853');
    expect(empty.filter((e) => !e.startsWith('ARB'))).toEqual([
      'LINK 2025-04-13',
      'LINK 2025-04-14',
      'LINK 2026-02-08',
    ]);
    expect(empty.length).toBe(arbListing + 3);
    expect(fixtureRow('2024-03-23')).toBe(arbListing);
  });

  it('shows the intended picture: realistic vols, fat tails, clustering, ZED’s correlation break', () => {
    const summary = summarizeFixtureMarket(simulateMarket(FIXTURE_MARKET));
    expect(fixtureIntentProblems(summary)).toEqual([]);
  });

  it('makes the sample report warn about ZED’s break and about nothing else', () => {
    expect(sampleReportProblems(rendered)).toEqual([]);
  });
});

describe('fixtures/positions.csv', () => {
  const text = rendered['positions.csv'] as string;
  const lines = text.trimEnd().split('\n');
  const data = lines.slice(1).filter((l) => !l.startsWith('#'));
  const rows = data.map((l) => {
    const [symbol, kind, quote, quantity, notional, liquidity, lower, upper, hedges, label] =
      l.split(',');
    return { symbol, kind, quote, quantity, notional, liquidity, lower, upper, hedges, label };
  });
  const spot = rows.filter((r) => r.kind === 'spot');
  const pools = rows.filter((r) => r.kind !== 'spot');
  const priceSymbols = (rendered['prices.csv'] as string).split('\n')[0]?.split(',').slice(1);

  it('has the documented header, a comment line, quantity and notional rows, per-row hedges', () => {
    expect(lines[0]).toBe('symbol,kind,quote,quantity,notional,liquidity,lower,upper,hedges,label');
    expect(lines.some((l) => l.startsWith('#'))).toBe(true);
    expect(spot.length).toBe(6);
    expect(spot.some((r) => r.quantity !== '' && r.notional === '')).toBe(true);
    expect(spot.some((r) => r.quantity === '' && r.notional !== '')).toBe(true);
    expect(spot.some((r) => r.hedges === 'BTC|ETH')).toBe(true);
    for (const r of rows) {
      expect(r.label).toBeDefined();
      expect(priceSymbols).toContain(r.symbol);
      for (const h of (r.hedges as string).split('|').filter((s) => s !== ''))
        expect(priceSymbols).toContain(h);
    }
    for (const r of spot) expect((r.quantity === '') !== (r.notional === '')).toBe(true);
  });

  it('has a v2 pool against a cash quote, a v3 range and a pool against ETH', () => {
    expect(pools.map((r) => `${r.kind} ${r.symbol}/${r.quote}`)).toEqual([
      'v2 AVAX/USDC',
      'v3 SOL/USDC',
      'v2 ARB/ETH',
    ]);
    const v3 = pools.find((r) => r.kind === 'v3')!;
    expect(Number(v3.lower)).toBeLessThan(Number(v3.upper));
    expect(v3.liquidity).not.toBe('');
  });
});

describe('fixtures/instruments.csv', () => {
  it('specifies BTC and ETH linear contracts', () => {
    expect(rendered['instruments.csv']).toBe(
      'symbol,multiplier,lot,kind,face\nBTC,0.001,1,linear,\nETH,0.01,1,linear,\n',
    );
  });
});
