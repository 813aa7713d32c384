/** The positions file: one row per position to hedge (a spot holding or a liquidity pool). */
import { InputError, ProblemList } from '../errors';
import {
  forEachSchemaRow,
  optionalNumberCell,
  optionalTextCell,
  requiredTextCell,
  rowIssue,
  type TableColumns,
} from './csv';
import * as z from 'zod/mini';
import { showValue } from './cells';
import type { TextSource } from './read';
import { suggest } from './suggest';
import type { Position } from './types';

const TABLE: TableColumns = {
  known: [
    'symbol',
    'kind',
    'quote',
    'quantity',
    'notional',
    'liquidity',
    'lower',
    'upper',
    'hedges',
    'label',
    'fee_apr',
  ],
  required: ['symbol', ['quantity', 'notional', 'liquidity']],
};

const KINDS = ['spot', 'v2', 'v3'] as const;

/** Hedge symbols of one row: separated by `|`, commas or whitespace; none → null. */
const hedgesCell = z.pipe(
  z.string(),
  z.transform((s: string): string[] | null => {
    const list = s.split(/[|,\s]+/).filter((h) => h !== '');
    return list.length === 0 ? null : list;
  }),
);

/** The kind of a row: empty → `spot`; names compared case-insensitively. */
const kindCell = z.pipe(
  z.string(),
  z.transform((s: string, ctx): Position['kind'] => {
    const k = s.toLowerCase();
    if (k === '') return 'spot';
    if ((KINDS as readonly string[]).includes(k)) return k as Position['kind'];
    const near = suggest(k, KINDS);
    ctx.issues.push({
      code: 'custom',
      input: s,
      message: `unknown kind ${showValue(s)}: expected spot, v2 or v3${near ? ` (did you mean "${near}"?)` : ''}`,
    });
    return z.NEVER;
  }),
);

const cells = z.object({
  symbol: requiredTextCell,
  kind: kindCell,
  quote: optionalTextCell,
  quantity: optionalNumberCell,
  notional: optionalNumberCell,
  liquidity: optionalNumberCell,
  lower: optionalNumberCell,
  upper: optionalNumberCell,
  hedges: hedgesCell,
  label: optionalTextCell,
  fee_apr: optionalNumberCell,
});
type Cells = z.infer<typeof cells>;

/** `Omit` over each member of a union. */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A position as parsed, before its line is attached. */
type Parsed = OmitEach<Position, 'line'>;

/** A row-level problem: its message, and the column it concerns (null: the row as a whole). */
type RowProblem = readonly [message: string, column: string | null];

/** The first column of `names` the row fills, or null. */
function filled(r: Cells, names: readonly (keyof Cells)[]): keyof Cells | null {
  return names.find((n) => r[n] !== null) ?? null;
}

/** Exactly one of two size columns: a problem when both or neither are given. */
function oneOf(r: Cells, a: 'quantity' | 'liquidity', b: 'notional'): RowProblem | null {
  if (r[a] !== null && r[b] !== null) {
    return [`both "${a}" and "${b}" are given: give one of them`, null];
  }
  if (r[a] === null && r[b] === null) return [`no "${a}" or "${b}": give one of them`, null];
  return null;
}

/** A pool's size, which cannot be zero or short. */
function positiveSize(r: Cells, names: readonly ('quantity' | 'notional' | 'liquidity')[]) {
  const bad = names.find((n) => r[n] !== null && !(r[n]! > 0));
  return bad === undefined
    ? null
    : ([`a pool position must be greater than zero, got ${r[bad]}`, bad] as const);
}

/**
 * The first problem of a row of `kind` (null: none): the columns its kind does not take, its
 * size (exactly one of two columns; a pool's positive), a pool's quote, a v3 row's range.
 */
function rowProblem(r: Cells): RowProblem | null {
  if (r.kind === 'spot') {
    const extra = filled(r, ['quote', 'liquidity', 'lower', 'upper']);
    if (extra !== null) {
      return [`"${extra}" applies only to pool rows (kind v2 or v3), not to spot rows`, extra];
    }
    return oneOf(r, 'quantity', 'notional');
  }
  if (r.quote === null) {
    return [`a ${r.kind} row needs "quote", the pool's other token (e.g. USDC or ETH)`, null];
  }
  if (r.kind === 'v2') {
    const extra = filled(r, ['liquidity', 'lower', 'upper']);
    if (extra !== null) return [`"${extra}" applies only to v3 rows, not to v2 rows`, extra];
    return oneOf(r, 'quantity', 'notional') ?? positiveSize(r, ['quantity', 'notional']);
  }
  if (r.quantity !== null) {
    return ['a v3 row takes "liquidity" or "notional", not "quantity"', 'quantity'];
  }
  const size = oneOf(r, 'liquidity', 'notional') ?? positiveSize(r, ['liquidity', 'notional']);
  if (size !== null) return size;
  if (r.lower === null || r.upper === null) {
    return ['a v3 row needs its range: "lower" and "upper"', null];
  }
  if (!(r.lower > 0)) return [`must be greater than zero, got ${r.lower}`, 'lower'];
  if (!(r.lower < r.upper)) {
    return [`"lower" (${r.lower}) must be below "upper" (${r.upper})`, null];
  }
  return null;
}

/** The typed position of a row without problems. */
function positionOf(r: Cells): Parsed {
  const row = { symbol: r.symbol, hedges: r.hedges, label: r.label, feeApr: r.fee_apr };
  if (r.kind === 'spot')
    return { kind: 'spot', ...row, quantity: r.quantity, notional: r.notional };
  if (r.kind === 'v2') {
    return { kind: 'v2', ...row, quote: r.quote!, quantity: r.quantity, notional: r.notional };
  }
  return {
    kind: 'v3',
    ...row,
    quote: r.quote!,
    lower: r.lower!,
    upper: r.upper!,
    liquidity: r.liquidity,
    notional: r.notional,
  };
}

const positionRow = z.pipe(
  cells,
  z.transform((r, ctx): Parsed => {
    const problem = rowProblem(r);
    return problem === null ? positionOf(r) : rowIssue(ctx, problem[0], problem[1]);
  }),
);

/**
 * Parses the positions CSV: a header (names case-insensitive, any order, unknown columns ignored
 * unless they look like a misspelt known one), `#` comment lines, then one row per position:
 * `symbol`, optional `hedges`, `label` and `fee_apr` (what the position earns, a fraction of its
 * value a year: pool fees, staking yield), and by `kind` (default `spot`):
 * - spot: exactly one of `quantity`/`notional`;
 * - v2: `quote` and exactly one of `quantity` (base tokens in the pool) / `notional`, > 0;
 * - v3: `quote`, `lower` < `upper` (both > 0) and exactly one of `liquidity` / `notional`, > 0.
 * Symbols and quotes are not checked against the prices here (the caller does, with
 * suggestions, knowing which symbols are cash). Cost: O(size of the file).
 * @returns the positions in file order; empty when the file has only a header, comments or
 *   nothing.
 * Reading stops at the first row past `maxRows` (HEDGE_MAX_POSITIONS): an error located there.
 * @throws InputError with every problem found (up to 20 and a count), one per row: CSV syntax,
 *   missing, duplicate or misspelt columns, ragged rows, empty symbol, a non-number cell, an
 *   unknown kind, a column the row's kind does not take, both or neither size columns, a pool
 *   size ≤ 0, a pool without quote, a v3 row without its range or with lower ≥ upper.
 */
export function parsePositions(src: TextSource, maxRows = Infinity): Position[] {
  const problems = new ProblemList();
  const positions: Position[] = [];
  let rows = 0;
  try {
    forEachSchemaRow(src, problems, TABLE, positionRow, (r, _cells, line) => {
      if (++rows > maxRows) throw new TooManyRows(line);
      if (r !== undefined) positions.push({ ...r, line });
    });
  } catch (e) {
    if (!(e instanceof TooManyRows)) throw e;
    throw new InputError({
      file: src.name,
      line: e.line,
      message: `more than ${thousands(maxRows)} positions, the most one run takes (HEDGE_MAX_POSITIONS raises the limit); split the file`,
    });
  }
  problems.throwIfAny();
  return positions;
}

/** 100000 → "100,000". */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Thrown out of the CSV reader at the first row past `maxRows`: the rest is never read. */
class TooManyRows extends Error {
  constructor(readonly line: number) {
    super('too many rows');
  }
}

/**
 * The symbols a row needs prices of: its own and, for a pool, its quote unless that is cash.
 */
export function pricedSymbols(p: Position, cash: readonly string[]): string[] {
  return p.kind === 'spot' || cash.includes(p.quote) ? [p.symbol] : [p.symbol, p.quote];
}
