/** Small helpers every stage of a position uses. */
import { MathError } from '../../errors';
import type { Position } from '../../input/types';
import { showText } from '../text';
import type { ReportWarning } from '../types';

/** `x` if it is a finite number, else null: the report never carries NaN or ±Infinity. */
export function finite(x: number | null | undefined): number | null {
  return x !== null && x !== undefined && Number.isFinite(x) ? x : null;
}

/**
 * `x` when it is finite; a MathError when it overflowed (±Infinity or NaN computed from finite
 * inputs): a report of nulls would hide that the input's magnitudes are beyond a double's range.
 * @param what the quantity, as the message names it (`the hedge notional`)
 */
export function checkedFinite(x: number, what: string): number {
  if (Number.isFinite(x)) return x;
  throw new MathError(
    `${what} overflows (beyond ±1.8e308, the largest number a double holds); check the magnitudes of its quantity, notional or liquidity`,
  );
}

/** A sentence-ready name of a position: `SOL` or `SOL [Treasury SOL]`. */
export function positionName(p: Position): string {
  return p.label ? `${showText(p.symbol)} [${showText(p.label)}]` : showText(p.symbol);
}

/** Adds a warning to a position's list. */
export type Warn = (
  code: ReportWarning['code'],
  severity: ReportWarning['severity'],
  message: string,
) => void;
