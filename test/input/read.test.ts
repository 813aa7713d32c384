import { mkdtempSync, rmSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { InputError, formatProblem } from '../../src/errors';
import { decodeText, readTextSource } from '../../src/input/read';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hedge-read-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const noStdin = () => Readable.from([]);

function file(name: string, bytes: Buffer | string): string {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

async function messageOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem).join('\n');
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('readTextSource', () => {
  it('reads UTF-8 text and strips a BOM', async () => {
    const p = file(
      'bom.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('date,BTC\n€,1\n')]),
    );
    await expect(readTextSource(p, noStdin())).resolves.toEqual({
      name: p,
      text: 'date,BTC\n€,1\n',
    });
  });

  it('reads standard input for -, named <stdin>', async () => {
    const stdin = Readable.from([Buffer.from('a,b\n'), Buffer.from('1,2\n')]);
    await expect(readTextSource('-', stdin)).resolves.toEqual({
      name: '<stdin>',
      text: 'a,b\n1,2\n',
    });
  });

  it('accepts string chunks from stdin', async () => {
    await expect(readTextSource('-', Readable.from(['a,', 'b\n']))).resolves.toEqual({
      name: '<stdin>',
      text: 'a,b\n',
    });
  });

  it('reports a missing file', async () => {
    const p = path.join(dir, 'nope.csv');
    await expect(messageOf(readTextSource(p, noStdin()))).resolves.toBe(`${p}: no such file`);
  });

  it('reports a directory', async () => {
    const d = path.join(dir, 'sub');
    mkdirSync(d);
    await expect(messageOf(readTextSource(d, noStdin()))).resolves.toBe(
      `${d}: is a directory, not a file`,
    );
  });

  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  (root ? it.skip : it)('reports an unreadable file', async () => {
    const p = file('secret.csv', 'a\n');
    chmodSync(p, 0o000);
    await expect(messageOf(readTextSource(p, noStdin()))).resolves.toBe(`${p}: permission denied`);
  });

  it.each([
    ['empty.csv', Buffer.alloc(0)],
    ['bom-only.csv', Buffer.from([0xef, 0xbb, 0xbf])],
    ['blank.csv', Buffer.from(' \n\r\n\t\n')],
  ])('reports %s as empty', async (name, bytes) => {
    const p = file(name, bytes);
    await expect(messageOf(readTextSource(p, noStdin()))).resolves.toBe(`${p}: file is empty`);
  });

  it('reports empty standard input', async () => {
    await expect(messageOf(readTextSource('-', noStdin()))).resolves.toBe('<stdin>: file is empty');
  });

  it('reports binary data with the 1-based byte of the first NUL', async () => {
    const p = file('bin.csv', Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x00, 0x01]));
    await expect(messageOf(readTextSource(p, noStdin()))).resolves.toBe(
      `${p}: not a text file (binary data at byte 5)`,
    );
  });

  it('reports UTF-16', async () => {
    const p = file('utf16.csv', Buffer.from('\ufeffa,b\n', 'utf16le'));
    await expect(messageOf(readTextSource(p, noStdin()))).resolves.toBe(
      `${p}: not UTF-8 text (UTF-16 byte order mark); save the file as UTF-8`,
    );
  });

  it('reports invalid UTF-8 (a Latin-1 file) with byte and line', async () => {
    // 9 + 13 bytes of the first two lines, then 'Z' (23) and 0xFC (24)
    const p = file('latin1.csv', Buffer.from('date,BTC\n2024-01-02,1\nZ\xfcrich,2\n', 'latin1'));
    await expect(messageOf(readTextSource(p, noStdin()))).resolves.toBe(
      `${p}: not UTF-8 text (invalid byte 0xFC at byte 24, line 3); save the file as UTF-8`,
    );
  });

  it.each([
    ['truncated sequence', [0x61, 0xe2, 0x82], 2],
    ['overlong', [0x61, 0x62, 0xc0, 0xaf], 3],
    ['surrogate', [0xed, 0xa0, 0x80], 1],
    ['above U+10FFFF', [0x61, 0xf4, 0x90, 0x80, 0x80], 2],
  ])('finds the invalid byte of a %s', async (name, bytes, at) => {
    const p = file(`${name}.csv`, Buffer.from(bytes));
    await expect(messageOf(readTextSource(p, noStdin()))).resolves.toContain(
      `at byte ${at}, line 1)`,
    );
  });
});

describe('decodeText beyond the longest string', () => {
  it('is a located error, not an internal one', () => {
    // a 600 MB file is too slow to write in a test: the decode fails as V8 fails it
    const spy = jest.spyOn(Buffer.prototype, 'toString').mockImplementationOnce(() => {
      throw Object.assign(new Error('Cannot create a string longer than 0x1fffffe8 characters'), {
        code: 'ERR_STRING_TOO_LONG',
      });
    });
    try {
      expect(() => decodeText(Buffer.from('symbol,quantity\n'), 'big.csv')).toThrow(
        'big.csv: too large to read as text (0 MB; at most about 536 MB)',
      );
    } finally {
      spy.mockRestore();
    }
  });
});
