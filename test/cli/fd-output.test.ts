/**
 * Standard output and error as file descriptors (src/cli/fd-output.ts): everything written, in
 * order; the stream takes over when the descriptor would block; EPIPE goes to the caller.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fdOutput } from '../../src/cli/fd-output';

jest.mock('node:fs', () => {
  const actual = jest.requireActual<typeof import('node:fs')>('node:fs');
  return { ...actual, writeSync: jest.fn(actual.writeSync), statSync: jest.fn(actual.statSync) };
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mockedFs = require('node:fs') as { writeSync: jest.Mock; statSync: jest.Mock };
// every character device a terminal, unless fdOutput tells without asking
jest.mock('node:tty', () => ({ isatty: jest.fn(() => true) }));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mockedTty = require('node:tty') as { isatty: jest.Mock };

const dir = mkdtempSync(path.join(os.tmpdir(), 'hedge-fd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

/** A stream stand-in that records what it is given. */
function recorder() {
  const got: string[] = [];
  const stream = {
    write: (chunk: string | Uint8Array) => got.push(Buffer.from(chunk).toString('utf8')),
  } as unknown as NodeJS.WritableStream;
  return { got, stream: () => stream };
}

const fail = () => {
  throw new Error('unexpected EPIPE');
};

test('writes every byte, in order, to a file; a file is not a terminal', () => {
  const file = path.join(dir, 'out.txt');
  const fd = openSync(file, 'w');
  const out = fdOutput(fd, recorder().stream, fail);
  const big = 'β ± SE │ '.repeat(200_000); // multi-byte UTF-8, ~2.8 MB
  out.write('first\n');
  out.write(big);
  out.write('last\n');
  expect(out.isTTY).toBe(false);
  closeSync(fd);
  expect(readFileSync(file, 'utf8')).toBe(`first\n${big}last\n`);
});

test('a descriptor that would block (EAGAIN) hands the rest, and every later write, to the stream', () => {
  const file = path.join(dir, 'eagain.txt');
  const fd = openSync(file, 'w');
  const rec = recorder();
  const out = fdOutput(fd, rec.stream, fail);
  const actual = jest.requireActual<typeof import('node:fs')>('node:fs');
  // the first call writes 3 bytes, the second would block
  mockedFs.writeSync
    .mockImplementationOnce((f: number, b: Buffer, off: number) => actual.writeSync(f, b, off, 3))
    .mockImplementationOnce(() => {
      throw errno('EAGAIN');
    });
  out.write('abcdef');
  out.write('ghi');
  closeSync(fd);
  expect(readFileSync(file, 'utf8')).toBe('abc');
  expect(rec.got).toEqual(['def', 'ghi']);
});

test('EPIPE is the caller’s (no throw); other errors are thrown', () => {
  const closed: string[] = [];
  const out = fdOutput(99, recorder().stream, (e) => closed.push(e.code ?? ''));
  mockedFs.writeSync.mockImplementationOnce(() => {
    throw errno('EPIPE');
  });
  expect(() => out.write('x')).not.toThrow();
  expect(closed).toEqual(['EPIPE']);
  mockedFs.writeSync.mockImplementationOnce(() => {
    throw errno('EIO');
  });
  expect(() => out.write('x')).toThrow('EIO');
});

/** Whether fdOutput over `device` says terminal, and whether it asked tty.isatty (mocked: yes). */
function terminalOf(device: string): { isTTY: boolean; asked: boolean } {
  const fd = openSync(device, 'r');
  mockedTty.isatty.mockClear();
  try {
    const isTTY = fdOutput(fd, recorder().stream, fail).isTTY;
    return { isTTY, asked: mockedTty.isatty.mock.calls.some(([d]) => d === fd) };
  } finally {
    closeSync(fd);
  }
}

test('/dev/null is not a terminal, told without loading tty', () => {
  expect(terminalOf('/dev/null')).toEqual({ isTTY: false, asked: false });
});

test('another character device asks tty.isatty', () => {
  expect(terminalOf('/dev/zero')).toEqual({ isTTY: true, asked: true });
});

test('without a /dev/null to compare with (Windows), a character device asks tty.isatty', () => {
  mockedFs.statSync.mockImplementationOnce(() => {
    throw errno('ENOENT');
  });
  expect(terminalOf('/dev/null')).toEqual({ isTTY: true, asked: true });
});

test('a descriptor that cannot be examined is not a terminal', () => {
  expect(fdOutput(12345, recorder().stream, fail).isTTY).toBe(false);
});
