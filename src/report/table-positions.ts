/**
 * The table's positions block, in the layouts it narrows through to fit a terminal
 * (POSITION_LAYOUTS, widest first; docs/output.md lists the order).
 */
import type { ChalkInstance } from 'chalk';
import type Table from 'cli-table3';
import type { TableSpec } from './table-fit';
import type { PositionExtras } from './build-report';
import { wrapText } from './text-wrap';
import type { HedgeLeg, PositionReport, Report, ReportWarning, Severity } from './types';
import {
  SPARKLINE_WIDTH,
  clip,
  estimatedParamsText,
  fmt,
  grouped,
  isDirectHedge,
  kindText,
  pct,
  rangeText,
  magnitude,
  showText,
  sideOf,
  sig,
  sinceBreakText,
  sizeBandText,
  sparkline,
  tournamentText,
} from './text';

/** How the positions block is laid out; each entry of POSITION_LAYOUTS narrows the one before. */
export interface PositionLayout {
  /** The rolling correlation's sparkline above its range. */
  readonly sparkline: boolean;
  /** The rolling-correlation column (range and last value); without it ρ shows the last value. */
  readonly rolling: boolean;
  /** The rolling correlation's range and last value on two lines instead of one. */
  readonly rollingFolded: boolean;
  readonly rSquared: boolean;
  /** The standard error under β instead of beside it. */
  readonly seBelow: boolean;
  /** The hedge ratio (shown when it differs from β) under β instead of in a column. */
  readonly ratioBelow: boolean;
  /** Lines of the size column: 1 units, notional and contracts each in a column; 2 notional
   * under units; 3 contracts under those too. */
  readonly sizeLines: 1 | 2 | 3;
  /** Headers on two lines where they are wider than their numbers (`Eff.` over `OOS`). */
  readonly foldedHeads: boolean;
  /** Characters of a symbol (cut beyond), and columns the lines under it wrap at. */
  readonly symbolChars: number;
  readonly lineColumns: number;
}

const FULL: PositionLayout = {
  sparkline: true,
  rolling: true,
  rollingFolded: false,
  rSquared: true,
  seBelow: false,
  ratioBelow: false,
  sizeLines: 1,
  foldedHeads: false,
  symbolChars: 40,
  lineColumns: 40,
};

const NO_SPARKLINE: PositionLayout = { ...FULL, sparkline: false, rollingFolded: true };
const WRAPPED: PositionLayout = { ...NO_SPARKLINE, lineColumns: 20 };
const NO_R2: PositionLayout = { ...WRAPPED, rSquared: false };
const SE_BELOW: PositionLayout = { ...NO_R2, seBelow: true };
const SIZE_2: PositionLayout = { ...SE_BELOW, sizeLines: 2 };
const NO_ROLLING: PositionLayout = { ...SIZE_2, rolling: false };
const NARROWEST: PositionLayout = {
  ...NO_ROLLING,
  sizeLines: 3,
  ratioBelow: true,
  foldedHeads: true,
  symbolChars: 10,
  lineColumns: 14,
};

/**
 * The layouts, widest first (docs/output.md#the-table-on-a-terminal): the sparkline goes (the
 * rolling correlation's range and last value fold onto two lines), labels wrap at 20 columns,
 * R² goes, the standard error folds under β, the notional under the units, the rolling
 * column goes (its last value moves under ρ), and last the contracts fold under the notional,
 * the ratio (when shown) under β, headers fold, symbols are cut at 10 characters and labels
 * wrap at 14 columns.
 */
export const POSITION_LAYOUTS: readonly PositionLayout[] = [
  FULL,
  NO_SPARKLINE,
  WRAPPED,
  NO_R2,
  SE_BELOW,
  SIZE_2,
  NO_ROLLING,
  NARROWEST,
];

/** The glyph and colour of a severity. */
export function severityColor(c: ChalkInstance, s: Severity): (t: string) => string {
  return s === 'critical' ? c.red : s === 'warning' ? c.yellow : c.cyan;
}

/** The worst severity among warnings, or null. */
function worst(ws: readonly ReportWarning[]): Severity | null {
  if (ws.some((w) => w.severity === 'critical')) return 'critical';
  if (ws.some((w) => w.severity === 'warning')) return 'warning';
  return ws.length > 0 ? 'info' : null;
}

/**
 * User text in a table cell: escaped (showText) and cut to `max` characters (40 at most, since
 * cli-table3 lays out a cell in time quadratic in its length).
 */
export function cellText(text: string, max = 40): string {
  return clip(showText(text), Math.min(max, 40));
}

/** The hedge instrument with its side: `Sell BTC`, `Buy ETH`, or the symbol alone. */
export function hedgeText(symbol: string, quantity: number | null, max = 40): string {
  const side = sideOf(quantity);
  const name = cellText(symbol, max);
  return side === null ? name : `${side} ${name}`;
}

/** Contracts as a cell: whole numbers without decimals, a dim dash without an instrument. */
export function contractsCell(c: ChalkInstance, contracts: number | null): string {
  return contracts === null ? c.dim('–') : grouped(contracts, Number.isInteger(contracts) ? 0 : 3);
}

/** Text under a position's name, wrapped at the layout's columns. */
function under(c: ChalkInstance, text: string, l: PositionLayout): string {
  return `\n${c.dim(wrapText(text, l.lineColumns))}`;
}

/** A pool's lines under its position's name: kind, pair and range, and its delta. */
function poolLines(c: ChalkInstance, p: PositionReport, l: PositionLayout): string {
  const e = p.exposure;
  const range = rangeText(e);
  if (range === null) return '';
  const kind = clip(kindText(p.symbol, e), 24);
  const where = wrapText(`${kind}, ${range}`, l.lineColumns);
  const delta = under(c, `delta ${sig(e.delta, 5)} ${cellText(p.symbol, l.symbolChars)}`, l);
  return `\n${e.inRange === false ? c.yellow(where) : where}${delta}`;
}

/**
 * The position's cell: symbol, label, value, a pool's lines, and the estimator's choices made
 * from its data (`--estimator auto`'s winner, estimated parameters).
 */
function positionCell(c: ChalkInstance, report: Report, p: PositionReport, l: PositionLayout) {
  const label = p.label ? under(c, cellText(p.label), l) : '';
  const value = p.value === null ? '' : under(c, 'value ' + grouped(p.value, 0), l);
  const won = tournamentText(p);
  const fitted = estimatedParamsText(report.settings, p.estimatorParams);
  const estimated =
    (won === null ? '' : under(c, won, l)) + (fitted === null ? '' : under(c, fitted, l));
  return c.bold(cellText(p.symbol, l.symbolChars)) + label + value + poolLines(c, p, l) + estimated;
}

/** The rolling correlation's cell: sparkline (in the widest layout), range and last value. */
function rollingCell(c: ChalkInstance, p: PositionReport, points: Float64Array, l: PositionLayout) {
  const rc = p.stability.rollingCorrelation;
  if (rc.last === null) return c.dim('–');
  const sep = l.rollingFolded ? '\n' : ' ';
  const range = c.dim(`${fmt(rc.min, 2)}…${fmt(rc.max, 2)}${sep}now ${fmt(rc.last, 2)}`);
  const spark = l.sparkline ? sparkline(points, SPARKLINE_WIDTH) : '';
  return spark ? `${spark}\n${range}` : range;
}

/** The columns that have something to show in some row (none does for `–` alone). */
interface Shown {
  /** Contracts: only with an instrument. */
  readonly contracts: boolean;
  /** Out-of-sample effectiveness and the rolling correlation: only with enough returns. */
  readonly effectiveness: boolean;
  readonly rolling: boolean;
}

function shownColumns(report: Report): Shown {
  const ps = report.positions;
  return {
    contracts: ps.some((p) => p.hedges.some((h) => h.contracts !== null)),
    effectiveness: ps.some((p) => p.effectiveness.outOfSample !== null),
    rolling: ps.some((p) => p.stability.rollingCorrelation.last !== null),
  };
}

/** The size columns' headers for a layout. */
function sizeHeads(l: PositionLayout, contracts: boolean): string[] {
  if (l.sizeLines === 1) return ['Units', 'Notional', ...(contracts ? ['Contracts'] : [])];
  if (l.sizeLines === 2 || !contracts)
    return ['Units\nNotional', ...(contracts ? ['Contracts'] : [])];
  return ['Units\nNotional\nContracts'];
}

/** The header of the positions block for a layout. */
function header(report: Report, l: PositionLayout, showRatio: boolean): string[] {
  const shown = shownColumns(report);
  return [
    'Position',
    'Hedge',
    (l.seBelow ? 'β\n± SE' : 'β ± SE') + (showRatio && l.ratioBelow ? '\nRatio' : ''),
    ...(showRatio && !l.ratioBelow ? ['Ratio'] : []),
    'ρ',
    ...(l.rSquared ? ['R²'] : []),
    ...sizeHeads(l, shown.contracts),
    ...(shown.effectiveness ? [l.foldedHeads ? 'Eff.\nOOS' : 'Eff. OOS'] : []),
    ...(l.rolling && shown.rolling ? [`ρ rolling ${report.settings.window}`] : []),
    '⚠',
  ];
}

/** β with its standard error (beside or under it), `direct 1:1` for a direct leg. */
function betaCell(c: ChalkInstance, p: PositionReport, h: HedgeLeg, l: PositionLayout): string {
  if (isDirectHedge(p.exposure, h)) return c.dim(l.seBelow ? 'direct\n1:1' : 'direct 1:1');
  if (h.beta === null) return '–';
  return `${fmt(h.beta, 3)}${l.seBelow ? '\n' : ' '}± ${fmt(h.stdError, 3)}`;
}

/**
 * The units without sign, with the 95% band below them (dim, in the trade's direction) and,
 * after a significant dated break, the size estimated on the returns since it alone — in the
 * layouts with a column of their own for the units (narrower ones leave both to the warnings
 * and the other formats).
 */
function unitsCell(c: ChalkInstance, h: HedgeLeg, l: PositionLayout): string {
  const lines = [sig(magnitude(h.hedgeQuantity), 5)];
  if (l.sizeLines !== 1) return lines[0]!;
  const band = sizeBandText(h, 3);
  if (band !== null) lines.push(c.dim(`95% ${band}`));
  const since = sinceBreakText(h, 3);
  if (since !== null) lines.push(c.yellow(`since break ${since}`));
  return lines.join('\n');
}

/** The size cells of a hedge leg for a layout: units, notional, contracts, without sign. */
function sizeCells(c: ChalkInstance, h: HedgeLeg, l: PositionLayout, contracts: boolean) {
  const units = h.hedgeRatio === null ? c.red('no hedge') : unitsCell(c, h, l);
  const notional = grouped(magnitude(h.hedgeNotional), 0);
  const count = contractsCell(c, magnitude(h.contracts));
  if (l.sizeLines === 1) return [units, notional, ...(contracts ? [count] : [])];
  if (l.sizeLines === 2 || !contracts)
    return [`${units}\n${notional}`, ...(contracts ? [count] : [])];
  return [`${units}\n${notional}\n${count}`];
}

/**
 * The positions table in layout `l` (to draw with table-fit.ts): one line per position × hedge. The hedge cell says which
 * way to trade (`Sell BTC`), units, notional and contracts are shown without sign.
 */
export function positionsTable(
  c: ChalkInstance,
  report: Report,
  extras: readonly PositionExtras[],
  showRatio: boolean,
  l: PositionLayout,
): TableSpec {
  const head = header(report, l, showRatio);
  const shown = shownColumns(report);
  const leftAligned = new Set(['Position', 'Hedge', `ρ rolling ${report.settings.window}`]);
  const rows: Table.Cell[][] = [];
  report.positions.forEach((p, i) => {
    const w = worst(p.warnings);
    const warnCell = w === null ? c.green('0') : severityColor(c, w)(String(p.warnings.length));
    const rho = fmt(p.correlation, 2);
    const rhoCell =
      (l.rolling && shown.rolling) || p.stability.rollingCorrelation.last === null
        ? rho
        : `${rho}\n${c.dim(`now ${fmt(p.stability.rollingCorrelation.last, 2)}`)}`;
    p.hedges.forEach((h, j) => {
      const first = j === 0;
      const span = p.hedges.length;
      const none = h.hedgeRatio === null;
      const row: Table.Cell[] = [];
      if (first) row.push({ content: positionCell(c, report, p, l), rowSpan: span });
      row.push(hedgeText(h.symbol, none ? null : h.hedgeQuantity, l.symbolChars));
      const ratio = none ? c.dim('none') : fmt(h.hedgeRatio, 3);
      const beta = betaCell(c, p, h, l);
      row.push(showRatio && l.ratioBelow ? `${beta}\n${ratio}` : beta);
      if (showRatio && !l.ratioBelow) row.push(ratio);
      if (first) {
        row.push({ content: rhoCell, rowSpan: span });
        if (l.rSquared) row.push({ content: fmt(p.rSquared, 2), rowSpan: span });
      }
      row.push(...sizeCells(c, h, l, shown.contracts));
      if (first) {
        if (shown.effectiveness) {
          row.push({ content: pct(p.effectiveness.outOfSample, 0), rowSpan: span });
        }
        if (l.rolling && shown.rolling) {
          const points = extras[i]?.sparkline ?? new Float64Array(0);
          row.push({ content: rollingCell(c, p, points, l), rowSpan: span });
        }
        row.push({ content: warnCell, rowSpan: span });
      }
      rows.push(row);
    });
  });
  return { head, aligns: head.map((h) => (leftAligned.has(h) ? 'left' : 'right')), rows };
}
