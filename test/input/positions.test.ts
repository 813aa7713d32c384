import { parsePositions } from '../../src/input/positions';
import { problemsOf, source } from './helpers';

const parse = (text: string) => parsePositions(source(text, 'positions.csv'));
const errors = (text: string) => problemsOf(() => parse(text));

describe('parsePositions', () => {
  it('reads every column, case-insensitive and in any order, with comments', () => {
    const text = [
      '# my book',
      'Label,HEDGES,Symbol,Notional,Quantity,account',
      'main,BTC|ETH,SOL,,-12.5,A1',
      '# a comment line, with commas',
      '"desk #2, long",BTC ETH  SOL,XRP,250000,,A2',
      ',,ADA,,3,',
    ].join('\n');
    expect(parse(text)).toEqual([
      {
        kind: 'spot',
        symbol: 'SOL',
        quantity: -12.5,
        notional: null,
        hedges: ['BTC', 'ETH'],
        label: 'main',
        feeApr: null,
        line: 3,
      },
      {
        kind: 'spot',
        symbol: 'XRP',
        quantity: null,
        notional: 250000,
        hedges: ['BTC', 'ETH', 'SOL'],
        label: 'desk #2, long',
        feeApr: null,
        line: 5,
      },
      {
        kind: 'spot',
        symbol: 'ADA',
        quantity: 3,
        notional: null,
        hedges: null,
        label: null,
        feeApr: null,
        line: 6,
      },
    ]);
  });

  it('accepts only one of quantity/notional as a column, a BOM, CRLF and blank lines', () => {
    expect(parse('\ufeffsymbol,notional\r\n\r\nETH,100\r\n')).toEqual([
      {
        kind: 'spot',
        symbol: 'ETH',
        quantity: null,
        notional: 100,
        hedges: null,
        label: null,
        feeApr: null,
        line: 3,
      },
    ]);
  });

  it('splits hedges on |, commas and whitespace', () => {
    expect(parse('symbol,quantity,hedges\nETH,1,"BTC, SOL|XRP\tADA |"\n')[0]!.hedges).toEqual([
      'BTC',
      'SOL',
      'XRP',
      'ADA',
    ]);
  });

  it('reads fee_apr (any kind, any case, empty = none) and reports a bad one', () => {
    const text =
      'symbol,quantity,FEE_APR,kind,quote,notional\nSOL,5,0.07,,,\nETH,1,,,,\nAVAX,,0.25,v2,USDC,100\n';
    expect(parse(text).map((p) => p.feeApr)).toEqual([0.07, null, 0.25]);
    expect(errors('symbol,quantity,fee_apr\nSOL,5,7%\n')).toEqual([
      'positions.csv:2: column "fee_apr": expected a number, got "7%"',
    ]);
  });

  it('returns no positions for a header only or comments only', () => {
    expect(parse('symbol,quantity\n')).toEqual([]);
    expect(parse('# nothing yet\n')).toEqual([]);
  });

  it('reports a missing column with a suggestion', () => {
    expect(errors('symbl,quantity\nETH,1\n')).toEqual([
      'positions.csv:1: missing column "symbol" (did you mean "symbl"?)',
    ]);
    expect(errors('symbol,qty\nETH,1\n')).toEqual([
      'positions.csv:1: missing column "quantity", "notional" or "liquidity" (column "qty": did you mean "quantity"?)',
    ]);
    expect(errors('symbol,notionl\nETH,1\n')).toEqual([
      'positions.csv:1: missing column "quantity", "notional" or "liquidity" (did you mean "notionl"?)',
    ]);
  });

  it('reports a misspelt optional column and a duplicate column', () => {
    expect(errors('symbol,quantity,hedge\nETH,1,BTC\n')).toEqual([
      'positions.csv:1: unknown column "hedge" (did you mean "hedges"?)',
    ]);
    expect(errors('symbol,quantity,Quantity\nETH,1,2\n')).toEqual([
      'positions.csv:1: duplicate column "Quantity" (columns 2 and 3)',
    ]);
  });

  it('reports a file that is not comma-separated', () => {
    expect(errors('symbol;quantity\nETH;1\n')).toEqual([
      'positions.csv:1: the header is a single column "symbol;quantity": columns look separated by ";", but must be separated by commas',
    ]);
  });

  it('reports bad rows with line and column as written in the header', () => {
    const text = [
      'Symbol,Quantity,Notional',
      'ETH,1,',
      'SOL,abc,',
      ',2,',
      'XRP,1,5',
      'ADA,,',
      'DOT,1e999,',
      'BTC,,\x1b[2J',
    ].join('\n');
    expect(errors(text)).toEqual([
      'positions.csv:3: column "Quantity": expected a number, got "abc"',
      'positions.csv:4: column "Symbol": missing value',
      'positions.csv:5: both "quantity" and "notional" are given: give one of them',
      'positions.csv:6: no "quantity" or "notional": give one of them',
      'positions.csv:7: column "Quantity": expected a number, got "1e999"',
      'positions.csv:8: column "Notional": expected a number, got "\\x1b[2J"',
    ]);
  });

  it('reports ragged rows and CSV syntax errors', () => {
    expect(errors('symbol,quantity\nETH,1,2\nSOL,"1\n')).toEqual([
      'positions.csv:2: found 3 fields, but the header has 2',
      'positions.csv:3: a quoted field is never closed (missing closing quote)',
    ]);
  });

  it('shows 20 problems and counts the rest', () => {
    const rows = Array.from({ length: 25 }, (_, i) => `S${i},x${i}`);
    const list = errors(['symbol,quantity', ...rows].join('\n'));
    expect(list).toHaveLength(21);
    expect(list[0]).toBe('positions.csv:2: column "quantity": expected a number, got "x0"');
    expect(list[19]).toBe('positions.csv:21: column "quantity": expected a number, got "x19"');
    expect(list[20]).toBe('positions.csv: and 5 more problems');
  });

  it('reads pool rows: v2 by quantity or notional, v3 by liquidity or notional', () => {
    const text = [
      'symbol,kind,quote,quantity,notional,liquidity,lower,upper,hedges,label',
      'SOL,,,5,,,,,,',
      'AVAX,V2,USDC,100,,,,,,pool',
      'ARB,v2,ETH,,80000,,,,ETH,',
      'SOL,v3,USDC,,,63000,16,25,BTC,',
      'SOL,v3,USDC,,60000,,16,25,,',
    ].join('\n');
    expect(parse(text)).toEqual([
      {
        kind: 'spot',
        symbol: 'SOL',
        quantity: 5,
        notional: null,
        hedges: null,
        label: null,
        feeApr: null,
        line: 2,
      },
      {
        kind: 'v2',
        symbol: 'AVAX',
        quote: 'USDC',
        quantity: 100,
        notional: null,
        hedges: null,
        label: 'pool',
        feeApr: null,
        line: 3,
      },
      {
        kind: 'v2',
        symbol: 'ARB',
        quote: 'ETH',
        quantity: null,
        notional: 80000,
        hedges: ['ETH'],
        label: null,
        feeApr: null,
        line: 4,
      },
      {
        kind: 'v3',
        symbol: 'SOL',
        quote: 'USDC',
        lower: 16,
        upper: 25,
        liquidity: 63000,
        notional: null,
        hedges: ['BTC'],
        label: null,
        feeApr: null,
        line: 5,
      },
      {
        kind: 'v3',
        symbol: 'SOL',
        quote: 'USDC',
        lower: 16,
        upper: 25,
        liquidity: null,
        notional: 60000,
        hedges: null,
        label: null,
        feeApr: null,
        line: 6,
      },
    ]);
    // a file of v3 rows needs no quantity or notional column
    expect(parse('symbol,kind,quote,liquidity,lower,upper\nSOL,v3,USDC,1,2,3\n')).toHaveLength(1);
  });

  it('reports each bad pool row once, located', () => {
    const text = [
      'Symbol,Kind,Quote,Quantity,Notional,Liquidity,Lower,Upper',
      'A,v4,USDC,1,,,,',
      'B,spto,,1,,,,',
      'C,v3,USDC,,,100,3000,1500',
      'D,v3,USDC,,,100,,',
      'E,v3,USDC,,,0,1,2',
      'F,v2,USDC,1,,,1,2',
      'G,spot,,1,,,1,',
      'H,,USDC,1,,,,',
      'I,v2,,1,,,,',
      'J,v3,USDC,1,,,1,2',
      'K,v2,USDC,,-5,,,',
      'L,v3,USDC,,,5,-1,2',
      'M,v2,USDC,,,7,,',
      'N,v3,USDC,,100,5,1,2',
      'O,v3,USDC,,,,1,2',
    ].join('\n');
    expect(errors(text)).toEqual([
      'positions.csv:2: column "Kind": unknown kind "v4": expected spot, v2 or v3',
      'positions.csv:3: column "Kind": unknown kind "spto": expected spot, v2 or v3 (did you mean "spot"?)',
      'positions.csv:4: "lower" (3000) must be below "upper" (1500)',
      'positions.csv:5: a v3 row needs its range: "lower" and "upper"',
      'positions.csv:6: column "Liquidity": a pool position must be greater than zero, got 0',
      'positions.csv:7: column "Lower": "lower" applies only to v3 rows, not to v2 rows',
      'positions.csv:8: column "Lower": "lower" applies only to pool rows (kind v2 or v3), not to spot rows',
      'positions.csv:9: column "Quote": "quote" applies only to pool rows (kind v2 or v3), not to spot rows',
      'positions.csv:10: a v2 row needs "quote", the pool\'s other token (e.g. USDC or ETH)',
      'positions.csv:11: column "Quantity": a v3 row takes "liquidity" or "notional", not "quantity"',
      'positions.csv:12: column "Notional": a pool position must be greater than zero, got -5',
      'positions.csv:13: column "Lower": must be greater than zero, got -1',
      'positions.csv:14: column "Liquidity": "liquidity" applies only to v3 rows, not to v2 rows',
      'positions.csv:15: both "liquidity" and "notional" are given: give one of them',
      'positions.csv:16: no "liquidity" or "notional": give one of them',
    ]);
  });
});
