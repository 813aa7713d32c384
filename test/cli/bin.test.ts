/**
 * The built program as users run it: bin/hedge.js loading dist/ (with its code cache), real
 * stdio, exit codes, a closed pipe, standard input, and the worker-thread reader of dist/.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, ROOT, ensureBuilt } from '../support/build';
import { runCli } from '../support/cli';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hedge-bin-'));
const POSITIONS = path.join(ROOT, 'fixtures/positions.csv');
const PRICES = path.join(ROOT, 'fixtures/prices.csv');

beforeAll(() => ensureBuilt());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function hedge(args: readonly string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { PATH: process.env.PATH ?? '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A JSON report without the settings echo of the prices file name (`-` for stdin). */
function withoutPricesName(json: string): unknown {
  const report = JSON.parse(json) as { settings: Record<string, unknown> };
  delete report.settings.prices;
  return report;
}

function sh(script: string) {
  const r = spawnSync('bash', ['-c', `set -o pipefail; ${script}`], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A wide prices file above the worker threshold (about 9 MB): 40,000 minutes × 20 symbols. */
function largePrices(file: string): string[] {
  const symbols = Array.from({ length: 20 }, (_, j) => `S${j}`);
  const price = symbols.map((_, j) => 10 + j);
  let seed = 1;
  const next = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  };
  const lines = [`time,${symbols.join(',')}`];
  for (let i = 0; i < 40_000; i++) {
    const f = next() * 0.002;
    for (let j = 0; j < 20; j++) price[j]! *= Math.exp(f * (1 + j / 20) + next() * 0.002);
    lines.push(`${1704067200 + i * 60},${price.map((p) => p.toFixed(6)).join(',')}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return symbols;
}

describe('bin/hedge.js', () => {
  test('--help and --version exit 0 on stdout only', () => {
    const help = hedge(['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('Usage: hedge');
    expect(hedge(['--version'])).toMatchObject({ code: 0, stderr: '' });
  });

  test('exit codes: 2 for usage errors, 1 for bad input, messages on stderr only', () => {
    const usage = hedge(['--positions', POSITIONS, '--prices', PRICES, '--bogus']);
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toMatch(/^hedge: .*--bogus/);
    const missing = hedge(['--positions', POSITIONS, '--prices', 'nope.csv']);
    expect(missing).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'hedge: nope.csv: no such file\n',
    });
  });

  test('the sample report, and the same report with prices on standard input', () => {
    const args = ['--positions', POSITIONS, '--hedge', 'BTC,ETH', '--format', 'json'];
    const file = hedge([...args, '--prices', PRICES]);
    expect(file.code).toBe(0);
    expect(file.stderr).toBe('');
    const piped = sh(
      `cat '${PRICES}' | '${process.execPath}' '${BIN}' ${args.map((a) => `'${a}'`).join(' ')} --prices -`,
    );
    expect(piped.code).toBe(0);
    expect(withoutPricesName(piped.stdout)).toEqual(withoutPricesName(file.stdout));
  });

  test('three hedges: mathjs, bundled apart (dist/linalg-mathjs.cjs), gives the in-process report', async () => {
    const positions = path.join(dir, 'zed.csv');
    writeFileSync(positions, 'symbol,quantity\nZED,1000\n');
    const args = ['-p', positions, '-r', PRICES, '-H', 'BTC,ETH,SOL', '--format', 'json'];
    const r = hedge(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const inProcess = await runCli(args);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(inProcess.stdout));
    expect(
      (JSON.parse(r.stdout) as { positions: { hedges: unknown[] }[] }).positions[0]!.hedges,
    ).toHaveLength(3);
  });

  test('V8 accepts the code cache (the cache-writing run must leave the flags as it found them)', () => {
    // the check bin/hedge.js makes, in a fresh process: V8 rejects a cache made under other
    // flags, and the run that writes it turns TurboFan off for a while (src/cli/tiering.ts)
    const check = `const fs = require('node:fs'), vm = require('node:vm'), { wrap } = require('node:module');
      const f = process.argv[1];
      const s = new vm.Script(wrap(fs.readFileSync(f, 'utf8')), { filename: f, cachedData: fs.readFileSync(f + '.cache') });
      process.stdout.write(String(s.cachedDataRejected));`;
    const r = spawnSync(process.execPath, ['-e', check, path.join(ROOT, 'dist/hedge.cjs')], {
      encoding: 'utf8',
    });
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 0,
      stdout: 'false',
      stderr: '',
    });
  });

  test('a reader that goes away (| head -1, | true) ends the run quietly with exit 0', () => {
    const cmd = `'${process.execPath}' '${BIN}' --positions '${POSITIONS}' --prices '${PRICES}' --hedge BTC,ETH --format csv`;
    expect(sh(`${cmd} | head -1`)).toMatchObject({ code: 0, stderr: '' });
    expect(sh(`${cmd} | true`)).toMatchObject({ code: 0, stderr: '' });
    expect(sh(`'${process.execPath}' '${BIN}' --help | true`)).toMatchObject({
      code: 0,
      stderr: '',
    });
  });

  test('a large file read by the worker threads gives the report standard input gives', () => {
    const file = path.join(dir, 'large.csv');
    const symbols = largePrices(file);
    const positions = path.join(dir, 'large-positions.csv');
    writeFileSync(
      positions,
      `symbol,quantity\n${symbols
        .slice(2)
        .map((s) => `${s},1`)
        .join('\n')}\n`,
    );
    const args = ['--positions', positions, '--hedge', 'S0,S1', '--format', 'json'];
    const viaWorkers = hedge([...args, '--prices', file]);
    expect(viaWorkers.code).toBe(0);
    expect(viaWorkers.stderr).toBe(''); // no progress line: stderr is not a terminal
    const viaStdin = sh(`'${process.execPath}' '${BIN}' ${args.join(' ')} --prices - < '${file}'`);
    expect(viaStdin.code).toBe(0);
    expect(withoutPricesName(viaStdin.stdout)).toEqual(withoutPricesName(viaWorkers.stdout));
    expect(JSON.parse(viaWorkers.stdout).positions).toHaveLength(18);
  });
});
