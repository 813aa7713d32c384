/**
 * The environment variables the program reads, resolved and checked in one place: colour
 * (NO_COLOR, FORCE_COLOR), the table's width (COLUMNS) and the limits of docs/robustness.md (HEDGE_MAX_STREAM_MB,
 * HEDGE_MAX_POSITIONS).
 */
import { UsageError } from '../errors';
import { parseNumberCell, showValue } from '../input/cells';
import { DEFAULT_STREAM_LIMIT_BYTES, STREAM_LIMIT_ENV } from '../input/read';

/** Environment variables the program reads, resolved in one place. */
export interface Env {
  /** `NO_COLOR` set to anything non-empty disables colour (https://no-color.org). */
  readonly noColor: boolean;
  /**
   * `FORCE_COLOR` as chalk and supports-color read it: `true` when set to '', `true` or a number
   * ≥ 1 (colour even when stdout is not a terminal); `false` when set to `false` or `0` (no colour
   * even on a terminal); null when unset or anything else (the terminal decides).
   */
  readonly forceColor: boolean | null;
  /** HEDGE_MAX_STREAM_MB in bytes: most bytes read from stdin, a pipe or a device. */
  readonly streamLimitBytes: number;
  /** HEDGE_MAX_POSITIONS: most position rows one run takes. */
  readonly maxPositions: number;
  /** `COLUMNS`: the width the table is fitted to (a whole number ≥ 1), null when unset or not one. */
  readonly columns: number | null;
}

/** FORCE_COLOR as supports-color reads it (see Env.forceColor). */
function forceColorOf(value: string | undefined): boolean | null {
  if (value === undefined) return null;
  if (value === '' || value === 'true') return true;
  if (value === 'false') return false;
  const level = Number.parseInt(value, 10);
  return Number.isNaN(level) ? null : level > 0;
}

/** Positions one run takes unless HEDGE_MAX_POSITIONS says otherwise (see docs/robustness.md). */
export const DEFAULT_MAX_POSITIONS = 20_000;

/**
 * An environment variable holding a number greater than 0 (a whole one with `whole`), or
 * `fallback` when unset or blank. @throws UsageError
 */
function envNumber(
  vars: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  what: string,
  whole = false,
): number {
  const text = vars[name];
  if (text === undefined || text.trim() === '') return fallback;
  const v = parseNumberCell(text);
  if (v === undefined || !(v > 0) || (whole && !Number.isSafeInteger(v))) {
    throw new UsageError(`${name} ${showValue(text)}: expected ${what}`);
  }
  return v;
}

/** @throws UsageError for a HEDGE_MAX_STREAM_MB or HEDGE_MAX_POSITIONS that is not a number > 0 */
export function envFrom(vars: Readonly<Record<string, string | undefined>>): Env {
  const mb = envNumber(vars, STREAM_LIMIT_ENV, NaN, 'a number of megabytes greater than 0');
  const columns = /^\s*\d+\s*$/.test(vars.COLUMNS ?? '') ? Number(vars.COLUMNS) : 0;
  return {
    columns: columns >= 1 && Number.isSafeInteger(columns) ? columns : null,
    noColor: (vars.NO_COLOR ?? '') !== '',
    forceColor: forceColorOf(vars.FORCE_COLOR),
    streamLimitBytes: Number.isNaN(mb) ? DEFAULT_STREAM_LIMIT_BYTES : mb * 1e6,
    maxPositions: envNumber(
      vars,
      'HEDGE_MAX_POSITIONS',
      DEFAULT_MAX_POSITIONS,
      'a whole number greater than 0',
      true,
    ),
  };
}
