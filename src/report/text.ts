/** Small text helpers shared by warning sentences and renderers. */
import { bucketMeansOf } from '../core/diagnostics/rolling';
import { ESTIMATOR_PARAMS } from '../core/estimators';
import type { HedgeLeg, PositionExposure, PositionReport } from './types';

/**
 * User-supplied text made safe for a terminal or a mail: control characters (C0, DEL, C1,
 * including ESC of escape sequences) and Unicode line/paragraph separators and bidi controls
 * are shown as \xNN / \u{NNNN} escapes, so a symbol or label cannot move the cursor, recolour
 * the screen or reorder the line.
 */
export function showText(s: string): string {
  return s.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => {
      const code = c.codePointAt(0)!;
      return code <= 0xff
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u{${code.toString(16)}}`;
    },
  );
}

/** Longest message line shown, in UTF-16 units (a guard: messages clip what they echo). */
export const MESSAGE_LENGTH = 1000;

/**
 * A message line of at most about MESSAGE_LENGTH characters: a longer one (input echoed whole by
 * a message that should have clipped it) keeps its start and end around `…`, so a 5 MB symbol
 * or flag value never floods the terminal or a log.
 */
export function clipMessage(line: string): string {
  if (line.length <= MESSAGE_LENGTH) return line;
  const head = Array.from(line.slice(0, 700));
  const tail = Array.from(line.slice(-250));
  // drop the halves of a pair cut by slice
  const ok = (c: string) => !/^[\ud800-\udfff]$/.test(c);
  return `${head.filter(ok).join('')} … ${tail.filter(ok).join('')}`;
}

/** The first `max` code points of `text`, the last replaced by `…` when it is longer. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/** Fixed decimals with a real minus sign avoided (plain '-') and no "-0.00". */
export function fmt(x: number | null, digits: number): string {
  if (x === null || !Number.isFinite(x)) return '–';
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** A share as a percentage: 0.1234 → "12.3%". */
export function pct(x: number | null, digits = 1): string {
  return x === null || !Number.isFinite(x) ? '–' : `${fmt(x * 100, digits)}%`;
}

/** Thousands separators and a fixed number of decimals: 1234567.891 → "1,234,567.89". */
export function grouped(x: number | null, digits: number): string {
  if (x === null || !Number.isFinite(x)) return '–';
  const s = fmt(x, digits);
  const [int, frac] = s.split('.');
  const sign = int!.startsWith('-') ? '-' : '';
  const body = int!.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + body + (frac !== undefined ? '.' + frac : '');
}

/**
 * Significant-digit formatting for prices and quantities whose scale varies from 1e-6 to 1e6:
 * `sig(0.0000123456, 4)` → "0.00001235", `sig(43125.17, 4)` → "43,125".
 */
export function sig(x: number | null, digits = 4): string {
  if (x === null || !Number.isFinite(x)) return '–';
  if (x === 0) return '0';
  const mag = Math.floor(Math.log10(Math.abs(x)));
  const decimals = Math.max(0, Math.min(12, digits - 1 - mag));
  return grouped(Number(x.toPrecision(digits)), decimals);
}

/** Three significant digits without trailing zeros: 8 → `8`, 0.131 → `0.131`, 14.38 → `14.4`. */
export function shortNumber(x: number): string {
  const s = sig(x, 3);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** A fraction as a percentage (shortNumber): 0.1438 → `14.4%`, -0.0001313 → `-0.0131%`; `–` for null. */
export function percentText(x: number | null): string {
  return x === null ? '–' : `${shortNumber(x * 100)}%`;
}

/** A p-value as text: "p < 0.001" or "p = 0.004". */
export function pText(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return 'p = –';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

const SPARKS = '▁▂▃▄▅▆▇█';

/** Characters of the table's rolling-correlation sparkline. */
export const SPARKLINE_WIDTH = 16;

/**
 * The means of the finite values in `width` equal buckets of the series (fewer when the series
 * is shorter; NaN for a bucket without a finite value): what a sparkline of that width draws.
 * Cost O(n); the result has at most `width` values, so a report keeps these, not the series.
 */
export const bucketMeans = bucketMeansOf;

/**
 * A sparkline of values in [lo, hi] (default: correlation's −1…1 is too coarse, so the
 * series' own range): at most `width` characters, each the mean of its bucket (bucketMeans).
 */
export function sparkline(values: ArrayLike<number>, width = 24, lo?: number, hi?: number): string {
  const means = Array.from(bucketMeans(values, width));
  if (means.length === 0) return '';
  const finiteMeans = means.filter(Number.isFinite);
  const min = lo ?? Math.min(...finiteMeans);
  const max = hi ?? Math.max(...finiteMeans);
  const span = max - min;
  return means
    .map((m) => {
      if (!Number.isFinite(m)) return ' ';
      const i =
        span > 0 ? Math.round(((m - min) / span) * (SPARKS.length - 1)) : SPARKS.length >> 1;
      return SPARKS[Math.max(0, Math.min(SPARKS.length - 1, i))];
    })
    .join('');
}

/**
 * Where a pool's price is against its range, from the report's exposure block: `in range`,
 * `below range` (a v3 position all in the base token), `above range` (all in the quote), or
 * `full range` for a v2 pool; null for a position that is not a pool.
 */
export function rangeText(e: PositionExposure): string | null {
  if (e.quote === null || e.inRange === null) return null;
  if (e.lower === null) return 'full range';
  if (e.inRange) return 'in range';
  return e.quoteAmount === 0 ? 'below range' : 'above range';
}

/** A pool's kind and pair (`v3 SOL/USDC`); a spot holding's kind (`spot`). */
export function kindText(symbol: string, e: PositionExposure): string {
  return e.quote === null ? e.kind : `${e.kind} ${showText(symbol)}/${showText(e.quote)}`;
}

/**
 * Whether hedge leg `h` of a position is a direct leg: a pool's priced quote hedged one for one
 * (its symbol is the quote, no beta, ratio 1), not a hedge of the row's regression.
 */
export function isDirectHedge(e: PositionExposure, h: HedgeLeg): boolean {
  return h.symbol === e.quote && h.beta === null && h.hedgeRatio === 1;
}

/**
 * Which way a hedge trades, so that no sign has to be read: `Sell` a negative quantity (a short
 * hedge), `Buy` a positive one; null for none or zero.
 */
export function sideOf(quantity: number | null): 'Sell' | 'Buy' | null {
  if (quantity === null || !Number.isFinite(quantity) || quantity === 0) return null;
  return quantity < 0 ? 'Sell' : 'Buy';
}

/**
 * A leg's 95% size band in the direction of its trade, as the table and markdown show sizes
 * without sign: `2.02…2.26` for a sell of 2.14 (a negative end is the other way: the band
 * crosses zero); null without a band.
 */
export function sizeBandText(h: HedgeLeg, digits: number, sep = '…'): string | null {
  const { hedgeQuantity: q, hedgeQuantityLow: lo, hedgeQuantityHigh: hi } = h;
  if (lo === null || hi === null || q === null) return null;
  const s = q < 0 ? -1 : 1;
  const [a, b] = [lo * s, hi * s].sort((x, y) => x - y);
  return `${sig(a!, digits)}${sep}${sig(b!, digits)}`;
}

/** A leg's size since a dated break with its side (`Buy 0.640`), or null without one. */
export function sinceBreakText(h: HedgeLeg, digits: number): string | null {
  const q = h.hedgeQuantitySinceBreak;
  if (q === null) return null;
  const side = sideOf(q);
  return side === null ? sig(q, digits) : `${side} ${sig(Math.abs(q), digits)}`;
}

/** |x|, null kept: the table and markdown show sizes without sign (the side says which way). */
export function magnitude(x: number | null): number | null {
  return x === null ? null : Math.abs(x);
}

/**
 * The parameters a position's data decided (those whose settings value names a method, not a
 * number), as `q 1.23e-6, r 3.40e-4 (mle)`; null when the run left none to the data.
 */
export function estimatedParamsText(
  settings: object,
  params: Readonly<Record<string, number>> | null,
): string | null {
  if (params === null) return null;
  const values = settings as Readonly<Record<string, unknown>>;
  const shown: string[] = [];
  const methods = new Set<string>();
  for (const spec of ESTIMATOR_PARAMS) {
    const method = values[spec.key];
    const value = params[spec.key];
    if (typeof method !== 'string' || value === undefined) continue;
    methods.add(method);
    shown.push(
      `${spec.label} ${value === 0 ? '0' : Number.isFinite(value) ? value.toExponential(2) : '–'}`,
    );
  }
  return shown.length === 0 ? null : `${shown.join(', ')} (${[...methods].join(', ')})`;
}

/**
 * `--estimator auto`: the winner and its margin in points of effectiveness on the middle third:
 * over OLS when another won (`auto: ewma-30 +1.41 pp over ols`), else the best other's gap
 * (`auto: ols, kalman +0.02 pp`: short of the 1 pp it needed); null without a tournament.
 */
export function tournamentText(p: PositionReport): string | null {
  const entries = p.estimators;
  if (entries === null || p.estimator === null) return null;
  const score = (e: { selectionEffectiveness: number | null }) => e.selectionEffectiveness;
  const pp = (d: number) => {
    const shown = (d * 100).toFixed(2);
    return `${Number(shown) < 0 ? '−' : '+'}${shown.replace('-', '')} pp`;
  };
  const first = entries[0]!;
  const winner = entries.find((e) => e.name === p.estimator);
  const a = winner === undefined ? null : score(winner);
  const b = score(first);
  if (winner !== first && a !== null && b !== null) {
    return `auto: ${p.estimator} ${pp(a - b)} over ${first.name}`;
  }
  const others = entries.filter((e) => e !== first && score(e) !== null);
  const best = others.sort((x, y) => score(y)! - score(x)!)[0];
  if (best === undefined || b === null) return `auto: ${p.estimator}`;
  return `auto: ${p.estimator}, ${best.name} ${pp(score(best)! - b)}`;
}
