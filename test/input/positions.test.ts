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
        line: 3,
      },
      {
        kind: 'spot',
        symbol: 'XRP',
        quantity: null,
        notional: 250000,
        hedges: ['BTC', 'ETH', 'SOL'],
        label: 'desk #2, long',
        line: 5,
      },
      {
        kind: 'spot',
        symbol: 'ADA',
        quantity: 3,
        notional: null,
        hedges: null,
        label: null,
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

  it('returns no positions for a header only or comments only', () => {
    expect(parse('symbol,quantity\n')).toEqual([]);
    expect(parse('# nothing yet\n')).toEqual([]);
  });

  it('reports a missing column with a suggestion', () => {
    expect(errors('symbl,quantity\nETH,1\n')).toEqual([
      'positions.csv:1: missing column "symbol" (did you mean "symbl"?)',
    ]);
    expect(errors('symbol,qty\nETH,1\n')).toEqual([
      'positions.csv:1: missing column "quantity" or "notional"',
    ]);
    expect(errors('symbol,notionl\nETH,1\n')).toEqual([
      'positions.csv:1: missing column "quantity" or "notional" (did you mean "notionl"?)',
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
});
