/**
 * Price and time cells read from their bytes, for the scanner (./scan.ts): the common forms
 * without making a string, everything else through the shared parsers (parseNumberCell,
 * parseTime), so that every cell converts to exactly what the simple reader gives.
 */
import { parseNumberCell } from '../cells';
import { dateMs, parseTime } from '../time';
import { MAX_DECIMALS, POW10 } from './codes';

/** Sentinel: a byte-level reader declined; the caller decodes the cell and uses the shared parser. */
export const DECLINED = -Infinity;

/**
 * Where the last {@link decimalField} stopped and what it read: owned by one scan (it is the
 * reader's second and third return values, kept in an object to avoid allocating one per cell).
 */
export interface FieldCursor {
  /** The end of the field (a comma, or the line's end). */
  end: number;
  /** The value as written: mantissa m ≥ 0 (−1 if negative or empty) over 10^decimals. */
  mantissa: number;
  decimals: number;
}

/** A cursor for one scan. */
export function newFieldCursor(): FieldCursor {
  return { end: 0, mantissa: -1, decimals: 0 };
}

/**
 * A plain decimal `-?digits[.digits]` (1–40 digits) in the field that starts at `a` on a line
 * ending at `e`, converted while the field's end is found (one pass over its bytes instead of a
 * search for the comma, then a parse). Exactly the double Number() gives, which parseNumberCell
 * gives for such text: when the digits make an integer m < 2^53 and there are f ≤ 22 decimals,
 * m and 10^f are exact doubles and one IEEE division rounds correctly; with more digits (pandas'
 * 17-significant-digit floats), Number() of the field's text itself (`text`: b as latin1 text
 * when the caller has it, which is cheaper to slice).
 * @returns the field's value, with its end, and for the first kind its mantissa and decimals, in
 *   `cursor` (mantissa −1 for a negative or long one); NaN for an empty field; DECLINED
 *   (cursor.end unset) for a byte other than `-`, a digit or one `.` before the comma, or more
 *   than 40 digits: the caller then takes the general path, which gives these cells their
 *   meaning.
 */
export function decimalField(
  b: Buffer,
  a: number,
  e: number,
  cursor: FieldCursor,
  text: string | null = null,
): number {
  let i = a;
  if (i === e || b[i] === 44) {
    cursor.end = i;
    cursor.mantissa = -1;
    return NaN;
  }
  let neg = false;
  if (b[i] === 45) {
    neg = true;
    i++;
  }
  let m = 0;
  let digits = 0;
  let dot = -1;
  for (; i < e; i++) {
    const c = b[i]!;
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
    } else if (c === 44) break;
    else if (c === 46 && dot < 0) dot = digits;
    else return DECLINED;
  }
  if (digits === 0 || digits > MAX_PLAIN_DIGITS) return DECLINED;
  cursor.end = i;
  const f = dot < 0 ? 0 : digits - dot;
  // m is exact when below 2^53 (rounding is monotone: an m that reached 2^53 is not below it)
  if (m < TWO_53 && f <= MAX_DECIMALS) {
    const v = m / POW10[f]!; // m / 1 = m
    cursor.mantissa = neg ? -1 : m;
    cursor.decimals = f;
    return neg ? -v : v;
  }
  cursor.mantissa = -1;
  return Number(text !== null ? text.slice(a, i) : b.toString('latin1', a, i));
}

/** 2^53: integers below it are exact doubles. */
const TWO_53 = 9007199254740992;

/** Digits of the longest plain decimal decimalField reads (always finite: far below 10^308). */
const MAX_PLAIN_DIGITS = 40;

/**
 * A price cell b[a, e) as the simple reader converts it: NaN for an empty cell.
 * @returns the value, or undefined when the simple reader would report a problem (not a number,
 *   or not above zero with `positive`).
 */
export function priceCell(
  b: Buffer,
  a: number,
  e: number,
  positive: boolean,
  cursor: FieldCursor,
): number | undefined {
  if (a === e) return NaN;
  const v = decimalField(b, a, e, cursor);
  if (v === DECLINED || cursor.end !== e) return generalPriceCell(b, a, e, positive);
  return positive && v <= 0 ? undefined : v;
}

/** {@link priceCell} through parseNumberCell, for a cell decimalField declined. */
export function generalPriceCell(
  b: Buffer,
  a: number,
  e: number,
  positive: boolean,
): number | undefined {
  const v = parseNumberCell(b.toString('utf8', a, e));
  return v === undefined || (positive && v <= 0) ? undefined : v;
}

/**
 * The month of the last ISO date seen (`YYYY-MM-`), so that the rows of one month read its start
 * and length once: owned by one scan.
 */
export interface DateCache {
  readonly month: Uint8Array;
  /** Epoch ms of the month's first day (NaN: no month cached). */
  start: number;
  /** Days in the month. */
  days: number;
}

/** An empty date cache, for one scan. */
export function newDateCache(): DateCache {
  return { month: new Uint8Array(8), start: NaN, days: 0 };
}

const MAX_TIME_MS = 8.64e15;
const DAY_MS = 86_400_000;

/** The two digits at b[i] as a number 0–99, or −1 when either is not a digit. */
function two(b: Uint8Array, i: number): number {
  const h = b[i]! - 48;
  const l = b[i + 1]! - 48;
  return h >= 0 && h <= 9 && l >= 0 && l <= 9 ? h * 10 + l : -1;
}

/**
 * parseTime of b[a, e) without making a string for the common forms: `YYYY-MM-DD`, with
 * `[T t space]hh:mm`, `:ss` and `Z`; integer epoch seconds or milliseconds; anything else is
 * parseTime of the decoded text. `text`, when given, is b as latin1 text (the in-thread scanner
 * has it: slicing it is cheaper).
 * @returns epoch ms, or null when parseTime gives null (not a valid time).
 */
export function timeCell(
  b: Buffer,
  a: number,
  e: number,
  cache: DateCache,
  text: string | null = null,
): number | null {
  const len = e - a;
  if (len >= 10 && b[a + 4] === 45) {
    const date = dateCell(b, a, cache, text);
    if (date !== date) return parseTime(b.toString('utf8', a, e));
    return len === 10 ? date : dateTimeCell(b, a, e, date);
  }
  return epochCell(b, a, e);
}

/**
 * The date b[a, a + 10) as parseTime reads it, or NaN. `YYYY-MM-DD` in digits and dashes is
 * parseTime's own dateMs, through the month: dateMs(y, m, d) = dateMs(y, m, 1) + (d − 1) days
 * for 1 ≤ d ≤ the month's days (its day count is linear in d; every term an integer below
 * 2^53), so a month is read once. Anything else is parseTime of the ten characters.
 */
function dateCell(b: Buffer, a: number, cache: DateCache, text: string | null): number {
  const cm = cache.month;
  let same = true;
  for (let i = 0; i < 8; i++) {
    if (cm[i] !== b[a + i]) {
      same = false;
      break;
    }
  }
  if (!same) {
    for (let i = 0; i < 8; i++) cm[i] = b[a + i]!;
    cacheMonth(b, a, cache);
  }
  const d = two(b, a + 8);
  if (d >= 1 && d <= cache.days) return cache.start + (d - 1) * DAY_MS;
  return parseTime(text !== null ? text.slice(a, a + 10) : b.toString('latin1', a, a + 10)) ?? NaN;
}

/** Caches the month of `YYYY-MM-` at b[a]: its first day and its length, by dateMs (or none). */
function cacheMonth(b: Buffer, a: number, cache: DateCache): void {
  const y1 = two(b, a);
  const y2 = two(b, a + 2);
  const m = two(b, a + 5);
  const start = y1 >= 0 && y2 >= 0 && b[a + 7] === 45 ? dateMs(y1 * 100 + y2, m, 1) : null;
  const next =
    start === null
      ? null
      : m === 12
        ? dateMs(y1 * 100 + y2 + 1, 1, 1)
        : dateMs(y1 * 100 + y2, m + 1, 1);
  cache.start = start ?? NaN;
  cache.days = start === null || next === null ? 0 : (next - start) / DAY_MS;
}

/**
 * A date and time b[a, e) on the day `date` (epoch ms): `[T t space]hh:mm`, `:ss`, `Z`, with
 * parseTime's arithmetic (all integers below 2^53, so exact in any order); else parseTime.
 */
function dateTimeCell(b: Buffer, a: number, e: number, date: number): number | null {
  const len = e - a;
  const sep = b[a + 10];
  if (
    (sep === 84 || sep === 116 || sep === 32) &&
    (len === 16 || len === 17 || len === 19 || len === 20)
  ) {
    const hh = two(b, a + 11);
    const mm = b[a + 13] === 58 ? two(b, a + 14) : -1;
    let ss = 0;
    let p = a + 16;
    if (len >= 19 && b[p] === 58) {
      ss = two(b, p + 1);
      p += 3;
    }
    const zone = p === e ? true : p + 1 === e && (b[p] === 90 || b[p] === 122);
    if (zone && hh >= 0 && hh <= 23 && mm >= 0 && mm <= 59 && ss >= 0 && ss <= 59) {
      const t = date + hh * 3_600_000 + mm * 60_000 + ss * 1000;
      if (Math.abs(t) <= MAX_TIME_MS) return t;
    }
  }
  return parseTime(b.toString('utf8', a, e));
}

/** An integer epoch in seconds or milliseconds b[a, e) as parseTime reads it; else parseTime. */
function epochCell(b: Buffer, a: number, e: number): number | null {
  const len = e - a;
  if (len > 0 && len <= 16 && len !== 8) {
    let v = 0;
    let i = a;
    for (; i < e; i++) {
      const d = b[i]! - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (i === e) {
      const ms = v >= 1e11 ? v : v * 1000;
      if (ms <= MAX_TIME_MS) return ms;
    }
  }
  return parseTime(b.toString('utf8', a, e));
}
