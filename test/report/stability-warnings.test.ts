/**
 * stabilityWarnings: which code fires at which threshold, severities, and the sentences (with
 * their numbers and advice). Inputs are hand-made diagnostics; the statistics themselves are
 * tested in test/core, their calibration in test/core/calibration.test.ts.
 */
import type { ChowBreak, FisherBreak } from '../../src/core/diagnostics/breaks';
import type { DispersionTest } from '../../src/core/diagnostics/stability';
import type { UnknownDateBreak } from '../../src/core/diagnostics/unknown-break';
import { DEFAULT_THRESHOLDS } from '../../src/settings';
import { stabilityWarnings, type StabilityWarningInput } from '../../src/report/stability-warnings';

const fisher: FisherBreak = {
  rBefore: 0.8,
  rRecent: 0.31,
  rTypical: 0.82,
  z: 4.93,
  df: 15,
  pValue: 0.0002,
  windowStdDev: 0.3,
  nBefore: 470,
  nRecent: 30,
  zClassic: 6.1,
  pValueClassic: 1e-9,
};

const chow: ChowBreak = {
  f: 9.84,
  pValue: 0.004,
  df1: 1,
  df2: 28,
  betaBefore: [1.214],
  betaRecent: [0.451],
  nBefore: 470,
  nRecent: 30,
  fClassic: 12,
  pValueClassic: 1e-5,
};

const dispersion: DispersionTest = {
  statistic: 41.3,
  df: 15,
  pValue: 0.0003,
  windows: 16,
  window: 30,
  beta: 1.1,
  windowBetas: new Float64Array(16),
  windowCorrelations: new Float64Array(16),
  betaMin: 0.4,
  betaMax: 1.6,
  correlationMin: 0.31,
  correlationMax: 0.92,
};

const dated: UnknownDateBreak = {
  index: 600,
  statistic: 45.2,
  pValue: 2e-9,
  statisticIndex: 598,
  betaBefore: 1.52,
  betaAfter: 0.05,
  correlationBefore: 0.87,
  correlationAfter: 0.04,
  nBefore: 600,
  nAfter: 130,
  lo: 109,
  hi: 621,
  dateLo: 15,
  dateHi: 715,
};

const DAY = 86_400_000;
const breakAt = Date.UTC(2024, 2, 2);
const times = {
  recentStart: breakAt + 100 * DAY,
  breakAt,
  breakFrom: breakAt - DAY,
  end: breakAt + 130 * DAY,
};
const legs = [
  { symbol: 'BTC', ratio: 1.52, quantity: -3.157, ratioSince: 0.05, quantitySince: -0.1038 },
];

const quiet = { pValue: 0.5 };

function input(over: Partial<StabilityWarningInput> = {}): StabilityWarningInput {
  return {
    name: 'SOL',
    hedges: ['BTC'],
    window: 30,
    n: 500,
    fisher: { ...fisher, ...quiet },
    chow: { ...chow, ...quiet },
    dated: null,
    times: { recentStart: null, breakAt: null, breakFrom: null, end: null },
    legs: [],
    dispersion: { ...dispersion, ...quiet },
    rolling: { window: 30, min: 0.3, max: 0.9, mean: 0.7, stdDev: 0.1, last: 0.31 },
    inSample: 0.6,
    outOfSample: 0.55,
    ...over,
  };
}

const codes = (i: StabilityWarningInput, t = DEFAULT_THRESHOLDS): string[] =>
  stabilityWarnings(i, t).map((w) => w.code);

describe('stabilityWarnings', () => {
  test('a stable, effective hedge raises nothing; null diagnostics raise nothing', () => {
    expect(codes(input())).toEqual([]);
    expect(
      codes(
        input({ fisher: null, chow: null, dispersion: null, inSample: null, outOfSample: null }),
      ),
    ).toEqual([]);
  });

  test('CORRELATION_BREAK: critical when the correlation fell, with the numbers and advice', () => {
    const [w] = stabilityWarnings(input({ fisher }), DEFAULT_THRESHOLDS);
    expect(w).toEqual({
      code: 'CORRELATION_BREAK',
      severity: 'critical',
      message:
        'SOL–BTC correlation fell from a typical 0.82 to 0.31 over the last 30 observations (robust Fisher z = 4.9, p < 0.001): the hedge ratio fitted on the full sample overstates the protection; refit on recent data (--lookback) and expect the hedge to remove less risk than the full sample suggests',
    });
  });

  test('CORRELATION_BREAK: a reversal is critical, a rise is a warning', () => {
    const [rev] = stabilityWarnings(
      input({ fisher: { ...fisher, rRecent: -0.4 } }),
      DEFAULT_THRESHOLDS,
    );
    expect(rev!.severity).toBe('critical');
    expect(rev!.message).toContain('reversed from a typical 0.82 to -0.40');
    expect(rev!.message).toContain('adds risk');
    const [rise] = stabilityWarnings(
      input({ fisher: { ...fisher, rTypical: 0.6, rRecent: 0.95, z: -4.1, pValue: 0.002 } }),
      DEFAULT_THRESHOLDS,
    );
    expect(rise!.severity).toBe('warning');
    expect(rise!.message).toContain('rose from a typical 0.60 to 0.95');
    expect(rise!.message).toContain('p = 0.002');
    // negative correlations: weaker means closer to zero
    const [neg] = stabilityWarnings(
      input({ fisher: { ...fisher, rTypical: -0.8, rRecent: -0.3, z: -4 } }),
      DEFAULT_THRESHOLDS,
    );
    expect(neg!.message).toContain('fell from a typical -0.80 to -0.30');
  });

  test('BETA_BREAK: warning with both betas; critical on a sign change; several hedges listed', () => {
    const [w] = stabilityWarnings(input({ chow }), DEFAULT_THRESHOLDS);
    expect(w).toEqual({
      code: 'BETA_BREAK',
      severity: 'warning',
      message:
        'SOL beta to BTC moved from 1.21 to 0.45 over the last 30 observations (robust Chow F = 9.8, p = 0.004): the full-sample hedge ratio no longer matches recent behaviour; refit on recent data (--lookback) or use --estimator ewma',
    });
    const [flip] = stabilityWarnings(
      input({ chow: { ...chow, betaRecent: [-0.3] } }),
      DEFAULT_THRESHOLDS,
    );
    expect(flip!.severity).toBe('critical');
    expect(flip!.message).toContain('changed sign');
    const [multi] = stabilityWarnings(
      input({
        hedges: ['BTC', 'ETH'],
        chow: { ...chow, df1: 2, betaBefore: [1, 0.3], betaRecent: [0.5, 0.8] },
      }),
      DEFAULT_THRESHOLDS,
    );
    expect(multi!.message).toContain('SOL betas to BTC, ETH moved from 1.00, 0.30 to 0.50, 0.80');
  });

  test('CORRELATION_UNSTABLE: ranges, χ² and advice', () => {
    const [w] = stabilityWarnings(input({ dispersion }), DEFAULT_THRESHOLDS);
    expect(w).toEqual({
      code: 'CORRELATION_UNSTABLE',
      severity: 'warning',
      message:
        'SOL–BTC relationship is unstable: over 16 non-overlapping 30-observation windows the correlation ranged from 0.31 to 0.92 and the beta from 0.40 to 1.60, more than sampling noise explains (dispersion χ² = 41.3 on 15 df, p < 0.001); the full-sample hedge ratio averages different regimes: prefer a shorter --lookback or --estimator ewma and review the hedge often',
    });
    const [multi] = stabilityWarnings(
      input({ hedges: ['BTC', 'ETH'], dispersion }),
      DEFAULT_THRESHOLDS,
    );
    expect(multi!.message).toMatch(/^SOL–hedge portfolio \(BTC \+ ETH\) relationship/);
    expect(multi!.message).toContain('the beta to the hedge portfolio (1 = full sample)');
  });

  test('HEDGE_INEFFECTIVE below the threshold; HEDGE_INCREASES_RISK as well below 0', () => {
    const weak = stabilityWarnings(
      input({ outOfSample: 0.12, inSample: 0.18 }),
      DEFAULT_THRESHOLDS,
    );
    expect(weak).toEqual([
      {
        code: 'HEDGE_INEFFECTIVE',
        severity: 'warning',
        message:
          'SOL: out-of-sample effectiveness of the BTC hedge is 0.12 (walk-forward over the last 250 observations; in-sample 0.18), below 0.20: it removed only 12.0% of the variance; consider a better-correlated hedge instrument or leaving the position unhedged',
      },
    ]);
    const worse = stabilityWarnings(input({ outOfSample: -0.08 }), DEFAULT_THRESHOLDS);
    expect(worse.map((w) => [w.code, w.severity])).toEqual([
      ['HEDGE_INEFFECTIVE', 'warning'],
      ['HEDGE_INCREASES_RISK', 'critical'],
    ]);
    expect(worse[1]!.message).toBe(
      'SOL: the BTC hedge increased the variance by 8.0% out of sample (walk-forward effectiveness -0.08 over the last 250 observations): do not apply this hedge ratio',
    );
    expect(worse[0]!.message).toContain('it removed no variance');
  });

  test('a dated collapse: CORRELATION_BREAK says when, BETA_BREAK gives the size since', () => {
    const [c, b] = stabilityWarnings(input({ n: 730, dated, times, legs }), DEFAULT_THRESHOLDS);
    expect(c).toEqual({
      code: 'CORRELATION_BREAK',
      severity: 'critical',
      message:
        'SOL–BTC correlation fell from 0.87 to 0.04 on 2024-03-02 (130 days ago; robust sup-Wald = 45.2, p < 0.001), below 0.50: since then a hedge removes at most 0.2% of the variance; refit on the returns since the break (--from 2024-03-01) and expect little protection',
    });
    expect(b).toEqual({
      code: 'BETA_BREAK',
      severity: 'warning',
      message:
        'SOL beta to BTC moved from 1.52 to 0.05 on 2024-03-02 (130 days ago; robust sup-Wald = 45.2, p < 0.001); estimated on the returns since then alone, the ratio is 0.05 (size -0.1038 instead of -3.157): the full-sample hedge ratio averages two regimes: refit on the returns since the break (--from 2024-03-01) or use --estimator ewma',
    });
  });

  test('a dated reversal is critical twice; a fall that stays above the minimum is a BETA_BREAK only', () => {
    const flip = { ...dated, betaAfter: -1.3, correlationAfter: -0.8 };
    const [c, b] = stabilityWarnings(input({ dated: flip, times, legs }), DEFAULT_THRESHOLDS);
    expect(c!.message).toContain('correlation reversed from 0.87 to -0.80 on 2024-03-02');
    expect([c!.severity, b!.severity]).toEqual(['critical', 'critical']);
    expect(b!.message).toContain('a beta changed sign');
    const halved = { ...dated, betaAfter: 0.76, correlationAfter: 0.62 };
    expect(codes(input({ dated: halved, times, legs }))).toEqual(['BETA_BREAK']);
  });

  test('several hedges: the beta to the hedge portfolio, and each leg since the break', () => {
    const [, b] = stabilityWarnings(
      input({
        hedges: ['BTC', 'ETH'],
        dated,
        times,
        legs: [
          legs[0]!,
          { symbol: 'ETH', ratio: 0.2, quantity: -5, ratioSince: 0.9, quantitySince: -22.5 },
        ],
      }),
      DEFAULT_THRESHOLDS,
    );
    expect(b!.message).toContain(
      'SOL beta to the hedge portfolio (BTC + ETH; 1 = full sample) moved',
    );
    expect(b!.message).toContain(
      'the ratios are BTC 0.05 (size -0.1038 instead of -3.157), ETH 0.90 (size -22.50 instead of -5.000)',
    );
  });

  test('with the last window’s test as well, one sentence tells both; "on or after" at the edge', () => {
    const [c, b] = stabilityWarnings(
      input({ fisher, chow, dated, times, legs }),
      DEFAULT_THRESHOLDS,
    );
    expect(c!.message).toBe(
      'SOL–BTC correlation fell from 0.87 to 0.04 on 2024-03-02 (130 days ago; robust sup-Wald = 45.2, p < 0.001), below 0.50, and over the last 30 observations (since 2024-06-10) from a typical 0.82 to 0.31 (robust Fisher z = 4.9, p < 0.001): since then a hedge removes at most 0.2% of the variance; refit on the returns since the break (--from 2024-03-01) and expect little protection',
    );
    expect(b!.message).toContain(
      'on 2024-03-02 (130 days ago; robust sup-Wald = 45.2, p < 0.001), and over the last 30 observations (since 2024-06-10) from 1.21 to 0.45 (robust Chow F = 9.8, p = 0.004); estimated on the returns since then alone',
    );
    const edge = stabilityWarnings(
      input({ dated: { ...dated, index: 715 }, times }),
      DEFAULT_THRESHOLDS,
    );
    expect(edge[0]!.message).toContain('on or after 2024-03-02');
    // without times (simulated data): the observation
    const [sim] = stabilityWarnings(input({ dated }), DEFAULT_THRESHOLDS);
    expect(sim!.message).toContain('on observation 601 of 500');
  });

  test('the break tests share --break-p-value: each counts below its part of it', () => {
    // Chow below half of it, the dated and Fisher tests below a quarter
    expect(codes(input({ dated: { ...dated, pValue: 0.003 } }))).toEqual([]);
    expect(codes(input({ dated: { ...dated, pValue: 0.002 } }))).toEqual([
      'CORRELATION_BREAK',
      'BETA_BREAK',
    ]);
    expect(codes(input({ chow: { ...chow, pValue: 0.006 } }))).toEqual([]);
    expect(codes(input({ chow: { ...chow, pValue: 0.004 } }))).toEqual(['BETA_BREAK']);
    expect(codes(input({ fisher: { ...fisher, pValue: 0.003 } }))).toEqual([]);
    expect(codes(input({ fisher: { ...fisher, pValue: 0.002 } }))).toEqual(['CORRELATION_BREAK']);
  });

  test('every threshold is honoured', () => {
    const strict = {
      ...DEFAULT_THRESHOLDS,
      breakPValue: 1e-4,
      unstablePValue: 1e-4,
      minEffectiveness: 0.1,
    };
    expect(codes(input({ fisher, chow, dispersion, outOfSample: 0.12 }), strict)).toEqual([]);
    const loose = {
      ...DEFAULT_THRESHOLDS,
      breakPValue: 0.6,
      unstablePValue: 0.6,
      minEffectiveness: 0.6,
    };
    // each break test is held to its share of --break-p-value: p = 0.5 is above 0.3
    expect(codes(input(), loose)).toEqual(['CORRELATION_UNSTABLE', 'HEDGE_INEFFECTIVE']);
    const below = { pValue: 0.14 }; // below a quarter of 0.6 (Fisher) and half (Chow)
    expect(
      codes(input({ fisher: { ...fisher, ...below }, chow: { ...chow, ...below } }), loose),
    ).toEqual(['CORRELATION_UNSTABLE', 'CORRELATION_BREAK', 'BETA_BREAK', 'HEDGE_INEFFECTIVE']);
  });
});
