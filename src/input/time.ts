/**
 * Time values of the prices file and of `--from`/`--to`: parsed by hand (no regex, no Date.parse,
 * no allocation) because every row of a large prices file goes through parseTime.
 */

const MS_PER_DAY = 86_400_000;
/** Largest |epoch ms| a JavaScript Date can hold. */
const MAX_TIME_MS = 8.64e15;
/** |value| at or above this is read as epoch milliseconds, below as epoch seconds. */
const EPOCH_MS_THRESHOLD = 1e11;

/**
 * Parses one time value into epoch milliseconds (UTC). Accepted forms (surrounding whitespace
 * ignored):
 * - ISO 8601 date `2024-01-02` (UTC midnight), or basic form `20240102` (exactly 8 digits);
 * - ISO 8601 date-time `2024-01-02T03:04`, `…T03:04:05`, `…T03:04:05.123456` (`T`, `t` or a space
 *   between date and time; `.` or `,` before the fraction), optionally followed (a space allowed
 *   before it) by `Z`, `±HH`, `±HHMM` or `±HH:MM`; without a zone, UTC is assumed;
 * - Unix epoch seconds or milliseconds, integer or decimal (`1704153600`, `1704153600.5`,
 *   `1704153600000`), optionally signed: |v| ≥ 1e11 is milliseconds (1e11 ms is 1973-03-03;
 *   1e11 s is year 5138). An 8-digit integer is a basic ISO date, not epoch seconds.
 * Fractions of a millisecond are rounded to the nearest millisecond.
 * Cost: O(length), no allocation.
 * @returns epoch ms, or null when the text is not a valid time: impossible dates (2023-02-30,
 *   Feb 29 outside leap years), hours above 23, minutes or seconds above 59, any other text.
 */
export function parseTime(text: string): number | null {
  let s = 0;
  let e = text.length;
  while (s < e && isBlank(text.charCodeAt(s))) s++;
  while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
  if (e - s >= 10 && text.charCodeAt(s + 4) === 45 /* - */) return parseIso(text, s, e);
  if (e - s === 8 && digitsAt(text, s, 8) >= 0) {
    return dateMs(digitsAt(text, s, 4), digitsAt(text, s + 4, 2), digitsAt(text, s + 6, 2));
  }
  return parseEpoch(text, s, e);
}

/**
 * Formats epoch milliseconds as ISO 8601 UTC: `2024-01-31` when exactly midnight, else
 * `2024-01-31T12:00:00Z`, with `.123` only when the milliseconds are not zero.
 * @throws RangeError when `ms` is not a finite time within the Date range.
 */
export function formatTime(ms: number): string {
  const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ (±YYYYYY for far years)
  const t = iso.indexOf('T');
  if (ms % MS_PER_DAY === 0) return iso.slice(0, t);
  return ms % 1000 === 0 ? `${iso.slice(0, t + 9)}Z` : iso;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). H. Hinnant, days_from_civil. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year × 12 + (month − 1) of a day number (days since 1970-01-01). H. Hinnant, civil_from_days. */
export function monthIndexOfDay(days: number): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0xfeff;
}

/** Value of `n` decimal digits at `at`, or −1 if any is not a digit or out of range. */
function digitsAt(text: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1; // NaN past the end fails too
    v = v * 10 + d;
  }
  return v;
}

/**
 * Epoch ms of UTC midnight of year y (0 or more), month m (1–12), day d, or null when there is
 * no such day (2023-02-30, Feb 29 outside leap years).
 */
export function dateMs(y: number, m: number, d: number): number | null {
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return daysFromCivil(y, m, d) * MS_PER_DAY;
}

function parseIso(text: string, s: number, e: number): number | null {
  const year = digitsAt(text, s, 4);
  const month = text.charCodeAt(s + 7) === 45 ? digitsAt(text, s + 5, 2) : -1;
  const day = digitsAt(text, s + 8, 2);
  const date = dateMs(year, month, day);
  if (date === null) return null;
  let p = s + 10;
  if (p === e) return date;
  const sep = text.charCodeAt(p);
  if (sep !== 84 /* T */ && sep !== 116 /* t */ && sep !== 32) return null;
  p++;
  const hour = digitsAt(text, p, 2);
  if (hour < 0 || hour > 23 || text.charCodeAt(p + 2) !== 58 /* : */) return null;
  const minute = digitsAt(text, p + 3, 2);
  if (minute < 0 || minute > 59) return null;
  p += 5;
  let second = 0;
  let ms = 0;
  if (text.charCodeAt(p) === 58) {
    second = digitsAt(text, p + 1, 2);
    if (second < 0 || second > 59) return null;
    p += 3;
    const dot = text.charCodeAt(p);
    if (dot === 46 /* . */ || dot === 44 /* , */) {
      p++;
      const start = p;
      let scale = 100;
      let frac = 0;
      while (p < e) {
        const d = text.charCodeAt(p) - 48;
        if (d < 0 || d > 9) break;
        if (scale >= 1) frac += d * scale;
        else if (scale === 0.1 && d >= 5) frac += 1; // round at the fourth digit
        scale /= 10;
        p++;
      }
      if (p === start) return null;
      ms = frac;
    }
  }
  let offsetMinutes = 0;
  if (p < e) {
    if (text.charCodeAt(p) === 32) p++;
    const z = text.charCodeAt(p);
    if (z === 90 /* Z */ || z === 122 /* z */) {
      p++;
    } else if (z === 43 /* + */ || z === 45 /* - */) {
      const oh = digitsAt(text, p + 1, 2);
      if (oh < 0 || oh > 23) return null;
      p += 3;
      let om = 0;
      if (p < e) {
        if (text.charCodeAt(p) === 58) p++;
        om = digitsAt(text, p, 2);
        if (om < 0 || om > 59) return null;
        p += 2;
      }
      offsetMinutes = (z === 45 ? -1 : 1) * (oh * 60 + om);
    } else return null;
    if (p !== e) return null;
  }
  const t = date + hour * 3_600_000 + (minute - offsetMinutes) * 60_000 + second * 1000 + ms;
  return Math.abs(t) <= MAX_TIME_MS ? t : null;
}

function parseEpoch(text: string, s: number, e: number): number | null {
  let p = s;
  let sign = 1;
  const c0 = text.charCodeAt(p);
  if (c0 === 45 || c0 === 43) {
    if (c0 === 45) sign = -1;
    p++;
  }
  let int = 0;
  let intDigits = 0;
  while (p < e) {
    const d = text.charCodeAt(p) - 48;
    if (d < 0 || d > 9) break;
    int = int * 10 + d;
    intDigits++;
    p++;
  }
  let frac = 0;
  let fracDigits = 0;
  if (p < e && text.charCodeAt(p) === 46) {
    p++;
    let scale = 0.1;
    while (p < e) {
      const d = text.charCodeAt(p) - 48;
      if (d < 0 || d > 9) break;
      if (fracDigits < 9) frac += d * scale;
      scale /= 10;
      fracDigits++;
      p++;
    }
  }
  if (p !== e || intDigits === 0 || intDigits > 16) return null;
  const ms =
    int >= EPOCH_MS_THRESHOLD ? int + Math.round(frac) : int * 1000 + Math.round(frac * 1000);
  if (ms > MAX_TIME_MS) return null;
  return sign * ms === 0 ? 0 : sign * ms;
}
