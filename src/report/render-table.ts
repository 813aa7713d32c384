import { Chalk, type ChalkInstance } from 'chalk';
import { estimatorNamed, estimatorParamsOf } from '../core/estimators';
import Table from 'cli-table3';
import type { PositionExtras } from './build-report';
import { carryCells, fundingCells, fundingHeads, hasCarry } from './funding-text';
import {
  POSITION_LAYOUTS,
  cellText,
  contractsCell,
  hedgeText,
  positionsTable,
  severityColor,
} from './table-positions';
import { grouped, magnitude, showText, sideOf, sig } from './text';
import { TABLE_STYLE, drawTable, fitTable, type TableSpec } from './table-fit';
import { wrapText } from './text-wrap';
import type { Report, Severity } from './types';
import {
  changePercent,
  changesSummary,
  contractsText,
  rebalanceText,
  unitsText,
} from './trade-text';

/** The glyph and colour of a severity. */
function mark(c: ChalkInstance, s: Severity): string {
  return s === 'critical' ? c.red.bold('✖') : s === 'warning' ? c.yellow('▲') : c.cyan('ℹ');
}

const RETURNS_TEXT = {
  log: 'log returns',
  simple: 'simple returns',
  diff: 'price changes',
  level: 'price levels',
};

/** The totals per hedge instrument: which way, units, notional and contracts (no signs). */
function totalsTable(c: ChalkInstance, report: Report): string {
  const contracts = report.totals.some((t) => t.contracts !== null);
  const head = ['Total hedge', 'Units', 'Notional', ...(contracts ? ['Contracts'] : [])];
  const rows = report.totals.map((tot) => [
    hedgeText(tot.symbol, tot.hedgeQuantity),
    sig(magnitude(tot.hedgeQuantity), 5),
    grouped(magnitude(tot.hedgeNotional), 0),
    ...(contracts ? [contractsCell(c, magnitude(tot.contracts))] : []),
  ]);
  return drawTable(c, { head, aligns: ['left', 'right', 'right', 'right'], rows });
}

/** How the trades block is laid out: its widest first, then narrower (see tradesTable). */
interface TradesLayout {
  /** Columns of the rebalance status and of a holding's label (null: as long as they are). */
  readonly textColumns: number | null;
  /** Lines of the trade's column: 1 units (notional and contracts in columns of their own),
   * 2 the notional under them, 3 the contracts too. */
  readonly tradeLines: 1 | 2 | 3;
}

/** Widest first: the status and labels wrap at 16 columns, then the trade's columns fold. */
const TRADES_LAYOUTS: readonly TradesLayout[] = [
  { textColumns: null, tradeLines: 1 },
  { textColumns: 16, tradeLines: 1 },
  { textColumns: 16, tradeLines: 2 },
  { textColumns: 16, tradeLines: 3 },
];

/** A trade as a cell: `Sell 0.984217`, `Buy 1,000`, `0`, `–`. */
function tradeText(trade: number | null): string {
  const side = sideOf(trade);
  return side === null ? unitsText(trade) : `${side} ${unitsText(magnitude(trade))}`;
}

/**
 * The trades block (`--current`): per instrument the target, what is held (per label under its
 * name), the trade (which way, units, notional, contracts), and whether it is due.
 */
function tradesTable(c: ChalkInstance, report: Report, l: TradesLayout): TableSpec {
  const tolerance = report.settings.tolerance;
  const head = [
    'Trades',
    'Target',
    'Current',
    ...[
      ['Trade', 'Notional', 'Contracts'],
      ['Trade\nNotional', 'Contracts'],
      ['Trade\nNotional\nContracts'],
    ][l.tradeLines - 1]!,
    'Rebalance',
  ];
  const rows: string[][] = [];
  for (const tot of report.totals) {
    const venues = (tot.holdings ?? [])
      .filter((h) => h.label !== null)
      .map((h) => {
        const held = ` ${unitsText(h.quantity)}`;
        const room = l.textColumns === null ? 40 : Math.max(4, l.textColumns - held.length);
        return `\n${c.dim(`${cellText(h.label!, room)}${held}`)}`;
      })
      .join('');
    const status = wrapText(rebalanceText(tot, tolerance), l.textColumns);
    const trade = tradeText(tot.trade);
    const notional = grouped(magnitude(tot.tradeNotional), 0);
    const count =
      tot.tradeContracts === null ? c.dim('–') : contractsText(Math.abs(tot.tradeContracts));
    const sizes = [
      [trade, notional, count],
      [`${trade}\n${notional}`, count],
      [`${trade}\n${notional}\n${count}`],
    ];
    rows.push([
      c.bold(cellText(tot.symbol)) + venues,
      unitsText(tot.hedgeQuantity),
      unitsText(tot.current),
      ...sizes[l.tradeLines - 1]!,
      tot.rebalance === true ? c.yellow.bold(status) : c.dim(status),
    ]);
  }
  const aligns = head.map((h) => (h === 'Trades' || h === 'Rebalance' ? 'left' : 'right'));
  return { head, aligns, rows };
}

/**
 * The funding block (`--funding`): per instrument its side, interval, periods, annualised rate,
 * share of negative periods, what the hedge earns a year, its worst 30 days and the expected
 * carry over --horizon; `no funding rows` for an instrument the files do not cover in the range.
 */
function fundingTable(c: ChalkInstance, report: Report, folded: boolean): TableSpec {
  const all = ['Funding', ...fundingHeads(report.settings.horizon)];
  // folded: the side under the symbol, two-word headers on two lines
  const heads = folded
    ? ['Funding\nside', ...all.slice(2).map((h) => h.replace(' ', '\n').replace('/', '\n/'))]
    : all;
  const rows = report.totals.map((tot): Table.Cell[] => {
    const cells = fundingCells(tot);
    const symbol = cellText(tot.symbol);
    if (cells === null) {
      const none = c.dim('no funding rows in the range');
      return [symbol, { content: none, colSpan: heads.length - 1 }];
    }
    return folded ? [`${symbol}\n${cells[0]}`, ...cells.slice(1)] : [symbol, ...cells];
  });
  const aligns = heads.map((_, i): 'left' | 'right' => (i < (folded ? 1 : 2) ? 'left' : 'right'));
  return { head: heads, aligns, rows };
}

/** Each position's carry a year on its value: fee_apr, the funding of its hedges, the net. */
function carryTable(c: ChalkInstance, report: Report): string {
  const t = new Table({
    head: ['Carry a year', 'Fees', 'Funding', 'Net'].map((h) => c.bold(h)),
    style: TABLE_STYLE,
    colAligns: ['left', 'right', 'right', 'right'],
  });
  for (const p of report.positions) {
    const name = cellText(p.symbol) + (p.label ? ` ${c.dim(cellText(p.label))}` : '');
    t.push([name, ...carryCells(p)]);
  }
  return t.toString();
}

/**
 * What changed since the previous report (`--previous`): a headline, each instrument's target
 * then and now, and the warnings cleared (the raised ones are marked `new` in the warnings).
 */
function changesBlock(c: ChalkInstance, report: Report, width: number | null): string {
  const ch = report.changes!;
  const rows = ch.targets.map((tc) => [
    cellText(tc.symbol),
    unitsText(tc.previous),
    unitsText(tc.target),
    unitsText(tc.change),
    changePercent(tc.relativeChange),
  ]);
  const head = ['Target', 'Previous', 'Now', 'Change', ''];
  const table = drawTable(c, { head, aligns: ['left', 'right', 'right', 'right', 'right'], rows });
  const since = ch.previousAsOf === null ? '' : ` since ${showText(ch.previousAsOf)}`;
  const title = `Changes${since}`;
  const summary = wrapText(`: ${changesSummary(report)}`, width, 2, title.length);
  const out = [c.bold(title) + c.dim(summary), table];
  for (const w of ch.warningsCleared) {
    const text = wrapText(`${showText(w.code)} ${showText(w.message)}`, width, 2, 10);
    out.push(`${c.green('✔')} cleared ${c.dim(text)}`);
  }
  return out.join('\n');
}

/** The headline: what the report is of and how it was computed. */
function headline(c: ChalkInstance, report: Report, width: number | null): string {
  const s = report.settings;
  const estimator = estimatorNamed(s.estimator);
  const est = estimator.label(estimatorParamsOf(estimator, s));
  const rest =
    `· as of ${report.asOf ?? '–'} · ${RETURNS_TEXT[s.returns]}, ${s.frequency} · ${est}` +
    `${s.intercept ? '' : ' · no intercept'} · window ${s.window}`;
  return c.bold('hedge report') + c.dim(' ' + wrapText(rest, width, 2, 'hedge report '.length));
}

/**
 * The report as a terminal table: one line per position × hedge with the numbers a trader needs
 * (which way to trade each hedge, β ± SE, ratio, correlation, R², units, notional, contracts,
 * out-of-sample effectiveness, the rolling correlation, warning count), then totals per hedge,
 * the trades (`--current`), the funding (`--funding`) and carry, the changes (`--previous`),
 * then each warning as a sentence. Colour
 * only when `color` is set. With a `width` (a terminal's columns) every block narrows through
 * its layouts until no line is wider, and sentences wrap; null: the widest layout, unwrapped.
 */
export function renderTable(
  report: Report,
  extras: readonly PositionExtras[],
  color: boolean,
  width: number | null = null,
): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [headline(c, report, width)];
  const showRatio = !estimatorNamed(report.settings.estimator).ratiosAreSlopes;
  out.push(
    fitTable(c, POSITION_LAYOUTS, width, (l) => positionsTable(c, report, extras, showRatio, l)),
  );
  if (report.totals.length > 0) out.push(totalsTable(c, report));
  if (report.settings.current !== null && report.totals.length > 0) {
    out.push(fitTable(c, TRADES_LAYOUTS, width, (l) => tradesTable(c, report, l)));
  }
  if (report.settings.funding.length > 0 && report.totals.length > 0) {
    out.push(fitTable(c, [false, true], width, (folded) => fundingTable(c, report, folded)));
  }
  if (hasCarry(report)) out.push(carryTable(c, report));
  if (report.changes !== null) out.push(changesBlock(c, report, width));
  if (report.warnings.length === 0) {
    out.push(c.green('✔ no warnings'));
  } else {
    out.push(
      c.bold(`${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'}:`),
    );
    const raised = new Set(report.changes?.warningsRaised.map((w) => w.message));
    for (const w of report.warnings) {
      const tag = raised.has(w.message) ? ' new' : '';
      const prefix = `${mark(c, w.severity)} ${severityColor(c, w.severity)(w.code)}${tag ? ` ${c.bold('new')}` : ''} `;
      const taken = 2 + w.code.length + tag.length + 1;
      out.push(prefix + wrapText(w.message, width, 2, taken));
    }
  }
  return out.join('\n') + '\n';
}
