/**
 * Nothing lost, with the real binary: a process killed mid-run leaves the previous report intact;
 * in pipes, `| head -1` ends the run quietly and stdout carries only the report
 * (atomic.test.ts has the in-process cases).
 *
 * What a kill can leave: SIGKILL cannot be caught, so a process killed while writing the
 * temporary file leaves it behind. It is named `.<report>.<pid>.<random>.tmp` (hidden, never the
 * report's name), and the report itself is always either the old one or the complete new one.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildForThisFile } from '../support/build';
import { runCli } from '../support/cli';
import {
  factorPositionsCsv as positionsCsv,
  factorPricesCsv as pricesCsv,
} from '../support/factor-prices';
import { shell as sh } from '../support/spawn';
import { freshDirs, tempDirForThisFile } from '../support/temp-dir';

const build = buildForThisFile();
const freshDir = freshDirs(tempDirForThisFile('hedge-atomic-slow-'));

describe('the real binary', () => {
  test('killed mid-run (SIGKILL, SIGTERM): the previous report stays intact', async () => {
    const dir = freshDir();
    const SYMBOLS = 10;
    writeFileSync(path.join(dir, 'prices.csv'), pricesCsv(60_000, SYMBOLS));
    writeFileSync(path.join(dir, 'positions.csv'), positionsCsv(SYMBOLS));
    const OLD = JSON.stringify({ previous: 'report', padding: 'x'.repeat(10_000) }) + '\n';
    const out = path.join(dir, 'report.json');
    const args = [
      build.bin,
      '-p',
      'positions.csv',
      '-r',
      'prices.csv',
      '-H',
      'S0',
      '--format',
      'json',
    ];
    const kills: [NodeJS.Signals, number][] = [
      ['SIGKILL', 30],
      ['SIGKILL', 150],
      ['SIGKILL', 400],
      ['SIGTERM', 250],
    ];
    let killedMidRun = 0;
    for (const [signal, delayMs] of kills) {
      writeFileSync(out, OLD);
      const child = spawn(process.execPath, [...args, '-o', 'report.json'], {
        cwd: dir,
        stdio: 'ignore',
      });
      const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, sig) => resolve({ code, signal: sig })),
      );
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      child.kill(signal);
      const end = await ended;
      const report = readFileSync(out, 'utf8');
      if (end.signal === signal) {
        // Killed before the rename (the run takes seconds): the old report, byte for byte.
        expect(report).toBe(OLD);
        killedMidRun++;
      } else {
        // Finished first (a very fast machine): then the whole new report, never a part.
        expect(end.code).toBe(0);
        expect((JSON.parse(report) as { positions: unknown[] }).positions).toHaveLength(
          SYMBOLS - 1,
        );
      }
      // Whatever a kill leaves is a hidden temporary file of this report, never another name.
      const extra = readdirSync(dir).filter(
        (n) => !['positions.csv', 'prices.csv', 'report.json'].includes(n),
      );
      for (const n of extra) expect(n).toMatch(/^\.report\.json\.\d+\.[0-9a-f]{8}\.tmp$/);
    }
    expect(killedMidRun).toBeGreaterThan(0);
  });

  test('| head -1 on a report larger than the pipe buffer ends quietly with exit 0', async () => {
    const dir = freshDir();
    const SYMBOLS = 150;
    writeFileSync(path.join(dir, 'prices.csv'), pricesCsv(60, SYMBOLS));
    writeFileSync(path.join(dir, 'positions.csv'), positionsCsv(SYMBOLS));
    const files = ['-p', path.join(dir, 'positions.csv'), '-r', path.join(dir, 'prices.csv')];
    const args = [...files, '-H', 'S0', '--min-observations', '10'];
    const cmd = `'${process.execPath}' '${build.bin}' ${args.map((a) => `'${a}'`).join(' ')}`;
    for (const format of ['json', 'table']) {
      const full = await runCli([...args, '--format', format]);
      expect(full.stdout.length).toBeGreaterThan(1 << 16);
      const head = sh(`${cmd} --format ${format} | head -1`, dir);
      expect({ code: head.code, stderr: head.stderr }).toEqual({ code: 0, stderr: '' });
      expect(head.stdout.split('\n')).toHaveLength(2);
    }
  });

  test('in a pipe, errors go to stderr and stdout stays empty', () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, 'positions.csv'), 'symbol,quantity\nS1,1\n');
    const r = sh(
      `'${process.execPath}' '${build.bin}' -p positions.csv -r missing.csv | cat > out.txt`,
      dir,
    );
    expect({ code: r.code, stderr: r.stderr }).toEqual({
      code: 1,
      stderr: 'hedge: missing.csv: no such file\n',
    });
    expect(readFileSync(path.join(dir, 'out.txt'), 'utf8')).toBe('');
  });
});
