/**
 * The built program as users run it: bin/hedge.js loading dist/ (with its code cache), real
 * stdio, exit codes, a closed pipe, standard input (the worker-thread reader of dist/ on a large
 * file: bin.slow.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { binRunner } from '../support/bin';
import { BIN, ROOT, ensureBuilt } from '../support/build';
import { runCli } from '../support/cli';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hedge-bin-'));
const POSITIONS = path.join(ROOT, 'fixtures/positions.csv');
const PRICES = path.join(ROOT, 'fixtures/prices.csv');

beforeAll(() => ensureBuilt());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { hedge, sh, withoutPricesName } = binRunner(dir);

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

  test('V8 accepts the code cache the build wrote', () => {
    // the check bin/hedge.js makes, in a fresh process: V8 rejects a cache made by another V8
    // or under other flags, and bin/hedge.js then compiles without it (slower, same results)
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
});
