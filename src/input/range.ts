/**
 * The estimation range (--from, --to) against the prices file's times: a range with no row is an
 * error, and a --to after the last row is worth a note (the report is valued at that row).
 */
import { InputError } from '../errors';
import { rangeBounds } from './align';
import { formatTime, parseTime } from './time';
import type { PriceTable } from './types';

const MS_PER_DAY = 86_400_000;

/** A bare-date --to is the last millisecond of its day (src/cli/options.ts): true for one. */
function isWholeDay(ms: number): boolean {
  return (ms + 1) % MS_PER_DAY === 0;
}

/** A range bound as the user gave it: a bare-date --to as its date. */
function boundText(ms: number): string {
  return formatTime(isWholeDay(ms) ? ms + 1 - MS_PER_DAY : ms);
}

/**
 * Checks that some row of the prices file lies in the range `from` … `to` (ISO texts of the
 * settings, null: unbounded).
 * @throws InputError naming the range and the file's first and last times when none does
 */
export function checkRangeHasRows(prices: PriceTable, from: string | null, to: string | null) {
  const times = prices.times;
  if (times.length === 0) return; // an empty file is reported where it is read
  const lo = from === null ? null : parseTime(from);
  const hi = to === null ? null : parseTime(to);
  const { start, end } = rangeBounds(times, lo, hi);
  if (end > start) return;
  const range =
    lo !== null && hi !== null
      ? `from ${boundText(lo)} to ${boundText(hi)}`
      : lo !== null
        ? `from ${boundText(lo)} on`
        : `up to ${boundText(hi!)}`;
  throw new InputError({
    file: prices.source,
    line: null,
    message: `no prices ${range}: the file runs from ${formatTime(times[0]!)} to ${formatTime(times[times.length - 1]!)}`,
  });
}

/**
 * The note for a --to after the file's last row (a bare date: after the day of the last row),
 * naming the date the report is valued at; null when --to is within the data or absent.
 */
export function valuationNote(prices: PriceTable, to: string | null): string | null {
  const times = prices.times;
  if (to === null || times.length === 0) return null;
  const hi = parseTime(to)!;
  const last = times[times.length - 1]!;
  const dayOfTo = isWholeDay(hi) ? hi + 1 - MS_PER_DAY : hi;
  if (last >= dayOfTo) return null;
  return `--to ${boundText(hi)} is after the last prices in ${prices.source}: the report is valued at ${formatTime(last)}`;
}
