/**
 * The scanner's cell readers (src/input/prices/byte-cells.ts) against the shared parsers they
 * stand in for: timeCell against parseTime, decimalField and priceCell against parseNumberCell
 * (JavaScript's own correctly rounded string-to-double conversion).
 */
import fc from 'fast-check';
import { parseNumberCell } from '../../../src/input/cells';
import {
  DECLINED,
  decimalField,
  newDateCache,
  newFieldCursor,
  priceCell,
  timeCell,
} from '../../../src/input/prices/byte-cells';
import { parseTime } from '../../../src/input/time';

describe('the byte-level cell readers agree with the shared parsers', () => {
  test('timeCell equals parseTime on ISO forms, epochs and near misses', () => {
    const cache = newDateCache();
    const two = (lo: number, hi: number) =>
      fc.integer({ min: lo, max: hi }).map((v) => String(v).padStart(2, '0'));
    const iso = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }).map((v) => String(v).padStart(4, '0')),
        two(0, 13),
        two(0, 32),
        fc.constantFrom('', 'T', 't', ' ', 'x'),
        two(0, 25),
        two(0, 61),
        fc.constantFrom('', ':00', ':59', ':60', ':5', '.5'),
        fc.constantFrom('', 'Z', 'z', '+01:00', ' '),
      )
      .map(
        ([y, m, d, sep, hh, mm, ss, z]) =>
          `${y}-${m}-${d}${sep === '' ? '' : `${sep}${hh}:${mm}${ss}${z}`}`,
      );
    const epoch = fc.oneof(
      fc.integer({ min: 0, max: 2 ** 52 }).map(String),
      fc.constantFrom(
        '20240102',
        '-5',
        '1e9',
        '99999999999',
        '100000000000',
        '8640000000000001',
        ' 1',
      ),
    );
    // a date with one of its ten characters changed: a blank, a sign, a letter, a dash, a digit
    const nearDate = fc
      .tuple(
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom(' ', '+', '-', 'x', '/', '0', '9', '\u00a0'),
        fc.constantFrom('2024-02-29', '2023-02-29', '0000-01-01', '1999-12-31', '2024-04-31'),
        fc.constantFrom('', 'T10:00', ' 23:59:59Z'),
      )
      .map(([i, c, date, rest]) => `${date.slice(0, i)}${c}${date.slice(i + 1)}${rest}`);
    const withText = newDateCache();
    fc.assert(
      fc.property(fc.oneof(iso, epoch, nearDate, fc.string()), (text) => {
        const b = Buffer.from(text, 'utf8');
        expect(timeCell(b, 0, b.length, cache)).toBe(parseTime(text));
        // the in-thread reader's form: the same bytes with their latin1 text
        expect(timeCell(b, 0, b.length, withText, b.toString('latin1'))).toBe(parseTime(text));
      }),
      { seed: 7, numRuns: 8000 },
    );
  });

  test("timeCell equals parseTime on every month's first and last days, leap or not, day 00 or 32", () => {
    const cache = newDateCache();
    const texts: string[] = [];
    // every month from 1896 to 2105 (1900 and 2100 are not leap years, 2000 is)
    for (let i = 0; i < 2520; i++) {
      const month = new Date(Date.UTC(1896, i, 1)).toISOString().slice(0, 8);
      for (const d of ['01', '28', '29', '30', '31', '00', '32', '3x']) {
        for (const rest of ['', 'T12:30', ' 23:59:59Z']) texts.push(`${month}${d}${rest}`);
      }
    }
    const got = texts.map((t) => timeCell(Buffer.from(t), 0, t.length, cache));
    expect(got).toEqual(texts.map(parseTime));
  });

  test('decimalField reads every plain decimal exactly, and declines what is not one', () => {
    const cursor = newFieldCursor();
    // the value when decimalField reads the whole text as one field, else DECLINED; with the
    // latin1 text (the in-thread scanner's form) or without
    const whole = (b: Buffer, text: string | null = null) => {
      const v = decimalField(b, 0, b.length, cursor, text);
      return v === DECLINED || cursor.end !== b.length ? DECLINED : v;
    };
    const at = (t: string) => whole(Buffer.from(t));
    expect([at('123.456'), at('-0.5'), at('42'), at('.25'), at('7.')]).toEqual([
      123.456, -0.5, 42, 0.25, 7,
    ]);
    // a field ends at a comma, with its mantissa and decimals as written
    expect(decimalField(Buffer.from('12.50,7'), 0, 7, cursor)).toBe(12.5);
    expect(cursor).toEqual({ end: 5, mantissa: 1250, decimals: 2 });
    expect(decimalField(Buffer.from(',7'), 0, 2, cursor)).toBeNaN();
    expect(cursor.end).toBe(0);
    // 16 digits below 2^53: exact by division; pandas' 17 digits: Number() of the text
    expect(at('1234567890123456')).toBe(1234567890123456);
    expect(cursor.mantissa).toBe(1234567890123456);
    expect(at('0.03205300122499466')).toBe(0.03205300122499466);
    expect(cursor.mantissa).toBe(3205300122499466);
    expect(at('0.12345678901234567')).toBe(Number('0.12345678901234567'));
    expect(cursor.mantissa).toBe(-1);
    const long = '1'.repeat(41);
    expect([at('1e3'), at('+1'), at(' 1'), at('-'), at('1.2.3'), at(long)]).toEqual(
      Array(6).fill(DECLINED),
    );
    const plain = /^-?(?=\.?[0-9])[0-9]*(\.[0-9]*)?$/;
    const text = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.double({ min: 1e-4, max: 1e6, noNaN: true }).map((x) => String(Math.fround(x))),
      fc
        .tuple(fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.integer({ min: 0, max: 30 }))
        .map(([m, k]) => {
          const s = m.toString().padStart(k + 1, '0');
          return `${s.slice(0, s.length - k)}.${s.slice(s.length - k)}`;
        }),
      fc.stringMatching(/^-?[0-9]{0,18}(\.[0-9]{0,8})?$/),
    );
    fc.assert(
      fc.property(text, (t) => {
        const b = Buffer.from(t, 'latin1');
        const v = whole(b);
        const digits = t.replace(/[^0-9]/g, '').length;
        if (plain.test(t) && digits <= 40) expect(v).not.toBe(DECLINED);
        if (v !== DECLINED) {
          expect(Object.is(v, parseNumberCell(t))).toBe(true);
          expect(Object.is(whole(b, b.toString('latin1')), v)).toBe(true);
        }
        // priceCell: decimalField or parseNumberCell, always what the simple reader gives
        const p = priceCell(b, 0, b.length, false, cursor);
        expect(Object.is(p, parseNumberCell(t))).toBe(true);
      }),
      { seed: 11, numRuns: 5000 },
    );
  });
});
