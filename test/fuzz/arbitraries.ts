/**
 * fast-check arbitraries for the CLI fuzz tests: valid positions and prices tables written as CSV
 * text (wide or long prices, several time formats, quoting, BOM, CRLF, shuffled rows, hostile
 * symbols and labels), byte-level corruptions of them, CLI arguments, and the checks every run
 * must pass whatever it was fed. Shared by the test files of test/fuzz.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { runCli, type CliResult } from '../support/cli';

/** Cases per property: FUZZ_RUNS (npm run fuzz sets 10,000), else a quick default. */
export function fuzzRuns(quick: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : quick;
}

/** Fixed seed (FUZZ_SEED overrides it to explore): a failure prints it with the counterexample. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_240_611);

/** Symbols the generated files use: plain ones, and text a terminal or spreadsheet would run. */
const PLAIN = ['BTC', 'ETH', 'SOL', 'XRP', 'LINK', 'A1'];
const HOSTILE = [
  'S\x1b[31mX', // ANSI colour
  '=SUM(A1)', // spreadsheet formula
  '-EVIL',
  'R\u202eTL', // right-to-left override
  'Q"T', // a quote
  'C,M', // a comma
  'Ωμ',
  '@X',
];
export const SYMBOLS = [...PLAIN, ...HOSTILE];

const LABELS = fc.oneof(
  fc.constantFrom('', 'Treasury', 'LP: ZED/USDC', '=HYPERLINK("http://x")', '+cmd|x', '@SUM(1)'),
  fc.constantFrom('\x1b]0;title\x07', 'a\x9b2J', '\u202eevil', 'tab\there', 'line\nbreak', '-5'),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

/** One CSV field: quoted when it must be (or at random), `"` doubled inside quotes. */
function field(text: string, quoteAnyway: boolean): string {
  return quoteAnyway || /[",\r\n#]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

interface CsvStyle {
  readonly crlf: boolean;
  readonly bom: boolean;
  readonly quoteAll: boolean;
  readonly finalNewline: boolean;
}

const styleArb: fc.Arbitrary<CsvStyle> = fc.record({
  crlf: fc.boolean(),
  bom: fc.boolean(),
  quoteAll: fc.boolean(),
  finalNewline: fc.boolean(),
});

function csvText(rows: readonly (readonly string[])[], style: CsvStyle): string {
  const eol = style.crlf ? '\r\n' : '\n';
  const body = rows.map((r) => r.map((f) => field(f, style.quoteAll)).join(',')).join(eol);
  return (style.bom ? '\ufeff' : '') + body + (style.finalNewline ? eol : '');
}

/** A time value in one of the accepted forms. */
function timeText(ms: number, form: number): string {
  const iso = new Date(ms).toISOString();
  switch (form) {
    case 0:
      return iso.slice(0, 10);
    case 1:
      return iso.replace('.000Z', 'Z');
    case 2:
      return String(Math.round(ms / 1000));
    case 3:
      return String(ms);
    default:
      return iso.slice(0, 19).replace('T', ' ') + '+00:00';
  }
}

/** The two input files of a run, as text, and the symbols the prices file has. */
export interface InputTables {
  readonly positions: string;
  readonly prices: string;
  readonly symbols: readonly string[];
}

/** Price levels of ordinary data: from a fraction of a cent to 1e12. */
export const ORDINARY_MAGNITUDES = [1e-8, 1e-3, 1, 100, 1e6, 1e12] as const;

/**
 * Valid inputs: a prices file (wide or long, 0–40 rows, a random walk around one of
 * `magnitudes`, some empty cells, shuffled or sorted) and a positions file over its symbols.
 */
export function tablesArb(magnitudes: readonly number[]): fc.Arbitrary<InputTables> {
  return fc
    .record({
      symbols: fc.uniqueArray(fc.constantFrom(...SYMBOLS), { minLength: 2, maxLength: 4 }),
      rows: fc.integer({ min: 0, max: 40 }),
      long: fc.boolean(),
      timeForm: fc.integer({ min: 0, max: 4 }),
      stepMs: fc.constantFrom(86_400_000, 3_600_000, 60_000, 7 * 86_400_000),
      start: fc.integer({ min: 1_000_000_000, max: 2_000_000_000 }).map((s) => s * 1000),
      magnitude: fc.constantFrom(...magnitudes),
      seed: fc.integer({ min: 1, max: 2_147_483_646 }),
      missing: fc.constantFrom(0, 0.05, 0.3),
      shuffle: fc.boolean(),
      positions: fc.array(
        fc.record({
          symbol: fc.nat(),
          quantity: fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }),
          notional: fc.double({ min: -1e9, max: 1e9, noNaN: true }),
          hedges: fc.option(fc.array(fc.nat(), { minLength: 1, maxLength: 2 }), { nil: null }),
          label: LABELS,
        }),
        { minLength: 1, maxLength: 4 },
      ),
      pStyle: styleArb,
      rStyle: styleArb,
      upperHeader: fc.boolean(),
    })
    .map((g) => {
      let seed = g.seed;
      const rnd = () => {
        seed = (seed * 16807) % 2147483647;
        return seed / 2147483647;
      };
      const k = g.symbols.length;
      const level = g.symbols.map(() => g.magnitude * (0.5 + rnd()));
      const beta = g.symbols.map(() => rnd() * 2 - 0.5);
      const table: string[][] = [];
      for (let i = 0; i < g.rows; i++) {
        const common = (rnd() - 0.5) * 0.04;
        // Dates alone need a step of a day or more, or rows would share a time.
        const step = g.timeForm === 0 ? Math.max(g.stepMs, 86_400_000) : g.stepMs;
        const t = timeText(g.start + i * step, g.timeForm);
        const cells = level.map((p, j) => {
          level[j] = p * Math.exp(beta[j]! * common + (rnd() - 0.5) * 0.02);
          return rnd() < g.missing ? '' : String(level[j]);
        });
        if (g.long) cells.forEach((c, j) => table.push([t, g.symbols[j]!, c]));
        else table.push([t, ...cells]);
      }
      if (g.shuffle) {
        for (let i = table.length - 1; i > 0; i--) {
          const j = Math.floor(rnd() * (i + 1));
          [table[i], table[j]] = [table[j]!, table[i]!];
        }
      }
      const header = g.long ? ['date', 'symbol', 'price'] : ['date', ...g.symbols];
      const prices = csvText([header, ...table], g.rStyle);
      const pick = (n: number) => g.symbols[n % k]!;
      // Positions are never the first symbol, the default hedge of argsArb.
      const pickPosition = (n: number) => g.symbols[1 + (n % (k - 1))]!;
      const posHeader = ['symbol', 'quantity', 'notional', 'hedges', 'label'].map((h) =>
        g.upperHeader ? h.toUpperCase() : h,
      );
      const posRows = g.positions.map((p) => {
        const sym = pickPosition(p.symbol);
        const hedges = p.hedges?.map(pick).filter((h) => h !== sym) ?? [];
        return [
          sym,
          p.quantity === null ? '' : String(p.quantity),
          p.quantity === null ? String(p.notional) : '',
          [...new Set(hedges)].join('|'),
          p.label,
        ];
      });
      const positions = csvText([posHeader, ...posRows], g.pStyle);
      return { positions, prices, symbols: g.symbols };
    });
}

export const validTablesArb = tablesArb(ORDINARY_MAGNITUDES);

/** Short pieces of text that break CSV, encodings or terminals. */
const NASTY = [
  '"',
  '""',
  ',',
  '\n',
  '\r',
  '\r\n',
  '\0',
  '#',
  ' ',
  '\t',
  ';',
  '\x1b[2J',
  '\u202e',
  '\ufeff',
  'NaN',
  'Infinity',
  '-0',
  '1e999',
  '2023-02-30',
  '9'.repeat(30),
  'ünï',
  '\ud800',
].map((s) => Buffer.from(s, 'utf8'));

/** One byte-level change of a file. */
type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'replace'; at: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'duplicateLine'; a: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.oneof(
      fc.constantFrom(...NASTY),
      fc.uint8Array({ minLength: 1, maxLength: 4 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }).map((s) => Buffer.from(s)),
    ),
  }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), byte: fc.nat(255) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateLine' as const), a: fc.nat() }),
);

function applyMutation(buf: Buffer, m: Mutation): Buffer {
  const at = (n: number) => (buf.length === 0 ? 0 : n % (buf.length + 1));
  switch (m.kind) {
    case 'delete': {
      const i = at(m.at);
      return Buffer.concat([buf.subarray(0, i), buf.subarray(i + m.length)]);
    }
    case 'insert': {
      const i = at(m.at);
      return Buffer.concat([buf.subarray(0, i), m.bytes, buf.subarray(i)]);
    }
    case 'replace': {
      if (buf.length === 0) return buf;
      const out = Buffer.from(buf);
      out[m.at % buf.length] = m.byte;
      return out;
    }
    case 'truncate':
      return buf.subarray(0, at(m.at));
    case 'swapLines':
    case 'duplicateLine': {
      const lines = buf.toString('latin1').split('\n');
      const a = m.a % lines.length;
      if (m.kind === 'duplicateLine') lines.splice(a, 0, lines[a]!);
      else {
        const b = m.b % lines.length;
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      }
      return Buffer.from(lines.join('\n'), 'latin1');
    }
  }
}

/** The bytes of a file after 1–4 mutations. */
export function corrupted(text: string): fc.Arbitrary<Buffer> {
  return fc
    .array(mutationArb, { minLength: 1, maxLength: 4 })
    .map((ms) => ms.reduce(applyMutation, Buffer.from(text, 'utf8')));
}

/** Random bytes: mostly printable CSV-ish characters, sometimes anything. */
export const randomBytesArb: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
  fc
    .array(fc.constantFrom(...'0123456789,.-"\n\r e#abcdBTCSOL:TZ'.split('')), { maxLength: 300 })
    .map((a) => Buffer.from(a.join(''))),
  fc.string({ unit: 'binary', maxLength: 200 }).map((s) => Buffer.from(s, 'utf8')),
);

/**
 * Options of a run; always valid, so that only the files can make it fail. `returns` limits the
 * return kinds drawn.
 */
export function argsArb(
  symbols: readonly string[],
  returns: readonly string[] = ['log', 'simple', 'diff', 'level'],
): fc.Arbitrary<string[]> {
  return fc
    .record({
      // The first symbol (never a position: see tablesArb), sometimes another one or BTC,
      // which the prices may lack.
      hedge: fc.oneof(
        { weight: 4, arbitrary: fc.constant([symbols[0]!]) },
        { weight: 1, arbitrary: fc.subarray([...symbols, 'BTC'], { minLength: 1, maxLength: 2 }) },
      ) as fc.Arbitrary<string[]>,
      returns: fc.constantFrom(...returns),
      format: fc.constantFrom('json', 'json', 'json', 'table', 'csv', 'markdown'),
      minObservations: fc.integer({ min: 3, max: 6 }),
      window: fc.integer({ min: 4, max: 10 }),
      noIntercept: fc.boolean(),
      ewma: fc.option(fc.constantFrom('0.5', '3', '30'), { nil: null }),
      frequency: fc.constantFrom('native', 'native', 'daily', 'weekly', 'monthly'),
      lookback: fc.option(fc.integer({ min: 2, max: 20 }), { nil: null }),
      failOn: fc.boolean(),
      // A range somewhere in the years the tables cover (2001–2033), often missing all rows
      // (exit 1, naming the file's first and last times): in half the cases, so that most
      // cases still reach a report.
      range: fc.option(
        fc.tuple(
          fc.integer({ min: 1_000_000_000, max: 2_000_000_000 }),
          fc.integer({ min: 0, max: 60 * 86_400 }),
          fc.boolean(),
        ),
        { nil: null, freq: 2 },
      ),
    })
    .map((a) => [
      '--hedge',
      // Symbols --hedge cannot name (commas, spaces, |) are left to the positions' hedges column.
      [...new Set(a.hedge.map((h) => (/^[^\s,|]+$/.test(h) ? h : 'BTC')))].join(','),
      '--returns',
      a.returns,
      '--format',
      a.format,
      '--min-observations',
      String(a.minObservations),
      '--window',
      String(a.window),
      '--frequency',
      a.frequency,
      ...(a.noIntercept ? ['--no-intercept'] : []),
      ...(a.ewma === null ? [] : ['--estimator', 'ewma', '--halflife', a.ewma]),
      ...(a.lookback === null ? [] : ['--lookback', String(a.lookback)]),
      ...(a.failOn ? ['--fail-on', 'warning'] : []),
      ...(a.range === null
        ? []
        : [
            '--from',
            new Date(a.range[0] * 1000).toISOString(),
            ...(a.range[2] ? ['--to', String(a.range[0] + a.range[1])] : []),
          ]),
    ]);
}

/** Writes the two files into `dir` and runs the CLI in-process on them. */
export async function runOnFiles(
  dir: string,
  positions: Buffer | string,
  prices: Buffer | string,
  args: readonly string[],
): Promise<CliResult> {
  mkdirSync(dir, { recursive: true });
  const p = path.join(dir, 'positions.csv');
  const r = path.join(dir, 'prices.csv');
  writeFileSync(p, positions);
  writeFileSync(r, prices);
  return runCli(['--positions', p, '--prices', r, ...args]);
}

/** Physical lines of a file as the CLI counts them (LF, CRLF or a lone CR end a line). */
function lineCount(bytes: Buffer): number {
  let n = 1;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 0x0a || (c === 0x0d && bytes[i + 1] !== 0x0a)) n++;
  }
  return n;
}

/** Text with user values (in double quotes, `\"` escaped) taken out. */
function withoutQuoted(line: string): string {
  return line.replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

/** C0 controls (except LF), DEL, C1 controls, line separators and bidi controls. */
export const TERMINAL_UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Every number anywhere in a parsed JSON value is finite. */
function allFinite(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(allFinite);
  if (v !== null && typeof v === 'object') return Object.values(v).every(allFinite);
  return true;
}

/**
 * What every run must satisfy, whatever the input: a documented exit code; on failure nothing on
 * stdout and every stderr line `hedge: <one of the files>[:<line within it>]: <text>` with no
 * internal error, stack, `undefined`, `NaN` or `[object Object]` outside quoted user values; on
 * success a report on stdout (JSON: parses, every number finite; other formats: no `NaN`,
 * `Infinity` or `undefined` when `labelsAreClean`, the user text cannot hold them) and on
 * stderr only `hedge: note:` lines, and no control character on stderr or in a table, CSV or Markdown report. Throws (with
 * the output) when one is broken.
 */
export function checkRun(
  res: CliResult,
  files: Readonly<Record<string, Buffer | string>>,
  format: string,
  labelsAreClean = false,
): void {
  const fail = (why: string): never => {
    throw new Error(
      `${why}\ncode ${res.code}\nstderr:\n${res.stderr}\nstdout (start):\n${res.stdout.slice(0, 400)}`,
    );
  };
  if (![0, 1, 3].includes(res.code)) fail('unexpected exit code');
  if (TERMINAL_UNSAFE.test(res.stderr)) fail('a control character on stderr');
  if (res.code === 1) {
    if (res.stdout !== '') fail('output on stdout with exit 1');
    const lines = res.stderr.split('\n');
    if (lines.pop() !== '' || lines.length === 0) fail('stderr is not whole lines');
    for (const line of lines) {
      const m = /^hedge: ([^:]+)(?::(\d+))?: \S/.exec(line);
      if (!m) fail(`an unlocated message: ${line}`);
      const bytes = files[m![1]!];
      if (bytes === undefined) fail(`the message names no input file: ${line}`);
      if (m![2] !== undefined) {
        const at = Number(m![2]);
        const max = lineCount(Buffer.from(bytes!));
        if (at < 1 || at > max) fail(`line ${at} is outside the file (${max} lines): ${line}`);
      }
      if (/internal error|\bat .*\.ts:\d+/.test(line)) fail(`an internal error: ${line}`);
      if (/undefined|NaN|\[object Object\]/.test(withoutQuoted(line)))
        fail(`undefined, NaN or an object in: ${line}`);
    }
    return;
  }
  // on success stderr holds notes only (e.g. break tests with little power on weekly data)
  for (const line of res.stderr.split('\n').slice(0, -1)) {
    if (!line.startsWith('hedge: note: ')) fail(`stderr has more than notes on success: ${line}`);
    if (/undefined|NaN|\[object Object\]/.test(withoutQuoted(line)))
      fail(`undefined, NaN or an object in: ${line}`);
  }
  if (res.stderr !== '' && !res.stderr.endsWith('\n')) fail('stderr is not whole lines');
  if (res.stdout === '') fail('no report on stdout');
  if (format === 'json') {
    let report: unknown;
    try {
      report = JSON.parse(res.stdout);
    } catch {
      fail('stdout is not JSON');
    }
    if (!allFinite(report)) fail('a non-finite number in the JSON report');
  } else if (labelsAreClean && /\bNaN\b|Infinity|undefined|\[object Object\]/.test(res.stdout)) {
    fail('NaN, Infinity or undefined in the report');
  }
  if (format !== 'json' && TERMINAL_UNSAFE.test(res.stdout))
    fail('a control character in the report');
}
