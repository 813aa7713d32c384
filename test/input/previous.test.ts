import { jsonLineOf, jsonSyntaxError, pathText } from '../../src/input/json-text';
import { parsePreviousReport } from '../../src/input/previous';
import { problemsOf, source } from './helpers';

const parse = (text: string) => parsePreviousReport(source(text, 'last.json'));
const errors = (text: string) => problemsOf(() => parse(text));

/** A minimal report as hedge writes it (two-space indentation), with `edit` applied. */
function report(edit: (r: Record<string, unknown>) => void = () => undefined): string {
  const r: Record<string, unknown> = {
    schemaVersion: 1,
    asOf: '2026-10-30',
    settings: { hedge: ['BTC'], lookback: null },
    positions: [
      {
        symbol: 'ZED',
        label: 'LP',
        quantity: 5,
        warnings: [{ code: 'BETA_BREAK', severity: 'critical', message: 'ZED [LP] beta moved' }],
      },
    ],
    totals: [{ symbol: 'BTC', hedgeNotional: -10, hedgeQuantity: -0.5, contracts: null }],
    warnings: [{ code: 'BETA_BREAK', severity: 'critical', message: 'ZED [LP] beta moved' }],
  };
  edit(r);
  return JSON.stringify(r, null, 2) + '\n';
}

describe('parsePreviousReport', () => {
  it('reads the fields changes compare; rebalance null when the report predates it', () => {
    expect(parse(report())).toEqual({
      asOf: '2026-10-30',
      settings: { hedge: ['BTC'], lookback: null },
      positions: [
        {
          symbol: 'ZED',
          label: 'LP',
          warnings: [{ code: 'BETA_BREAK', severity: 'critical', message: 'ZED [LP] beta moved' }],
        },
      ],
      totals: [{ symbol: 'BTC', hedgeQuantity: -0.5, rebalance: null }],
      warnings: [{ code: 'BETA_BREAK', severity: 'critical', message: 'ZED [LP] beta moved' }],
    });
    const withTrades = report((r) => {
      r.totals = [{ symbol: 'BTC', hedgeQuantity: -0.5, rebalance: true }];
    });
    expect(parse(withTrades).totals).toEqual([
      { symbol: 'BTC', hedgeQuantity: -0.5, rebalance: true },
    ]);
  });

  it('is not JSON: the line and what broke there', () => {
    expect(errors('symbol,quantity\nBTC,1\n')).toEqual([
      'last.json:1: not a hedge JSON report: invalid JSON: expected a value, got "s"',
    ]);
    expect(errors('{\n  "schemaVersion": 1\n  "asOf": null\n}\n')).toEqual([
      'last.json:3: not a hedge JSON report: invalid JSON: expected "," or "}" after a property value, got "\\""',
    ]);
    expect(errors('{\n  "schemaVersion": 1,\n  "totals": [\n')).toEqual([
      'last.json:4: not a hedge JSON report: invalid JSON: expected a value, got the end of the file',
    ]);
    expect(errors('{"a": [1, 2,]}')).toEqual([
      'last.json:1: not a hedge JSON report: invalid JSON: expected a value, got "]"',
    ]);
    expect(errors('{"a": "x\\q"}')).toEqual([
      'last.json:1: not a hedge JSON report: invalid JSON: invalid escape in a string: \\q',
    ]);
    expect(errors('['.repeat(100_000))).toEqual([
      'last.json: not a hedge JSON report: invalid JSON: nested too deeply',
    ]);
    expect(errors('{}\n{}\n')).toEqual([
      'last.json:2: not a hedge JSON report: invalid JSON: unexpected text after the JSON value',
    ]);
  });

  it('is JSON but not a report', () => {
    expect(errors('[1, 2]\n')).toEqual([
      'last.json:1: not a hedge JSON report: expected a JSON object, got an array',
    ]);
    expect(errors('\n"a report"\n')).toEqual([
      'last.json:2: not a hedge JSON report: expected a JSON object, got "a report"',
    ]);
    expect(errors('{\n  "name": "hedge",\n  "version": "1.0.0"\n}\n')).toEqual([
      'last.json:1: not a hedge JSON report: missing "schemaVersion"',
    ]);
  });

  it('another schemaVersion', () => {
    expect(errors(report((r) => (r.schemaVersion = 2)))).toEqual([
      'last.json:2: "schemaVersion" is 2: this version of hedge reads reports of schemaVersion 1',
    ]);
    expect(errors(report((r) => (r.schemaVersion = '1')))).toEqual([
      'last.json:2: "schemaVersion" is "1": this version of hedge reads reports of schemaVersion 1',
    ]);
  });

  it('every missing or mistyped field, located', () => {
    const text = report((r) => {
      delete r.settings;
      r.positions = [{ symbol: 7, warnings: [{ code: 'X', severity: 'bad', message: 'm' }] }];
      r.totals = [{ hedgeQuantity: '-0.5' }, 'BTC'];
    });
    expect(errors(text)).toEqual([
      'last.json:1: missing "settings"',
      'last.json:6: positions[0].symbol: expected a string, got 7',
      'last.json:5: positions[0]: missing "label"',
      'last.json:10: positions[0].warnings[0].severity: expected "info", "warning" or "critical", got "bad"',
      'last.json:17: totals[0]: missing "symbol"',
      'last.json:18: totals[0].hedgeQuantity: expected a number or null, got "-0.5"',
      'last.json:20: totals[1]: expected an object, got "BTC"',
    ]);
  });
});

describe('JSON locations', () => {
  const text =
    '{\n  "a": [\n    1,\n    {"b": "x\\"y", "c": [true, null]}\n  ],\n  "d e": -1.5e3\n}';

  it('finds the line where the value at a path starts', () => {
    expect(jsonLineOf(text, [])).toBe(1);
    expect(jsonLineOf(text, ['a'])).toBe(2);
    expect(jsonLineOf(text, ['a', 1, 'c', 1])).toBe(4);
    expect(jsonLineOf(text, ['d e'])).toBe(6);
    expect(jsonLineOf(text, ['a', 5])).toBeNull();
    expect(jsonLineOf(text, ['z'])).toBeNull();
  });

  it('accepts what JSON.parse accepts', () => {
    expect(jsonSyntaxError(text)).toBeNull();
    for (const t of ['0', '-0.1E+2', '"\\u00e9"', '[]', '{}', ' \r\n\ttrue ']) {
      expect(jsonSyntaxError(t)).toBeNull();
    }
    for (const t of ['01', '1.', '.5', '+1', 'tru', '"a\nb"', '{"a" 1}', '[1 2]', "{'a': 1}"]) {
      expect(() => JSON.parse(t)).toThrow();
      expect(jsonSyntaxError(t)).not.toBeNull();
    }
  });

  it('writes paths as in JavaScript', () => {
    expect(pathText(['totals', 2, 'hedgeQuantity'])).toBe('totals[2].hedgeQuantity');
    expect(pathText(['settings', 'a b'])).toBe('settings["a b"]');
  });
});
