/**
 * The runner: owns all I/O of a run (argv, environment, files, stdin, stdout, stderr) and turns
 * typed errors into one located line each and the documented exit code.
 */
import { HedgeError, InputError, ProblemList, UsageError, formatProblem } from '../errors';
import { fundingFileOf, fundingTable, parseFunding, type FundingRow } from '../input/funding';
import { parsePositions, pricedSymbols } from '../input/positions';
import { checkRangeHasRows, valuationNote } from '../input/range';
import { readTextSource } from '../input/read';
import { suggest } from '../input/suggest';
import type {
  CurrentHolding,
  FundingSeries,
  Instrument,
  Position,
  PreviousReport,
  PriceTable,
} from '../input/types';
import type { BuiltReport } from '../report/build-report';
import { FORMATS } from '../report/formats';
import { buildReportAuto } from '../report/parallel';
import { showValue } from '../input/cells';
import { clip, clipMessage, showText } from '../report/text';
import type { Settings } from '../settings';
import type { Io } from './io';
import { envFrom, type Env } from './env';
import { parseArgs } from './options';
import { resolveOutputTarget, type OutputTarget } from './output-target';
import { writeError, writeFileAtomic, writeInPlace } from './write-atomic';
import { dataSpacing, resolveDurations, type DurationFlag } from './durations';
import { parseTime } from '../input/time';
import { readPricesWithProgress } from './progress';

/**
 * The symbols of a run: each row's own symbol (unless `hedgesOnly`), a pool's priced quote
 * (hedged one for one), each row's hedges, and the instruments held (`--current`: one no longer
 * hedged is closed out at its price). The prices file is read for all of them; funding rows of
 * symbols outside the `hedgesOnly` set are skipped.
 */
function runSymbols(
  positions: readonly Position[],
  settings: Settings,
  current: readonly CurrentHolding[],
  hedgesOnly: boolean,
): Set<string> {
  const set = new Set<string>();
  for (const p of positions) {
    for (const s of pricedSymbols(p, settings.cash).slice(hedgesOnly ? 1 : 0)) set.add(s);
    for (const h of p.hedges ?? settings.hedge) set.add(h);
  }
  for (const c of current) set.add(c.symbol);
  return set;
}

/** The optional input files of a run, read and parsed. */
interface OptionalInputs {
  readonly instruments: Map<string, Instrument>;
  /** The current-hedges rows and the file's name; absent without --current. */
  readonly current?: { readonly rows: readonly CurrentHolding[]; readonly name: string };
  readonly previous?: PreviousReport;
}

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Reads --instruments, --current and --previous when given. Each parser is loaded only here
 * (its schemas cost ~0.5 ms of start-up that runs without the file never use).
 * @throws InputError from the file or its parser
 */
async function readOptionalInputs(
  settings: Settings,
  io: Io,
  limit: number,
): Promise<OptionalInputs> {
  let instruments = new Map<string, Instrument>();
  if (settings.instruments !== null) {
    const src = await readTextSource(settings.instruments, () => io.stdin, limit);
    const { parseInstruments } =
      require('../input/instruments') as typeof import('../input/instruments');
    instruments = new Map(parseInstruments(src).map((i) => [i.symbol, i]));
  }
  let current: OptionalInputs['current'];
  if (settings.current !== null) {
    const src = await readTextSource(settings.current, () => io.stdin, limit);
    const { parseCurrent } = require('../input/current') as typeof import('../input/current');
    current = { rows: parseCurrent(src), name: src.name };
  }
  let previous: PreviousReport | undefined;
  if (settings.previous !== null) {
    const src = await readTextSource(settings.previous, () => io.stdin, limit);
    const { parsePreviousReport } =
      require('../input/previous') as typeof import('../input/previous');
    previous = parsePreviousReport(src);
  }
  return {
    instruments,
    ...(current !== undefined && { current }),
    ...(previous !== undefined && { previous }),
  };
}

/** Checks that every instrument held is a prices column (`--current`). @throws InputError */
function checkHeld(current: NonNullable<OptionalInputs['current']>, prices: PriceTable): void {
  const { checkCurrentSymbols } = require('../input/current') as typeof import('../input/current');
  checkCurrentSymbols(current.rows, current.name, prices);
}
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Reads every --funding file (in the order given) and puts their rows of the hedge symbols
 * together by symbol. (The parser has no schemas to build: options.ts loads it anyway, for
 * `SYMBOL=path`.)
 * @throws InputError from a file (its bad rows) or from the rows together (duplicates)
 */
async function readFunding(
  settings: Settings,
  io: Io,
  hedges: ReadonlySet<string>,
  limit: number,
): Promise<Map<string, FundingSeries>> {
  const rows: FundingRow[] = [];
  for (const arg of settings.funding) {
    const f = fundingFileOf(arg);
    const src = await readTextSource(f.path, () => io.stdin, limit);
    for (const r of parseFunding(src, f.symbol, (s) => hedges.has(s))) rows.push(r);
  }
  return fundingTable(rows);
}

/** A pool row's quote: cash, or a prices column other than the pool's own symbol. */
function quoteProblem(
  p: Position,
  prices: PriceTable,
  cash: readonly string[],
  hint: (s: string) => string,
): string | null {
  if (p.kind === 'spot' || cash.includes(p.quote)) return null;
  const q = showValue(p.quote);
  if (p.quote === p.symbol) return `quote ${q} is the pool's own symbol`;
  if (prices.symbols.includes(p.quote)) return null;
  return `quote ${q} is neither cash (--cash ${cash.map(showText).join(',')}) nor a column of ${prices.source}${hint(p.quote)}`;
}

/** How many of the prices file's symbols an unknown hedge's message lists. */
const LISTED_SYMBOLS = 8;

/**
 * What a message about a missing hedge adds: the nearest symbol of the prices file when one is
 * close (`(did you mean "BTC"?)`), else the symbols it has, the first {@link LISTED_SYMBOLS}
 * (`(prices for BTC, ETH, SOL and 12 more)`).
 */
function hedgeHint(name: string, prices: PriceTable): string {
  const near = suggest(name, prices.symbols);
  if (near !== null) return ` (did you mean ${showValue(near)}?)`;
  const shown = prices.symbols
    .slice(0, LISTED_SYMBOLS)
    .map((s) => showText(clip(s, 40)))
    .join(', ');
  const more = prices.symbols.length - LISTED_SYMBOLS;
  return more > 0 ? ` (prices for ${shown} and ${more} more)` : ` (prices for ${shown})`;
}

/**
 * Checks that every position and hedge symbol has prices, that every pool's quote is cash or has
 * prices, and that no row hedges a symbol with itself; all problems at once, located at the
 * positions row (or at --hedge).
 */
function checkSymbols(
  positions: readonly Position[],
  positionsName: string,
  prices: PriceTable,
  settings: Settings,
): void {
  const problems = new ProblemList();
  const have = new Set(prices.symbols);
  const hint = (s: string) => {
    const near = suggest(s, prices.symbols);
    return near ? ` (did you mean ${showValue(near)}?)` : '';
  };
  const reportedFlag = new Set<string>();
  for (const p of positions) {
    if (!have.has(p.symbol)) {
      problems.add({
        file: positionsName,
        line: p.line,
        message: `symbol ${showValue(p.symbol)} has no prices in ${prices.source}${hint(p.symbol)}`,
      });
    }
    const quote = quoteProblem(p, prices, settings.cash, hint);
    if (quote !== null) problems.add({ file: positionsName, line: p.line, message: quote });
    const hedges = p.hedges ?? settings.hedge;
    for (const h of hedges) {
      if (h === p.symbol) {
        problems.add({
          file: positionsName,
          line: p.line,
          message: `${showValue(h)} cannot hedge itself`,
        });
      } else if (!have.has(h)) {
        if (p.hedges) {
          problems.add({
            file: positionsName,
            line: p.line,
            message: `hedge ${showValue(h)} has no prices in ${prices.source}${hedgeHint(h, prices)}`,
          });
        } else if (!reportedFlag.has(h)) {
          reportedFlag.add(h);
          problems.add({
            file: prices.source,
            line: null,
            message: `no prices for hedge ${showValue(h)} given by --hedge${hedgeHint(h, prices)}`,
          });
        }
      }
    }
    if (new Set(hedges).size !== hedges.length) {
      problems.add({ file: positionsName, line: p.line, message: 'a hedge is listed twice' });
    }
  }
  problems.throwIfAny();
}

/** `hedge: note: …` lines on stderr, unless --quiet. */
function writeNotes(io: Io, settings: Settings, notes: readonly string[]): void {
  if (settings.quiet) return;
  for (const n of notes) io.stderr.write(`hedge: note: ${n}\n`);
}

const FIT_METHODS: Readonly<Record<string, string>> = {
  qr: 'Householder QR in double-double',
  'dd-moments': 'double-double moments',
  compensated: 'compensated moments',
};

/** `--verbose`: which least-squares method fitted each position (one line each, stderr). */
function fitNotes(built: BuiltReport): string {
  return built.report.positions
    .map((p, i) => {
      const method = built.extras[i]?.fitMethod;
      const name = p.label ? `${p.symbol} [${p.label}]` : p.symbol;
      const how = method ? (FIT_METHODS[method] ?? method) : 'not fitted';
      return `hedge: ${showText(name)}: ${how}, ${p.observations} returns\n`;
    })
    .join('');
}

/**
 * The width the table is fitted to: `$COLUMNS` when set, else the terminal's when the report goes
 * to one; null (the widest layout) otherwise.
 */
function tableWidth(settings: Settings, io: Io): number | null {
  const env = envFrom(io.env);
  if (env.columns !== null) return env.columns;
  if (settings.output !== null || io.stdout.isTTY !== true) return null;
  const columns = io.stdout.columns;
  return columns !== undefined && Number.isSafeInteger(columns) && columns > 0 ? columns : null;
}

/** The input files of a run by flag, for the output's same-file check. */
function inputsOf(settings: Settings): { flag: string; path: string }[] {
  const files: [string, string | null][] = [
    ['--positions', settings.positions],
    ['--prices', settings.prices],
    ['--instruments', settings.instruments],
    ['--current', settings.current],
    ['--previous', settings.previous],
  ];
  for (const arg of settings.funding) files.push(['--funding', fundingFileOf(arg).path]);
  return files.flatMap(([flag, p]) => (p === null ? [] : [{ flag, path: p }]));
}

/**
 * Writes the report to stdout or its target. @throws InputError (exit 1) when it cannot be
 * written: a full disk or stdout, an I/O error, a FIFO whose reader went away
 */
function writeReport(text: string, target: OutputTarget | null, name: string, io: Io): void {
  try {
    if (target === null || target.kind === 'stream') {
      (target?.fd === 2 ? io.stderr : io.stdout).write(text);
    } else if (target.kind === 'file') writeFileAtomic(target.path, text);
    else writeInPlace(target.path, text);
  } catch (e) {
    throw writeError(e, target === null ? '<stdout>' : name);
  }
}

async function execute(
  parsed: Settings,
  durations: readonly DurationFlag[],
  io: Io,
  env: Env,
): Promise<number> {
  let settings = parsed;
  const limit = env.streamLimitBytes;
  const target =
    settings.output === null
      ? null
      : resolveOutputTarget(settings.output, inputsOf(settings), settings.format);
  const posSrc = await readTextSource(settings.positions, () => io.stdin, limit);
  const positions = parsePositions(posSrc, env.maxPositions);
  if (positions.length === 0) {
    throw new InputError({
      file: posSrc.name,
      line: null,
      message: 'no positions (only a header or comments)',
    });
  }
  const { instruments, current, previous } = await readOptionalInputs(settings, io, limit);
  const funding =
    settings.funding.length === 0
      ? undefined
      : await readFunding(
          settings,
          io,
          runSymbols(positions, settings, current?.rows ?? [], true),
          limit,
        );
  const prices = await readPricesWithProgress(settings.prices, io, settings.quiet, {
    symbols: runSymbols(positions, settings, current?.rows ?? [], false),
    positive: settings.returns === 'log' || settings.returns === 'simple',
    streamLimitBytes: limit,
  });
  checkSymbols(positions, posSrc.name, prices, settings);
  if (durations.length > 0) {
    const range = (t: string | null) => (t === null ? null : parseTime(t));
    const spacing = dataSpacing(
      prices.times,
      settings.frequency,
      range(settings.from),
      range(settings.to),
    );
    const resolved = resolveDurations(settings, durations, spacing);
    settings = resolved.settings;
    writeNotes(io, settings, resolved.notes);
  }
  checkRangeHasRows(prices, settings.from, settings.to);
  const note = valuationNote(prices, settings.to);
  if (note !== null && !settings.quiet) io.stderr.write(`hedge: ${showText(note)}\n`);
  if (current !== undefined) checkHeld(current, prices);
  const format = FORMATS[settings.format];
  const built = await buildReportAuto({
    positions,
    positionsSource: posSrc.name,
    prices,
    instruments,
    settings,
    needs: format.needs,
    ...(current !== undefined && { current: current.rows }),
    ...(previous !== undefined && { previous }),
    ...(funding !== undefined && { funding }),
  });
  writeNotes(io, settings, built.notes);
  const text = format.render(built, { color: settings.color, width: tableWidth(settings, io) });
  writeReport(text, target, settings.output ?? '<stdout>', io);
  if (settings.output !== null && !settings.quiet && target?.kind !== 'stream') {
    const n = built.report.warnings.length;
    io.stderr.write(
      `hedge: wrote ${showText(settings.output)} (${positions.length} positions, ${n} warning${n === 1 ? '' : 's'})\n`,
    );
  }
  // after the report: notes about a report that could not be written would be noise
  if (!settings.quiet) {
    for (const note of built.extras.flatMap((e) => e.notes)) io.stderr.write(`hedge: ${note}\n`);
  }
  if (settings.verbose && !settings.quiet) io.stderr.write(fitNotes(built));
  return settings.failOn === 'warning' && built.report.warnings.length > 0 ? 3 : 0;
}

/**
 * Runs the program with `argv` (arguments after the script name) and returns the exit code
 * instead of exiting. Errors become `hedge: file:line: message` lines on stderr.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const verbose = argv.includes('--verbose');
  try {
    const env = envFrom(io.env);
    const parsed = parseArgs(argv, env, io.stdout.isTTY === true);
    if (parsed.kind === 'exit') {
      if (parsed.stdout) io.stdout.write(parsed.stdout);
      if (parsed.stderr) io.stderr.write(parsed.stderr);
      return parsed.code;
    }
    return await execute(parsed.settings, parsed.durations, io, env);
  } catch (e) {
    if (e instanceof InputError) {
      // showText: a last line of defence (messages escape user text already; it is idempotent).
      io.stderr.write(
        e.problems.map((p) => `hedge: ${clipMessage(showText(formatProblem(p)))}\n`).join(''),
      );
      return e.exitCode;
    }
    if (e instanceof HedgeError) {
      io.stderr.write(`hedge: ${clipMessage(e.message)}\n`);
      if (e instanceof UsageError) io.stderr.write(`Try 'hedge --help' for more information.\n`);
      return e.exitCode;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr.write(
      `hedge: internal error: ${clipMessage(showText(err.message))}${verbose ? '' : ' (run with --verbose for details)'}\n`,
    );
    if (verbose && err.stack) io.stderr.write(err.stack + '\n');
    return 1;
  }
}
