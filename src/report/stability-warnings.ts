/**
 * Warnings from the stability and effectiveness diagnostics: CORRELATION_UNSTABLE,
 * CORRELATION_BREAK, BETA_BREAK, HEDGE_INEFFECTIVE, HEDGE_INCREASES_RISK. Each is one sentence
 * with the numbers behind it and what to do. The statistics and their calibration are in
 * src/core/diagnostics/ and docs/diagnostics.md.
 */
import type { ChowBreak, FisherBreak } from '../core/diagnostics/breaks';
import type { DispersionTest } from '../core/diagnostics/stability';
import type { Thresholds } from '../settings';
import { fmt, pText, pct } from './text';
import type { ReportWarning, RollingCorrelation } from './types';

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

function list(values: readonly number[]): string {
  return values.map((v) => fmt(v, 2)).join(', ');
}

function correlationBreak(input: StabilityWarningInput, f: FisherBreak): ReportWarning {
  const pair = pairName(input);
  const before = fmt(f.rTypical, 2);
  const now = fmt(f.rRecent, 2);
  const stat = `robust Fisher z = ${fmt(f.z, 1)}, ${pText(f.pValue)}`;
  const last = `the last ${f.nRecent} observations`;
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
    message: `${what} moved from ${list(c.betaBefore)} to ${list(c.betaRecent)} over the last ${c.nRecent} observations (${stat}): ${advice}`,
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
 * - CORRELATION_BREAK: robust Fisher z p-value < `breakPValue`; critical when the recent
 *   correlation is weaker (closer to 0) or reversed in sign, warning when it is stronger.
 * - BETA_BREAK: robust Chow p-value < `breakPValue`; critical when a beta changed sign.
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
  if (fisher !== null && fisher.pValue < thresholds.breakPValue) {
    out.push(correlationBreak(input, fisher));
  }
  if (chow !== null && chow.pValue < thresholds.breakPValue) {
    out.push(betaBreak(input, chow));
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
