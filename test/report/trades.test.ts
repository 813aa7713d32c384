import type { CurrentHolding, Instrument } from '../../src/input/types';
import { holdingsBySymbol, NO_TRADE, withTrades, type TradeTerms } from '../../src/report/trades';
import type { HedgeTotal } from '../../src/report/types';

/** A total as totalsOf makes it: the target, no trade yet. */
function total(
  symbol: string,
  quantity: number | null,
  price = 100,
  contracts?: number,
): HedgeTotal {
  return {
    symbol,
    hedgeNotional: quantity === null ? null : quantity * price,
    hedgeQuantity: quantity,
    contracts: contracts ?? null,
    ...NO_TRADE,
    funding: null,
  };
}

let line = 1;
const held = (symbol: string, quantity: number, label: string | null = null): CurrentHolding => ({
  symbol,
  quantity,
  label,
  line: ++line,
});

const linear = (symbol: string, multiplier: number, lot = 1): Instrument => ({
  symbol,
  multiplier,
  lot,
  kind: 'linear',
  face: null,
  line: 2,
});

function terms(current: CurrentHolding[], extra: Partial<TradeTerms> = {}): TradeTerms {
  return {
    current,
    tolerance: 0.1,
    instruments: new Map(),
    priceOf: () => 100,
    ...extra,
  };
}

describe('holdingsBySymbol', () => {
  it('adds up the rows of a symbol, and per label within it, in order of appearance', () => {
    const rows = [
      held('BTC', -2, 'Binance'),
      held('ETH', 5),
      held('BTC', -1.5, 'Deribit'),
      held('BTC', -0.5, 'Binance'),
      held('ETH', -5),
    ];
    expect([...holdingsBySymbol(rows)]).toEqual([
      [
        'BTC',
        {
          quantity: -4,
          holdings: [
            { label: 'Binance', quantity: -2.5 },
            { label: 'Deribit', quantity: -1.5 },
          ],
        },
      ],
      ['ETH', { quantity: 0, holdings: [{ label: null, quantity: 0 }] }],
    ]);
    expect(Object.is(holdingsBySymbol(rows).get('ETH')!.quantity, 0)).toBe(true); // not -0
  });
});

describe('withTrades: the trade', () => {
  it('without instruments: trade = target − current in units and notional, no contracts', () => {
    const out = withTrades([total('BTC', -6.5)], terms([held('BTC', -4), held('BTC', -1)]));
    expect(out.totals).toEqual([
      {
        ...total('BTC', -6.5),
        current: -5,
        trade: -1.5,
        tradeNotional: -150,
        tradeContracts: null,
        rebalance: true,
        holdings: [{ label: null, quantity: -5 }],
      },
    ]);
    expect(out.warnings).toEqual([
      {
        code: 'REBALANCE_NEEDED',
        severity: 'warning',
        message:
          'BTC: current -5, target -6.5, trade -1.5 (sell, notional -150): 23.1% off the target, outside the 10% tolerance',
      },
    ]);
  });

  it('with an instrument: the contracts that reach the rounded target', () => {
    // target -6.9846 BTC = -6984.6 contracts of 0.001 → -6985; held -6.0004 → -6000 (rounded)
    const instruments = new Map([['BTC', linear('BTC', 0.001)]]);
    const out = withTrades(
      [total('BTC', -6.9846, 50_000, -6985)],
      terms([held('BTC', -6.0004)], { instruments, priceOf: () => 50_000 }),
    );
    expect(out.totals[0]).toMatchObject({ tradeContracts: -985, rebalance: true });
    expect(out.totals[0]!.trade).toBeCloseTo(-0.9842, 12);
    expect(out.warnings[0]!.message).toBe(
      'BTC: current -6.0004, target -6.9846, trade -0.9842 (sell 985 contracts, notional -49,210): 14.1% off the target, outside the 10% tolerance',
    );
  });

  it('round(target) − round(current), not round(trade): the position lands on the rounded target', () => {
    // target 2.5 lots rounds (half away from zero) to 3; held 3 lots: nothing to trade, although
    // round(trade) = round(-0.5) would sell one
    const instruments = new Map([['X', linear('X', 1)]]);
    const out = withTrades(
      [total('X', 2.5, 10, 3)],
      terms([held('X', 3)], { instruments, tolerance: 0 }),
    );
    expect(out.totals[0]).toMatchObject({ trade: -0.5, tradeContracts: 0, rebalance: false });
    expect(out.warnings).toEqual([]);
  });

  it('lots of 0.1: contract differences free of binary noise', () => {
    const instruments = new Map([['ETH', linear('ETH', 1, 0.1)]]);
    const out = withTrades(
      [total('ETH', 0.3, 2000, 0.3)],
      terms([held('ETH', 0.1)], { instruments, priceOf: () => 2000 }),
    );
    expect(out.totals[0]!.tradeContracts).toBe(0.2);
  });

  it('inverse contracts count the notional in face values', () => {
    const inverse: Instrument = { ...linear('BTCUSD', 1), kind: 'inverse', face: 100 };
    const out = withTrades(
      [total('BTCUSD', -2, 50_000, -1000)],
      terms([held('BTCUSD', -1.5)], {
        instruments: new Map([['BTCUSD', inverse]]),
        priceOf: () => 50_000,
      }),
    );
    // held -1.5 × 50,000 = -75,000 = -750 contracts of 100
    expect(out.totals[0]).toMatchObject({ tradeContracts: -250, tradeNotional: -25_000 });
  });

  it('an outside trade smaller than one lot is not due', () => {
    const instruments = new Map([['BTC', linear('BTC', 0.001)]]);
    const out = withTrades(
      [total('BTC', -0.0004, 50_000, 0)],
      terms([], { instruments, priceOf: () => 50_000 }),
    );
    expect(out.totals[0]).toMatchObject({ current: 0, tradeContracts: 0, rebalance: false });
    expect(out.warnings).toEqual([]);
  });
});

describe('withTrades: when a trade is due', () => {
  it('the tolerance edge: |trade| = tolerance × |target| is inside, just above is due', () => {
    const inside = withTrades([total('BTC', -10)], terms([held('BTC', -9)]));
    expect(inside.totals[0]).toMatchObject({ trade: -1, rebalance: false });
    expect(inside.warnings).toEqual([]);
    const outside = withTrades([total('BTC', -10)], terms([held('BTC', -8.99)]));
    expect(outside.totals[0]!.rebalance).toBe(true);
    expect(outside.warnings).toHaveLength(1);
    const over = withTrades([total('BTC', -10)], terms([held('BTC', -11)]));
    expect(over.totals[0]).toMatchObject({ trade: 1, rebalance: false });
  });

  it('closes out an instrument held but no longer a target, after the targets, in file order', () => {
    const instruments = new Map([['SOL', linear('SOL', 1)]]);
    const out = withTrades(
      [total('BTC', -1)],
      terms([held('DOGE', 500, 'Binance'), held('BTC', -1), held('SOL', -10, 'OKX')], {
        instruments,
        priceOf: (s) => (s === 'SOL' ? 20 : s === 'DOGE' ? 0.1 : 100),
      }),
    );
    expect(out.totals.map((t) => t.symbol)).toEqual(['BTC', 'DOGE', 'SOL']);
    expect(out.totals[1]).toEqual({
      symbol: 'DOGE',
      hedgeNotional: 0,
      hedgeQuantity: 0,
      contracts: null,
      current: 500,
      trade: -500,
      tradeNotional: -50,
      tradeContracts: null,
      rebalance: true,
      holdings: [{ label: 'Binance', quantity: 500 }],
      funding: null,
    });
    expect(out.totals[2]).toMatchObject({ contracts: 0, tradeContracts: 10, rebalance: true });
    expect(out.warnings.map((w) => w.message)).toEqual([
      'DOGE: current 500, target 0, trade -500 (sell, notional -50): the target is 0, close it out',
      'SOL: current -10, target 0, trade 10 (buy 10 contracts, notional 200): the target is 0, close it out',
    ]);
  });

  it('at target 0 nothing held is nothing to trade (rows of a venue that net to 0)', () => {
    const out = withTrades([], terms([held('BTC', 1, 'A'), held('BTC', -1, 'B')]));
    expect(out.totals[0]).toMatchObject({ current: 0, trade: 0, rebalance: false });
  });

  it('a target that is not recommended (null) has no trade', () => {
    const out = withTrades([total('BTC', null)], terms([held('BTC', -2)]));
    expect(out.totals[0]).toMatchObject({
      current: -2,
      trade: null,
      tradeNotional: null,
      tradeContracts: null,
      rebalance: null,
      holdings: [{ label: null, quantity: -2 }],
    });
    expect(out.warnings).toEqual([]);
  });

  it('an instrument without a price has no notional and no contracts', () => {
    const instruments = new Map([['BTC', linear('BTC', 0.001)]]);
    const out = withTrades(
      [total('BTC', -1, 100, -1000)],
      terms([held('BTC', -0.5)], { instruments, priceOf: () => null }),
    );
    expect(out.totals[0]).toMatchObject({
      trade: -0.5,
      tradeNotional: null,
      tradeContracts: null,
      rebalance: true,
    });
  });

  it('does not change its input', () => {
    const totals = Object.freeze([Object.freeze(total('BTC', -1))]);
    const rows = [Object.freeze(held('BTC', -2))];
    withTrades(totals, terms(rows));
    expect(totals[0]).toEqual(total('BTC', -1));
  });
});
