/**
 * The exposure seam: a spot position resolves to its value and one leg (its quantity), and the
 * hedge legs are sized from that leg, by value for relative returns and by units for price
 * changes; the work buffers are reused, not reallocated, from position to position.
 */
import type { Position } from '../../src/input/types';
import { regressionLeg } from '../../src/report/exposure';
import { positionKind } from '../../src/report/exposures';
import { legSize } from '../../src/report/position/sizing';
import { Workspace } from '../../src/report/workspace';

const row = (quantity: number | null, notional: number | null): Position => ({
  kind: 'spot',
  symbol: 'SOL',
  quantity,
  notional,
  hedges: null,
  label: null,
  feeApr: null,
  line: 2,
});
const prices = (p: Record<string, number>) => (s: string) => p[s] ?? null;
const terms = { cash: ['USD', 'USDC'], rebalanceBand: 0.1 };

test('spot by quantity: value = quantity × price, one leg of delta = quantity, gamma 0', () => {
  const e = positionKind('spot').resolve(row(5000, null), prices({ SOL: 20.5 }), terms);
  expect(e).toEqual({
    kind: 'spot',
    value: 102500,
    quantity: 5000,
    price: 20.5,
    legs: [{ symbol: 'SOL', delta: 5000, deltaValue: 102500, price: 20.5, hedge: 'regression' }],
    facts: {
      quote: null,
      baseAmount: 5000,
      quoteAmount: null,
      gamma: 0,
      lower: null,
      upper: null,
      inRange: null,
      rebalanceBelow: null,
      rebalanceAbove: null,
    },
    revalue: null,
    curve: null,
  });
});

test('spot by notional: worth exactly its notional; without a price only the notional is known', () => {
  const e = positionKind('spot').resolve(row(null, 100000), prices({ SOL: 3 }), terms);
  expect(e.value).toBe(100000);
  expect(e.quantity).toBe(100000 / 3);
  const none = positionKind('spot').resolve(row(null, 100000), prices({}), terms);
  expect(none).toMatchObject({ value: 100000, quantity: null, price: null });
  expect(regressionLeg(none)).toEqual({
    symbol: 'SOL',
    delta: null,
    deltaValue: 100000,
    price: null,
    hedge: 'regression',
  });
  expect(() => positionKind('v9')).toThrow(RangeError);
});

test('legs are sized by value for log/simple returns and by units for diff/level', () => {
  const leg = {
    symbol: 'SOL',
    delta: 1000,
    deltaValue: 20000,
    price: 20,
    hedge: 'regression',
  } as const;
  expect(legSize(1.5, leg, 50000, 'log')).toEqual({ hedgeNotional: -30000, hedgeQuantity: -0.6 });
  expect(legSize(1.5, leg, 50000, 'diff')).toEqual({
    hedgeQuantity: -1500,
    hedgeNotional: -75000000,
  });
  expect(legSize(null, leg, 50000, 'log')).toEqual({ hedgeNotional: null, hedgeQuantity: null });
  expect(legSize(1.5, leg, null, 'simple')).toEqual({ hedgeNotional: -30000, hedgeQuantity: null });
});

test('the workspace hands out views of one buffer per role, sized for the report', () => {
  const ws = new Workspace(100);
  const a = ws.returns(10);
  const b = ws.returns(80);
  expect(a.buffer).toBe(b.buffer);
  expect(b.buffer.byteLength).toBe(800);
  expect(ws.work(50).buffer).not.toBe(b.buffer);
  const grown = ws.returns(150);
  expect(grown.length).toBe(150);
  expect(ws.rollingBlocks().correlation.length).toBe(100);
});
