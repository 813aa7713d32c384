/**
 * One position's section of the HTML report: what it holds and how well it is hedged, then its
 * charts (./html-charts.ts) from the lines the report computed for them
 * (src/report/position/charts.ts): rolling correlation and rolling beta with the warning
 * threshold, the full-sample value and the break date (when the report has one); cumulative return
 * unhedged and hedged with the walk-forward's ratio; a pool's value and delta across the base's
 * price with its range and today's price.
 */
import type { PositionCharts } from './position/charts';
import { chartSvg, escapeHtml, type ChartMarker, type ChartRule } from './html-charts';
import { fmt, grouped, kindText, pct, rangeText, sig } from './text';
import type { PositionReport } from './types';
import type { Settings } from '../settings';

/** The position's name as shown: `SOL` or `SOL — Treasury SOL`. */
export function positionTitle(p: PositionReport): string {
  return p.label ? `${p.symbol} — ${p.label}` : p.symbol;
}

/**
 * The break date of the position's stability tests as epoch ms, when the report dates its break
 * (`stability.break.date`, the CLI contract's "Dated breaks"); null otherwise.
 */
export function breakDate(p: PositionReport): number | null {
  const b = p.stability.break;
  const t = b?.date ? Date.parse(b.date) : NaN;
  return Number.isFinite(t) ? t : null;
}

/** The break date as a chart marker (none without one). */
function breakMarkers(p: PositionReport): ChartMarker[] {
  const t = breakDate(p);
  return t === null ? [] : [{ at: t, label: 'break', cls: 'm-now' }];
}

/** The full-sample slope the rolling beta is of: the one hedge's beta, or 1 on the fitted portfolio. */
function fullSampleBeta(p: PositionReport, portfolio: boolean): number | null {
  return portfolio ? 1 : (p.hedges.find((h) => h.beta !== null)?.beta ?? null);
}

function rollingCharts(p: PositionReport, c: PositionCharts, s: Settings): string[] {
  const out: string[] = [];
  const markers = breakMarkers(p);
  const hedge = p.hedges.find((h) => h.beta !== null)?.symbol ?? 'the hedge';
  const on = c.portfolio ? 'the fitted hedge portfolio' : hedge;
  if (c.rollingCorrelation !== null) {
    const rules: ChartRule[] = [];
    const thr = s.thresholds.minCorrelation;
    rules.push({ value: thr, label: `LOW_CORRELATION below |ρ| ${thr}`, cls: 'r-warn' });
    rules.push({ value: -thr, label: '', cls: 'r-warn' });
    if (p.correlation !== null) {
      rules.push({
        value: p.correlation,
        label: `full sample ${fmt(p.correlation, 3)}`,
        cls: 'r-full',
      });
    }
    out.push(
      chartSvg({
        title: `Rolling correlation with ${on} (${s.window} returns)`,
        x: 'time',
        series: [
          {
            name: 'rolling ρ',
            cls: 's0',
            x: c.rollingCorrelation.times,
            y: c.rollingCorrelation.values,
          },
        ],
        rules,
        markers,
        yInclude: [0],
      }),
    );
  }
  if (c.rollingBeta !== null) {
    const beta = fullSampleBeta(p, c.portfolio);
    const rules: ChartRule[] = [{ value: 0, label: 'zero (the sign changes)', cls: 'r-zero' }];
    if (beta !== null)
      rules.push({ value: beta, label: `full sample ${sig(beta, 4)}`, cls: 'r-full' });
    out.push(
      chartSvg({
        title: `Rolling beta on ${on} (${s.window} returns)`,
        x: 'time',
        series: [{ name: 'rolling β', cls: 's1', x: c.rollingBeta.times, y: c.rollingBeta.values }],
        rules,
        markers,
      }),
    );
  }
  return out;
}

function cumulativeChart(p: PositionReport, c: PositionCharts, s: Settings): string[] {
  if (c.cumulativeUnhedged === null || c.cumulativeHedged === null) return [];
  const percent = s.returns === 'log' || s.returns === 'simple';
  const what = percent ? 'Cumulative return' : 'Cumulative price change';
  return [
    chartSvg({
      title: `${what}, unhedged and hedged out of sample`,
      x: 'time',
      series: [
        {
          name: 'unhedged',
          cls: 's0',
          x: c.cumulativeUnhedged.times,
          y: c.cumulativeUnhedged.values,
        },
        {
          name: 'hedged (walk-forward ratio)',
          cls: 's2',
          x: c.cumulativeHedged.times,
          y: c.cumulativeHedged.values,
        },
      ],
      rules: [{ value: 0, label: 'start', cls: 'r-zero' }],
      markers: breakMarkers(p),
      ...(percent && { yTickFormat: (v: number) => pct(v, 0) }),
    }),
  ];
}

function curveCharts(p: PositionReport, c: PositionCharts): string[] {
  const curve = c.curve;
  if (curve === null) return [];
  const e = p.exposure;
  const markers: ChartMarker[] = [{ at: curve.price, label: 'now', cls: 'm-now' }];
  if (e.lower !== null) markers.push({ at: e.lower, label: 'lower', cls: 'm-range' });
  if (e.upper !== null) markers.push({ at: e.upper, label: 'upper', cls: 'm-range' });
  const pair = `${p.symbol}/${e.quote ?? ''}`;
  const bands =
    e.lower !== null && e.upper !== null ? [{ from: e.lower, to: e.upper, label: 'range' }] : [];
  return [
    chartSvg({
      title: `Value in ${e.quote ?? 'the quote'} across the ${pair} price`,
      x: 'linear',
      series: [{ name: 'value', cls: 's0', x: curve.prices, y: curve.values }],
      markers,
      bands,
      yInclude: [0],
    }),
    chartSvg({
      title: `Delta (${p.symbol} held) across the ${pair} price`,
      x: 'linear',
      series: [{ name: 'delta', cls: 's1', x: curve.prices, y: curve.deltas }],
      markers,
      bands,
      yInclude: [0],
    }),
  ];
}

/** One sentence of what the position is and how well it is hedged. */
function positionFacts(p: PositionReport): string {
  const e = p.exposure;
  const range = rangeText(e);
  return escapeHtml(
    `${kindText(p.symbol, e)}${range ? `, ${range}` : ''}: value ${grouped(p.value, 2)}, delta ` +
      `${sig(e.delta, 6)}; ${p.observations} returns ${p.start ?? '–'} … ${p.end ?? '–'}; ` +
      `ρ ${fmt(p.correlation, 3)}, R² ${fmt(p.rSquared, 3)}, effectiveness in sample ` +
      `${pct(p.effectiveness.inSample)}, out of sample ${pct(p.effectiveness.outOfSample)}.`,
  );
}

/** A warning's severity, code and sentence (a cleared one's code is read back from a file). */
export function warningItem(w: { severity: string; code: string; message: string }): string {
  const severity = escapeHtml(w.severity);
  return `<span class="sev sev-${severity}">${severity}</span> <code>${escapeHtml(w.code)}</code> ${escapeHtml(w.message)}`;
}

/** The position's section: heading, facts, its warnings, its charts. */
export function positionSection(
  p: PositionReport,
  index: number,
  charts: PositionCharts | null,
  s: Settings,
): string {
  const figures =
    charts === null
      ? []
      : [
          ...rollingCharts(p, charts, s),
          ...cumulativeChart(p, charts, s),
          ...curveCharts(p, charts),
        ];
  const warnings = p.warnings.map((w) => `<li>${warningItem(w)}</li>`);
  return [
    `<section class="position" id="position-${index + 1}">`,
    `<h3>${escapeHtml(positionTitle(p))}</h3>`,
    `<p class="muted">${positionFacts(p)}</p>`,
    warnings.length > 0 ? `<ul class="warnings">${warnings.join('')}</ul>` : '',
    figures.length > 0
      ? `<div class="charts">${figures.join('\n')}</div>`
      : '<p class="nochart">No charts: too few returns to fit.</p>',
    '</section>',
  ].join('\n');
}
