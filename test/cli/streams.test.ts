/**
 * Inputs without a size: standard input, FIFOs and devices are read in checked chunks. Binary data
 * (/dev/zero, /dev/urandom) fails on the first chunk; a stream that does not end fails at the
 * HEDGE_MAX_STREAM_MB limit instead of taking memory without end; a FIFO that ends is read like a
 * file. And the environment: FORCE_COLOR read as chalk reads it.
 */
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { Readable } from 'node:stream';
import { run } from '../../src/cli/run';
import { envFrom } from '../../src/cli/env';
import { runCli } from '../support/cli';
import {
  factorPositionsCsv as positionsCsv,
  factorPricesCsv as pricesCsv,
} from '../support/factor-prices';
import { fileIn, tempDirForThisFile } from '../support/temp-dir';

const dir = tempDirForThisFile('hedge-streams-');
const file = fileIn(dir);
const POSITIONS = file('positions.csv', positionsCsv(3));
const PRICES = file('prices.csv', pricesCsv(60, 3));
const LIMIT = (mb: string) =>
  `more than ${mb} MB from a pipe, a device or standard input (HEDGE_MAX_STREAM_MB raises the limit)`;

/** Standard input that never ends: `line` over and over; counts the bytes it handed out. */
function endless(line: string): { stream: Readable; given: () => number } {
  const chunk = Buffer.from(line.repeat(Math.ceil(65536 / line.length)));
  let given = 0;
  const stream = new Readable({
    read() {
      given += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, given: () => given };
}

async function runWithStdin(args: string[], stdin: Readable, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdin,
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env,
  });
  return { code, stdout, stderr };
}

describe('standard input that never ends', () => {
  test.each([
    ['prices', ['-p', POSITIONS, '-r', '-', '-H', 'S0'], 'time,S0\n'],
    ['positions', ['-p', '-', '-r', PRICES, '-H', 'S0'], 'S1,1\n'],
  ])('as %s: stops at HEDGE_MAX_STREAM_MB with a located error', async (_n, args, line) => {
    const { stream, given } = endless(line);
    const res = await runWithStdin(args, stream, { HEDGE_MAX_STREAM_MB: '2' });
    expect(res).toEqual({ code: 1, stdout: '', stderr: `hedge: <stdin>: ${LIMIT('2')}\n` });
    expect(given()).toBeLessThan(3e6);
  });

  test('binary data is found in the first chunk, not at the end', async () => {
    const { stream, given } = endless('\0');
    const res = await runWithStdin(['-p', POSITIONS, '-r', '-', '-H', 'S0'], stream);
    expect(res).toEqual({
      code: 1,
      stdout: '',
      stderr: 'hedge: <stdin>: not a text file (binary data at byte 1)\n',
    });
    expect(given()).toBeLessThan(1e6);
  });

  test('a character cut by the end of the first chunk is not mistaken for bad UTF-8', async () => {
    const text = `${'#'.repeat(65535)}é\nsymbol,quantity\nS1,1\n`; // é straddles byte 65536
    const bytes = Buffer.from(text);
    const res = await runWithStdin(
      ['-p', '-', '-r', PRICES, '-H', 'S0', '--format', 'csv'],
      Readable.from([bytes.subarray(0, 65536), bytes.subarray(65536)]),
    );
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
  });

  test('under the limit, standard input gives the report a file gives', async () => {
    const args = ['-r', PRICES, '-H', 'S0', '--format', 'csv'];
    const piped = await runCli(['-p', '-', ...args], {
      stdin: positionsCsv(3),
      env: { HEDGE_MAX_STREAM_MB: '0.001' },
    });
    const fromFile = await runCli(['-p', POSITIONS, ...args]);
    expect(piped).toEqual(fromFile);
  });

  test.each(['abc', '0', '-1', '0x10'])('HEDGE_MAX_STREAM_MB=%s is a usage error', async (v) => {
    const res = await runCli(['-p', POSITIONS, '-r', PRICES], { env: { HEDGE_MAX_STREAM_MB: v } });
    expect(res).toEqual({
      code: 2,
      stdout: '',
      stderr: `hedge: HEDGE_MAX_STREAM_MB "${v}": expected a number of megabytes greater than 0\nTry 'hedge --help' for more information.\n`,
    });
  });
});

describe('devices and FIFOs as inputs', () => {
  test.each([
    ['/dev/zero', 'not a text file (binary data at byte 1)'],
    ['/dev/null', 'file is empty'],
  ])('%s as the prices or positions', async (dev, why) => {
    expect(await runCli(['-p', POSITIONS, '-r', dev])).toEqual({
      code: 1,
      stdout: '',
      stderr: `hedge: ${dev}: ${why}\n`,
    });
    expect(await runCli(['-p', dev, '-r', PRICES])).toEqual({
      code: 1,
      stdout: '',
      stderr: `hedge: ${dev}: ${why}\n`,
    });
  });

  test('/dev/urandom fails on its first chunk', async () => {
    const res = await runCli(['-p', POSITIONS, '-r', '/dev/urandom']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /^hedge: \/dev\/urandom: not (a text file \(binary data|UTF-8 text \(invalid byte 0x[0-9A-F]{2}) at byte [0-9]{1,5}\b.*\n$/,
    );
  });

  test('a FIFO that ends is read as the file would be; one that does not, up to the limit', async () => {
    const fifo = path.join(dir, 'prices.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `cat "${PRICES}" > "${fifo}"`]);
    const args = ['-p', POSITIONS, '-H', 'S0', '--format', 'csv'];
    const viaFifo = await runCli([...args, '-r', fifo]);
    await new Promise((resolve) => writer.on('close', resolve));
    const viaFile = await runCli([...args, '-r', PRICES]);
    expect(viaFifo.stdout.replace(fifo, PRICES)).toBe(viaFile.stdout);
    expect(viaFifo.code).toBe(0);

    const endlessWriter = spawn('sh', ['-c', `yes 'time,S0' > "${fifo}"`]);
    try {
      const res = await runCli([...args, '-r', fifo], { env: { HEDGE_MAX_STREAM_MB: '1' } });
      expect(res).toEqual({ code: 1, stdout: '', stderr: `hedge: ${fifo}: ${LIMIT('1')}\n` });
    } finally {
      endlessWriter.kill();
    }
  });
});

describe('FORCE_COLOR as chalk and supports-color read it', () => {
  test.each([
    [undefined, null],
    ['', true],
    ['1', true],
    ['3', true],
    ['true', true],
    ['0', false],
    ['false', false],
    ['yes', null],
  ])('FORCE_COLOR=%j → %j', (value, force) => {
    const env = value === undefined ? {} : { FORCE_COLOR: value };
    expect(envFrom(env).forceColor).toBe(force);
  });

  test('FORCE_COLOR=false and 0 turn colour off even on a terminal; 1 turns it on in a pipe', async () => {
    const args = ['-p', POSITIONS, '-r', PRICES, '-H', 'S0'];
    const esc = (r: { stdout: string }) => r.stdout.includes('\x1b[');
    expect(esc(await runCli(args, { tty: true }))).toBe(true);
    expect(esc(await runCli(args, { tty: true, env: { FORCE_COLOR: 'false' } }))).toBe(false);
    expect(esc(await runCli(args, { tty: true, env: { FORCE_COLOR: '0' } }))).toBe(false);
    expect(esc(await runCli(args, { env: { FORCE_COLOR: '1' } }))).toBe(true);
    expect(esc(await runCli(args, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }))).toBe(false);
  });
});
