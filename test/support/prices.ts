/**
 * The prices reader's comparison harness: every fast path (src/input/prices/) must give what the
 * simple reader gives (parsePrices over readTextSource's text) — the same table, bit for bit, and
 * the same error messages — for files, for standard input, in one range or several, in this
 * thread or on worker threads.
 */
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { InputError, formatProblem } from '../../src/errors';
import { readPrices, type PricePath, type ReadPricesOptions } from '../../src/input/prices';
import { parsePrices } from '../../src/input/prices/simple';
import { readTextSource } from '../../src/input/read';
import { seriesDoubles } from '../../src/input/series';
import type { PriceTable } from '../../src/input/types';

/** A table, or the formatted messages of the InputError that replaced it. */
export type Outcome = { table: PriceTable } | { errors: string[] };

/** The table with every column as doubles: decimal codes compare by value. */
function asDoubles(t: PriceTable): PriceTable {
  return { ...t, series: new Map([...t.series].map(([k, c]) => [k, seriesDoubles(c)])) };
}

/** What `fn` gives: its table (as doubles) or its InputError's messages. */
export async function outcome(fn: () => Promise<PriceTable> | PriceTable): Promise<Outcome> {
  try {
    return { table: asDoubles(await fn()) };
  } catch (e) {
    if (e instanceof InputError) return { errors: e.problems.map(formatProblem) };
    throw e;
  }
}

/** Whether two arrays of doubles hold the same bits (NaN included). */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

/**
 * Expects two outcomes to be the same: tables bit for bit (compared as bytes: jest's deep
 * equality takes seconds on long typed arrays; it runs only to show a difference), or the same
 * messages.
 */
export function expectSameOutcome(actual: Outcome, expected: Outcome): void {
  if ('table' in actual && 'table' in expected) {
    const a = actual.table;
    const e = expected.table;
    const same =
      a.source === e.source &&
      a.layout === e.layout &&
      a.symbols.join('\0') === e.symbols.join('\0') &&
      sameBits(a.times, e.times) &&
      [...a.series.keys()].join('\0') === [...e.series.keys()].join('\0') &&
      [...a.series].every(([k, c]) => sameBits(c as Float64Array, e.series.get(k) as Float64Array));
    if (same) return;
  }
  expect(actual).toEqual(expected);
}

/** A directory for one test file's inputs and the worker bundle, removed with `cleanUp`. */
export interface PricesLab {
  readonly dir: string;
  /** dist/price-worker.cjs as scripts/build.mjs bundles it (built on first use). */
  workerScript(): string;
  /** Writes `bytes` to a new file of the lab; its path. */
  file(bytes: string | Buffer, name?: string): string;
  cleanUp(): void;
}

export function pricesLab(): PricesLab {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hedge-prices-'));
  const script = path.join(dir, 'price-worker.cjs');
  let built = false;
  let n = 0;
  return {
    dir,
    workerScript() {
      if (!built) {
        buildSync({
          entryPoints: [path.resolve(__dirname, '../../src/input/prices/worker.ts')],
          outfile: script,
          bundle: true,
          platform: 'node',
          target: 'node20',
          format: 'cjs',
          logLevel: 'silent',
        });
        built = true;
      }
      return script;
    },
    file(bytes, name = '') {
      const f = path.join(dir, `p${n++}${name}.csv`);
      writeFileSync(f, bytes);
      return f;
    },
    cleanUp: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface SameOptions {
  symbols?: string[] | null;
  positive?: boolean;
  /** The scanner must produce the table itself (no fallback to the simple reader). */
  fast?: boolean;
  /** Also on 2 worker threads (the file must be over 2 MB for them to split it). */
  workers?: boolean;
}

/**
 * Reads `text` with the simple reader and with readPrices in every way — as a small file, as a
 * large one in 1 and 3 ranges in this thread (and on 2 workers with `o.workers`), from standard
 * input in 7-byte chunks, small and large — and expects the same outcome from each.
 * @returns the simple reader's outcome.
 */
export async function expectSame(
  lab: PricesLab,
  text: string | Buffer,
  o: SameOptions = {},
  name = '',
): Promise<Outcome> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const file = lab.file(bytes, name);
  const base = { symbols: o.symbols ? new Set(o.symbols) : null, positive: o.positive ?? false };
  const simple = await outcome(async () =>
    parsePrices(await readTextSource(file, Readable.from([])), base),
  );
  const paths: PricePath[] = [];
  const trace = (p: PricePath) => paths.push(p);
  const variants: ReadPricesOptions[] = [
    { ...base, trace },
    { ...base, trace, thresholdBytes: 0, workers: 0, ranges: 1 },
    { ...base, trace, thresholdBytes: 0, workers: 0, ranges: 3 },
    ...(o.workers
      ? [{ ...base, trace, thresholdBytes: 0, workers: 2, workerScript: lab.workerScript() }]
      : []),
  ];
  for (const v of variants) {
    expectSameOutcome(await outcome(() => readPrices(file, Readable.from([]), v)), simple);
  }
  if (o.workers && 'table' in simple) expect(paths).toContain('workers');
  // standard input: the simple reader's own reading of it, and the fast one, small and large;
  // in 7-byte chunks (large inputs in 7 bytes, then 64 KB ones: an async step per chunk)
  const chunks = () =>
    Readable.from(
      bytes.length < 1 << 16
        ? chunksOf(bytes, 7)
        : [bytes.subarray(0, 7), ...chunksOf(bytes.subarray(7), 1 << 16)],
    );
  const simpleStdin = await outcome(async () =>
    parsePrices(await readTextSource('-', chunks()), base),
  );
  for (const v of [
    { ...base, trace },
    { ...base, trace, thresholdBytes: 0, ranges: 2 },
  ]) {
    expectSameOutcome(await outcome(() => readPrices('-', chunks(), v)), simpleStdin);
  }
  if (o.fast) expect(paths).not.toContain('simple');
  if ('errors' in simple) expect(new Set(paths)).toEqual(new Set(['simple']));
  return simple;
}

function chunksOf(b: Buffer, n: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += n) out.push(b.subarray(i, i + n));
  return out;
}

/** A wide file of `rows` minutes × BTC, ETH, SOL (a gap every 97 rows) and an unused column. */
export function wideMinutes(rows: number, crlf = false): string {
  const nl = crlf ? '\r\n' : '\n';
  const lines = ['time,BTC,ETH,SOL,UNUSED'];
  let p = 100;
  for (let i = 0; i < rows; i++) {
    p *= 1 + Math.sin(i) / 100;
    const t = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
    lines.push(
      `${t},${p.toFixed(4)},${(p / 7).toPrecision(17)},${i % 97 === 0 ? '' : (p / 3).toFixed(2)},x`,
    );
  }
  return lines.join(nl) + nl;
}
