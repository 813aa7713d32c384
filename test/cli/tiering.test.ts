/**
 * The tiering policy (src/cli/tiering.ts): which V8 flags a run of a given size sets, and that
 * the runner tells it the sizes. What the flags do to the time is measured by `npm run bench`,
 * not here; that they leave every number unchanged is JavaScript's semantics (the golden and bin
 * tests run the built program with them).
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  LARGE_REPORT_WORK,
  SMALL_INPUT_BYTES,
  createTiering,
  type Tiering,
} from '../../src/cli/tiering';
import { parsePositions } from '../../src/input/positions';
import { parsePrices } from '../../src/input/prices';
import { runCli } from '../support/cli';

const ROOT = path.join(__dirname, '..', '..');
const POSITIONS = path.join(ROOT, 'fixtures/positions.csv');
const PRICES = path.join(ROOT, 'fixtures/prices.csv');

function policy() {
  const flags: string[] = [];
  return { flags, tiering: createTiering((f) => flags.push(f)) };
}

describe('createTiering', () => {
  test('a small input turns TurboFan off; a large report turns it back on, once', () => {
    const { flags, tiering } = policy();
    tiering.input(SMALL_INPUT_BYTES - 1);
    expect(flags).toEqual(['--no-turbofan']);
    tiering.report(LARGE_REPORT_WORK);
    expect(flags).toEqual(['--no-turbofan', '--turbofan']);
    tiering.report(LARGE_REPORT_WORK * 10);
    expect(flags).toEqual(['--no-turbofan', '--turbofan']);
  });

  test('a small input with a small report stays in the interpreter', () => {
    const { flags, tiering } = policy();
    tiering.input(1000);
    tiering.report(LARGE_REPORT_WORK - 1);
    expect(flags).toEqual(['--no-turbofan']);
  });

  test('a large input never touches the flags', () => {
    const { flags, tiering } = policy();
    tiering.input(SMALL_INPUT_BYTES);
    tiering.report(1);
    tiering.report(LARGE_REPORT_WORK);
    expect(flags).toEqual([]);
  });
});

describe('the runner tells the tiering the sizes', () => {
  function recording(): { calls: string[]; tiering: Tiering } {
    const calls: string[] = [];
    return {
      calls,
      tiering: {
        input: (bytes) => calls.push(`input ${bytes}`),
        report: (work) => calls.push(`report ${work}`),
      },
    };
  }
  const text = (file: string) => ({ name: file, text: readFileSync(file, 'utf8') });
  const rows = parsePrices(text(PRICES), { symbols: null, positive: true }).times.length;
  const positions = parsePositions(text(POSITIONS)).length;

  test('a prices file: its size before parsing, rows × positions before the report', async () => {
    const { calls, tiering } = recording();
    const r = await runCli(['-p', POSITIONS, '-r', PRICES, '--format', 'json'], { tiering });
    expect(r.code).toBe(0);
    expect(calls).toEqual([`input ${statSync(PRICES).size}`, `report ${rows * positions}`]);
  });

  test('standard input: the bytes read', async () => {
    const { calls, tiering } = recording();
    const bytes = readFileSync(PRICES);
    const r = await runCli(['-p', POSITIONS, '-r', '-', '--format', 'json'], {
      stdin: bytes,
      tiering,
    });
    expect(r.code).toBe(0);
    expect(calls).toEqual([`input ${bytes.length}`, `report ${rows * positions}`]);
  });

  test('a run that fails before the report never reaches it', async () => {
    const { calls, tiering } = recording();
    const r = await runCli(['-p', POSITIONS, '-r', PRICES, '-H', 'NOPE'], { tiering });
    expect(r.code).toBe(1);
    expect(calls).toEqual([`input ${statSync(PRICES).size}`]);
  });
});
