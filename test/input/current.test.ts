import { checkCurrentSymbols, parseCurrent } from '../../src/input/current';
import { problemsOf, source } from './helpers';

const parse = (text: string) => parseCurrent(source(text, 'current.csv'));
const errors = (text: string) => problemsOf(() => parse(text));

describe('parseCurrent', () => {
  it('reads symbol, signed quantity and label; names case-insensitive, any order; comments', () => {
    const text = [
      '# held at the close',
      'Label,QUANTITY,Symbol,account',
      'Binance perp,-2.5,BTC,A1',
      '# Deribit',
      '"Deribit, main",-1,BTC,A2',
      ',40,ETH,',
    ].join('\n');
    expect(parse(text)).toEqual([
      { symbol: 'BTC', quantity: -2.5, label: 'Binance perp', line: 3 },
      { symbol: 'BTC', quantity: -1, label: 'Deribit, main', line: 5 },
      { symbol: 'ETH', quantity: 40, label: null, line: 6 },
    ]);
  });

  it('accepts a byte order mark, CRLF line ends and no label column', () => {
    expect(parse('\ufeffsymbol,quantity\r\nBTC,-1e-3\r\nETH,0\r\n')).toEqual([
      { symbol: 'BTC', quantity: -0.001, label: null, line: 2 },
      { symbol: 'ETH', quantity: 0, label: null, line: 3 },
    ]);
  });

  it('returns nothing for a header and comments only (nothing held)', () => {
    expect(parse('symbol,quantity,label\n# all closed\n')).toEqual([]);
  });

  it('reports missing and misspelt columns', () => {
    expect(errors('symbl,qty\nBTC,1\n')).toEqual([
      'current.csv:1: missing column "symbol" (did you mean "symbl"?)',
      'current.csv:1: missing column "quantity" (column "qty": did you mean "quantity"?)',
    ]);
    expect(errors('symbol,quantiy,lable\nBTC,1,x\n')).toEqual([
      'current.csv:1: missing column "quantity" (did you mean "quantiy"?)',
      'current.csv:1: unknown column "lable" (did you mean "label"?)',
    ]);
  });

  it('reports every bad row, control characters escaped', () => {
    const text = [
      'symbol,quantity,label',
      'BTC,abc,',
      'ETH,,Binance',
      ',1,',
      'SOL,NaN,',
      'BTC,"1,5",',
      'ETH,\u001b[31m,',
      'BTC,1',
    ].join('\n');
    expect(errors(text)).toEqual([
      'current.csv:2: column "quantity": expected a number, got "abc"',
      'current.csv:3: column "quantity": missing value',
      'current.csv:4: column "symbol": missing value',
      'current.csv:5: column "quantity": expected a number, got "NaN"',
      'current.csv:6: column "quantity": expected a number, got "1,5"',
      'current.csv:7: column "quantity": expected a number, got "\\x1b[31m"',
      'current.csv:8: found 2 fields, but the header has 3',
    ]);
  });

  it('stops listing after 20 problems and counts the rest', () => {
    const rows = Array.from({ length: 23 }, (_, i) => `BTC,x${i}`);
    const found = errors(`symbol,quantity\n${rows.join('\n')}\n`);
    expect(found).toHaveLength(21);
    expect(found[19]).toBe('current.csv:21: column "quantity": expected a number, got "x19"');
    expect(found[20]).toBe('current.csv: and 3 more problems');
  });
});

describe('checkCurrentSymbols', () => {
  const prices = { source: 'prices.csv', symbols: ['BTC', 'ETH', 'SOL'] };
  const rows = parse('symbol,quantity\nBTC,-1\nBTX,-1\nDOGE,5\neth,1\n\u202eX,1\n');

  it('locates each symbol the prices file lacks, with the nearest one', () => {
    expect(problemsOf(() => checkCurrentSymbols(rows, 'current.csv', prices))).toEqual([
      'current.csv:3: symbol "BTX" has no prices in prices.csv (did you mean "BTC"?)',
      'current.csv:4: symbol "DOGE" has no prices in prices.csv',
      'current.csv:5: symbol "eth" has no prices in prices.csv (did you mean "ETH"?)',
      'current.csv:6: symbol "\\u{202e}X" has no prices in prices.csv',
    ]);
  });

  it('accepts symbols that are prices columns', () => {
    expect(() => checkCurrentSymbols(rows.slice(0, 1), 'current.csv', prices)).not.toThrow();
  });
});
