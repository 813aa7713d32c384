import { suggest } from '../../src/input/suggest';

describe('suggest', () => {
  it('finds a misspelt column name', () => {
    expect(suggest('symbol', ['symbl', 'quantity'])).toBe('symbl');
    expect(suggest('hedge', ['symbol', 'hedges', 'label'])).toBe('hedges');
    expect(suggest('qunatity', ['quantity', 'notional'])).toBe('quantity'); // transposition = 1
  });
  it('is case-insensitive and returns the candidate as written', () => {
    expect(suggest('btc', ['ETH', 'BTC'])).toBe('BTC');
    expect(suggest('Symbol', ['SYMBOL'])).toBe('SYMBOL');
  });
  it('prefers the nearest, then the earlier candidate', () => {
    expect(suggest('ETHX', ['ETH', 'ETHX2', 'ETHX'])).toBe('ETHX');
    expect(suggest('SOLL', ['SOLA', 'SOL'])).toBe('SOLA');
  });
  it('does not suggest far names', () => {
    expect(suggest('BTC', ['ETH', 'SOL'])).toBeNull(); // distance 2 > 1 for 3 letters
    expect(suggest('OP', ['OK'])).toBeNull(); // 2 letters: case differences only
    expect(suggest('price', ['volume', 'open'])).toBeNull();
    expect(suggest('x', [])).toBeNull();
  });
  it('allows more edits for longer names', () => {
    expect(suggest('notionl', ['notional'])).toBe('notional');
    expect(suggest('multiplyer', ['multiplier'])).toBe('multiplier');
    expect(suggest('timestmp', ['timestamp'])).toBe('timestamp');
  });
});
