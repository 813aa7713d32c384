import { estimatorNamed, estimatorParamsOf } from '../core/estimators';
import type { Settings } from '../settings';
import { carryCells, fundingCells, fundingHeads, hasCarry } from './funding-text';
import type { PositionReport, Report } from './types';
import {
  estimatedParamsText,
  fmt,
  grouped,
  isDirectHedge,
  kindText,
  magnitude,
  pct,
  percentText,
  pText,
  rangeText,
  showText,
  sideOf,
  sig,
  sizeBandText,
  tournamentText,
} from './text';
import {
  changePercent,
  changesSummary,
  contractsText,
  holdingsText,
  rebalanceText,
  tolerancePercent,
  tradesDueText,
  unitsText,
} from './trade-text';

/** `Sell ` or `Buy ` before a hedge's symbol, by the sign of its quantity (nothing for none). */
function sideText(quantity: number | null): string {
  const side = sideOf(quantity);
  return side === null ? '' : `${side} `;
}

/** Markdown table cell: pipes and line breaks escaped, control characters shown. */
function md(text: string): string {
  return showText(text)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[<>*_`[\]]/g, (c) => '\\' + c);
}

/** A beta: two decimals, or two significant digits below 0.01 (price-change betas). */
function betaText(v: number | null): string {
  return v !== null && v !== 0 && Math.abs(v) < 0.01 ? sig(v, 2) : fmt(v, 2);
}

/** `2026-05-20, sup-Wald 16.27 (p = 0.001): β 1.73 → 0.83, ρ 0.77 → 0.42`, or a dash. */
function breakText(p: PositionReport): string {
  const b = p.stability.break;
  if (b === null) return '–';
  return (
    `${b.date}, sup-Wald ${fmt(b.statistic, 2)} (${pText(b.pValue)}): ` +
    `β ${betaText(b.betaBefore)} → ${betaText(b.betaAfter)}, ρ ${fmt(b.correlationBefore, 2)} → ${fmt(b.correlationAfter, 2)}`
  );
}

/** The estimator's parameters as ` (half-life 20)`, or nothing when it has none. */
function estimatorParamsText(s: Settings): string {
  const estimator = estimatorNamed(s.estimator);
  const values = estimatorParamsOf(estimator, s);
  const settings = s as unknown as Readonly<Record<string, unknown>>;
  const shown = estimator.params.map(
    (p) => `${p.label} ${values[p.key] ?? `estimated (${String(settings[p.key])})`}`,
  );
  return shown.length === 0 ? '' : ` (${shown.join(', ')})`;
}

/**
 * A pool's section: what it holds, its delta and gamma, where it rebalances, and its scenarios
 * (the hedges' price moves, the pool revalued in full, the hedges' P&L and the net).
 */
function poolSection(p: PositionReport, band: number): string[] {
  const e = p.exposure;
  const base = md(p.symbol);
  const quote = md(e.quote ?? '');
  const name = p.label ? `${base} (${md(p.label)})` : base;
  const bounds = e.lower === null ? '' : ` on ${e.lower} … ${e.upper}`;
  const pct0 = (x: number) => `${x > 0 ? '+' : ''}${fmt(x * 100, 0)}%`;
  return [
    `### ${name}: ${md(kindText(p.symbol, e))}${bounds}, ${rangeText(e) ?? '–'}`,
    '',
    `Holds ${sig(e.baseAmount, 6)} ${base} and ${sig(e.quoteAmount, 6)} ${quote}, worth ` +
      `${grouped(p.value, 2)}. Delta ${sig(e.delta, 6)} ${base} (${grouped(e.deltaValue, 2)}), ` +
      `gamma ${sig(e.gamma, 4)} ${base} per unit of the ${base}/${quote} price. Rebalance when ` +
      `${base}/${quote} leaves ${sig(e.rebalanceBelow, 6)} … ${sig(e.rebalanceAbove, 6)} (the ` +
      `delta has then moved by ${band}%; – : never on that side).`,
    '',
    `| Hedge move | ${base} price | Position P&L | Hedge P&L | Net |`,
    '|--:|--:|--:|--:|--:|',
    ...(p.scenarios ?? []).map(
      (c) =>
        `| ${pct0(c.move)} | ${sig(c.price, 6)} | ${grouped(c.positionPnl, 2)} | ` +
        `${grouped(c.hedgePnl, 2)} | ${grouped(c.net, 2)} |`,
    ),
  ];
}

/** The trades section (`--current`): per instrument where it is held, the trade and its status. */
function tradesSection(report: Report): string[] {
  const tolerance = report.settings.tolerance;
  return [
    '',
    '## Trades',
    '',
    `Tolerance ${tolerancePercent(tolerance)} of the target: ${tradesDueText(report)}.`,
    '',
    '| Instrument | Held | Target | Current | Trade | Notional | Contracts | Rebalance |',
    '|---|---|--:|--:|--:|--:|--:|---|',
    ...report.totals.map((t) => {
      const status = rebalanceText(t, tolerance);
      return (
        `| ${md(t.symbol)} | ${md(holdingsText(t))} | ${unitsText(t.hedgeQuantity)} | ` +
        `${unitsText(t.current)} | ${unitsText(t.trade)} | ${grouped(t.tradeNotional, 2)} | ` +
        `${contractsText(t.tradeContracts)} | ${t.rebalance === true ? `**${status}**` : status} |`
      );
    }),
  ];
}

/**
 * The funding section (`--funding`): per instrument the figures of fundingCells (`no funding
 * rows in the range` without them), what the hedge earns or pays over --horizon in total.
 */
function fundingSection(report: Report): string[] {
  const heads = ['Instrument', ...fundingHeads(report.settings.horizon)];
  const total = report.totals.reduce((a, t) => a + (t.funding?.expectedCarry ?? 0), 0);
  return [
    '',
    '## Funding',
    '',
    `Expected funding over the next ${report.settings.horizon} days: ${grouped(total, 0)} ` +
      '(positive = received; rates are paid by longs to shorts).',
    '',
    `| ${heads.join(' | ')} |`,
    `|---|---|${'--:|'.repeat(heads.length - 2)}`,
    ...report.totals.map((t) => {
      const cells = fundingCells(t) ?? [
        'no funding rows in the range',
        ...new Array<string>(heads.length - 2).fill(''),
      ];
      return `| ${md(t.symbol)} | ${cells.join(' | ')} |`;
    }),
  ];
}

/** The carry section: each position's fees, funding and net a year on its value. */
function carrySection(report: Report): string[] {
  return [
    '',
    '## Carry',
    '',
    '| Position | Label | Fees a year | Funding a year | Net a year |',
    '|---|---|--:|--:|--:|',
    ...report.positions.map(
      (p) => `| ${md(p.symbol)} | ${md(p.label ?? '')} | ${carryCells(p).join(' | ')} |`,
    ),
  ];
}

/**
 * The changes section (`--previous`): the headline, every instrument's target then and now, the
 * warnings cleared (the raised ones are marked **new** under Warnings).
 */
function changesSection(report: Report): string[] {
  const c = report.changes!;
  const out = [
    '',
    `## Changes since ${c.previousAsOf === null ? 'the previous report' : md(c.previousAsOf)}`,
    '',
    `${md(changesSummary(report))}.`,
    '',
    '| Instrument | Previous target | Target | Change | Change % |',
    '|---|--:|--:|--:|--:|',
    ...c.targets.map(
      (t) =>
        `| ${md(t.symbol)} | ${unitsText(t.previous)} | ${unitsText(t.target)} | ` +
        `${unitsText(t.change)} | ${changePercent(t.relativeChange)} |`,
    ),
  ];
  if (c.warningsCleared.length > 0) {
    out.push('', 'Cleared:', '');
    for (const w of c.warningsCleared) {
      // a code read back from a file: in a code span only when it is a plain warning code
      const code = /^[A-Z0-9_]+$/.test(w.code) ? `\`${w.code}\`` : md(w.code);
      out.push(`- **${w.severity}** ${code}: ${md(w.message)}`);
    }
  }
  return out;
}

/** The settings line's part for --current, --previous and --funding (nothing without them). */
function tradeSettingsText(s: Settings): string {
  const current =
    s.current === null
      ? ''
      : `, current hedges ${md(s.current)}, tolerance ${tolerancePercent(s.tolerance)}`;
  const funding =
    s.funding.length === 0
      ? ''
      : `, funding ${s.funding.map(md).join(', ')}, horizon ${s.horizon} days, ` +
        `max funding cost ${percentText(s.thresholds.maxFundingCost)}`;
  return current + (s.previous === null ? '' : `, previous report ${md(s.previous)}`) + funding;
}

/**
 * The report as Markdown for a cron mail: headline with the warning count (and the trades due),
 * the positions table (with each position's kind, delta and range), totals, trades (`--current`),
 * funding (`--funding`) and carry, changes (`--previous`), warnings, the pools' scenarios, per-position diagnostics, and the
 * settings that produced it.
 */
export function renderMarkdown(report: Report): string {
  const s = report.settings;
  const out: string[] = [];
  const n = report.warnings.length;
  out.push(`# Hedge report, as of ${report.asOf ?? '–'}`, '');
  out.push(
    n === 0
      ? '**No warnings.**'
      : `**${n} warning${n === 1 ? '' : 's'}** (${report.warnings.filter((w) => w.severity === 'critical').length} critical).`,
    '',
  );
  if (s.current !== null) {
    const due = tradesDueText(report);
    out.push(`**${due.charAt(0).toUpperCase()}${due.slice(1)}.**`, '');
  }
  out.push(
    '| Position | Label | Kind | Delta | Range | Hedge | β | SE | HAC SE | Ratio | ρ | R² | Units | 95% band | Notional | Contracts | Eff. in | Eff. out |',
    '|---|---|---|--:|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  );
  for (const p of report.positions) {
    const e = p.exposure;
    const kind = `${md(kindText(p.symbol, e))} | ${sig(e.delta, 6)} | ${rangeText(e) ?? '–'}`;
    for (const h of p.hedges) {
      const side = h.hedgeRatio === null ? '' : sideText(h.hedgeQuantity);
      const hedge = side + md(h.symbol) + (isDirectHedge(e, h) ? ' (direct)' : '');
      out.push(
        `| ${md(p.symbol)} | ${md(p.label ?? '')} | ${kind} | ${hedge} | ${fmt(h.beta, 4)} | ${fmt(h.stdError, 4)} | ` +
          `${fmt(h.hacStdError, 4)} | ${fmt(h.hedgeRatio, 4)} | ${fmt(p.correlation, 3)} | ${fmt(p.rSquared, 3)} | ` +
          `${sig(magnitude(h.hedgeQuantity), 6)} | ${sizeBandText(h, 4, ' … ') ?? '–'} | ` +
          `${grouped(magnitude(h.hedgeNotional), 2)} | ${contractsText(magnitude(h.contracts))} | ` +
          `${pct(p.effectiveness.inSample)} | ${pct(p.effectiveness.outOfSample)} |`,
      );
    }
  }
  out.push('', '## Totals', '', '| Hedge | Units | Notional | Contracts |', '|---|--:|--:|--:|');
  for (const t of report.totals) {
    out.push(
      `| ${sideText(t.hedgeQuantity)}${md(t.symbol)} | ${sig(magnitude(t.hedgeQuantity), 6)} | ` +
        `${grouped(magnitude(t.hedgeNotional), 2)} | ${contractsText(magnitude(t.contracts))} |`,
    );
  }
  if (s.current !== null) out.push(...tradesSection(report));
  if (s.funding.length > 0) out.push(...fundingSection(report));
  if (hasCarry(report)) out.push(...carrySection(report));
  if (report.changes !== null) out.push(...changesSection(report));
  if (n > 0) {
    const raised = new Set(report.changes?.warningsRaised.map((w) => w.message));
    out.push('', '## Warnings', '');
    for (const w of report.warnings) {
      const tag = raised.has(w.message) ? ' (**new**)' : '';
      out.push(`- **${w.severity}** \`${w.code}\`${tag}: ${md(w.message)}`);
    }
  }
  const pools = report.positions.filter((p) => p.scenarios !== null);
  const band = Number((s.rebalanceBand * 100).toPrecision(12));
  for (const [i, p] of pools.entries()) {
    out.push(...(i === 0 ? ['', '## Pools'] : []), '', ...poolSection(p, band));
  }
  out.push(...stabilitySection(report));
  out.push(...tournamentSection(report));
  const fitted = report.positions.map(
    (p) => [p, estimatedParamsText(s, p.estimatorParams)] as const,
  );
  if (fitted.some(([, text]) => text !== null)) {
    out.push('', '## Estimated parameters', '');
    for (const [p, text] of fitted) {
      if (text !== null)
        out.push(`- ${md(p.symbol)}${p.label ? ` (${md(p.label)})` : ''}: ${md(text)}`);
    }
  }
  out.push(
    '',
    `Settings: ${s.returns} returns, ${s.frequency} frequency, estimator ${s.estimator}` +
      `${estimatorParamsText(s)}, ${s.intercept ? 'with' : 'without'} intercept, ` +
      `range ${s.from ?? 'start'} … ${s.to ?? 'end'}${s.lookback !== null ? `, last ${s.lookback} returns` : ''}, window ${s.window}` +
      (pools.length > 0 ? `, cash ${s.cash.map(md).join(', ')}, rebalance band ${band}%` : '') +
      `${tradeSettingsText(s)}.`,
    '',
  );
  return out.join('\n');
}

/** Per position: the rolling statistics and the break tests, the dated break among them. */
function stabilitySection(report: Report): string[] {
  const out: string[] = [];
  out.push('', '## Stability', '');
  out.push(
    `| Position | Obs | Period | Rolling ρ (${report.settings.window}) min / mean / max / last | Fisher z | Chow F | Dated break | Rolling β min … max | Downside / upside β |`,
    '|---|--:|---|---|---|---|---|---|---|',
  );
  for (const p of report.positions) {
    const r = p.stability.rollingCorrelation;
    const st = p.stability;
    out.push(
      `| ${md(p.symbol)} | ${p.observations} | ${p.start ?? '–'} … ${p.end ?? '–'} | ` +
        `${fmt(r.min, 2)} / ${fmt(r.mean, 2)} / ${fmt(r.max, 2)} / ${fmt(r.last, 2)} | ` +
        `${fmt(st.fisherZ, 2)} (${pText(st.fisherPValue)}) | ${fmt(st.chowF, 2)} (${pText(st.chowPValue)}) | ` +
        `${breakText(p)} | ` +
        `${fmt(st.rollingBeta.min, 2)} … ${fmt(st.rollingBeta.max, 2)} | ` +
        `${fmt(st.downsideBeta, 2)} / ${fmt(st.upsideBeta, 2)} (${pText(st.downsideBetaPValue)}) |`,
    );
  }
  return out;
}

/**
 * `--estimator auto`: per position, the winner with its margin, and every entrant's
 * out-of-sample effectiveness on the middle third (which chose) / the last third (reported).
 */
function tournamentSection(report: Report): string[] {
  const rows = report.positions.filter((p) => p.estimators !== null);
  if (rows.length === 0) return [];
  const names = rows[0]!.estimators!.map((e) => e.name);
  const out = [
    '',
    '## Estimator tournament (effectiveness: middle third / last third)',
    '',
    `| Position | Chosen | ${names.join(' | ')} |`,
    `|---|---|${names.map(() => '---:').join('|')}|`,
  ];
  for (const p of rows) {
    const cells = p.estimators!.map(
      (e) => `${fmt(e.selectionEffectiveness, 3)} / ${fmt(e.outOfSample, 3)}`,
    );
    const name = `${md(p.symbol)}${p.label ? ` (${md(p.label)})` : ''}`;
    out.push(`| ${name} | ${md(tournamentText(p) ?? '–')} | ${cells.join(' | ')} |`);
  }
  return out;
}
