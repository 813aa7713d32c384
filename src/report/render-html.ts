/**
 * The report as one self-contained HTML page (`--format html`): inline CSS and SVG, no script and
 * no reference to anything outside the file (a Content-Security-Policy that allows nothing else
 * says so to the browser), so it opens offline and as a mail attachment. The headline, the
 * positions table, totals (with trades under `--current`), changes (`--previous`), warnings, one
 * section per position with its charts (./html-position.ts), and the settings. Every text from
 * the input is escaped. Loaded only for this format (src/report/formats.ts), with d3.
 */
import type { BuiltReport } from './build-report';
import { escapeHtml } from './html-charts';
import { positionSection, positionTitle, warningItem } from './html-position';
import { carryCells, fundingCells, fundingHeads, hasCarry } from './funding-text';
import { HTML_STYLE } from './html-style';
import { HTML_CHART_POINTS } from './position/charts';
import { fmt, grouped, isDirectHedge, kindText, pct, rangeText, sig } from './text';
import {
  changePercent,
  changesSummary,
  contractsText,
  holdingsText,
  rebalanceText,
  tradesDueText,
  unitsText,
} from './trade-text';
import type { Report } from './types';

/** A table row: each cell `[text, numeric?]`, escaped here. */
function row(cells: readonly (readonly [string, boolean | undefined])[], tag = 'td'): string {
  return `<tr>${cells.map(([t, n]) => `<${tag}${n ? ' class="n"' : ''}>${escapeHtml(t)}</${tag}>`).join('')}</tr>`;
}

/** A table with a header row; `numeric` marks the right-aligned columns. */
function table(
  head: readonly string[],
  numeric: readonly boolean[],
  rows: readonly string[][],
): string {
  const h = row(
    head.map((t, i) => [t, numeric[i]] as const),
    'th',
  );
  const body = rows.map((r) => row(r.map((t, i) => [t, numeric[i]] as const)));
  return `<div class="scroll"><table><thead>${h}</thead><tbody>${body.join('')}</tbody></table></div>`;
}

function positionsTable(report: Report): string {
  const rows: string[][] = [];
  for (const p of report.positions) {
    const e = p.exposure;
    for (const h of p.hedges) {
      rows.push([
        p.symbol,
        p.label ?? '',
        kindText(p.symbol, e),
        sig(e.delta, 6),
        rangeText(e) ?? '–',
        h.symbol + (isDirectHedge(e, h) ? ' (direct)' : ''),
        fmt(h.beta, 4),
        fmt(h.hedgeRatio, 4),
        fmt(p.correlation, 3),
        fmt(p.rSquared, 3),
        sig(h.hedgeQuantity, 6),
        grouped(h.hedgeNotional, 2),
        contractsText(h.contracts),
        pct(p.effectiveness.inSample),
        pct(p.effectiveness.outOfSample),
        String(p.warnings.length),
      ]);
    }
  }
  const head = ['Position', 'Label', 'Kind', 'Delta', 'Range', 'Hedge', 'β', 'Ratio', 'ρ', 'R²'];
  head.push('Units', 'Notional', 'Contracts', 'Eff. in', 'Eff. out', 'Warnings');
  const numeric = [false, false, false, true, false, false, true, true, true, true];
  numeric.push(true, true, true, true, true, true);
  return table(head, numeric, rows);
}

function totalsTable(report: Report): string {
  const s = report.settings;
  const trades = s.current !== null;
  const head = ['Hedge', 'Target units', 'Notional', 'Contracts'];
  const numeric = [false, true, true, true];
  if (trades) {
    head.push('Held', 'Current', 'Trade', 'Trade notional', 'Trade contracts', 'Rebalance');
    numeric.push(false, true, true, true, true, false);
  }
  const rows = report.totals.map((t) => {
    const r = [
      t.symbol,
      unitsText(t.hedgeQuantity),
      grouped(t.hedgeNotional, 2),
      contractsText(t.contracts),
    ];
    if (trades) {
      r.push(
        holdingsText(t),
        unitsText(t.current),
        unitsText(t.trade),
        grouped(t.tradeNotional, 2),
      );
      r.push(contractsText(t.tradeContracts), rebalanceText(t, s.tolerance));
    }
    return r;
  });
  return table(head, numeric, rows);
}

/** With --funding: per instrument its funding figures, and the expected funding over --horizon. */
function fundingSection(report: Report): string {
  if (report.settings.funding.length === 0) return '';
  const heads = ['Instrument', ...fundingHeads(report.settings.horizon)];
  const total = report.totals.reduce((a, t) => a + (t.funding?.expectedCarry ?? 0), 0);
  const rows = report.totals.map((t) => [
    t.symbol,
    ...(fundingCells(t) ?? [
      'no funding rows in the range',
      ...new Array<string>(heads.length - 2).fill(''),
    ]),
  ]);
  return [
    '<h2>Funding</h2>',
    `<p>Expected funding over the next ${report.settings.horizon} days: ${escapeHtml(grouped(total, 0))} (positive = received; rates are paid by longs to shorts).</p>`,
    table(heads, [false, false, ...heads.slice(2).map(() => true)], rows),
  ].join('\n');
}

/** Each position's fees, funding and net a year on its value (when any position has them). */
function carrySection(report: Report): string {
  if (!hasCarry(report)) return '';
  const rows = report.positions.map((p) => [p.symbol, p.label ?? '', ...carryCells(p)]);
  const heads = ['Position', 'Label', 'Fees a year', 'Funding a year', 'Net a year'];
  return `<h2>Carry</h2>\n${table(heads, [false, false, true, true, true], rows)}`;
}

function changesSection(report: Report): string {
  const c = report.changes;
  if (c === null) return '';
  const rows = c.targets.map((t) => [
    t.symbol,
    unitsText(t.previous),
    unitsText(t.target),
    unitsText(t.change),
    changePercent(t.relativeChange),
  ]);
  const cleared = c.warningsCleared.map((w) => `<li>${warningItem(w)}</li>`);
  return [
    `<h2>Changes since ${escapeHtml(c.previousAsOf ?? 'the previous report')}</h2>`,
    `<p>${escapeHtml(changesSummary(report))}.</p>`,
    table(
      ['Instrument', 'Previous target', 'Target', 'Change', 'Change %'],
      [false, true, true, true, true],
      rows,
    ),
    cleared.length > 0 ? `<p>Cleared:</p><ul class="warnings">${cleared.join('')}</ul>` : '',
  ].join('\n');
}

function warningsSection(report: Report): string {
  if (report.warnings.length === 0) return '<h2>Warnings</h2><p>No warnings.</p>';
  const raised = new Set(report.changes?.warningsRaised.map((w) => w.message));
  const items = report.warnings.map(
    (w) => `<li>${warningItem(w)}${raised.has(w.message) ? ' <strong>new</strong>' : ''}</li>`,
  );
  return `<h2>Warnings</h2><ul class="warnings">${items.join('\n')}</ul>`;
}

/** Every setting, as `key: value` (nested thresholds as `thresholds.key`). */
function settingsSection(report: Report): string {
  const items: string[] = [];
  const add = (key: string, value: unknown) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    items.push(`<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(text)}</dd>`);
  };
  for (const [key, value] of Object.entries(report.settings)) {
    if (key === 'thresholds') {
      for (const [k, v] of Object.entries(value as object)) add(`thresholds.${k}`, v);
    } else add(key, value);
  }
  return `<h2>Settings</h2><dl class="settings">${items.join('')}</dl>`;
}

function headline(report: Report): string {
  const n = report.warnings.length;
  const critical = report.warnings.filter((w) => w.severity === 'critical').length;
  const parts = [
    `${report.positions.length} position${report.positions.length === 1 ? '' : 's'}`,
    n === 0 ? 'no warnings' : `${n} warning${n === 1 ? '' : 's'} (${critical} critical)`,
  ];
  if (report.settings.current !== null) parts.push(tradesDueText(report));
  return parts.join(' · ');
}

/** The report as a self-contained HTML page (see the module comment). */
export function renderHtml(built: BuiltReport): string {
  const report = built.report;
  const s = report.settings;
  const title = `Hedge report, as of ${report.asOf ?? '–'}`;
  const nav = report.positions.map(
    (p, i) => `<a href="#position-${i + 1}">${escapeHtml(positionTitle(p))}</a>`,
  );
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${escapeHtml(title)}</h1><p class="lead">${escapeHtml(headline(report))}</p></header>`,
    '<h2>Positions</h2>',
    positionsTable(report),
    s.current !== null ? '<h2>Totals and trades</h2>' : '<h2>Totals</h2>',
    totalsTable(report),
    fundingSection(report),
    carrySection(report),
    changesSection(report),
    warningsSection(report),
    '<h2>Positions in detail</h2>',
    `<p class="muted">${nav.join(' · ')}</p>`,
    ...report.positions.map((p, i) => positionSection(p, i, built.extras[i]?.charts ?? null, s)),
    settingsSection(report),
    `<footer>Made by hedge. Chart lines are downsampled to at most ${HTML_CHART_POINTS} points each (min and max per bucket: every extreme is drawn).</footer>`,
    '</body>',
    '</html>',
  ]
    .filter((part) => part !== '') // a section that does not apply
    .join('\n')
    .concat('\n');
}
