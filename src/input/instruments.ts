/** The optional instruments file: contract specifications for sizing hedges in contracts. */
import { ProblemList } from '../errors';
import {
  forEachSchemaRow,
  optionalNumberCell,
  positiveNumberCell,
  requiredTextCell,
  rowIssue,
  type TableColumns,
} from './csv';
import * as z from 'zod/mini';
import { showValue } from './cells';
import type { TextSource } from './read';
import type { Instrument } from './types';

const TABLE: TableColumns = {
  known: ['symbol', 'multiplier', 'lot', 'kind', 'face'],
  required: ['symbol', 'multiplier', 'lot'],
};

const kindCell = z.pipe(
  z.string(),
  z.transform((s: string, ctx): 'linear' | 'inverse' => {
    const k = s.toLowerCase();
    if (k === '' || k === 'linear') return 'linear';
    if (k === 'inverse') return 'inverse';
    return rowIssue(ctx, `expected "linear" or "inverse", got ${showValue(s)}`, null);
  }),
);

const instrumentRow = z.pipe(
  z.object({
    symbol: requiredTextCell,
    multiplier: positiveNumberCell,
    lot: positiveNumberCell,
    kind: kindCell,
    face: optionalNumberCell,
  }),
  z.transform((r, ctx) => {
    if (r.kind === 'inverse') {
      if (r.face === null)
        return rowIssue(ctx, 'missing value: inverse contracts need a face value', 'face');
      if (!(r.face > 0)) return rowIssue(ctx, `must be greater than zero, got ${r.face}`, 'face');
    } else if (r.face !== null) {
      return rowIssue(
        ctx,
        'only inverse contracts have a face value: set "kind" to inverse, or leave "face" empty',
        'face',
      );
    }
    return r;
  }),
);

/**
 * Parses the instruments CSV: header `symbol,multiplier,lot` with optional `kind` (`linear`,
 * the default, or `inverse`, case-insensitive) and `face` (required and > 0 for inverse, empty
 * for linear); names case-insensitive, any order; `#` comment lines. Multiplier and lot > 0.
 * Cost: O(size of the file).
 * @returns the instruments in file order; empty when the file has only a header, comments or
 *   nothing.
 * @throws InputError with every problem found (up to 20 and a count), including a symbol listed
 *   twice (`duplicate instrument "BTC" (also on line 3)`).
 */
export function parseInstruments(src: TextSource): Instrument[] {
  const problems = new ProblemList();
  const instruments: Instrument[] = [];
  const firstLine = new Map<string, number>();
  forEachSchemaRow(src, problems, TABLE, instrumentRow, (r, cells, line) => {
    const symbol = cells.symbol ?? '';
    const seen = firstLine.get(symbol);
    if (seen !== undefined) {
      const message = `duplicate instrument ${showValue(symbol)} (also on line ${seen})`;
      problems.add({ file: src.name, line, message });
      return;
    }
    if (symbol !== '') firstLine.set(symbol, line);
    if (r !== undefined) instruments.push({ ...r, line });
  });
  problems.throwIfAny();
  return instruments;
}
