import { estimatorNamed, estimatorParamsOf } from '../core/estimators';
import type { Settings } from '../settings';
import type { PositionReport, Report } from './types';
import { fmt, grouped, pct, pText, showText, sig } from './text';

/** Markdown table cell: pipes and line breaks escaped, control characters shown. */
function md(text: string): string {
  return showText(text)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[<>*_`[\]]/g, (c) => '\\' + c);
}

/** `-2.26 … -2.02`, or a dash. */
function bandText(low: number | null, high: number | null): string {
  return low === null || high === null ? '–' : `${sig(low, 4)} … ${sig(high, 4)}`;
}

/** `2026-05-20, sup-Wald 16.27 (p = 0.001): β 1.73 → 0.83, ρ 0.77 → 0.42`, or a dash. */
function breakText(p: PositionReport): string {
  const b = p.stability.break;
  if (b === null) return '–';
  return (
    `${b.date}, sup-Wald ${fmt(b.statistic, 2)} (${pText(b.pValue)}): ` +
    `β ${fmt(b.betaBefore, 2)} → ${fmt(b.betaAfter, 2)}, ρ ${fmt(b.correlationBefore, 2)} → ${fmt(b.correlationAfter, 2)}`
  );
}

/** The estimator's parameters as ` (half-life 20)`, or nothing when it has none. */
function estimatorParamsText(s: Settings): string {
  const estimator = estimatorNamed(s.estimator);
  const values = estimatorParamsOf(estimator, s);
  const shown = estimator.params.map((p) => `${p.label} ${values[p.key] ?? 'estimated'}`);
  return shown.length === 0 ? '' : ` (${shown.join(', ')})`;
}

/**
 * The report as Markdown for a cron mail: headline with the warning count, the positions table,
 * totals, warnings, per-position diagnostics, and the settings that produced it.
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
  out.push(
    '| Position | Label | Hedge | β | SE | HAC SE | Ratio | ρ | R² | Short units | 95% band | Notional | Contracts | Eff. in | Eff. out |',
    '|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  );
  for (const p of report.positions) {
    for (const h of p.hedges) {
      out.push(
        `| ${md(p.symbol)} | ${md(p.label ?? '')} | ${md(h.symbol)} | ${fmt(h.beta, 4)} | ${fmt(h.stdError, 4)} | ` +
          `${fmt(h.hacStdError, 4)} | ${fmt(h.hedgeRatio, 4)} | ${fmt(p.correlation, 3)} | ${fmt(p.rSquared, 3)} | ` +
          `${sig(h.hedgeQuantity, 6)} | ${bandText(h.hedgeQuantityLow, h.hedgeQuantityHigh)} | ` +
          `${grouped(h.hedgeNotional, 2)} | ${h.contracts === null ? '–' : String(h.contracts)} | ` +
          `${pct(p.effectiveness.inSample)} | ${pct(p.effectiveness.outOfSample)} |`,
      );
    }
  }
  out.push(
    '',
    '## Totals',
    '',
    '| Hedge | Short units | Notional | Contracts |',
    '|---|--:|--:|--:|',
  );
  for (const t of report.totals) {
    out.push(
      `| ${md(t.symbol)} | ${sig(t.hedgeQuantity, 6)} | ${grouped(t.hedgeNotional, 2)} | ${t.contracts === null ? '–' : String(t.contracts)} |`,
    );
  }
  if (n > 0) {
    out.push('', '## Warnings', '');
    for (const w of report.warnings)
      out.push(`- **${w.severity}** \`${w.code}\`: ${md(w.message)}`);
  }
  out.push('', '## Stability', '');
  out.push(
    `| Position | Obs | Period | Rolling ρ (${s.window}) min / mean / max / last | Fisher z | Chow F | Dated break | Rolling β min … max | Downside / upside β |`,
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
  out.push(
    '',
    `Settings: ${s.returns} returns, ${s.frequency} frequency, estimator ${s.estimator}` +
      `${estimatorParamsText(s)}, ${s.intercept ? 'with' : 'without'} intercept, ` +
      `range ${s.from ?? 'start'} … ${s.to ?? 'end'}${s.lookback !== null ? `, last ${s.lookback} returns` : ''}, window ${s.window}.`,
    '',
  );
  return out.join('\n');
}
