/**
 * Where `-o` may write: checked on the file system before any work, by real path and
 * device/inode. A symbolic or hard link to an input is refused, a device or FIFO is written in
 * place and never replaced, directory problems are usage errors, long names work, and a report
 * that cannot be written (a full device, a full stdout) is a located error with exit 1.
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { runCli } from '../support/cli';
import {
  factorPositionsCsv as positionsCsv,
  factorPricesCsv as pricesCsv,
} from '../support/factor-prices';
import { freshDirs, tempDirForThisFile } from '../support/temp-dir';
import { tempName } from '../../src/cli/write-atomic';
import { run } from '../../src/cli/run';
import { Readable } from 'node:stream';

const freshDir = freshDirs(tempDirForThisFile('hedge-output-target-'));
const TRY = "Try 'hedge --help' for more information.";
const isRoot = process.getuid?.() === 0;

function setUp(): { dir: string; positions: string; prices: string; text: string } {
  const dir = freshDir();
  const positions = path.join(dir, 'positions.csv');
  const prices = path.join(dir, 'prices.csv');
  const text = pricesCsv(60, 3);
  writeFileSync(positions, positionsCsv(3));
  writeFileSync(prices, text);
  return { dir, positions, prices, text };
}

const args = (positions: string, prices: string) => ['-p', positions, '-r', prices, '-H', 'S0'];

/**
 * A character device of the kind of /dev/null (1,3) or /dev/full (1,7): made in the test's own
 * directory when running as root (so no test can ever replace the system's node), else the
 * system's (which a non-root process cannot replace).
 */
function charDevice(dir: string, name: 'null' | 'full'): string {
  if (!isRoot) return `/dev/${name}`;
  const p = path.join(dir, name);
  execFileSync('mknod', [p, 'c', '1', name === 'null' ? '3' : '7']);
  return p;
}

describe('an output that is an input, through links: refused before any work (exit 2)', () => {
  test('a symbolic link to the prices file as --prices, the file itself as -o', async () => {
    const { dir, positions, prices, text } = setUp();
    const link = path.join(dir, 'plink.csv');
    symlinkSync('prices.csv', link);
    const res = await runCli([...args(positions, link), '-o', prices]);
    expect(res).toEqual({
      code: 2,
      stdout: '',
      stderr: `hedge: --output ${prices} is also the --prices file: the report would overwrite it\n${TRY}\n`,
    });
    expect(readFileSync(prices, 'utf8')).toBe(text);
  });

  test('-o through a symbolic link to a directory above the input (sub/up -> ..)', async () => {
    const { dir, positions, prices, text } = setUp();
    mkdirSync(path.join(dir, 'sub'));
    symlinkSync('..', path.join(dir, 'sub', 'up'));
    const out = path.join(dir, 'sub', 'up', 'prices.csv');
    const res = await runCli([...args(positions, prices), '-o', out]);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      `hedge: --output ${out} is also the --prices file: the report would overwrite it\n${TRY}\n`,
    );
    expect(readFileSync(prices, 'utf8')).toBe(text);
  });

  test('a hard link to the positions file', async () => {
    const { dir, positions, prices } = setUp();
    const hard = path.join(dir, 'hard.csv');
    linkSync(positions, hard);
    const res = await runCli([...args(positions, prices), '-o', hard]);
    expect(res.stderr).toBe(
      `hedge: --output ${hard} is also the --positions file: the report would overwrite it\n${TRY}\n`,
    );
    expect(res.code).toBe(2);
  });

  test('a symbolic link to a --funding file (SYMBOL=file too)', async () => {
    const { dir, positions, prices } = setUp();
    const funding = path.join(dir, 'funding.csv');
    writeFileSync(funding, 'time,rate\n');
    const link = path.join(dir, 'flink.csv');
    symlinkSync(funding, link);
    const res = await runCli([
      ...args(positions, prices),
      '--funding',
      `S0=${funding}`,
      '-o',
      link,
    ]);
    expect(res).toEqual({
      code: 2,
      stdout: '',
      stderr: `hedge: --output ${link} is also the --funding file: the report would overwrite it\n${TRY}\n`,
    });
    expect(readFileSync(funding, 'utf8')).toBe('time,rate\n');
  });

  test('a symbolic link to a report elsewhere: the report replaces its target, the link stays', async () => {
    const { dir, positions, prices } = setUp();
    mkdirSync(path.join(dir, 'reports'));
    const real = path.join(dir, 'reports', 'r.json');
    writeFileSync(real, 'old\n');
    const link = path.join(dir, 'latest.json');
    symlinkSync('reports/r.json', link);
    const res = await runCli([...args(positions, prices), '--format', 'json', '-o', link, '-q']);
    expect(res).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(real, 'utf8')).schemaVersion).toBe(1);
    expect(readdirSync(path.join(dir, 'reports'))).toEqual(['r.json']);
  });
});

describe('directory problems: usage errors before any work (exit 2)', () => {
  test.each([
    [
      'a name ending in /',
      (d: string) => path.join(d, 'newdir') + '/',
      'names a directory, not a file',
    ],
    [
      'a missing directory',
      (d: string) => path.join(d, 'nope', 'r.json'),
      `directory DIR/nope does not exist`,
    ],
    [
      'a parent that is a file',
      (d: string) => path.join(d, 'prices.csv', 'r.json'),
      `DIR/prices.csv is not a directory`,
    ],
    ['a directory', (d: string) => d, 'is a directory'],
    [
      'a dangling symbolic link',
      (d: string) => {
        symlinkSync('nowhere', path.join(d, 'dangling'));
        return path.join(d, 'dangling');
      },
      'is a symbolic link to nothing (a missing file or a loop)',
    ],
  ])('%s', async (_name, target, why) => {
    const { dir, positions } = setUp();
    const out = target(dir);
    // an unreadable prices file: the output is checked first, so the read never happens
    const res = await runCli([...args(positions, path.join(dir, 'missing.csv')), '-o', out]);
    expect(res).toEqual({
      code: 2,
      stdout: '',
      stderr: `hedge: --output ${out}: ${why.replace('DIR', dir)}\n${TRY}\n`,
    });
  });

  test('a socket: refused, left in place', async () => {
    const { dir, positions, prices } = setUp();
    const sock = path.join(dir, 's.sock');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(sock, resolve));
    try {
      const res = await runCli([...args(positions, prices), '-o', sock]);
      expect(res.stderr).toBe(
        `hedge: --output ${sock}: is a socket: the report can only replace a regular file\n${TRY}\n`,
      );
      expect(lstatSync(sock).isSocket()).toBe(true);
    } finally {
      server.close();
    }
  });
});

describe('devices and FIFOs: written in place, never replaced', () => {
  test('a character device like /dev/null stays a character device', async () => {
    const { dir, positions, prices } = setUp();
    const dev = charDevice(dir, 'null');
    const before = lstatSync(dev);
    const res = await runCli([...args(positions, prices), '-o', dev, '-q']);
    expect(res).toEqual({ code: 0, stdout: '', stderr: '' });
    const after = lstatSync(dev);
    expect(after.isCharacterDevice()).toBe(true);
    expect([after.ino, after.rdev]).toEqual([before.ino, before.rdev]);
  });

  test('a full device (like /dev/full): a located error, exit 1, the node kept', async () => {
    const { dir, positions, prices } = setUp();
    const dev = charDevice(dir, 'full');
    const res = await runCli([...args(positions, prices), '-o', dev]);
    expect(res).toEqual({
      code: 1,
      stdout: '',
      stderr: `hedge: ${dev}: cannot write the report: no space left on the device (ENOSPC)\n`,
    });
    expect(lstatSync(dev).isCharacterDevice()).toBe(true);
  });

  test('a FIFO: the reader gets the report, the FIFO stays a FIFO', async () => {
    const { dir, positions, prices } = setUp();
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const res = await runCli([...args(positions, prices), '--format', 'csv', '-o', fifo, '-q']);
      expect(res).toEqual({ code: 0, stdout: '', stderr: '' });
      const buf = Buffer.alloc(1 << 16);
      const n = readSync(reader, buf);
      const direct = await runCli([...args(positions, prices), '--format', 'csv']);
      expect(buf.subarray(0, n).toString('utf8')).toBe(direct.stdout);
    } finally {
      closeSync(reader);
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  test('/dev/stdout is standard output, /dev/stderr standard error', async () => {
    const { positions, prices } = setUp();
    const direct = await runCli([...args(positions, prices), '--format', 'csv']);
    const out = await runCli([...args(positions, prices), '--format', 'csv', '-o', '/dev/stdout']);
    expect(out).toEqual(direct);
    const err = await runCli([...args(positions, prices), '--format', 'csv', '-o', '/dev/stderr']);
    expect(err).toEqual({ code: 0, stdout: '', stderr: direct.stdout });
  });
});

describe('names and write failures', () => {
  test('a 250-byte output name: its temporary name still fits NAME_MAX', async () => {
    const { dir, positions, prices } = setUp();
    const out = path.join(dir, 'r'.repeat(245) + '.json');
    const res = await runCli([...args(positions, prices), '--format', 'json', '-o', out, '-q']);
    expect(res).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(out, 'utf8')).schemaVersion).toBe(1);
  });

  test('tempName fits 255 bytes for any name, cut at a character boundary', () => {
    for (const base of ['r.json', 'a'.repeat(255), 'é'.repeat(127), '😀'.repeat(63) + 'abc']) {
      const t = tempName(base, 4194304, 'deadbeef');
      expect(Buffer.byteLength(t)).toBeLessThanOrEqual(255);
      expect(t.endsWith('.4194304.deadbeef.tmp')).toBe(true);
      expect(Buffer.from(t).toString('utf8')).toBe(t); // no split character
      expect(base.startsWith(t.slice(1, t.length - '.4194304.deadbeef.tmp'.length))).toBe(true);
    }
    expect(tempName('r.json', 7, '01234567')).toBe('.r.json.7.01234567.tmp');
  });

  test.each([
    ['ENOSPC', 'no space left on the device (ENOSPC)'],
    ['EIO', 'input/output error (EIO)'],
  ])(
    'a stdout that fails with %s: a located error, exit 1, not an internal error',
    async (code, why) => {
      const { positions, prices } = setUp();
      let stderr = '';
      const exit = await run(args(positions, prices), {
        stdin: Readable.from([]),
        stdout: {
          write: () => {
            throw Object.assign(new Error(`${code}: write failed`), { code });
          },
          isTTY: false,
        },
        stderr: { write: (s: string) => (stderr += s), isTTY: false },
        env: {},
      });
      expect({ exit, stderr }).toEqual({
        exit: 1,
        stderr: `hedge: <stdout>: cannot write the report: ${why}\n`,
      });
    },
  );
});
