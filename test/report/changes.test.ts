import type { PreviousReport } from '../../src/input/types';
import { changesSince } from '../../src/report/changes';
import type { Report, ReportWarning } from '../../src/report/types';

type Now = Parameters<typeof changesSince>[1];

const w = (code: string, message: string, severity = 'warning'): ReportWarning =>
  ({ code, severity, message }) as ReportWarning;

/** A report's compared parts: positions with their warnings, totals, then report-wide warnings. */
function reportOf(
  positions: [symbol: string, label: string | null, warnings: ReportWarning[]][],
  totals: [symbol: string, target: number | null, rebalance?: boolean][],
  reportWide: ReportWarning[] = [],
  settings: Record<string, unknown> = {},
) {
  const ps = positions.map(([symbol, label, warnings]) => ({ symbol, label, warnings }));
  return {
    asOf: '2026-10-30',
    settings,
    positions: ps,
    totals: totals.map(([symbol, hedgeQuantity, rebalance]) => ({
      symbol,
      hedgeQuantity,
      rebalance: rebalance ?? null,
    })),
    warnings: [...ps.flatMap((p) => p.warnings), ...reportWide],
  };
}
const now = (r: ReturnType<typeof reportOf>) => r as unknown as Now;
const before = (r: ReturnType<typeof reportOf>) => r as unknown as PreviousReport;

describe('changesSince: warnings', () => {
  it('a target moved, a warning raised and one cleared; the same warning with new numbers is neither', () => {
    const previous = reportOf(
      [
        ['ZED', 'LP', [w('CORRELATION_BREAK', 'ZED [LP] correlation 0.8 → 0.1', 'critical')]],
        ['SOL', null, [w('LOW_CORRELATION', 'SOL: correlation 0.41')]],
      ],
      [
        ['BTC', -6.5],
        ['ETH', -150],
      ],
    );
    const current = reportOf(
      [
        ['ZED', 'LP', [w('CORRELATION_BREAK', 'ZED [LP] correlation 0.8 → -0.2', 'critical')]],
        ['SOL', null, [w('STALE_PRICES', 'SOL: stale')]],
      ],
      [
        ['BTC', -7],
        ['ETH', -150],
      ],
    );
    expect(changesSince(before(previous), now(current))).toEqual({
      previousAsOf: '2026-10-30',
      settingsChanged: [],
      targets: [
        { symbol: 'BTC', previous: -6.5, target: -7, change: -0.5, relativeChange: -0.5 / 6.5 },
        { symbol: 'ETH', previous: -150, target: -150, change: 0, relativeChange: 0 },
      ],
      warningsRaised: [w('STALE_PRICES', 'SOL: stale')],
      warningsCleared: [w('LOW_CORRELATION', 'SOL: correlation 0.41')],
    });
  });

  it('positions are told apart by symbol, label and, for repeats, their order', () => {
    const previous = reportOf(
      [
        ['SOL', null, []],
        ['SOL', null, [w('LOW_CORRELATION', 'SOL: second row')]],
        ['SOL', 'LP', []],
      ],
      [],
    );
    const current = reportOf(
      [
        ['SOL', null, [w('LOW_CORRELATION', 'SOL: first row')]],
        ['SOL', null, [w('LOW_CORRELATION', 'SOL: second row, new numbers')]],
        ['SOL', 'LP', [w('LOW_CORRELATION', 'SOL [LP]')]],
      ],
      [],
    );
    const c = changesSince(before(previous), now(current));
    expect(c.warningsRaised.map((x) => x.message)).toEqual(['SOL: first row', 'SOL [LP]']);
    expect(c.warningsCleared).toEqual([]);
  });

  it('REBALANCE_NEEDED is told apart by its instrument', () => {
    const previous = reportOf(
      [],
      [
        ['BTC', -6, true],
        ['ETH', -150, false],
      ],
      [w('REBALANCE_NEEDED', 'BTC: trade -1')],
    );
    const current = reportOf(
      [],
      [
        ['BTC', -6, true],
        ['ETH', -170, true],
      ],
      [w('REBALANCE_NEEDED', 'BTC: trade -0.9'), w('REBALANCE_NEEDED', 'ETH: trade -20')],
    );
    const c = changesSince(before(previous), now(current));
    expect(c.warningsRaised).toEqual([w('REBALANCE_NEEDED', 'ETH: trade -20')]);
    expect(c.warningsCleared).toEqual([]);
    const back = changesSince(before(current), now(previous));
    expect(back.warningsCleared).toEqual([w('REBALANCE_NEEDED', 'ETH: trade -20')]);
  });

  it('FUNDING_COST is told apart by the instrument its message starts with', () => {
    const eth = (cost: string) =>
      w('FUNDING_COST', `ETH: the short hedge pays ${cost} a year in funding (…)`);
    const btc = w('FUNDING_COST', 'BTC: the long hedge pays 11% a year in funding (…)');
    const previous = reportOf([], [['ETH', -150]], [eth('14.4%')]);
    const current = reportOf([], [['ETH', -150]], [eth('15.1%'), btc]);
    const c = changesSince(before(previous), now(current));
    expect(c.warningsRaised).toEqual([btc]);
    expect(c.warningsCleared).toEqual([]);
    expect(changesSince(before(current), now(previous)).warningsCleared).toEqual([btc]);
  });
});

describe('changesSince: targets and settings', () => {
  it('an instrument one report lacks has target 0 there; a null target has no change', () => {
    const previous = reportOf(
      [],
      [
        ['BTC', -2],
        ['SOL', -10],
        ['ETH', null],
      ],
    );
    const current = reportOf(
      [],
      [
        ['ETH', -1],
        ['DOGE', 300],
        ['BTC', 0],
      ],
    );
    expect(changesSince(before(previous), now(current)).targets).toEqual([
      { symbol: 'ETH', previous: null, target: -1, change: null, relativeChange: null },
      { symbol: 'DOGE', previous: 0, target: 300, change: 300, relativeChange: null },
      { symbol: 'BTC', previous: -2, target: 0, change: 2, relativeChange: 1 },
      { symbol: 'SOL', previous: -10, target: 0, change: 10, relativeChange: 1 },
    ]);
  });

  it('settings: the keys both have whose values differ, output and display options aside', () => {
    const previous = reportOf([], [], [], {
      prices: 'p.csv',
      lookback: 250,
      hedge: ['BTC'],
      thresholds: { minCorrelation: 0.5 },
      output: 'reports/2026-10-30.json',
      previous: 'reports/2026-10-29.json',
      format: 'json',
      color: false,
    });
    const current = reportOf([], [], [], {
      prices: 'p.csv',
      lookback: null,
      hedge: ['BTC', 'ETH'],
      thresholds: { minCorrelation: 0.4 },
      output: 'reports/2026-10-31.json',
      previous: 'reports/2026-10-30.json',
      format: 'markdown',
      color: true,
      tolerance: 0.1,
    });
    expect(changesSince(before(previous), now(current)).settingsChanged).toEqual([
      'lookback',
      'hedge',
      'thresholds',
    ]);
  });

  it('accepts a report as this version writes it', () => {
    const report: Report = {
      schemaVersion: 1,
      asOf: null,
      settings: {} as Report['settings'],
      positions: [],
      totals: [],
      warnings: [],
      changes: null,
    };
    expect(changesSince(before(reportOf([], [])), report).targets).toEqual([]);
  });
});
