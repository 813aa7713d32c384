import { parseInstruments } from '../../src/input/instruments';
import { problemsOf, source } from './helpers';

const parse = (text: string) => parseInstruments(source(text, 'instruments.csv'));
const errors = (text: string) => problemsOf(() => parse(text));

describe('parseInstruments', () => {
  it('reads linear and inverse contracts, kind case-insensitive, extra columns ignored', () => {
    const text =
      'Symbol,Lot,Multiplier,Kind,Face,venue\n# CME\nBTC,1,5,,,CME\nETH,0.1,50,Linear,,CME\nXBTUSD,1,1,INVERSE,100,BitMEX\n';
    expect(parse(text)).toEqual([
      { symbol: 'BTC', multiplier: 5, lot: 1, kind: 'linear', face: null, line: 3 },
      { symbol: 'ETH', multiplier: 50, lot: 0.1, kind: 'linear', face: null, line: 4 },
      { symbol: 'XBTUSD', multiplier: 1, lot: 1, kind: 'inverse', face: 100, line: 5 },
    ]);
  });

  it('needs no kind or face column', () => {
    expect(parse('symbol,multiplier,lot\nBTC,1,1\n')).toEqual([
      { symbol: 'BTC', multiplier: 1, lot: 1, kind: 'linear', face: null, line: 2 },
    ]);
  });

  it('returns nothing for a header only', () => {
    expect(parse('symbol,multiplier,lot\n')).toEqual([]);
  });

  it('reports missing and misspelt columns', () => {
    expect(errors('symbol,multiplyer,lots\nBTC,1,1\n')).toEqual([
      'instruments.csv:1: missing column "multiplier" (did you mean "multiplyer"?)',
      'instruments.csv:1: missing column "lot" (did you mean "lots"?)',
    ]);
  });

  it('reports every bad row', () => {
    const text = [
      'symbol,multiplier,lot,kind,face',
      'A,0,-1,,',
      'B,x,,perp,',
      'C,1,1,inverse,',
      'D,1,1,inverse,-5',
      'E,1,1,linear,5',
      ',1,1,,',
      'A,1,1,,',
    ].join('\n');
    expect(errors(text)).toEqual([
      'instruments.csv:2: column "multiplier": must be greater than zero, got 0',
      'instruments.csv:2: column "lot": must be greater than zero, got -1',
      'instruments.csv:3: column "multiplier": expected a number, got "x"',
      'instruments.csv:3: column "lot": missing value',
      'instruments.csv:3: column "kind": expected "linear" or "inverse", got "perp"',
      'instruments.csv:4: column "face": missing value: inverse contracts need a face value',
      'instruments.csv:5: column "face": must be greater than zero, got -5',
      'instruments.csv:6: column "face": only inverse contracts have a face value: set "kind" to inverse, or leave "face" empty',
      'instruments.csv:7: column "symbol": missing value',
      'instruments.csv:8: duplicate instrument "A" (also on line 2)',
    ]);
  });

  it('names the face column even when the file has none', () => {
    expect(errors('symbol,multiplier,lot,kind\nX,1,1,inverse\n')).toEqual([
      'instruments.csv:2: column "face": missing value: inverse contracts need a face value',
    ]);
  });
});
