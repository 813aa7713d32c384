/** The positions file: one row per position to hedge. */
import { ProblemList } from '../errors';
import {
  forEachSchemaRow,
  optionalNumberCell,
  optionalTextCell,
  requiredTextCell,
  rowIssue,
  type TableColumns,
} from './csv';
import * as z from 'zod/mini';
import type { TextSource } from './read';
import type { Position } from './types';

const TABLE: TableColumns = {
  known: ['symbol', 'quantity', 'notional', 'hedges', 'label'],
  required: ['symbol', ['quantity', 'notional']],
};

/** Hedge symbols of one row: separated by `|`, commas or whitespace; none → null. */
const hedgesCell = z.pipe(
  z.string(),
  z.transform((s: string): string[] | null => {
    const list = s.split(/[|,\s]+/).filter((h) => h !== '');
    return list.length === 0 ? null : list;
  }),
);

const positionRow = z.pipe(
  z.object({
    symbol: requiredTextCell,
    quantity: optionalNumberCell,
    notional: optionalNumberCell,
    hedges: hedgesCell,
    label: optionalTextCell,
  }),
  z.transform((r, ctx) => {
    if (r.quantity !== null && r.notional !== null) {
      return rowIssue(ctx, 'both "quantity" and "notional" are given: give one of them', null);
    }
    if (r.quantity === null && r.notional === null) {
      return rowIssue(ctx, 'no "quantity" or "notional": give one of them', null);
    }
    return r;
  }),
);

/**
 * Parses the positions CSV: a header (names case-insensitive, any order, unknown columns ignored
 * unless they look like a misspelt known one), `#` comment lines, then one row per position
 * with `symbol`, exactly one of `quantity`/`notional`, optional `hedges` and `label`.
 * Symbols are not checked against the prices here (the caller does, with suggestions).
 * Cost: O(size of the file).
 * @returns the positions in file order; empty when the file has only a header, comments or
 *   nothing.
 * @throws InputError with every problem found (up to 20 and a count): CSV syntax, missing,
 *   duplicate or misspelt columns, ragged rows, empty symbol, a non-number quantity or notional,
 *   both or neither of them.
 */
export function parsePositions(src: TextSource): Position[] {
  const problems = new ProblemList();
  const positions: Position[] = [];
  forEachSchemaRow(src, problems, TABLE, positionRow, (r, _cells, line) => {
    if (r !== undefined) positions.push({ kind: 'spot', ...r, line });
  });
  problems.throwIfAny();
  return positions;
}
