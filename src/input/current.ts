/**
 * The current-hedges file (`--current`): the hedge instruments held now, one row per instrument
 * and venue. Loaded only when the flag is given.
 */
import { ProblemList } from '../errors';
import {
  forEachSchemaRow,
  optionalTextCell,
  requiredNumberCell,
  requiredTextCell,
  type TableColumns,
} from './csv';
import * as z from 'zod/mini';
import { showValue } from './cells';
import type { TextSource } from './read';
import { suggest } from './suggest';
import type { CurrentHolding, PriceTable } from './types';

const TABLE: TableColumns = {
  known: ['symbol', 'quantity', 'label'],
  required: ['symbol', 'quantity'],
};

const holdingRow = z.object({
  symbol: requiredTextCell,
  quantity: requiredNumberCell,
  label: optionalTextCell,
});

/**
 * Parses the current-hedges CSV: header `symbol,quantity` with an optional `label` (the venue or
 * account); names case-insensitive, any order, other columns ignored unless they look like a
 * misspelt known one; `#` comment lines. `quantity` is signed units (negative = short). A symbol
 * may appear on several rows (one per venue): the caller adds them up. Symbols are checked
 * against the prices by {@link checkCurrentSymbols}. Cost: O(size of the file).
 * @returns the rows in file order; empty when the file has only a header or comments (nothing
 *   is held).
 * @throws InputError with every problem found (up to 20 and a count): CSV syntax, missing,
 *   duplicate or misspelt columns, ragged rows, an empty symbol, an empty or non-numeric quantity,
 *   quantities of a symbol whose sum overflows.
 */
export function parseCurrent(src: TextSource): CurrentHolding[] {
  const problems = new ProblemList();
  const rows: CurrentHolding[] = [];
  const sums = new Map<string, number>();
  forEachSchemaRow(src, problems, TABLE, holdingRow, (r, _cells, line) => {
    if (r === undefined) return;
    rows.push({ ...r, line });
    const sum = (sums.get(r.symbol) ?? 0) + r.quantity;
    sums.set(r.symbol, sum);
    if (!Number.isFinite(sum)) {
      sums.set(r.symbol, 0); // reported once per overflow
      problems.add({
        file: src.name,
        line,
        message: `the quantities of ${showValue(r.symbol)} held add up beyond ±1.8e308 (the largest number a double holds)`,
      });
    }
  });
  problems.throwIfAny();
  return rows;
}

/**
 * Checks that every instrument held is a column (wide) or symbol (long) of the prices file,
 * located at its row of `sourceName`, with the nearest prices symbol as a suggestion.
 * @throws InputError with every unknown symbol (up to 20 and a count):
 *   `symbol "BTX" has no prices in prices.csv (did you mean "BTC"?)`.
 */
export function checkCurrentSymbols(
  rows: readonly CurrentHolding[],
  sourceName: string,
  prices: Pick<PriceTable, 'source' | 'symbols'>,
): void {
  const problems = new ProblemList();
  const have = new Set(prices.symbols);
  for (const r of rows) {
    if (have.has(r.symbol)) continue;
    const near = suggest(r.symbol, prices.symbols);
    problems.add({
      file: sourceName,
      line: r.line,
      message: `symbol ${showValue(r.symbol)} has no prices in ${prices.source}${near === null ? '' : ` (did you mean ${showValue(near)}?)`}`,
    });
  }
  problems.throwIfAny();
}
