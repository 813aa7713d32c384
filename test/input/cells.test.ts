import { cleanText, parseNumberCell, showValue } from '../../src/input/cells';

describe('parseNumberCell', () => {
  it.each([
    ['12', 12],
    ['-0.5', -0.5],
    ['+7', 7],
    ['.5', 0.5],
    ['5.', 5],
    ['1e-3', 0.001],
    ['1E3', 1000],
    ['0', 0],
    ['0.0', 0],
    [' 42 ', 42],
    ['007', 7],
    ['1.7976931348623157e308', 1.7976931348623157e308],
  ])('%j → %d', (text, v) => {
    expect(parseNumberCell(text)).toBe(v);
  });

  it.each(['', '   ', '\t'])('%j is missing (NaN)', (text) => {
    expect(parseNumberCell(text)).toBeNaN();
  });

  it.each([
    'n/a',
    'NaN',
    'nan',
    'Infinity',
    '-Infinity',
    '1e999',
    '-1e999',
    '0x10',
    '0b11',
    '0o7',
    '1,234',
    '$5',
    '5%',
    '1 2',
    '--1',
    'abc',
  ])('%j is not a number', (text) => {
    expect(parseNumberCell(text)).toBeUndefined();
  });
});

describe('showValue / cleanText', () => {
  it('quotes plain text', () => {
    expect(showValue('n/a')).toBe('"n/a"');
  });
  it('escapes quotes, backslashes and control characters', () => {
    expect(showValue('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(showValue('\x1b[31mred\n\r\t\x00\x7f\u0085')).toBe(
      '"\\x1b[31mred\\n\\r\\t\\x00\\x7f\\x85"',
    );
    expect(cleanText('x\u202ey\u2028\ufeff\u200b')).toBe('x\\u{202e}y\\u{2028}\\u{feff}\\u{200b}');
  });
  it('keeps non-ASCII letters', () => {
    expect(showValue('€ Zürich 東京')).toBe('"€ Zürich 東京"');
  });
  it('cuts long text at 40 code points', () => {
    expect(showValue('a'.repeat(40))).toBe(`"${'a'.repeat(40)}"`);
    expect(showValue('a'.repeat(41))).toBe(`"${'a'.repeat(40)}…"`);
    expect(cleanText('😀'.repeat(50))).toBe(`${'😀'.repeat(40)}…`);
  });
  it('escapes a lone surrogate', () => {
    expect(cleanText('a\ud800b')).toBe('a\\u{d800}b');
  });
});
