import { readFileSync } from 'node:fs';
import { runCli } from '../support/cli';

/**
 * --from/--to cut the rows first, then --frequency takes the last value of each period: a week
 * cut by --to ends at --to (as pandas' df.loc[from:to].resample('W-SUN').last() does), and the
 * valuation price is the raw price at --to.
 */
test('a week cut by --to ends at --to, and valuation uses the raw price there', async () => {
  const res = await runCli([
    '-p', 'fixtures/positions.csv', '-r', 'fixtures/prices.csv', '--format', 'json',
    '--frequency', 'weekly', '--from', '2024-01-03', '--to', '2024-06-04', '--min-observations', '10',
  ]); // prettier-ignore
  // 22 weekly returns: only the notes that the break tests have little power (issue 15)
  expect(
    res.stderr
      .split('\n')
      .filter((l) => l !== '' && !/^hedge: note: .* the break tests have little power/.test(l)),
  ).toEqual([]);
  const report = JSON.parse(res.stdout) as {
    asOf: string;
    positions: {
      symbol: string;
      start: string;
      end: string;
      observations: number;
      price: number;
    }[];
  };
  const sol = report.positions.find((p) => p.symbol === 'SOL')!;
  // 2024-01-03 is a Wednesday: its ISO week's last in-range row is Sunday 2024-01-07.
  expect(sol.start).toBe('2024-01-07');
  // 2024-06-04 is a Tuesday: the cut week ends there, not on Sunday 2024-06-09.
  expect(sol.end).toBe('2024-06-04');
  // Weeks ending 2024-01-07 … 2024-06-02 are 22 full weeks, plus the cut one: 23 prices, 22 returns.
  expect(sol.observations).toBe(22);
  expect(report.asOf).toBe('2024-06-04');
  // fixtures/prices.csv, row 2024-06-04, column SOL
  const line = readFileSync('fixtures/prices.csv', 'utf8')
    .split('\n')
    .find((l: string) => l.startsWith('2024-06-04,')) as string;
  expect(sol.price).toBe(Number(line.split(',')[3]));
});
