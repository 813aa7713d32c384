/**
 * Warnings from the stability and effectiveness diagnostics: CORRELATION_UNSTABLE,
 * CORRELATION_BREAK, BETA_BREAK, HEDGE_INEFFECTIVE, HEDGE_INCREASES_RISK. Each is one sentence
 * with the numbers behind it and what to do. The statistics and their calibration are in
 * src/core/diagnostics/ and docs/diagnostics.md.
 *
 * Each break warning stands on two tests, the last window's (Fisher z, Chow) and the dated one
 * (src/core/diagnostics/unknown-break.ts), and the two share --break-p-value (Bonferroni:
 * {@link breakTestLevels}), so that a warning fires on no more than the nominal share of stable
 * markets. A dated break is told with its date, and with the last window's change when that
 * test fired too.
 */
import type { ChowBreak, FisherBreak } from '../core/diagnostics/breaks';
import type { DispersionTest } from '../core/diagnostics/stability';
import type { UnknownDateBreak } from '../core/diagnostics/unknown-break';
import { formatTime } from '../input/time';
import type { Thresholds } from '../settings';
import { fmt, pText, pct, sig } from './text';
import type { ReportWarning, RollingCorrelation } from './types';

/**
 * The p-values below which the break tests count (see the module comment): a share of
 * --break-p-value each, so that a warning's tests together stay within it (Bonferroni). The
 * last window's Chow test at a half; the dated test at a quarter (it is one of the two tests of
 * both warnings, and on small fat-tailed samples it rejects somewhat above its nominal rate);
 * the last window's Fisher z test at a quarter, because on fat-tailed markets it rejects at
 * about twice its nominal rate (docs/diagnostics.md, "Calibration").
 */
export function breakTestLevels(t: Thresholds): { dated: number; chow: number; fisher: number } {
  return { dated: t.breakPValue / 4, chow: t.breakPValue / 2, fisher: t.breakPValue / 4 };
}

/** A hedge leg's ratio and size on the full sample and since a dated break. */
export interface LegSinceBreak {
  readonly symbol: string;
  readonly ratio: number | null;
  readonly quantity: number | null;
  readonly ratioSince: number | null;
  readonly quantitySince: number | null;
}

/** When things happened, as epoch ms of the returns (null: unknown, e.g. simulated data). */
export interface BreakTimes {
  /** The first return of the last window. */
  readonly recentStart: number | null;
  /** The first return of the dated break's new regime. */
  readonly breakAt: number | null;
  /** The price that return starts from: `--from` this time refits on the new regime alone. */
  readonly breakFrom: number | null;
  /** The last return. */
  readonly end: number | null;
}

/** The diagnostics of one position row, as the report builder computed them. */
export interface StabilityWarningInput {
  /** Sentence-ready position name, e.g. `SOL` or `SOL (Treasury SOL)`. */
  name: string;
  /** Sentence-ready hedge symbols, e.g. ["BTC"]. */
  hedges: readonly string[];
  /** Rolling window (`--window`). */
  window: number;
  /** Returns used. */
  n: number;
  fisher: FisherBreak | null;
  chow: ChowBreak | null;
  /** The break at an unknown date (betas in ratio units), significant or not. */
  dated: UnknownDateBreak | null;
  times: BreakTimes;
  /** The legs' ratios and sizes, for a dated BETA_BREAK (empty: not told). */
  legs: readonly LegSinceBreak[];
  dispersion: DispersionTest | null;
  rolling: RollingCorrelation;
  inSample: number | null;
  outOfSample: number | null;
}

/** `SOL–BTC` or `SOL–hedge portfolio (BTC + ETH)`. */
function pairName(input: StabilityWarningInput): string {
  return input.hedges.length === 1
    ? `${input.name}–${input.hedges[0]!}`
    : `${input.name}–hedge portfolio (${input.hedges.join(' + ')})`;
}

function hedgeName(input: StabilityWarningInput): string {
  return input.hedges.length === 1
    ? `${input.hedges[0]!} hedge`
    : `hedge with ${input.hedges.join(' + ')}`;
}

/** A beta or ratio: two decimals, or two significant digits below 0.01 (price-change betas). */
function coef(v: number): string {
  return v !== 0 && Math.abs(v) < 0.01 ? sig(v, 2) : fmt(v, 2);
}

function list(values: readonly number[]): string {
  return values.map(coef).join(', ');
}

/** ` (since 2026-10-02)`: the first return of the last window, when known. */
function windowSince(input: StabilityWarningInput): string {
  const t = input.times.recentStart;
  return t === null ? '' : ` (since ${formatTime(t)})`;
}

function correlationBreak(input: StabilityWarningInput, f: FisherBreak): ReportWarning {
  const pair = pairName(input);
  const before = fmt(f.rTypical, 2);
  const now = fmt(f.rRecent, 2);
  const stat = `robust Fisher z = ${fmt(f.z, 1)}, ${pText(f.pValue)}`;
  const last = `the last ${f.nRecent} observations${windowSince(input)}`;
  const reversed = f.rRecent !== 0 && Math.sign(f.rRecent) !== Math.sign(f.rTypical);
  if (reversed) {
    return {
      code: 'CORRELATION_BREAK',
      severity: 'critical',
      message: `${pair} correlation reversed from a typical ${before} to ${now} over ${last} (${stat}): the hedge now adds risk instead of removing it; do not rely on it until the relationship is re-established`,
    };
  }
  if (Math.abs(f.rRecent) < Math.abs(f.rTypical)) {
    return {
      code: 'CORRELATION_BREAK',
      severity: 'critical',
      message: `${pair} correlation fell from a typical ${before} to ${now} over ${last} (${stat}): the hedge ratio fitted on the full sample overstates the protection; refit on recent data (--lookback) and expect the hedge to remove less risk than the full sample suggests`,
    };
  }
  return {
    code: 'CORRELATION_BREAK',
    severity: 'warning',
    message: `${pair} correlation rose from a typical ${before} to ${now} over ${last} (${stat}): the relationship has changed and the full-sample hedge ratio may not fit it; refit on recent data (--lookback) before resizing the hedge`,
  };
}

function betaBreak(input: StabilityWarningInput, c: ChowBreak): ReportWarning {
  const flipped = c.betaBefore.some(
    (b, j) => b !== 0 && c.betaRecent[j]! !== 0 && Math.sign(b) !== Math.sign(c.betaRecent[j]!),
  );
  const what =
    input.hedges.length === 1
      ? `${input.name} beta to ${input.hedges[0]!}`
      : `${input.name} betas to ${input.hedges.join(', ')}`;
  const stat = `robust Chow F = ${fmt(c.f, 1)}, ${pText(c.pValue)}`;
  const advice = flipped
    ? 'a beta changed sign, so that leg of the hedge now adds risk; do not apply the full-sample ratio'
    : 'the full-sample hedge ratio no longer matches recent behaviour; refit on recent data (--lookback) or use --estimator ewma';
  return {
    code: 'BETA_BREAK',
    severity: flipped ? 'critical' : 'warning',
    message: `${what} moved from ${list(c.betaBefore)} to ${list(c.betaRecent)} over the last ${c.nRecent} observations${windowSince(input)} (${stat}): ${advice}`,
  };
}

const DAY_MS = 86_400_000;

/**
 * `on 2024-03-02 (130 days ago; <stat>)`; `on or after …` when the date is the last split
 * searched (the change may lie later), `on or before …` at the first.
 */
function whenText(input: StabilityWarningInput, b: UnknownDateBreak, stat: string): string {
  const { breakAt, end } = input.times;
  const edge = b.index >= b.dateHi ? 'on or after' : b.index <= b.dateLo ? 'on or before' : 'on';
  if (breakAt === null) return `${edge} observation ${b.index + 1} of ${input.n} (${stat})`;
  let ago = '';
  if (end !== null) {
    const days = (end - breakAt) / DAY_MS;
    ago = days >= 2 ? `${Math.round(days)} days ago; ` : `${Math.round(days * 24)} hours ago; `;
  }
  return `${edge} ${formatTime(breakAt)} (${ago}${stat})`;
}

/** ` (--from 2024-03-01)`: the flag that refits on the new regime alone, when known. */
function fromFlag(input: StabilityWarningInput): string {
  const t = input.times.breakFrom;
  return t === null ? '' : ` (--from ${formatTime(t)})`;
}

/**
 * A dated break whose correlation collapsed (from at least `min` in size to below it) or reversed
 * (changed sign: the significant change of slope behind the break says it is not noise).
 */
function correlationCollapse(b: UnknownDateBreak, min: number): boolean {
  const before = b.correlationBefore;
  const after = b.correlationAfter;
  if (!Number.isFinite(before) || !Number.isFinite(after)) return false;
  const reversed = before !== 0 && Math.sign(after) === -Math.sign(before);
  return reversed || (Math.abs(before) >= min && Math.abs(after) < min);
}

/** `, and over the last 30 observations (since …) from a typical 0.80 to -0.22 (robust Fisher …)`. */
function lastWindowFisher(input: StabilityWarningInput, f: FisherBreak): string {
  return `, and over the last ${f.nRecent} observations${windowSince(input)} from a typical ${fmt(f.rTypical, 2)} to ${fmt(f.rRecent, 2)} (robust Fisher z = ${fmt(f.z, 1)}, ${pText(f.pValue)})`;
}

/** The correlation changed sign (0 has none). */
function signFlipped(before: number, after: number): boolean {
  return before !== 0 && after !== 0 && Math.sign(before) !== Math.sign(after);
}

/**
 * CORRELATION_BREAK for a dated collapse or reversal, with the last window's Fisher test when it
 * fired too (`f`): critical.
 */
function datedCorrelationBreak(
  input: StabilityWarningInput,
  b: UnknownDateBreak,
  min: number,
  f: FisherBreak | null,
): ReportWarning {
  const pair = pairName(input);
  const from = fmt(b.correlationBefore, 2);
  const to = fmt(b.correlationAfter, 2);
  const when = whenText(input, b, `robust sup-Wald = ${fmt(b.statistic, 1)}, ${pText(b.pValue)}`);
  const dReversed = signFlipped(b.correlationBefore, b.correlationAfter);
  const last = f === null ? '' : lastWindowFisher(input, f);
  const reversed = dReversed || (f !== null && signFlipped(f.rTypical, f.rRecent));
  const what = dReversed
    ? `${pair} correlation reversed from ${from} to ${to} ${when}${last}`
    : `${pair} correlation fell from ${from} to ${to} ${when}, below ${fmt(min, 2)}${last}`;
  const advice = reversed
    ? 'the hedge now adds risk instead of removing it; do not rely on it until the relationship is re-established'
    : `since then a hedge removes at most ${pct(b.correlationAfter ** 2)} of the variance; refit on the returns since the break${fromFlag(input)} and expect little protection`;
  return { code: 'CORRELATION_BREAK', severity: 'critical', message: `${what}: ${advice}` };
}

/** `the ratio is 0.83 (short 1.667 instead of 3.157)`, per leg, from the legs since the break. */
function sinceText(legs: readonly LegSinceBreak[]): string {
  const shown = legs.filter((l) => l.ratioSince !== null);
  if (shown.length === 0) return '';
  const one = (l: LegSinceBreak) =>
    `${coef(l.ratioSince!)} (size ${sig(l.quantitySince, 4)} instead of ${sig(l.quantity, 4)})`;
  const what =
    shown.length === 1 && legs.length === 1
      ? `the ratio is ${one(shown[0]!)}`
      : `the ratios are ${shown.map((l) => `${l.symbol} ${one(l)}`).join(', ')}`;
  return `; estimated on the returns since then alone, ${what}`;
}

/**
 * BETA_BREAK for a dated break, with the last window's Chow test when it fired too (`c`):
 * critical when a beta changed sign.
 */
function datedBetaBreak(
  input: StabilityWarningInput,
  b: UnknownDateBreak,
  c: ChowBreak | null,
): ReportWarning {
  const what =
    input.hedges.length === 1
      ? `${input.name} beta to ${input.hedges[0]!}`
      : `${input.name} beta to the hedge portfolio (${input.hedges.join(' + ')}; 1 = full sample)`;
  const stat = `robust sup-Wald = ${fmt(b.statistic, 1)}, ${pText(b.pValue)}`;
  let last = '';
  if (c !== null) {
    const betas = input.hedges.length === 1 ? '' : ` the betas to ${input.hedges.join(', ')}`;
    last = `, and over the last ${c.nRecent} observations${windowSince(input)}${betas} from ${list(c.betaBefore)} to ${list(c.betaRecent)} (robust Chow F = ${fmt(c.f, 1)}, ${pText(c.pValue)})`;
  }
  const flipped =
    signFlipped(b.betaBefore, b.betaAfter) ||
    (c !== null && c.betaBefore.some((v, j) => signFlipped(v, c.betaRecent[j]!)));
  const advice = flipped
    ? `a beta changed sign, so the full-sample hedge now adds risk: size it on the returns since the break${fromFlag(input)}`
    : `the full-sample hedge ratio averages two regimes: refit on the returns since the break${fromFlag(input)} or use --estimator ewma`;
  return {
    code: 'BETA_BREAK',
    severity: flipped ? 'critical' : 'warning',
    message: `${what} moved from ${coef(b.betaBefore)} to ${coef(b.betaAfter)} ${whenText(input, b, stat)}${last}${sinceText(input.legs)}: ${advice}`,
  };
}

function unstable(input: StabilityWarningInput, d: DispersionTest): ReportWarning {
  const pair = pairName(input);
  const betaWhat =
    input.hedges.length === 1 ? 'the beta' : 'the beta to the hedge portfolio (1 = full sample)';
  return {
    code: 'CORRELATION_UNSTABLE',
    severity: 'warning',
    message: `${pair} relationship is unstable: over ${d.windows} non-overlapping ${d.window}-observation windows the correlation ranged from ${fmt(d.correlationMin, 2)} to ${fmt(d.correlationMax, 2)} and ${betaWhat} from ${fmt(d.betaMin, 2)} to ${fmt(d.betaMax, 2)}, more than sampling noise explains (dispersion χ² = ${fmt(d.statistic, 1)} on ${d.df} df, ${pText(d.pValue)}); the full-sample hedge ratio averages different regimes: prefer a shorter --lookback or --estimator ewma and review the hedge often`,
  };
}

/**
 * The stability and effectiveness warnings of one position row.
 *
 * - CORRELATION_UNSTABLE (warning): dispersion test p-value < `unstablePValue`.
 * - CORRELATION_BREAK: the dated break is significant and the correlation collapsed (from at
 *   least `minCorrelation` to below it) or reversed in sign — critical; or the robust Fisher z of the last window is significant — critical when
 *   the recent correlation is weaker (closer to 0) or reversed in sign, warning when stronger.
 * - BETA_BREAK: the dated break is significant, or the robust Chow test of the last window is;
 *   critical when a beta changed sign.
 * "Significant": p-value below its share of `breakPValue` (breakTestLevels).
 * - HEDGE_INEFFECTIVE (warning): out-of-sample effectiveness < `minEffectiveness`.
 * - HEDGE_INCREASES_RISK (critical): out-of-sample effectiveness < 0. Raised together with
 *   HEDGE_INEFFECTIVE, whose condition then also holds.
 * A diagnostic that is null (too little data) raises nothing.
 */
export function stabilityWarnings(
  input: StabilityWarningInput,
  thresholds: Thresholds,
): ReportWarning[] {
  const out: ReportWarning[] = [];
  const { dispersion, fisher, chow, outOfSample } = input;
  if (dispersion !== null && dispersion.pValue < thresholds.unstablePValue) {
    out.push(unstable(input, dispersion));
  }
  const level = breakTestLevels(thresholds);
  const dated = input.dated !== null && input.dated.pValue < level.dated ? input.dated : null;
  const collapse = dated !== null && correlationCollapse(dated, thresholds.minCorrelation);
  const lastFisher = fisher !== null && fisher.pValue < level.fisher ? fisher : null;
  if (collapse) {
    out.push(datedCorrelationBreak(input, dated!, thresholds.minCorrelation, lastFisher));
  } else if (lastFisher !== null) {
    out.push(correlationBreak(input, lastFisher));
  }
  const lastChow = chow !== null && chow.pValue < level.chow ? chow : null;
  if (dated !== null) {
    out.push(datedBetaBreak(input, dated, lastChow));
  } else if (lastChow !== null) {
    out.push(betaBreak(input, lastChow));
  }
  if (outOfSample !== null && Number.isFinite(outOfSample)) {
    const tested = input.n - Math.floor(input.n / 2);
    const inSample = input.inSample === null ? '' : `; in-sample ${fmt(input.inSample, 2)}`;
    if (outOfSample < thresholds.minEffectiveness) {
      const removes =
        outOfSample > 0
          ? `it removed only ${pct(outOfSample)} of the variance`
          : 'it removed no variance';
      out.push({
        code: 'HEDGE_INEFFECTIVE',
        severity: 'warning',
        message: `${input.name}: out-of-sample effectiveness of the ${hedgeName(input)} is ${fmt(outOfSample, 2)} (walk-forward over the last ${tested} observations${inSample}), below ${fmt(thresholds.minEffectiveness, 2)}: ${removes}; consider a better-correlated hedge instrument or leaving the position unhedged`,
      });
    }
    if (outOfSample < 0) {
      out.push({
        code: 'HEDGE_INCREASES_RISK',
        severity: 'critical',
        message: `${input.name}: the ${hedgeName(input)} increased the variance by ${pct(-outOfSample)} out of sample (walk-forward effectiveness ${fmt(outOfSample, 2)} over the last ${tested} observations): do not apply this hedge ratio`,
      });
    }
  }
  return out;
}
