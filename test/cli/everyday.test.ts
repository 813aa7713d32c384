/**
 * Everyday use (issue 18): the table fits the width it is printed for, -o picks the format from
 * the file name, empty ranges are errors, a --to after the data is noted, the signs of sizes
 * are words, and the small things (help defaults, hints, exact fits).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import { FORMATS } from '../../src/report/formats';
import { runCli } from '../support/cli';
import { fileIn, tempDirForThisFile } from '../support/temp-dir';

const dir = tempDirForThisFile('hedge-everyday-');
const file = fileIn(dir);

const SAMPLE = ['-p', 'fixtures/positions.csv', '-r', 'fixtures/prices.csv'];
const INSTRUMENTS = ['--instruments', 'fixtures/instruments.csv'];
const TRADES = [...SAMPLE, ...INSTRUMENTS, '--current', 'fixtures/current.csv'];

/** The widest line of a text, in terminal columns (colour sequences take none). */
function widest(text: string): number {
  return Math.max(...text.split('\n').map((l) => stringWidth(l)));
}

describe('the table fits the width it is printed for', () => {
  test.each([80, 100, 120])('COLUMNS=%i: no line is wider, with or without colour', async (w) => {
    const ewma = [...TRADES, '--estimator', 'ewma', '-H', 'BTC,ETH']; // with a Ratio column
    const funding = [...SAMPLE, ...INSTRUMENTS, '--funding', 'fixtures/funding.csv'];
    for (const args of [SAMPLE, TRADES, ewma, funding]) {
      const plain = await runCli(args, { env: { COLUMNS: String(w) } });
      expect(plain.code).toBe(0);
      expect(widest(plain.stdout)).toBeLessThanOrEqual(w);
      expect(plain.stdout).toMatch(/^hedge report · as of 2026-10-31 · /);
    }
    const coloured = await runCli(TRADES, { env: { COLUMNS: String(w), FORCE_COLOR: '1' } });
    expect(coloured.stdout).toContain('\x1b[');
    expect(widest(coloured.stdout)).toBeLessThanOrEqual(w);
  });

  test("a terminal's own width is used; COLUMNS wins over it", async () => {
    const tty = await runCli([...SAMPLE, ...INSTRUMENTS], { tty: true, columns: 90 });
    expect(widest(tty.stdout)).toBeLessThanOrEqual(90);
    const both = await runCli([...SAMPLE, ...INSTRUMENTS], {
      tty: true,
      columns: 200,
      env: { COLUMNS: '80' },
    });
    expect(widest(both.stdout)).toBeLessThanOrEqual(80);
  });

  test('without a width (a pipe, no COLUMNS) the widest layout, sentences unwrapped', async () => {
    const res = await runCli([...SAMPLE, ...INSTRUMENTS]);
    expect(widest(res.stdout)).toBeGreaterThan(140);
    expect(res.stdout).toMatch(/▁|▂|▃|▄|▅|▆|▇|█/); // the sparkline
    const sentence = res.stdout.split('\n').find((l) => l.startsWith('✖ CORRELATION_BREAK'));
    expect(sentence).toMatch(/re-established$/);
  });

  test('a narrower width drops the sparkline first, then R²', async () => {
    const at120 = (await runCli([...SAMPLE, ...INSTRUMENTS], { env: { COLUMNS: '120' } })).stdout;
    expect(at120).not.toMatch(/[▁▂▃▄▅▆▇█]/);
    expect(at120).toContain('ρ rolling 30');
    expect(at120).not.toContain('R²');
    const at80 = (await runCli([...SAMPLE, ...INSTRUMENTS], { env: { COLUMNS: '80' } })).stdout;
    expect(at80).not.toContain('ρ rolling');
    expect(at80).toContain('now -0.22'); // the rolling correlation's last value, under ρ
  });

  test('warnings wrap under their first line, every word kept', async () => {
    const res = await runCli([...SAMPLE, ...INSTRUMENTS], { env: { COLUMNS: '80' } });
    const wide = await runCli([...SAMPLE, ...INSTRUMENTS]);
    const sentence = (text: string) => {
      const lines = text.split('\n');
      const i = lines.findIndex((l) => l.startsWith('✖ BETA_BREAK'));
      const out = [lines[i]!];
      for (let j = i + 1; lines[j]?.startsWith('  '); j++) out.push(lines[j]!.trim());
      return out;
    };
    const wrapped = sentence(res.stdout);
    expect(wrapped.length).toBeGreaterThan(1);
    expect(wrapped.join(' ')).toBe(sentence(wide.stdout)[0]);
  });

  test('empty columns are not shown: Contracts without an instrument, rolling ρ without a window', async () => {
    const without = (await runCli(SAMPLE)).stdout;
    expect(without).not.toContain('Contracts');
    const withIt = (await runCli([...SAMPLE, ...INSTRUMENTS])).stdout;
    expect(withIt).toContain('Contracts');
    expect(withIt).toContain('ρ rolling 30');
    // 11 returns: fewer than a window, no rolling correlation in any row
    const short = (await runCli([...SAMPLE, '--from', '2026-10-20'])).stdout;
    expect(short).not.toContain('ρ rolling');
    expect(short).toContain('Eff. OOS');
  });

  test('a long label or symbol is cut in the narrowest layout, never wider than 80', async () => {
    const prices = readFileSync('fixtures/prices.csv', 'utf8');
    const p = file(
      'long.csv',
      'symbol,quantity,label\n' +
        `SOL,10,${'a-very-long-label-without-spaces'.repeat(3)}\n` +
        'ETH,2,several words that wrap onto lines of their own in a narrow table\n',
    );
    const r = file('prices.csv', prices);
    const res = await runCli(['-p', p, '-r', r], { env: { COLUMNS: '80' } });
    expect(res.code).toBe(0);
    expect(widest(res.stdout)).toBeLessThanOrEqual(80);
  });
});

describe('signs a reader cannot misread', () => {
  test('each hedge says Sell or Buy; sizes carry no sign; totals the same', async () => {
    const out = (await runCli([...SAMPLE, ...INSTRUMENTS])).stdout;
    const json = JSON.parse((await runCli([...SAMPLE, ...INSTRUMENTS, '--format', 'json'])).stdout);
    expect(out).toMatch(/│ Sell BTC +│ +1\.268 ± 0\.036 │.*│ +2\.1426 │ +127,498 │ +2,143 │/);
    // DOGE is short: its hedge is a purchase; JSON keeps the signed numbers
    expect(out).toMatch(/│ Buy BTC +│ +1\.353 ± 0\.052 │.*│ +0\.79555 │ +47,341 │ +796 │/);
    const doge = json.positions.find((p: { symbol: string }) => p.symbol === 'DOGE');
    expect(doge.hedges[0].hedgeQuantity).toBeGreaterThan(0);
    const sol = json.positions.find((p: { symbol: string }) => p.symbol === 'SOL');
    expect(sol.hedges[0].hedgeQuantity).toBeLessThan(0);
    expect(out).toMatch(/│ Sell BTC +│ 6\.9842 │ +415,605 │ +6,984 │/);
    expect(out).not.toMatch(/│ +-[\d,.]+ │/); // no negative size anywhere in the table
    const md = (await runCli([...SAMPLE, ...INSTRUMENTS, '--format', 'markdown'])).stdout;
    expect(md).toContain('| Buy BTC | 1.3526 |');
    expect(md).toContain('| Sell ETH | 158.480 | 316,782.28 | 15,848 |');
  });
});

describe('-o picks the format from the file name', () => {
  test.each([
    ['report.json', (t: string) => expect(JSON.parse(t).schemaVersion).toBe(1)],
    ['report.csv', (t: string) => expect(t).toMatch(/^asOf,symbol,label,/)],
    ['report.md', (t: string) => expect(t).toMatch(/^# Hedge report/)],
    ['REPORT.JSON', (t: string) => expect(JSON.parse(t).schemaVersion).toBe(1)],
    ['report.txt', (t: string) => expect(t).toMatch(/^hedge report · /)],
  ])('%s', async (name, check) => {
    const out = path.join(dir, name);
    const res = await runCli([...SAMPLE, '-o', out, '-q']);
    expect(res.code).toBe(0);
    check(readFileSync(out, 'utf8'));
  });

  test('--format wins over the name', async () => {
    const out = path.join(dir, 'really-csv.json');
    expect((await runCli([...SAMPLE, '-o', out, '--format', 'csv', '-q'])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^asOf,symbol,/);
  });

  test('.html: the html format when there is one, else a usage error saying so', async () => {
    const out = path.join(dir, 'report.html');
    const res = await runCli([...SAMPLE, '-o', out, '-q']);
    if (Object.hasOwn(FORMATS, 'html')) {
      expect(res.code).toBe(0);
      expect(readFileSync(out, 'utf8')).toMatch(/<html/i);
    } else {
      expect(res.code).toBe(2);
      expect(res.stderr.split('\n')[0]).toBe(
        `hedge: --output ${out}: there is no html format (table, json, csv, markdown); give --format`,
      );
    }
  });
});

describe('the range against the data', () => {
  test('a range with no prices is an error naming the data’s first and last dates', async () => {
    for (const [args, range] of [
      [['--from', '2030-01-01'], 'from 2030-01-01 on'],
      [['--to', '1999-01-01'], 'up to 1999-01-01'],
      [
        ['--from', '2025-01-01T06:00:00Z', '--to', '2025-01-01T07:00:00Z'],
        'from 2025-01-01T06:00:00Z to 2025-01-01T07:00:00Z',
      ],
    ] as const) {
      const res = await runCli([...SAMPLE, ...args]);
      expect(res).toEqual({
        code: 1,
        stdout: '',
        stderr: `hedge: fixtures/prices.csv: no prices ${range}: the file runs from 2023-11-01 to 2026-10-31\n`,
      });
    }
  });

  test('--to after the data: a note names the valuation date (not for its own last day)', async () => {
    const after = await runCli([...SAMPLE, '--to', '2027-03-01', '--format', 'json']);
    expect(after.code).toBe(0);
    expect(after.stderr).toBe(
      'hedge: --to 2027-03-01 is after the last prices in fixtures/prices.csv: the report is valued at 2026-10-31\n',
    );
    expect(JSON.parse(after.stdout).asOf).toBe('2026-10-31');
    expect((await runCli([...SAMPLE, '--to', '2026-10-31'])).stderr).toBe('');
    expect((await runCli([...SAMPLE, '--to', '2027-03-01', '-q'])).stderr).toBe('');
  });
});

describe('small things', () => {
  test('--help prints numeric defaults as numbers', async () => {
    const help = (await runCli(['--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('(default: 30)');
    expect(help).toContain('(default: 0.01)');
    expect(help).not.toMatch(/default: "[\d.]+"/);
  });

  test('an unknown hedge lists the symbols the prices file has', async () => {
    const res = await runCli([...SAMPLE, '-H', 'BTCUSDT']);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      'hedge: fixtures/prices.csv: no prices for hedge "BTCUSDT" given by --hedge (prices for BTC, ETH, SOL, AVAX, LINK, DOGE, ARB, ZED)\n',
    );
  });

  test('an exact fit has tStat and pValue null (and standard error 0)', async () => {
    const lines = ['date,X,Y'];
    let x = 100;
    for (let i = 0; i < 60; i++) {
      x += ((i * 7) % 11) - 5;
      lines.push(
        `${new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10)},${x},${2 * x + 5}`,
      );
    }
    const r = file('exact.csv', lines.join('\n') + '\n');
    const p = file('exact-positions.csv', 'symbol,quantity\nY,10\n');
    const res = await runCli([
      '-p',
      p,
      '-r',
      r,
      '-H',
      'X',
      '--returns',
      'diff',
      '--format',
      'json',
    ]);
    const leg = JSON.parse(res.stdout).positions[0].hedges[0];
    expect(leg).toMatchObject({ beta: 2, stdError: 0, tStat: null, pValue: null });
  });
});
