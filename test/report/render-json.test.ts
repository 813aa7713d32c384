/**
 * The JSON renderer (src/report/render-json.ts) on its own: non-finite numbers as null, terminal
 * controls inside strings as \u escapes, nothing else changed, one trailing newline.
 */
import { renderJson } from '../../src/report/render-json';
import type { Report } from '../../src/report/types';

const asReport = (v: unknown) => v as Report;

test('non-finite numbers are written as null, at any depth', () => {
  const text = renderJson(asReport({ a: NaN, b: [Infinity, 1.5, -Infinity], c: { d: -0, e: 2 } }));
  expect(JSON.parse(text)).toEqual({ a: null, b: [null, 1.5, null], c: { d: 0, e: 2 } });
});

test('a report without terminal controls is JSON.stringify with two spaces and a newline', () => {
  const report = { label: 'SOL ∼ BTC + ETH', beta: 1.2345678901234567, notes: ['é', '\t'] };
  expect(renderJson(asReport(report))).toBe(`${JSON.stringify(report, null, 2)}\n`);
});

test('C1, line-separator and bidi controls in strings become \\u escapes of the same text', () => {
  const label = 'a\u009b2Jb\u2028c\u202ed\u007f';
  const text = renderJson(asReport({ label }));
  expect(text).toBe('{\n  "label": "a\\u009b2Jb\\u2028c\\u202ed\\u007f"\n}\n');
  expect((JSON.parse(text) as { label: string }).label).toBe(label);
});
