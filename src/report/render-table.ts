import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { estimatorNamed, estimatorParamsOf } from '../core/estimators';
import type { PositionExtras } from './build-report';
import { carryCells, fundingCells, fundingHeads, hasCarry } from './funding-text';
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
  showText,
  sig,
  sparkline,
  tournamentText,
} from './text';
import {
  changePercent,
  changesSummary,
  contractsText,
  rebalanceText,
  unitsText,
} from './trade-text';

/**
 * User text in a table cell: escaped (showText) and cut to 40 characters, since cli-table3 lays
 * out a cell in time quadratic in its length (a 200,000-character label took half an hour).
 */
function cellText(text: string): string {
  return clip(showText(text), 40);
}

/** The glyph and colour of a severity. */
function mark(c: ChalkInstance, s: Severity): string {
  return s === 'critical' ? c.red.bold('✖') : s === 'warning' ? c.yellow('▲') : c.cyan('ℹ');
}

function severityColor(c: ChalkInstance, s: Severity): (t: string) => string {
  return s === 'critical' ? c.red : s === 'warning' ? c.yellow : c.cyan;
}

/** The worst severity among warnings, or null. */
function worst(ws: readonly ReportWarning[]): Severity | null {
  if (ws.some((w) => w.severity === 'critical')) return 'critical';
  if (ws.some((w) => w.severity === 'warning')) return 'warning';
  return ws.length > 0 ? 'info' : null;
}

const RETURNS_TEXT = {
  log: 'log returns',
  simple: 'simple returns',
  diff: 'price changes',
  level: 'price levels',
};

/** No colours from cli-table3 itself: it decides by its own terminal detection (@colors/colors),
 * which would make the output depend on the environment; all colour here comes from chalk. */
const TABLE_STYLE = { head: [] as string[], border: [] as string[] };

/** Contracts as a cell: whole numbers without decimals, a dim dash without an instrument. */
function contractsCell(c: ChalkInstance, contracts: number | null): string {
  return contracts === null ? c.dim('–') : grouped(contracts, Number.isInteger(contracts) ? 0 : 3);
}

/**
 * The short in units, with its 95% band below it (dim) and, after a significant dated break, the
 * size estimated on the returns since the break alone.
 */
function shortCell(c: ChalkInstance, h: HedgeLeg): string {
  const lines = [sig(h.hedgeQuantity, 5)];
  if (h.hedgeQuantityLow !== null && h.hedgeQuantityHigh !== null) {
    lines.push(c.dim(`95% ${sig(h.hedgeQuantityLow, 3)}…${sig(h.hedgeQuantityHigh, 3)}`));
  }
  if (h.hedgeQuantitySinceBreak !== null) {
    lines.push(c.yellow(`since break ${sig(h.hedgeQuantitySinceBreak, 3)}`));
  }
  return lines.join('\n');
}

/**
 * A pool's lines under its position's name: its kind and pair with where the price is against
 * its range (yellow outside it), and its delta in base tokens; nothing for a spot holding.
 */
function poolLines(c: ChalkInstance, p: PositionReport): string {
  const e = p.exposure;
  const range = rangeText(e);
  if (range === null) return '';
  const where = e.inRange === false ? c.yellow(range) : range;
  const kind = clip(kindText(p.symbol, e), 24);
  return `\n${kind}, ${where}\n${c.dim(`delta ${sig(e.delta, 5)} ${cellText(p.symbol)}`)}`;
}

/** The positions table: one line per position × hedge. */
function positionsTable(
  c: ChalkInstance,
  report: Report,
  extras: readonly PositionExtras[],
  showRatio: boolean,
): string {
  const s = report.settings;
  const head = [
    'Position',
    'Hedge',
    'β ± SE',
    ...(showRatio ? ['Ratio'] : []),
    'ρ',
    'R²',
    'Short (units)',
    'Notional',
    'Contracts',
    'Eff. OOS',
    `ρ rolling ${s.window}`,
    '⚠',
  ];
  const t = new Table({
    head: head.map((h) => c.bold(h)),
    style: TABLE_STYLE,
    colAligns: head.map((_, i) => (i < 2 || i === head.length - 2 ? 'left' : 'right')),
  });
  report.positions.forEach((p, i) => {
    const label = p.label ? `\n${c.dim(cellText(p.label))}` : '';
    const value = p.value === null ? '' : `\n${c.dim('value ' + grouped(p.value, 0))}`;
    const pool = poolLines(c, p);
    const fitted = estimatedParamsText(s, p.estimatorParams);
    const won = tournamentText(p);
    const estimated =
      (won === null ? '' : `\n${c.dim(won)}`) + (fitted === null ? '' : `\n${c.dim(fitted)}`);
    const w = worst(p.warnings);
    const warnCell = w === null ? c.green('0') : severityColor(c, w)(String(p.warnings.length));
    const spark = sparkline(extras[i]?.sparkline ?? new Float64Array(0), SPARKLINE_WIDTH);
    const rc = p.stability.rollingCorrelation;
    const sparkCell = spark
      ? `${spark}\n${c.dim(`${fmt(rc.min, 2)}…${fmt(rc.max, 2)} now ${fmt(rc.last, 2)}`)}`
      : c.dim('–');
    p.hedges.forEach((h, j) => {
      const first = j === 0;
      const span = p.hedges.length;
      const none = h.hedgeRatio === null;
      const row: Table.Cell[] = [];
      if (first) {
        row.push({
          content: c.bold(cellText(p.symbol)) + label + value + pool + estimated,
          rowSpan: span,
        });
      }
      row.push(cellText(h.symbol));
      row.push(
        isDirectHedge(p.exposure, h)
          ? c.dim('direct 1:1')
          : h.beta === null
            ? '–'
            : `${fmt(h.beta, 3)} ± ${fmt(h.stdError, 3)}`,
      );
      if (showRatio) row.push(none ? c.dim('none') : fmt(h.hedgeRatio, 3));
      if (first) {
        row.push({ content: fmt(p.correlation, 2), rowSpan: span });
        row.push({ content: fmt(p.rSquared, 2), rowSpan: span });
      }
      row.push(none ? c.red('no hedge') : shortCell(c, h));
      row.push(grouped(h.hedgeNotional, 0));
      row.push(contractsCell(c, h.contracts));
      if (first) {
        row.push({ content: pct(p.effectiveness.outOfSample, 0), rowSpan: span });
        row.push({ content: sparkCell, rowSpan: span });
        row.push({ content: warnCell, rowSpan: span });
      }
      t.push(row);
    });
  });
  return t.toString();
}

/** The totals per hedge instrument. */
function totalsTable(c: ChalkInstance, report: Report): string {
  const tt = new Table({
    head: ['Total short', 'Units', 'Notional', 'Contracts'].map((h) => c.bold(h)),
    style: TABLE_STYLE,
    colAligns: ['left', 'right', 'right', 'right'],
  });
  for (const tot of report.totals) {
    tt.push([
      cellText(tot.symbol),
      sig(tot.hedgeQuantity, 5),
      grouped(tot.hedgeNotional, 0),
      contractsCell(c, tot.contracts),
    ]);
  }
  return tt.toString();
}

/**
 * The trades block (`--current`): per instrument the target, what is held (per label under its
 * name), the trade in units, notional and contracts, and whether it is due.
 */
function tradesTable(c: ChalkInstance, report: Report): string {
  const tolerance = report.settings.tolerance;
  const t = new Table({
    head: ['Trades', 'Target', 'Current', 'Trade', 'Notional', 'Contracts', 'Rebalance'].map((h) =>
      c.bold(h),
    ),
    style: TABLE_STYLE,
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
  for (const tot of report.totals) {
    const venues = (tot.holdings ?? [])
      .filter((h) => h.label !== null)
      .map((h) => `\n${c.dim(`${cellText(h.label!)} ${unitsText(h.quantity)}`)}`)
      .join('');
    const status = rebalanceText(tot, tolerance);
    t.push([
      c.bold(cellText(tot.symbol)) + venues,
      unitsText(tot.hedgeQuantity),
      unitsText(tot.current),
      unitsText(tot.trade),
      grouped(tot.tradeNotional, 0),
      tot.tradeContracts === null ? c.dim('–') : contractsText(tot.tradeContracts),
      tot.rebalance === true ? c.yellow.bold(status) : c.dim(status),
    ]);
  }
  return t.toString();
}

/**
 * The funding block (`--funding`): per instrument its side, interval, periods, annualised rate,
 * share of negative periods, what the hedge earns a year, its worst 30 days and the expected
 * carry over --horizon; `no funding rows` for an instrument the files do not cover in the range.
 */
function fundingTable(c: ChalkInstance, report: Report): string {
  const heads = ['Funding', ...fundingHeads(report.settings.horizon)];
  const t = new Table({
    head: heads.map((h) => c.bold(h)),
    style: TABLE_STYLE,
    colAligns: heads.map((_, i) => (i < 2 ? 'left' : 'right')),
  });
  for (const tot of report.totals) {
    const cells = fundingCells(tot);
    t.push([
      cellText(tot.symbol),
      ...(cells ?? [{ content: c.dim('no funding rows in the range'), colSpan: heads.length - 1 }]),
    ]);
  }
  return t.toString();
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
function changesBlock(c: ChalkInstance, report: Report): string {
  const ch = report.changes!;
  const t = new Table({
    head: ['Target', 'Previous', 'Now', 'Change', ''].map((h) => c.bold(h)),
    style: TABLE_STYLE,
    colAligns: ['left', 'right', 'right', 'right', 'right'],
  });
  for (const tc of ch.targets) {
    t.push([
      cellText(tc.symbol),
      unitsText(tc.previous),
      unitsText(tc.target),
      unitsText(tc.change),
      changePercent(tc.relativeChange),
    ]);
  }
  const since = ch.previousAsOf === null ? '' : ` since ${showText(ch.previousAsOf)}`;
  const out = [c.bold(`Changes${since}`) + c.dim(`: ${changesSummary(report)}`), t.toString()];
  for (const w of ch.warningsCleared) {
    out.push(`${c.green('✔')} cleared ${c.dim(`${showText(w.code)} ${showText(w.message)}`)}`);
  }
  return out.join('\n');
}

/**
 * The report as a terminal table: one line per position × hedge with the numbers a trader needs
 * (β ± SE, ratio, correlation, R², the short in units with its 95% band and, after a dated
 * break, its size since then, notional, contracts, out-of-sample effectiveness, a
 * rolling-correlation sparkline, warning count), then totals per hedge, the trades
 * (`--current`), the funding (`--funding`) and carry, the changes (`--previous`), then each
 * warning as a sentence. Colour only when `color` is set.
 */
export function renderTable(
  report: Report,
  extras: readonly PositionExtras[],
  color: boolean,
): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const s = report.settings;
  const out: string[] = [];
  const estimator = estimatorNamed(s.estimator);
  const est = estimator.label(estimatorParamsOf(estimator, s));
  out.push(
    c.bold('hedge report') +
      c.dim(
        ` · as of ${report.asOf ?? '–'} · ${RETURNS_TEXT[s.returns]}, ${s.frequency} · ${est}` +
          `${s.intercept ? '' : ' · no intercept'} · window ${s.window}`,
      ),
  );
  out.push(positionsTable(c, report, extras, !estimator.ratiosAreSlopes));
  if (report.totals.length > 0) out.push(totalsTable(c, report));
  if (report.settings.current !== null && report.totals.length > 0) {
    out.push(tradesTable(c, report));
  }
  if (report.settings.funding.length > 0 && report.totals.length > 0) {
    out.push(fundingTable(c, report));
  }
  if (hasCarry(report)) out.push(carryTable(c, report));
  if (report.changes !== null) out.push(changesBlock(c, report));
  if (report.warnings.length === 0) {
    out.push(c.green('✔ no warnings'));
  } else {
    out.push(
      c.bold(`${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'}:`),
    );
    const raised = new Set(report.changes?.warningsRaised.map((w) => w.message));
    for (const w of report.warnings) {
      const tag = raised.has(w.message) ? ` ${c.bold('new')}` : '';
      out.push(`${mark(c, w.severity)} ${severityColor(c, w.severity)(w.code)}${tag} ${w.message}`);
    }
  }
  return out.join('\n') + '\n';
}
