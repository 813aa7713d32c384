/**
 * `--window` and `--halflife` as durations (`30d`, `8w`, `12h`): a number of observations only
 * once the data's spacing is known, so they are parsed with the flags and resolved after the
 * prices are read (src/cli/run.ts).
 *
 * The spacing: with `--frequency daily`, `weekly` or `monthly`, one day, 7 days or a twelfth of
 * the Gregorian year (30.436875 days); with `native`, the median interval between consecutive
 * price times inside --from/--to (of at most 10,001 intervals evenly spread over the range).
 * A window is the duration ÷ spacing rounded to the nearest whole number (at least 4); a
 * half-life is the quotient itself (positive).
 */
import * as z from 'zod/mini';
import { UsageError } from '../errors';
import { rangeBounds } from '../input/align';
import { parseNumberCell } from '../input/cells';
import type { Frequency, Settings } from '../settings';
import { showText } from '../report/text';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const UNIT_MS: Readonly<Record<string, number>> = { h: HOUR_MS, d: DAY_MS, w: 7 * DAY_MS };

/** A flag given as a duration, before the data's spacing turns it into observations. */
export interface DurationFlag {
  /** The settings key it sets (`window`, `halflife`). */
  readonly key: string;
  /** The flag as typed, e.g. `--window`. */
  readonly flag: string;
  /** The value as typed, e.g. `30d`. */
  readonly text: string;
  readonly ms: number;
  /** Windows are whole numbers of observations (at least `min`); half-lives need not be. */
  readonly integer: boolean;
  readonly min: number;
}

/** The milliseconds of a duration such as `30d`, `8w`, `12h`, `1.5d`; null for anything else. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([hdw])$/i.exec(text.trim());
  if (m === null) return null;
  const ms = Number(m[1]) * UNIT_MS[m[2]!.toLowerCase()]!;
  return ms > 0 && Number.isFinite(ms) ? ms : null;
}

/**
 * An estimator parameter's flag value (`--halflife <n>`, as typed) when it is a duration:
 * recorded in `durations` and NaN until resolved; null when it is a number or absent.
 */
export function durationParam(
  key: string,
  flag: string,
  text: string | undefined,
  durations: DurationFlag[],
): number | null {
  const ms = text === undefined ? null : parseDuration(text);
  if (ms === null) return null;
  const name = flag.split(' ')[0]!;
  durations.push({ key, flag: name, text: text!.trim(), ms, integer: false, min: 0 });
  return NaN;
}

/** A flag value that is a number greater than 0 or a duration (`--halflife`). */
export const positiveOrDuration = z.string().check(
  z.refine(
    (s) =>
      // a number as a data cell reads it (no 0x1e, 0b1), or a duration
      (parseNumberCell(s) ?? NaN) > 0 || parseDuration(s) !== null,
    { error: 'expected a number greater than 0 or a duration such as 30d, 8w, 12h' },
  ),
);

/** A `--window` value: a whole number ≥ 4 or a duration. */
export const windowText = z
  .string()
  .check(
    z.refine(
      (s) =>
        (/^\d+$/.test(s.trim()) && Number(s) >= 4 && Number.isSafeInteger(Number(s))) ||
        parseDuration(s) !== null,
      { error: 'expected a whole number ≥ 4 or a duration such as 30d, 8w, 12h' },
    ),
  );

/** --window: n returns, or NaN for a duration (added to `durations`). */
export function windowOf(text: string, durations: DurationFlag[]): number {
  const ms = parseDuration(text);
  if (ms === null) return Number(text);
  durations.push({ key: 'window', flag: '--window', text: text.trim(), ms, integer: true, min: 4 });
  return NaN;
}

/** The nominal spacing of a resampled frequency, in ms (null for native). */
function nominalSpacing(f: Frequency): number | null {
  switch (f) {
    case 'daily':
      return DAY_MS;
    case 'weekly':
      return 7 * DAY_MS;
    case 'monthly':
      return (365.2425 / 12) * DAY_MS;
    case 'native':
      return null;
  }
}

/**
 * The data's spacing in ms (see the module comment); null when the range has fewer than two
 * price times. `times` ascending.
 */
export function dataSpacing(
  times: Float64Array,
  frequency: Frequency,
  from: number | null,
  to: number | null,
): number | null {
  const nominal = nominalSpacing(frequency);
  if (nominal !== null) return nominal;
  const { start, end } = rangeBounds(times, from, to);
  const intervals = end - start - 1;
  if (intervals < 1) return null;
  const count = Math.min(intervals, 10_001);
  const d = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const at = start + Math.floor((i * intervals) / count);
    d[i] = times[at + 1]! - times[at]!;
  }
  d.sort();
  return d[count >> 1]!;
}

/** `1 day`, `7 days`, `30.4 days`, `1 hour`, `15 minutes`. */
export function spacingText(ms: number): string {
  const plural = (v: number, unit: string) => `${v} ${unit}${v === 1 ? '' : 's'}`;
  if (ms >= DAY_MS) return plural(Number((ms / DAY_MS).toFixed(1)), 'day');
  if (ms >= HOUR_MS) return plural(Number((ms / HOUR_MS).toFixed(1)), 'hour');
  return plural(Number((ms / 60_000).toFixed(1)), 'minute');
}

/**
 * The settings with each duration flag turned into observations at the data's spacing, and one
 * note per flag saying what it became.
 * @throws UsageError when the spacing is unknown or a window comes out below its minimum
 */
export function resolveDurations(
  settings: Settings,
  flags: readonly DurationFlag[],
  spacing: number | null,
): { settings: Settings; notes: string[] } {
  if (flags.length === 0) return { settings, notes: [] };
  const values: Record<string, number> = {};
  const notes: string[] = [];
  for (const f of flags) {
    const what = `${f.flag} "${showText(f.text)}"`;
    if (spacing === null || !(spacing > 0)) {
      throw new UsageError(`${what}: the prices have fewer than two times in range, so no spacing`);
    }
    const exact = f.ms / spacing;
    const v = f.integer ? Math.round(exact) : exact;
    if (!(v >= f.min)) {
      const shown = f.integer ? String(v) : exact.toPrecision(3);
      throw new UsageError(
        `${what}: ${shown} observation${shown === '1' ? '' : 's'} at the data's spacing of ${spacingText(spacing)}; need at least ${f.min}`,
      );
    }
    values[f.key] = v;
    const shown = f.integer ? String(v) : String(Number(v.toPrecision(4)));
    notes.push(
      `${f.flag} ${showText(f.text)} = ${shown} observation${shown === '1' ? '' : 's'} at the data's spacing of ${spacingText(spacing)}`,
    );
  }
  return { settings: { ...settings, ...values }, notes };
}
