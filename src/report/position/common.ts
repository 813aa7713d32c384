/** Small helpers every stage of a position uses. */
import type { Position } from '../../input/types';
import { showText } from '../text';
import type { ReportWarning } from '../types';

/** `x` if it is a finite number, else null: the report never carries NaN or ±Infinity. */
export function finite(x: number | null | undefined): number | null {
  return x !== null && x !== undefined && Number.isFinite(x) ? x : null;
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
