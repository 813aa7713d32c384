import { fundingCostExceeds } from './funding';
import { hasCarry } from './funding-text';
import { showText } from './text';
import type { Report } from './types';

/**
 * Columns of the CSV report: one row per position × hedge. Names are the JSON field names; the
 * hedge leg's `symbol` and `price` are `hedge` and `hedgePrice` so they do not collide with the
 * position's. Nested objects are flattened (`rollingCorrelation.min` → `rollingMin`,
 * `break.date` → `breakDate`, the `exposure` block's fields after `value` under their own names).
 * Columns added after the first release come before `warnings`. A pool's scenarios are not in
 * the CSV (one row per position × hedge has no place for them). With `--current`, the trades
 * follow as rows of their own under the same header (see renderCsv).
 */
// prettier-ignore
export const CSV_COLUMNS = [
  'asOf', 'symbol', 'label', 'quantity', 'price', 'value',
  'kind', 'quote', 'baseAmount', 'quoteAmount', 'delta', 'deltaValue', 'gamma', 'lower', 'upper',
  'inRange', 'rebalanceBelow', 'rebalanceAbove', 'observations', 'start', 'end',
  'alpha', 'alphaStdError', 'rSquared', 'adjRSquared', 'residualStdDev', 'correlation', 'adjustedBeta',
  'hedge', 'beta', 'stdError', 'tStat', 'pValue', 'hedgeRatio', 'hedgePrice', 'hedgeNotional',
  'hedgeQuantity', 'contracts', 'unhedgedNotional', 'inSample', 'outOfSample',
  'rollingWindow', 'rollingMin', 'rollingMax', 'rollingMean', 'rollingStdDev', 'rollingLast',
  'fisherZ', 'fisherPValue', 'chowF', 'chowPValue',
  'rollingBetaMin', 'rollingBetaMax', 'rollingBetaLast', 'downsideBeta', 'upsideBeta', 'downsideBetaPValue',
  'estimator',
  'hacStdError', 'hedgeQuantityLow', 'hedgeQuantityHigh', 'hedgeRatioSinceBreak', 'hedgeQuantitySinceBreak',
  'breakDate', 'breakStatistic', 'breakPValue', 'breakBetaBefore', 'breakBetaAfter',
  'breakCorrelationBefore', 'breakCorrelationAfter',
  'warnings',
] as const;

/**
 * With `--current`, columns after `warnings`: the trade of the `total` rows (empty on position
 * rows).
 */
export const CSV_TRADE_COLUMNS = [
  'current',
  'trade',
  'tradeNotional',
  'tradeContracts',
  'rebalance',
] as const;

/**
 * With `--funding` or a position's `fee_apr`, columns after the trade columns (or `warnings`):
 * the position rows' carry, then the `total` rows' funding (each empty on the other kind of row).
 */
export const CSV_CARRY_COLUMNS = [
  'feeApr',
  'fundingApr',
  'netApr',
  'intervalHours',
  'periods',
  'meanRate',
  'annualizedRate',
  'negativeShare',
  'worst30d',
  'expectedCarry',
] as const;

/**
 * A text cell safe to open in a spreadsheet: one that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe (OWASP "CSV
 * injection"). Numbers are written as numbers and never altered.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180 quoting: quote a field containing a comma, quote, CR or LF; double inner quotes. */
function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * A number as written by String (shortest round trip), a text cell with control characters and
 * bidi overrides shown escaped (showText: the report may go to a terminal) and formula triggers
 * neutralised, null as an empty cell.
 */
function cell(v: string | number | boolean | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return String(v);
  return quote(neutralizeFormula(showText(v)));
}

/**
 * One row per instrument of the totals, under the position rows' header: `kind` = `total`,
 * `hedge` the instrument, `hedgeNotional`, `hedgeQuantity` and `contracts` its target, then the
 * trade columns and the funding ones (those of `columns`); `warnings` is REBALANCE_NEEDED when
 * the trade is due, FUNDING_COST when its funding costs more than the limit;
 * every other cell empty.
 */
function totalRows(report: Report, columns: readonly string[]): string[] {
  const limit = report.settings.thresholds.maxFundingCost;
  return report.totals.map((t) => {
    const f = t.funding;
    const codes = [
      ...(t.rebalance === true ? ['REBALANCE_NEEDED'] : []),
      ...(fundingCostExceeds(t, limit) ? ['FUNDING_COST'] : []),
    ];
    const row = new Map<string, string | number | boolean | null>([
      ['asOf', report.asOf],
      ['kind', 'total'],
      ['hedge', t.symbol],
      ['hedgeNotional', t.hedgeNotional],
      ['hedgeQuantity', t.hedgeQuantity],
      ['contracts', t.contracts],
      ['warnings', codes.join('|')],
      ['current', t.current],
      ['trade', t.trade],
      ['tradeNotional', t.tradeNotional],
      ['tradeContracts', t.tradeContracts],
      ['rebalance', t.rebalance],
      ['intervalHours', f?.intervalHours ?? null],
      ['periods', f?.periods ?? null],
      ['meanRate', f?.meanRate ?? null],
      ['annualizedRate', f?.annualizedRate ?? null],
      ['negativeShare', f?.negativeShare ?? null],
      ['worst30d', f?.worst30d ?? null],
      ['expectedCarry', f?.expectedCarry ?? null],
    ]);
    return columns.map((k) => cell(row.get(k) ?? null)).join(',');
  });
}

/**
 * The report as CSV, LF line endings: the header and one row per position × hedge; with
 * `--current`, the trade columns after `warnings` (empty on those rows); with `--funding` or a
 * `fee_apr`, the carry columns after them; with `--current` or `--funding`, one `total` row per
 * instrument after the position rows (totalRows).
 */
export function renderCsv(report: Report): string {
  const trades = report.settings.current !== null;
  const carry = hasCarry(report);
  const columns = [
    ...CSV_COLUMNS,
    ...(trades ? CSV_TRADE_COLUMNS : []),
    ...(carry ? CSV_CARRY_COLUMNS : []),
  ];
  const tradeTail = trades ? ',,,,,' : '';
  const fundingTail = ','.repeat(CSV_CARRY_COLUMNS.length - 3); // the totals' columns
  const lines = [columns.join(',')];
  for (const p of report.positions) {
    const r = p.stability.rollingCorrelation;
    const rb = p.stability.rollingBeta;
    const codes = [...new Set(p.warnings.map((w) => w.code))].join('|');
    const b = p.stability.break;
    const e = p.exposure;
    for (const h of p.hedges) {
      // prettier-ignore
      const row: (string | number | boolean | null)[] = [
        report.asOf, p.symbol, p.label, p.quantity, p.price, p.value,
        e.kind, e.quote, e.baseAmount, e.quoteAmount, e.delta, e.deltaValue, e.gamma, e.lower, e.upper,
        e.inRange, e.rebalanceBelow, e.rebalanceAbove, p.observations, p.start, p.end,
        p.alpha, p.alphaStdError, p.rSquared, p.adjRSquared, p.residualStdDev, p.correlation, p.adjustedBeta,
        h.symbol, h.beta, h.stdError, h.tStat, h.pValue, h.hedgeRatio, h.price, h.hedgeNotional,
        h.hedgeQuantity, h.contracts, h.unhedgedNotional, p.effectiveness.inSample, p.effectiveness.outOfSample,
        r.window, r.min, r.max, r.mean, r.stdDev, r.last,
        p.stability.fisherZ, p.stability.fisherPValue, p.stability.chowF, p.stability.chowPValue,
        rb.min, rb.max, rb.last, p.stability.downsideBeta, p.stability.upsideBeta, p.stability.downsideBetaPValue,
        p.estimator,
        h.hacStdError, h.hedgeQuantityLow, h.hedgeQuantityHigh, h.hedgeRatioSinceBreak, h.hedgeQuantitySinceBreak,
        b?.date ?? null, b?.statistic ?? null, b?.pValue ?? null, b?.betaBefore ?? null, b?.betaAfter ?? null,
        b?.correlationBefore ?? null, b?.correlationAfter ?? null,
        codes,
      ];
      const carried = carry
        ? `,${[p.carry.feeApr, p.carry.fundingApr, p.carry.netApr].map(cell).join(',')}${fundingTail}`
        : '';
      lines.push(row.map(cell).join(',') + tradeTail + carried);
    }
  }
  if (trades || report.settings.funding.length > 0) lines.push(...totalRows(report, columns));
  return lines.join('\n') + '\n';
}
