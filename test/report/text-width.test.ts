/**
 * textWidth (src/report/text-width.ts), cli-table3's measure in the build, gives string-width's
 * widths: every character of its one-column class checked against string-width itself, and
 * mixed text either way.
 */
import fc from 'fast-check';
import path from 'node:path';
import stringWidth from 'string-width';
import { ONE_COLUMN, textWidth } from '../../src/report/text-width';

/** Every BMP code unit in ONE_COLUMN (the class has no surrogates). */
const oneColumn: string[] = [];
for (let c = 0; c < 0x10000; c++) {
  const s = String.fromCharCode(c);
  if (ONE_COLUMN.test(s)) oneColumn.push(s);
}

test('string-width counts every character of the class as one column', () => {
  expect(oneColumn.length).toBeGreaterThan(500);
  const wrong = oneColumn.filter((s) => stringWidth(s) !== 1);
  expect(wrong).toEqual([]);
});

test('text of class characters: string-width gives its length (no emoji sequence, no escape)', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...oneColumn), { maxLength: 40 }), (chars) => {
      const s = chars.join('');
      expect(textWidth(s)).toBe(s.length);
      expect(stringWidth(s)).toBe(s.length);
    }),
    { numRuns: 3000 },
  );
});

test('anything else is measured by string-width', () => {
  const others = [
    '古', // wide
    '\u001b[1mβ ± SE\u001b[22m', // escapes
    '👍', // astral emoji
    '⚠\ufe0f', // emoji presentation
    '©', // emoji
    'e\u0301', // combining
    '1\ufe0f\u20e3', // keycap
  ];
  for (const s of others) {
    expect(ONE_COLUMN.test(s)).toBe(false);
    expect(textWidth(s)).toBe(stringWidth(s));
  }
  expect(textWidth('古')).toBe(2);
  expect(textWidth('\u001b[1mβ ± SE\u001b[22m')).toBe(6);
});

test('the characters of a typical table are in the class', () => {
  for (const s of [
    'β ± SE',
    'ρ rolling 30',
    '⚠',
    '✔',
    '▁▂▃▄▅▆▇█',
    '0.78…0.96 now 0.95',
    '–',
    '·',
  ]) {
    expect(ONE_COLUMN.test(s)).toBe(true);
  }
});

test('cli-table3 and this module measure with the same string-width', () => {
  const table = path.dirname(require.resolve('cli-table3'));
  expect(require.resolve('string-width', { paths: [table] })).toBe(require.resolve('string-width'));
});
