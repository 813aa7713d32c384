/**
 * Pool positions through the exposure seam: the worked cases resolved by the v2 and v3
 * kinds, sized by the generic leg sizing (direct legs included), summed by the totals, and
 * revalued in the scenarios. Reference values: `/usr/bin/python3
 * scripts/reference/amm_reference.py` (50-digit decimal; names as it prints them).
 */
import type { Position } from '../../src/input/types';
import { regressionLeg, type ExposureTerms } from '../../src/report/exposure';
import { positionKind, resolveExposure } from '../../src/report/exposures';
import { poolCurve } from '../../src/report/position/charts';
import { SCENARIO_MOVES, scenariosOf } from '../../src/report/position/scenarios';
import { directHedges, legSize } from '../../src/report/position/sizing';
import { totalsOf } from '../../src/report/totals';
import type { HedgeLeg, PositionReport } from '../../src/report/types';

const terms: ExposureTerms = { cash: ['USD', 'USDC', 'USDT', 'DAI'], rebalanceBand: 0.1 };
const prices = (p: Record<string, number>) => (s: string) => p[s] ?? null;
const row = { symbol: 'ALT', hedges: null, label: null, feeApr: null, line: 2 } as const;

function near(actual: number | null | undefined, expected: number, tol = 1e-12): void {
  expect(actual).not.toBeNull();
  expect(actual).toBeDefined();
  const err = Math.abs(actual! - expected);
  if (!(err <= tol * Math.max(1, Math.abs(expected)))) {
    throw new Error(`expected ${expected}, got ${actual} (error ${err})`);
  }
}

/** A regression hedge leg with a beta and a size, as the report has them. */
function hedge(symbol: string, beta: number, price: number, quantity: number): HedgeLeg {
  return {
    symbol,
    beta,
    stdError: null,
    tStat: null,
    pValue: null,
    lagBetas: null,
    hedgeRatio: beta,
    price,
    hedgeNotional: quantity * price,
    hedgeQuantity: quantity,
    hacStdError: null,
    hedgeQuantityLow: null,
    hedgeQuantityHigh: null,
    hedgeRatioSinceBreak: null,
    hedgeQuantitySinceBreak: null,
    contracts: null,
    unhedgedNotional: null,
  };
}

describe('$100,000 v3 ALT/USDC on [0.8, 1.25] at 1, beta 1.3 to BTC at 60,000', () => {
  const p: Position = {
    ...row,
    kind: 'v3',
    quote: 'USDC',
    lower: 0.8,
    upper: 1.25,
    liquidity: null,
    notional: 100000,
  };
  const e = resolveExposure(p, prices({ ALT: 1, BTC: 60000 }), terms);

  test('is worth its notional, half of it in ALT: one regression leg, no leg for cash', () => {
    expect(e.kind).toBe('v3');
    expect(e.value).toBe(100000);
    expect(e.legs).toHaveLength(1);
    const leg = regressionLeg(e);
    near(leg.delta, 50000); // altBase
    near(leg.deltaValue, 50000);
    near(e.facts.quoteAmount, 50000); // altQuote
    near(e.facts.gamma, -236803.39887498948); // altGamma
    expect(e.facts).toMatchObject({ quote: 'USDC', lower: 0.8, upper: 1.25, inRange: true });
    near(e.facts.rebalanceBelow, 0.9792151613782779); // altRebalanceBelow
    near(e.facts.rebalanceAbove, 1.0214536999459194); // altRebalanceAbove
  });

  test('short 1.0833 BTC (2.1667 if sized on the whole value)', () => {
    const size = legSize(1.3, regressionLeg(e), 60000, 'log');
    near(size.hedgeQuantity, -1.0833333333333333); // altShortBtc
    near(
      legSize(1.3, { ...regressionLeg(e), deltaValue: e.value }, 60000, 'log').hedgeQuantity,
      -2.1666666666666665,
    );
    // the same position given by its liquidity
    const byL = positionKind('v3').resolve(
      { ...p, liquidity: 473606.79774997896, notional: null }, // altL
      prices({ ALT: 1 }),
      terms,
    );
    near(byL.value, 100000);
    near(regressionLeg(byL).delta, 50000);
  });

  test("the HTML report's curve: value and delta across the price, flat outside the range", () => {
    const c = poolCurve(e)!;
    expect(c.price).toBe(1);
    expect(c.prices[0]).toBeCloseTo(0.4, 12); // half the lower bound
    expect(c.prices[c.prices.length - 1]).toBeCloseTo(1.875, 12); // 1.5 × the upper bound
    // all in ALT below 0.8: x = L(1/√0.8 − 1/√1.25); all in USDC above 1.25: y = L(√1.25 − √0.8),
    // the value the 20% and 30% scenarios reach (100,000 + 5,901.699…)
    const all = 105901.69943749474;
    c.prices.forEach((price, i) => {
      if (price <= 0.8) near(c.deltas[i]!, all, 1e-12);
      if (price >= 1.25) {
        expect(c.deltas[i]).toBe(0);
        near(c.values[i]!, all, 1e-12);
      }
      if (i > 0) {
        expect(c.values[i]!).toBeGreaterThanOrEqual(c.values[i - 1]!);
        expect(c.deltas[i]!).toBeLessThanOrEqual(c.deltas[i - 1]!);
      }
    });
    expect(
      poolCurve(
        positionKind('spot').resolve(
          { ...row, kind: 'spot', quantity: 1, notional: null },
          prices({ ALT: 1 }),
          terms,
        ),
      ),
    ).toBeNull();
  });

  test('scenarios: the pool revalued in full, ALT moving 1.3× BTC in log terms', () => {
    const short = -1.0833333333333333;
    const report = { symbol: 'ALT', hedges: [hedge('BTC', 1.3, 60000, short)] } as PositionReport;
    const s = scenariosOf(report, e, 'log', 1)!;
    expect(s.map((c) => c.move)).toEqual(SCENARIO_MOVES);
    // altScenario{move}Position / Hedge / Net
    const ref: Record<string, [number, number, number]> = {
      '-0.3': [-33391.38837096105, 19500.0, -13891.388370961056],
      '-0.2': [-20764.479983444216, 13000.0, -7764.479983444217],
      '-0.1': [-8475.16899401666, 6500.0, -1975.1689940166598],
      '-0.05': [-3734.5789756259032, 3250.0, -484.57897562590324],
      '0.05': [2782.375637914136, -3250.0, -467.6243620858643],
      '0.1': [4660.822883748106, -6500.0, -1839.1771162518944],
      '0.2': [5901.699437494743, -13000.0, -7098.300562505257],
      '0.3': [5901.699437494743, -19500.0, -13598.300562505257],
    };
    for (const c of s) {
      const [position, hedged, net] = ref[String(c.move)]!;
      near(c.price, Math.exp(1.3 * Math.log1p(c.move)));
      near(c.positionPnl, position, 1e-10);
      near(c.hedgePnl, hedged, 1e-10);
      near(c.net, net, 1e-9);
    }
  });

  test('no scenarios without betas; spot rows have none', () => {
    const report = { symbol: 'ALT', hedges: [{ ...hedge('BTC', 1.3, 60000, 1), beta: null }] };
    const s = scenariosOf(report as PositionReport, e, 'log', 1)!;
    expect(s.every((c) => c.positionPnl === null && c.net === null)).toBe(true);
    const spot = resolveExposure(
      { ...row, kind: 'spot', quantity: 1, notional: null },
      prices({ ALT: 1 }),
      terms,
    );
    expect(scenariosOf(report as PositionReport, spot, 'log', 1)).toBeNull();
  });
});

describe('ALT/ETH v2 $100,000, ALT at 1, ETH at 3,000, betas 0.6 (BTC) and 0.7 (ETH)', () => {
  const p: Position = { ...row, kind: 'v2', quote: 'ETH', quantity: null, notional: 100000 };
  const at = prices({ ALT: 1, ETH: 3000, BTC: 60000 });
  const e = resolveExposure(p, at, terms);

  test('two legs: ALT through the regression, the pool’s ETH directly', () => {
    expect(e.legs.map((l) => [l.symbol, l.hedge])).toEqual([
      ['ALT', 'regression'],
      ['ETH', 'direct'],
    ]);
    near(e.legs[0]!.delta, 50000); // altEthBase
    near(e.legs[1]!.delta, 16.666666666666668); // altEthQuote
    near(e.legs[1]!.deltaValue, 50000);
    expect(e.value).toBe(100000);
  });

  test('short 0.5 BTC and 28.333 ETH (16.667 for the pool’s ETH, 11.667 for the ALT leg)', () => {
    const btc = legSize(0.6, regressionLeg(e), 60000, 'log');
    const eth = legSize(0.7, regressionLeg(e), 3000, 'log');
    near(btc.hedgeQuantity, -0.5); // altEthShortBtc
    near(eth.hedgeQuantity, -11.666666666666666); // altEthShortEthRegression
    const [direct] = directHedges(e, 'log', new Map());
    expect(direct).toMatchObject({ symbol: 'ETH', beta: null, hedgeRatio: 1, price: 3000 });
    near(direct!.hedgeQuantity, -16.666666666666668); // altEthShortEthDirect
    const hedges = [
      hedge('BTC', 0.6, 60000, btc.hedgeQuantity!),
      hedge('ETH', 0.7, 3000, eth.hedgeQuantity!),
      direct!,
    ];
    const totals = totalsOf([{ hedges } as PositionReport], new Map());
    expect(totals.map((t) => t.symbol)).toEqual(['BTC', 'ETH']);
    near(totals[0]!.hedgeQuantity, -0.5);
    near(totals[1]!.hedgeQuantity, -28.333333333333332); // altEthShortEthTotal
    // the scenarios move BTC and ETH by the move, ALT by 0.6 + 0.7 in log terms
    const s = scenariosOf({ symbol: 'ALT', hedges } as PositionReport, e, 'log', 2)!;
    const down = s.find((c) => c.move === -0.3)!;
    near(down.positionPnl, -33646.66651347398, 1e-10); // altEthScenario-0.3Position
    near(down.hedgePnl, 34500.0, 1e-10); // altEthScenario-0.3Hedge
    near(down.net, 853.3334865260167, 1e-8); // altEthScenario-0.3Net
    const up = s.find((c) => c.move === 0.1)!;
    near(up.positionPnl, 11583.913217789821, 1e-10); // altEthScenario0.1Position
    near(up.net, 83.91321778982169, 1e-8); // altEthScenario0.1Net
  });

  test('with ETH as cash (--cash), the pool has no ETH leg', () => {
    const cash = resolveExposure(p, at, { ...terms, cash: ['ETH'] });
    expect(cash.legs).toHaveLength(1);
    near(regressionLeg(cash).deltaValue, 50000);
  });

  test('without an ETH price only the notional is known', () => {
    const none = resolveExposure(p, prices({ ALT: 1 }), terms);
    expect(none).toMatchObject({ value: 100000, quantity: null, revalue: null });
    expect(none.legs.map((l) => l.delta)).toEqual([null, null]);
  });
});
