/**
 * Golden CLI cases: arguments (and stdin) → stdout, stderr and exit code, compared byte for byte
 * with the files in test/golden/<case>.{out,err,code}. After an intended change of output,
 * regenerate with `UPDATE_GOLDEN=1 npx jest test/cli/golden.test.ts`, review `git diff
 * test/golden`, and run the tests again without UPDATE_GOLDEN (docs/testing.md). An update run
 * writes the files and fails every case, so that it can never count as a passing run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../support/cli';

const GOLDEN = path.resolve(__dirname, '../golden');
const SAMPLE = [
  '-p',
  'fixtures/positions.csv',
  '-r',
  'fixtures/prices.csv',
  '--instruments',
  'fixtures/instruments.csv',
];
const prices = () => readFileSync('fixtures/prices.csv');
/**
 * The sample with the hedges held now (fixtures/current.csv) and, on standard input, the JSON
 * report of the same book and holdings on 2026-02-08 (LINK's price missing that day): targets
 * moved, warnings raised, kept (BTC's trade) and cleared (ETH's trade, LINK's stale price).
 */
const TRADES = [...SAMPLE, '--current', 'fixtures/current.csv', '--previous', '-'];
const previous = async () =>
  Buffer.from(
    (await runCli([...TRADES.slice(0, -2), '--to', '2026-02-08', '--format', 'json'])).stdout,
  );

/** The sample with the funding rates of its two hedge perps (fixtures/funding.csv). */
const FUNDING = [...SAMPLE, '--funding', 'fixtures/funding.csv'];

interface Case {
  args: string[];
  stdin?: () => Buffer | Promise<Buffer>;
  env?: Record<string, string>;
  tty?: boolean;
}

const CASES: Record<string, Case> = {
  'sample-table': { args: [...SAMPLE] },
  'sample-table-color': { args: [...SAMPLE], tty: true },
  'sample-table-no-color-env': { args: [...SAMPLE], tty: true, env: { NO_COLOR: '1' } },
  'sample-table-80': { args: [...SAMPLE], env: { COLUMNS: '80' } },
  'sample-table-100': { args: [...SAMPLE], env: { COLUMNS: '100' } },
  'sample-table-120': { args: [...SAMPLE], env: { COLUMNS: '120' } },
  'sample-json': { args: [...SAMPLE, '--format', 'json'] },
  'sample-csv': { args: [...SAMPLE, '--format', 'csv'] },
  'sample-markdown': { args: [...SAMPLE, '--format', 'markdown'] },
  'sample-html': { args: [...SAMPLE, '--format', 'html'] },
  'sample-ewma-weekly': {
    args: [
      ...SAMPLE,
      '--estimator',
      'ewma',
      '--halflife',
      '20',
      '--frequency',
      'weekly',
      '--format',
      'json',
      '--min-observations',
      '20',
    ],
  },
  'sample-range-lookback': {
    args: [
      ...SAMPLE,
      '--from',
      '2024-06-01',
      '--to',
      '2026-06-30',
      '--lookback',
      '250',
      '--returns',
      'simple',
      '--format',
      'csv',
    ],
  },
  'sample-no-intercept-diff': {
    args: [...SAMPLE, '--no-intercept', '--returns', 'diff', '--format', 'markdown'],
  },
  'stdin-prices': {
    args: ['-p', 'fixtures/positions.csv', '-r', '-', '--format', 'csv'],
    stdin: prices,
  },
  'fail-on-warning': { args: [...SAMPLE, '--fail-on', 'warning', '--format', 'json'] },
  'sample-trades': { args: [...TRADES], stdin: previous },
  'sample-trades-80': { args: [...TRADES], stdin: previous, env: { COLUMNS: '80' } },
  'sample-trades-json': { args: [...TRADES, '--format', 'json'], stdin: previous },
  'sample-trades-csv': { args: [...TRADES, '--format', 'csv'], stdin: previous },
  'sample-trades-markdown': { args: [...TRADES, '--format', 'markdown'], stdin: previous },
  'sample-funding': { args: [...FUNDING] },
  'sample-funding-json': { args: [...FUNDING, '--format', 'json'] },
  'sample-funding-csv': { args: [...FUNDING, '--format', 'csv'] },
  'sample-funding-markdown': { args: [...FUNDING, '--format', 'markdown'] },
  'usage-unknown-flag': { args: [...SAMPLE, '--hegde', 'BTC'] },
  'usage-bad-window': { args: [...SAMPLE, '--window', '0'] },
  'usage-from-after-to': { args: [...SAMPLE, '--from', '2025-01-02', '--to', '2025-01-01'] },
  'usage-missing-required': { args: ['-p', 'fixtures/positions.csv'] },
  'usage-two-stdin': { args: ['-p', '-', '-r', '-'] },
  'input-missing-file': { args: ['-p', 'fixtures/nope.csv', '-r', 'fixtures/prices.csv'] },
  'input-unknown-hedge': { args: [...SAMPLE, '-H', 'BTX'] },
  help: { args: ['--help'] },
};

/** Writes the files of a case that differ from its result; says which. */
function writeGolden(base: string, res: { stdout: string; stderr: string; code: number }): string {
  mkdirSync(GOLDEN, { recursive: true });
  const files: [string, string][] = [
    ['out', res.stdout],
    ['err', res.stderr],
    ['code', `${res.code}\n`],
  ];
  const changed = files.filter(
    ([ext, text]) =>
      !existsSync(`${base}.${ext}`) || readFileSync(`${base}.${ext}`, 'utf8') !== text,
  );
  for (const [ext, text] of changed) writeFileSync(`${base}.${ext}`, text);
  return changed.length
    ? `rewritten (${changed.map(([ext]) => ext).join(', ')} changed)`
    : 'already up to date';
}

describe.each(Object.entries(CASES))('golden %s', (name, c) => {
  test('stdout, stderr and exit code match', async () => {
    const res = await runCli(c.args, {
      ...(c.stdin ? { stdin: await c.stdin() } : {}),
      ...(c.env ? { env: c.env } : {}),
      ...(c.tty !== undefined ? { tty: c.tty } : {}),
    });
    const base = path.join(GOLDEN, name);
    if (process.env.UPDATE_GOLDEN === '1') {
      const changed = writeGolden(base, res);
      throw new Error(
        `UPDATE_GOLDEN=1: test/golden/${name}.{out,err,code} ${changed}. ` +
          'Review `git diff test/golden`, then run the tests without UPDATE_GOLDEN.',
      );
    }
    expect(res.stdout).toBe(readFileSync(`${base}.out`, 'utf8'));
    expect(res.stderr).toBe(readFileSync(`${base}.err`, 'utf8'));
    expect(`${res.code}\n`).toBe(readFileSync(`${base}.code`, 'utf8'));
  });
});
