import { showText } from './text';
import type { Report } from './types';

/**
 * Columns of the CSV report: one row per position × hedge. Names are the JSON field names; the
 * hedge leg's `symbol` and `price` are `hedge` and `hedgePrice` so they do not collide with the
 * position's. Nested objects are flattened (`rollingCorrelation.min` → `rollingMin`,
 * `break.date` → `breakDate`). Columns added after the first release come before `warnings`.
 */
// prettier-ignore
export const CSV_COLUMNS = [
  'asOf', 'symbol', 'label', 'quantity', 'price', 'value', 'observations', 'start', 'end',
  'alpha', 'alphaStdError', 'rSquared', 'adjRSquared', 'residualStdDev', 'correlation', 'adjustedBeta',
  'hedge', 'beta', 'stdError', 'tStat', 'pValue', 'hedgeRatio', 'hedgePrice', 'hedgeNotional',
  'hedgeQuantity', 'contracts', 'unhedgedNotional', 'inSample', 'outOfSample',
  'rollingWindow', 'rollingMin', 'rollingMax', 'rollingMean', 'rollingStdDev', 'rollingLast',
  'fisherZ', 'fisherPValue', 'chowF', 'chowPValue',
  'rollingBetaMin', 'rollingBetaMax', 'rollingBetaLast', 'downsideBeta', 'upsideBeta', 'downsideBetaPValue',
  'hacStdError', 'hedgeQuantityLow', 'hedgeQuantityHigh', 'hedgeRatioSinceBreak', 'hedgeQuantitySinceBreak',
  'breakDate', 'breakStatistic', 'breakPValue', 'breakBetaBefore', 'breakBetaAfter',
  'breakCorrelationBefore', 'breakCorrelationAfter',
  'warnings',
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
function cell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return quote(neutralizeFormula(showText(v)));
}

/** The report as CSV (header + one row per position × hedge), LF line endings. */
export function renderCsv(report: Report): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const p of report.positions) {
    const r = p.stability.rollingCorrelation;
    const rb = p.stability.rollingBeta;
    const codes = [...new Set(p.warnings.map((w) => w.code))].join('|');
    const b = p.stability.break;
    for (const h of p.hedges) {
      // prettier-ignore
      const row: (string | number | null)[] = [
        report.asOf, p.symbol, p.label, p.quantity, p.price, p.value, p.observations, p.start, p.end,
        p.alpha, p.alphaStdError, p.rSquared, p.adjRSquared, p.residualStdDev, p.correlation, p.adjustedBeta,
        h.symbol, h.beta, h.stdError, h.tStat, h.pValue, h.hedgeRatio, h.price, h.hedgeNotional,
        h.hedgeQuantity, h.contracts, h.unhedgedNotional, p.effectiveness.inSample, p.effectiveness.outOfSample,
        r.window, r.min, r.max, r.mean, r.stdDev, r.last,
        p.stability.fisherZ, p.stability.fisherPValue, p.stability.chowF, p.stability.chowPValue,
        rb.min, rb.max, rb.last, p.stability.downsideBeta, p.stability.upsideBeta, p.stability.downsideBetaPValue,
        h.hacStdError, h.hedgeQuantityLow, h.hedgeQuantityHigh, h.hedgeRatioSinceBreak, h.hedgeQuantitySinceBreak,
        b?.date ?? null, b?.statistic ?? null, b?.pValue ?? null, b?.betaBefore ?? null, b?.betaAfter ?? null,
        b?.correlationBefore ?? null, b?.correlationAfter ?? null,
        codes,
      ];
      lines.push(row.map(cell).join(','));
    }
  }
  return lines.join('\n') + '\n';
}
