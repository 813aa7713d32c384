/**
 * --verbose says which least-squares method fitted each position (the fit records it): the
 * double-double moments for one or two well-conditioned hedges, QR for three; nothing without
 * --verbose or with -q.
 */
import { runCli } from '../support/cli';

const SAMPLE = ['-p', 'fixtures/positions.csv', '-r', 'fixtures/prices.csv', '--format', 'json'];

test('one line per position on stderr, naming the method and the returns', async () => {
  const res = await runCli([...SAMPLE, '--verbose']);
  expect(res.code).toBe(0);
  const lines = res.stderr.trim().split('\n');
  expect(lines[0]).toBe('hedge: SOL [Treasury SOL]: double-double moments, 1095 returns');
  expect(lines.length).toBe(9);
  const three = await runCli([...SAMPLE, '--verbose', '-H', 'BTC,ETH,ZED']);
  expect(three.stderr).toContain(
    'hedge: SOL [Treasury SOL]: Householder QR in double-double, 1095 returns',
  );
  // stdout is the report alone
  expect(JSON.parse(res.stdout).schemaVersion).toBe(1);
});

test('nothing without --verbose, or with -q', async () => {
  expect((await runCli(SAMPLE)).stderr).toBe('');
  expect((await runCli([...SAMPLE, '--verbose', '-q'])).stderr).toBe('');
});
