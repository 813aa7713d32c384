/**
 * The report's funding stage (src/report/funding.ts): which rows an instrument's figures use,
 * the hedges without a side, FUNDING_COST's edge, and a position's carry from several legs.
 */
import type { FundingSeries } from '../../src/input/types';
import { carryOf, fundingCostOf, withFunding, type FundingTerms } from '../../src/report/funding';
import { NO_TRADE } from '../../src/report/trades';
import type { HedgeLeg, HedgeTotal, PositionReport } from '../../src/report/types';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

function series(n: number, rate: (i: number) => number, hours = 8): FundingSeries {
  return {
    times: Float64Array.from({ length: n }, (_, i) => T0 + i * hours * H),
    rates: Float64Array.from({ length: n }, (_, i) => rate(i)),
    intervalHours: new Float64Array(n).fill(NaN),
  };
}

const total = (symbol: string, hedgeNotional: number | null): HedgeTotal => ({
  symbol,
  hedgeNotional,
  hedgeQuantity: hedgeNotional,
  contracts: null,
  ...NO_TRADE,
  funding: null,
});

const terms = (over: Partial<FundingTerms> = {}): FundingTerms => ({
  table: new Map([['BTC', series(90, () => 0.0001)]]),
  from: null,
  to: null,
  horizonDays: 30,
  maxFundingCost: 0.1,
  ...over,
});

describe('withFunding', () => {
  test('a short, a long, a close-out (notional 0) and a hedge none recommended', () => {
    const t = terms();
    const out = withFunding(
      [total('BTC', -50_000), total('BTC', 50_000), total('BTC', 0), total('BTC', null)],
      t,
    );
    const f = out.totals.map((x) => x.funding!);
    expect(f[0]).toMatchObject({ annualizedRate: 0.1095, expectedCarry: 450 });
    expect(f[0]!.worst30d).toBeCloseTo(0.009, 17);
    expect(f[1]).toMatchObject({ expectedCarry: -450 });
    expect(f[1]!.worst30d).toBeCloseTo(-0.009, 17);
    expect(f[2]).toMatchObject({ worst30d: null, expectedCarry: 0 });
    expect(f[3]).toMatchObject({ worst30d: null, expectedCarry: null, annualizedRate: 0.1095 });
    expect(out.warnings.map((w) => w.code)).toEqual(['FUNDING_COST']); // the long pays 10.95 %
  });

  test('rows outside --from/--to are left out; none inside: funding null', () => {
    const table = new Map([['BTC', series(90, (i) => (i < 30 ? 0.0003 : 0.0001))]]);
    const inside = withFunding([total('BTC', -1)], terms({ table, from: T0 + 30 * 8 * H }));
    expect(inside.totals[0]!.funding).toMatchObject({ periods: 60, meanRate: 0.0001 });
    const none = withFunding([total('BTC', -1)], terms({ table, to: T0 - 1 }));
    expect(none.totals[0]!.funding).toBeNull();
    expect(withFunding([total('ETH', -1)], terms()).totals[0]!.funding).toBeNull();
  });

  test('FUNDING_COST: cost = sign(notional) × annualised rate, strictly above the limit', () => {
    const long = withFunding([total('BTC', 1)], terms()).totals[0]!;
    expect(fundingCostOf(long)).toBe(0.1095);
    const short = withFunding([total('BTC', -1)], terms()).totals[0]!;
    expect(fundingCostOf(short)).toBe(-0.1095);
    expect(withFunding([total('BTC', 1)], terms({ maxFundingCost: 0.1095 })).warnings).toEqual([]);
  });
});

describe('carryOf', () => {
  const leg = (symbol: string, hedgeNotional: number | null) =>
    ({ symbol, hedgeNotional }) as HedgeLeg;
  const position = (value: number | null, hedges: HedgeLeg[], feeApr: number | null = null) =>
    ({ value, hedges, carry: { feeApr, fundingApr: null, netApr: null } }) as PositionReport;
  const rates = new Map<string, number | null>([
    ['BTC', 0.1095],
    ['ETH', -0.2],
    ['SOL', null],
  ]);

  test('the legs together, on |value|; fee_apr added', () => {
    // BTC short 50,000 receives 5,475; ETH short 25,000 pays 5,000: +475 a year on 100,000
    const c = carryOf(position(100_000, [leg('BTC', -50_000), leg('ETH', -25_000)], 0.04), rates);
    expect(c.fundingApr).toBeCloseTo(0.00475, 17);
    expect(c.netApr).toBeCloseTo(0.04475, 17);
    expect(c.feeApr).toBe(0.04);
  });

  test('a short position (value < 0) hedged long: received funding is positive on |value|', () => {
    const c = carryOf(position(-100_000, [leg('ETH', 50_000)]), rates);
    expect(c.fundingApr).toBe(0.1); // the long ETH hedge receives 20 % of 50,000 when rates are negative
  });

  test('no sized leg: 0; a sized leg without a rate or no value: unknown', () => {
    expect(carryOf(position(1000, [leg('BTC', null)], 0.05), rates)).toEqual({
      feeApr: 0.05,
      fundingApr: 0,
      netApr: 0.05,
    });
    expect(carryOf(position(1000, [leg('SOL', -10)]), rates).fundingApr).toBeNull();
    expect(carryOf(position(1000, [leg('DOGE', -10)]), rates).netApr).toBeNull();
    expect(carryOf(position(null, [leg('BTC', -10)]), rates).fundingApr).toBeNull();
  });
});
