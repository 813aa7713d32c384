/**
 * A table as data (header, rows, alignments) before cli-table3 draws it, so that its width can be
 * known without drawing it: the table narrows through its layouts by measuring each and drawing
 * only the one that fits (drawing is the costly part).
 */
import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { widestLine } from './text-wrap';

/** No colours from cli-table3 itself (it would decide by its own terminal detection). */
export const TABLE_STYLE = { head: [] as string[], border: [] as string[] };

export interface TableSpec {
  readonly head: readonly string[];
  readonly aligns: readonly ('left' | 'right')[];
  /** A row's cells; a cell spanning rows is left out of the rows below it, as cli-table3 wants. */
  readonly rows: readonly (readonly Table.Cell[])[];
}

function contentOf(cell: Table.Cell): string {
  if (cell !== null && typeof cell === 'object' && 'content' in cell) return String(cell.content);
  return String(cell ?? '');
}

function colSpanOf(cell: Table.Cell): number {
  return cell !== null && typeof cell === 'object' && 'colSpan' in cell ? (cell.colSpan ?? 1) : 1;
}

function rowSpanOf(cell: Table.Cell): number {
  return cell !== null && typeof cell === 'object' && 'rowSpan' in cell ? (cell.rowSpan ?? 1) : 1;
}

/**
 * The width in columns cli-table3 draws `spec` at: each column as wide as its widest line (of
 * the header and of every cell in it, a row-spanning cell in the column where it starts) plus a
 * space of padding each side, and a border before, between and after the columns. A cell
 * spanning columns is assumed to fit in them.
 */
export function tableWidth(spec: TableSpec): number {
  const n = spec.head.length;
  const widths = spec.head.map(widestLine);
  const spanLeft = new Array<number>(n).fill(0);
  for (const row of spec.rows) {
    let col = 0;
    for (const cell of row) {
      while (col < n && spanLeft[col]! > 0) col++;
      if (col >= n) break;
      const cols = colSpanOf(cell);
      // a cell across columns is taken to fit in them (not measured: it does in hedge's tables)
      if (cols === 1) widths[col] = Math.max(widths[col]!, widestLine(contentOf(cell)));
      for (let k = col; k < Math.min(n, col + cols); k++) spanLeft[k] = rowSpanOf(cell);
      col += cols;
    }
    for (let k = 0; k < n; k++) if (spanLeft[k]! > 0) spanLeft[k]!--;
  }
  return widths.reduce((sum, w) => sum + w + 2, 0) + n + 1;
}

/** The table drawn by cli-table3, the header in bold. */
export function drawTable(c: ChalkInstance, spec: TableSpec): string {
  const t = new Table({
    head: spec.head.map((h) => c.bold(h)),
    style: TABLE_STYLE,
    colAligns: [...spec.aligns],
  });
  for (const row of spec.rows) t.push([...row]);
  return t.toString();
}

/**
 * The first of `layouts` whose table is no wider than `width` (else the last), drawn; `width`
 * null: the first.
 */
export function fitTable<L>(
  c: ChalkInstance,
  layouts: readonly L[],
  width: number | null,
  build: (l: L) => TableSpec,
): string {
  let spec = build(layouts[0]!);
  if (width !== null) {
    for (const l of layouts) {
      spec = build(l);
      if (tableWidth(spec) <= width) break;
    }
  }
  return drawTable(c, spec);
}
