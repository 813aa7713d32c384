/**
 * The built program in hostile environments that take seconds: an address-space limit (`ulimit
 * -v`) on the large-file path, endless pipes, a full stdout, a FIFO whose reader goes away, and
 * a million position rows. Fast representatives: output-target.test.ts, streams.test.ts,
 * hostile-values.test.ts and test/threads.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildForThisFile } from '../support/build';
import { runProgram, shell } from '../support/spawn';
import { tempDirForThisFile } from '../support/temp-dir';

const dir = tempDirForThisFile('hedge-limits-slow-');
const build = buildForThisFile();
const sh = (script: string) => shell(script, dir);
const isRoot = process.getuid?.() === 0;

/** A wide prices file above the worker threshold (about 12 MB): 60,000 minutes × 20 symbols. */
function largePrices(file: string): void {
  const price = Array.from({ length: 20 }, (_, j) => 10 + j);
  let seed = 7;
  const next = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  };
  const lines = [`time,${price.map((_, j) => `S${j}`).join(',')}`];
  for (let i = 0; i < 60_000; i++) {
    const f = next() * 0.002;
    for (let j = 0; j < 20; j++) price[j]! *= Math.exp(f * (1 + j / 20) + next() * 0.002);
    lines.push(`${1704067200 + i * 60},${price.map((p) => p.toFixed(6)).join(',')}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

const LARGE = path.join(dir, 'large.csv');
/** 120 days of S0, S1. */
const small = `time,S0,S1\n${Array.from({ length: 120 }, (_, i) => `${1704067200 + 86400 * i},${100 + Math.sin(i)},${50 + Math.sin(i) + Math.cos(i * 7)}`).join('\n')}\n`;
const POSITIONS = path.join(dir, 'positions.csv');
beforeAll(() => {
  largePrices(LARGE);
  writeFileSync(POSITIONS, 'symbol,quantity\nS1,1\nS2,2\nS3,3\n');
});
/** The command line of a run on the large file (the build's path is known from beforeAll on). */
const run = () => `node "${build.bin}" -p positions.csv -r large.csv -H S0 --format csv -q`;

describe('an address-space limit (ulimit -v)', () => {
  test('1.5 GB: the large-file reader stays in one thread instead of a V8 abort (exit 133)', () => {
    const free = sh(run());
    expect({ code: free.code, stderr: free.stderr }).toEqual({ code: 0, stderr: '' });
    expect(free.stdout).toMatch(/^asOf,symbol,/);
    const limited = sh(`ulimit -v 1500000 && ${run()}`);
    expect({ code: limited.code, stderr: limited.stderr }).toEqual({ code: 0, stderr: '' });
    expect(limited.stdout).toBe(free.stdout);
  });
});

describe('pipes and devices around the real binary', () => {
  test('an endless pipe on stdin stops at HEDGE_MAX_STREAM_MB', () => {
    const r = sh(
      `yes 'time,S0' | HEDGE_MAX_STREAM_MB=20 node "${build.bin}" -p positions.csv -r -`,
    );
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'hedge: <stdin>: more than 20 MB from a pipe, a device or standard input (HEDGE_MAX_STREAM_MB raises the limit)\n',
    });
  });

  test('/dev/zero and /dev/urandom as inputs fail at once', () => {
    const zero = sh(`node "${build.bin}" -p positions.csv -r /dev/zero`);
    expect(zero.stderr).toBe('hedge: /dev/zero: not a text file (binary data at byte 1)\n');
    const urandom = sh(`node "${build.bin}" -p /dev/urandom -r large.csv`);
    expect(urandom.code).toBe(1);
    expect(urandom.stderr).toMatch(/^hedge: \/dev\/urandom: not (a text file|UTF-8 text)/);
  });

  test('a full stdout (/dev/full) is a located error, not an internal error', () => {
    const r = sh(`${run()} > /dev/full`);
    expect({ code: r.code, stderr: r.stderr }).toEqual({
      code: 1,
      stderr: 'hedge: <stdout>: cannot write the report: no space left on the device (ENOSPC)\n',
    });
  });

  test('-o on a FIFO whose reader goes away: EPIPE, a located error, the FIFO kept', () => {
    const fifo = path.join(dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    // 300 positions: a JSON report far larger than a pipe's buffer
    writeFileSync(path.join(dir, 'many.csv'), `symbol,quantity\n${'S1,1\n'.repeat(300)}`);
    writeFileSync(path.join(dir, 'small.csv'), small);
    // the reader takes one byte and leaves; the report cannot all go in
    const r = sh(
      `(head -c 1 "${fifo}" > /dev/null &) ; node "${build.bin}" -p many.csv -r small.csv -H S0 --format json -o "${fifo}"`,
    );
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: `hedge: ${fifo}: cannot write the report: the reader went away (broken pipe) (EPIPE)\n`,
    });
    expect(sh(`test -p "${fifo}"`).code).toBe(0);
  });

  (isRoot ? test : test.skip)(
    'as root, -o onto a device node made for the test keeps the node',
    () => {
      const dev = path.join(dir, 'null');
      execFileSync('mknod', [dev, 'c', '1', '3']);
      const r = sh(`${run()} -o "${dev}"`);
      expect(r.code).toBe(0);
      expect(sh(`test -c "${dev}"`).code).toBe(0);
    },
  );
});

describe('a million position rows', () => {
  test('refused at the limit within seconds, in bounded memory', () => {
    const rows = Array.from({ length: 1_000_000 }, (_, i) => `S${1 + (i % 3)},${i + 1}`);
    writeFileSync(path.join(dir, 'million.csv'), `symbol,quantity\n${rows.join('\n')}\n`);
    const started = Date.now();
    const r = runProgram(build.bin, ['-p', 'million.csv', '-r', 'large.csv', '-H', 'S0'], {
      cwd: dir,
    });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'hedge: million.csv:20002: more than 20,000 positions, the most one run takes (HEDGE_MAX_POSITIONS raises the limit); split the file\n',
    });
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});
