/**
 * The built program as users run it: bin/hedge.js loading dist/ (with its code cache), real
 * stdio, exit codes, a closed pipe and standard input. bin.slow.test.ts adds mathjs bundled apart
 * and the worker-thread reader of dist/.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, buildForThisFile } from '../support/build';
import { runProgram, shell, withoutPricesName } from '../support/spawn';
import { tempDirForThisFile } from '../support/temp-dir';

const dir = tempDirForThisFile('hedge-bin-');
const build = buildForThisFile();
const POSITIONS = path.join(ROOT, 'fixtures/positions.csv');
const PRICES = path.join(ROOT, 'fixtures/prices.csv');

const hedge = (args: readonly string[]) => runProgram(build.bin, args, { cwd: dir });
const sh = (script: string) => shell(script, dir);

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
      `cat '${PRICES}' | '${process.execPath}' '${build.bin}' ${args.map((a) => `'${a}'`).join(' ')} --prices -`,
    );
    expect(piped.code).toBe(0);
    expect(withoutPricesName(piped.stdout)).toEqual(withoutPricesName(file.stdout));
  });

  test('--format html loads the renderer and d3 bundled apart (dist/render-html.cjs), -o writes it', () => {
    const out = path.join(dir, 'report.html');
    const res = hedge(['--positions', POSITIONS, '--prices', PRICES, '-o', out, '--quiet']);
    expect(res).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<path class="line s0" d="M');
    // the CLI bundle holds neither the page's stylesheet nor d3's code: only the html run reads them
    const apart = readFileSync(path.join(path.dirname(build.bundle), 'render-html.cjs'), 'utf8');
    const cli = readFileSync(build.bundle, 'utf8');
    for (const text of ['prefers-color-scheme', 'invalid digits']) {
      expect(apart).toContain(text);
      expect(cli).not.toContain(text);
    }
  });

  test('V8 accepts the code cache the build wrote', () => {
    // the check bin/hedge.js makes, in a fresh process: V8 rejects a cache made by another V8
    // or under other flags, and bin/hedge.js then compiles without it (slower, same results)
    const check = `const fs = require('node:fs'), vm = require('node:vm'), { wrap } = require('node:module');
      const f = process.argv[1];
      const s = new vm.Script(wrap(fs.readFileSync(f, 'utf8')), { filename: f, cachedData: fs.readFileSync(f + '.cache') });
      process.stdout.write(String(s.cachedDataRejected));`;
    const r = spawnSync(process.execPath, ['-e', check, build.bundle], {
      encoding: 'utf8',
    });
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 0,
      stdout: 'false',
      stderr: '',
    });
  });

  test('a reader that goes away (| head -1, | true) ends the run quietly with exit 0', () => {
    const cmd = `'${process.execPath}' '${build.bin}' --positions '${POSITIONS}' --prices '${PRICES}' --hedge BTC,ETH --format csv`;
    expect(sh(`${cmd} | head -1`)).toMatchObject({ code: 0, stderr: '' });
    expect(sh(`${cmd} | true`)).toMatchObject({ code: 0, stderr: '' });
    expect(sh(`'${process.execPath}' '${build.bin}' --help | true`)).toMatchObject({
      code: 0,
      stderr: '',
    });
  });
});
