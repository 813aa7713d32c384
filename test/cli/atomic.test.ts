/**
 * Nothing lost: `-o` writes through a temporary file in the same directory and renames it; on any
 * error no file is created and an existing report is left untouched; a process killed mid-run
 * leaves the previous report intact; input files are never modified. Pipes: `| head -1` ends the
 * run quietly, stdout carries only the report. The kill and pipe cases spawn the real binary.
 *
 * What a kill can leave: SIGKILL cannot be caught, so a process killed while writing the
 * temporary file leaves it behind. It is named `.<report>.<pid>.<random>.tmp` (hidden, never the
 * report's name), and the report itself is always either the old one or the complete new one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, ensureBuilt } from '../support/build';
import { runCli } from '../support/cli';

const root = mkdtempSync(path.join(os.tmpdir(), 'hedge-atomic-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dirCount = 0;
/** A fresh directory for one test. */
function freshDir(): string {
  const d = path.join(root, `t${++dirCount}`);
  mkdirSync(d);
  return d;
}

/** Wide prices: `rows` minutes × `symbols` symbols following a common factor (seeded). */
function pricesCsv(rows: number, symbols: number): string {
  let seed = 4242;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  };
  const p = Array.from({ length: symbols }, (_, j) => 100 + j);
  const out = [`time,${p.map((_, j) => `S${j}`).join(',')}`];
  for (let i = 0; i < rows; i++) {
    const f = rnd() * 0.002;
    for (let j = 0; j < symbols; j++) p[j] = p[j]! * (1 + f + rnd() * 0.002);
    out.push(`${1704067200 + 60 * i},${p.map((v) => v.toFixed(5)).join(',')}`);
  }
  return out.join('\n') + '\n';
}

function positionsCsv(symbols: number): string {
  return `symbol,quantity\n${Array.from({ length: symbols - 1 }, (_, j) => `S${j + 1},1`).join('\n')}\n`;
}

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

describe('the real binary', () => {
  beforeAll(() => ensureBuilt());

  test('killed mid-run (SIGKILL, SIGTERM): the previous report stays intact', async () => {
    const dir = freshDir();
    const SYMBOLS = 10;
    writeFileSync(path.join(dir, 'prices.csv'), pricesCsv(60_000, SYMBOLS));
    writeFileSync(path.join(dir, 'positions.csv'), positionsCsv(SYMBOLS));
    const OLD = JSON.stringify({ previous: 'report', padding: 'x'.repeat(10_000) }) + '\n';
    const out = path.join(dir, 'report.json');
    const args = [BIN, '-p', 'positions.csv', '-r', 'prices.csv', '-H', 'S0', '--format', 'json'];
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

  function sh(script: string, cwd: string) {
    const r = spawnSync('bash', ['-c', `set -o pipefail; ${script}`], { cwd, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  test('| head -1 on a report larger than the pipe buffer ends quietly with exit 0', async () => {
    const dir = freshDir();
    const SYMBOLS = 150;
    writeFileSync(path.join(dir, 'prices.csv'), pricesCsv(60, SYMBOLS));
    writeFileSync(path.join(dir, 'positions.csv'), positionsCsv(SYMBOLS));
    const files = ['-p', path.join(dir, 'positions.csv'), '-r', path.join(dir, 'prices.csv')];
    const args = [...files, '-H', 'S0', '--min-observations', '10'];
    const cmd = `'${process.execPath}' '${BIN}' ${args.map((a) => `'${a}'`).join(' ')}`;
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
      `'${process.execPath}' '${BIN}' -p positions.csv -r missing.csv | cat > out.txt`,
      dir,
    );
    expect({ code: r.code, stderr: r.stderr }).toEqual({
      code: 1,
      stderr: 'hedge: missing.csv: no such file\n',
    });
    expect(readFileSync(path.join(dir, 'out.txt'), 'utf8')).toBe('');
  });
});
