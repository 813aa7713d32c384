/**
 * Nothing lost: `-o` writes through a temporary file in the same directory and renames it; on any
 * error no file is created and an existing report is left untouched; input files are never
 * modified. atomic.slow.test.ts kills the real binary mid-run and runs it in pipes.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../support/cli';
import {
  factorPositionsCsv as positionsCsv,
  factorPricesCsv as pricesCsv,
} from '../support/factor-prices';
import { freshDirs, tempDirForThisFile } from '../support/temp-dir';

const freshDir = freshDirs(tempDirForThisFile('hedge-atomic-'));

/** Contents, size and modification time of every file of a directory, by name. */
function snapshot(dir: string): Record<string, { hash: string; mtimeMs: number }> {
  const out: Record<string, { hash: string; mtimeMs: number }> = {};
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    out[name] = {
      hash: createHash('sha256').update(readFileSync(p)).digest('hex'),
      mtimeMs: statSync(p).mtimeMs,
    };
  }
  return out;
}

describe('-o in-process', () => {
  const OLD = '{"an": "old report"}\n';

  function setUp(): { dir: string; positions: string; prices: string; out: string } {
    const dir = freshDir();
    const positions = path.join(dir, 'positions.csv');
    const prices = path.join(dir, 'prices.csv');
    writeFileSync(positions, positionsCsv(3));
    writeFileSync(prices, pricesCsv(80, 3));
    return { dir, positions, prices, out: path.join(dir, 'report.json') };
  }

  test('writes the report stdout would carry, replaces the old one, leaves no temporary file', async () => {
    const { dir, positions, prices, out } = setUp();
    writeFileSync(out, OLD);
    const args = ['-p', positions, '-r', prices, '-H', 'S0', '--format', 'csv'];
    const toStdout = await runCli(args);
    const toFile = await runCli([...args, '-o', out, '-q']);
    expect(toFile).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(out, 'utf8')).toBe(toStdout.stdout);
    expect(readdirSync(dir).sort()).toEqual(['positions.csv', 'prices.csv', 'report.json']);
  });

  test.each([
    ['bad data', (f: string[]) => [...f, '-H', 'S9'], 1],
    ['a bad flag value', (f: string[]) => [...f, '--window', '2'], 2],
    ['a missing input', (f: string[]) => [...f.slice(0, 2), '-r', 'nope.csv'], 1],
    [
      'an undefined result',
      (f: string[]) => [...f, '-H', 'S0', '--estimator', 'ewma', '--halflife', '0.001'],
      1,
    ],
  ])('on %s: no file created, an existing report untouched', async (_name, args, code) => {
    const { dir, positions, prices, out } = setUp();
    const files = ['-p', positions, '-r', prices];
    const fresh = await runCli([...args(files), '-o', out]);
    expect({ code: fresh.code, stdout: fresh.stdout }).toEqual({ code, stdout: '' });
    expect(readdirSync(dir).sort()).toEqual(['positions.csv', 'prices.csv']);

    writeFileSync(out, OLD);
    const before = snapshot(dir);
    const again = await runCli([...args(files), '-o', out]);
    expect(again.code).toBe(code);
    expect(snapshot(dir)).toEqual(before);
  });

  test('input files are never modified, whatever the run does', async () => {
    const { dir, positions, prices, out } = setUp();
    const instruments = path.join(dir, 'instruments.csv');
    writeFileSync(instruments, 'symbol,multiplier,lot\nS0,0.1,1\n');
    const before = snapshot(dir);
    const files = ['-p', positions, '-r', prices, '--instruments', instruments, '-H', 'S0'];
    for (const format of ['table', 'json', 'csv', 'markdown']) {
      expect((await runCli([...files, '--format', format])).code).toBe(0);
    }
    expect((await runCli([...files, '--to', '2024-01-01T00:30:00Z'])).code).toBe(0);
    expect((await runCli([...files, '-H', 'S7'])).code).toBe(1);
    expect((await runCli([...files, '-o', out, '-q'])).code).toBe(0);
    rmSync(out);
    expect(snapshot(dir)).toEqual(before);
  });
});
