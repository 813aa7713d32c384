/**
 * --window and --halflife as durations (src/cli/durations.ts): parsed with the flags, turned
 * into observations at the data's spacing once the prices are read, with a note saying what they
 * became; and the note that the break tests have little power on weekly or monthly data.
 */
import { dataSpacing, parseDuration, resolveDurations, spacingText } from '../../src/cli/durations';
import { UsageError } from '../../src/errors';
import type { Settings } from '../../src/settings';
import { runCli } from '../support/cli';

const DAY = 86_400_000;
const SAMPLE = ['-p', 'fixtures/positions.csv', '-r', 'fixtures/prices.csv', '--format', 'json'];

describe('parseDuration', () => {
  test.each([
    ['30d', 30 * DAY],
    ['8w', 56 * DAY],
    ['12h', DAY / 2],
    ['1.5d', 1.5 * DAY],
    [' 2W ', 14 * DAY],
    ['7 d', 7 * DAY],
  ])('%j is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  test.each(['30', '0d', '0.0w', '-3d', '3m', '3y', 'd', '1e3d', '30dd', 'NaNd', 'Infinityd', ''])(
    '%j is not a duration',
    (text) => expect(parseDuration(text)).toBeNull(),
  );
});

describe('dataSpacing', () => {
  const times = Float64Array.from([0, 1, 2, 3, 5, 6, 7, 8, 12], (d) => d * DAY);

  test('a resampled frequency has its nominal spacing, whatever the times', () => {
    expect(dataSpacing(times, 'daily', null, null)).toBe(DAY);
    expect(dataSpacing(times, 'weekly', null, null)).toBe(7 * DAY);
    expect(dataSpacing(times, 'monthly', null, null)).toBe((365.2425 / 12) * DAY);
  });

  test('native: the median interval inside --from/--to', () => {
    expect(dataSpacing(times, 'native', null, null)).toBe(DAY);
    // from day 5 on: intervals 1, 1, 1, 4 → median (upper of the middle two) 1 day
    expect(dataSpacing(times, 'native', 5 * DAY, null)).toBe(DAY);
    // days 8 and 12 only: 4 days
    expect(dataSpacing(times, 'native', 8 * DAY, null)).toBe(4 * DAY);
    // one time in range: no spacing
    expect(dataSpacing(times, 'native', 12 * DAY, null)).toBeNull();
  });

  test('spacingText', () => {
    expect([DAY, 7 * DAY, (365.2425 / 12) * DAY, 3_600_000, 900_000].map(spacingText)).toEqual([
      '1 day',
      '7 days',
      '30.4 days',
      '1 hour',
      '15 minutes',
    ]);
  });
});

describe('resolveDurations', () => {
  const settings = { window: NaN, halflife: NaN } as unknown as Settings;
  const window = (text: string) => ({
    key: 'window',
    flag: '--window',
    text,
    ms: parseDuration(text)!,
    integer: true,
    min: 4,
  });
  const halflife = (text: string) => ({
    key: 'halflife',
    flag: '--halflife',
    text,
    ms: parseDuration(text)!,
    integer: false,
    min: 0,
  });

  test('a window is the rounded quotient, a half-life the quotient itself', () => {
    const r = resolveDurations(settings, [window('20d'), halflife('20d')], 3 * DAY);
    expect(r.settings.window).toBe(7);
    expect((r.settings as unknown as { halflife: number }).halflife).toBe((20 * DAY) / (3 * DAY));
    expect(r.notes).toEqual([
      "--window 20d = 7 observations at the data's spacing of 3 days",
      "--halflife 20d = 6.667 observations at the data's spacing of 3 days",
    ]);
  });

  test('below the minimum, or without a spacing: a usage error naming the flag', () => {
    expect(() => resolveDurations(settings, [window('1.5d')], DAY)).toThrow(
      new UsageError(
        `--window "1.5d": 2 observations at the data's spacing of 1 day; need at least 4`,
      ),
    );
    expect(() => resolveDurations(settings, [window('12h')], DAY)).toThrow(
      new UsageError(
        `--window "12h": 1 observation at the data's spacing of 1 day; need at least 4`,
      ),
    );
    expect(() => resolveDurations(settings, [halflife('8w')], null)).toThrow(
      new UsageError(
        `--halflife "8w": the prices have fewer than two times in range, so no spacing`,
      ),
    );
  });

  test('no duration: the settings unchanged, no note', () => {
    expect(resolveDurations(settings, [], null)).toEqual({ settings, notes: [] });
  });
});

describe('the CLI', () => {
  const json = async (...args: string[]) => {
    const res = await runCli([...SAMPLE, ...args]);
    return { ...res, report: res.code === 0 ? JSON.parse(res.stdout) : null };
  };

  test('--window 8w is 56 daily returns and 8 weekly ones; the report shows the number', async () => {
    const daily = await json('--window', '8w');
    expect(daily.stderr).toBe(
      "hedge: note: --window 8w = 56 observations at the data's spacing of 1 day\n",
    );
    expect(daily.report.settings.window).toBe(56);
    expect(daily.report.positions[0].stability.rollingCorrelation.window).toBe(56);
    const same = await json('--window', '56');
    expect(same.stdout).toBe(daily.stdout);
    const weekly = await json('--frequency', 'weekly', '--window', '8w', '-q');
    expect(weekly.stderr).toBe('');
    expect(weekly.report.settings.window).toBe(8);
  });

  test('--halflife 2w with EWMA: 14 daily observations', async () => {
    const res = await json('--estimator', 'ewma', '--halflife', '2w');
    expect(res.report.settings.halflife).toBe(14);
    const same = await json('--estimator', 'ewma', '--halflife', '14');
    expect(same.stdout).toBe(res.stdout);
  });

  test('a window too short at the data’s spacing: exit 2, nothing on stdout', async () => {
    const res = await runCli([...SAMPLE, '--window', '12h']);
    expect(res).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `hedge: --window "12h": 1 observation at the data's spacing of 1 day; need at least 4\n` +
        `Try 'hedge --help' for more information.\n`,
    });
  });

  test('weekly data with little history: a note that the break tests have little power', async () => {
    const res = await json('--frequency', 'weekly', '--from', '2025-06-01');
    const notes = res.stderr.split('\n').filter((l) => l !== '');
    expect(notes.length).toBeGreaterThan(0);
    for (const n of notes) {
      expect(n).toMatch(
        /^hedge: note: .+: 74 returns hold 1\.5 windows of 30 before the last one \(fewer than 8\), and fewer than the 100 the dated break test needs: the break tests have little power; /,
      );
    }
    // -q silences it; daily data with as few returns does not raise it
    expect((await json('--frequency', 'weekly', '--from', '2025-06-01', '-q')).stderr).toBe('');
    expect((await json('--from', '2026-06-01')).stderr).toBe('');
    // enough windows: no note
    expect((await json('--frequency', 'weekly', '--window', '8')).stderr).toBe('');
  });
});
