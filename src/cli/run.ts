/**
 * The runner: owns all I/O of a run (argv, environment, files, stdin, stdout, stderr) and turns
 * typed errors into one located line each and the documented exit code.
 */
import { HedgeError, InputError, ProblemList, UsageError, formatProblem } from '../errors';
import { parsePositions } from '../input/positions';
import { readTextSource } from '../input/read';
import { suggest } from '../input/suggest';
import type { Instrument, Position, PriceTable } from '../input/types';
import { FORMATS } from '../report/formats';
import { buildReportAuto } from '../report/parallel';
import { showText } from '../report/text';
import type { Settings } from '../settings';
import type { Io } from './io';
import { envFrom, parseArgs } from './options';
import { checkOutputPath, writeFileAtomic } from './write-atomic';
import { dataSpacing, resolveDurations, type DurationFlag } from './durations';
import { parseTime } from '../input/time';
import { readPricesWithProgress } from './progress';

/** Every symbol a run needs from the prices file: positions and their hedges. */
function neededSymbols(positions: readonly Position[], settings: Settings): Set<string> {
  const set = new Set<string>();
  for (const p of positions) {
    set.add(p.symbol);
    for (const h of p.hedges ?? settings.hedge) set.add(h);
  }
  return set;
}

/**
 * Checks that every position and hedge symbol has prices and that no row hedges a symbol with
 * itself; all problems at once, located at the positions row (or at --hedge).
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
    return near ? ` (did you mean "${showText(near)}"?)` : '';
  };
  const reportedFlag = new Set<string>();
  for (const p of positions) {
    if (!have.has(p.symbol)) {
      problems.add({
        file: positionsName,
        line: p.line,
        message: `symbol "${showText(p.symbol)}" has no prices in ${prices.source}${hint(p.symbol)}`,
      });
    }
    const hedges = p.hedges ?? settings.hedge;
    for (const h of hedges) {
      if (h === p.symbol) {
        problems.add({
          file: positionsName,
          line: p.line,
          message: `"${showText(h)}" cannot hedge itself`,
        });
      } else if (!have.has(h)) {
        if (p.hedges) {
          problems.add({
            file: positionsName,
            line: p.line,
            message: `hedge "${showText(h)}" has no prices in ${prices.source}${hint(h)}`,
          });
        } else if (!reportedFlag.has(h)) {
          reportedFlag.add(h);
          problems.add({
            file: prices.source,
            line: null,
            message: `no prices for hedge "${showText(h)}" given by --hedge${hint(h)}`,
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

async function execute(
  parsed: Settings,
  durations: readonly DurationFlag[],
  io: Io,
): Promise<number> {
  let settings = parsed;
  if (settings.output !== null) checkOutputPath(settings.output);
  const posSrc = await readTextSource(settings.positions, io.stdin);
  const positions = parsePositions(posSrc);
  if (positions.length === 0) {
    throw new InputError({
      file: posSrc.name,
      line: null,
      message: 'no positions (only a header or comments)',
    });
  }
  let instruments = new Map<string, Instrument>();
  if (settings.instruments !== null) {
    const instSrc = await readTextSource(settings.instruments, io.stdin);
    // loaded only here: its schemas cost ~0.5 ms of start-up that runs without the file never use
    const { parseInstruments } =
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../input/instruments') as typeof import('../input/instruments');
    instruments = new Map(parseInstruments(instSrc).map((i) => [i.symbol, i]));
  }
  const prices = await readPricesWithProgress(settings.prices, io, settings.quiet, {
    symbols: neededSymbols(positions, settings),
    positive: settings.returns === 'log' || settings.returns === 'simple',
    beforeScan: io.tiering?.input,
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
  io.tiering?.report(prices.times.length * positions.length);
  const format = FORMATS[settings.format];
  const built = await buildReportAuto({
    positions,
    positionsSource: posSrc.name,
    prices,
    instruments,
    settings,
    needs: format.needs,
  });
  writeNotes(io, settings, built.notes);
  const text = format.render(built, settings.color);
  if (settings.output !== null) {
    try {
      writeFileAtomic(settings.output, text);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      throw new InputError({
        file: settings.output,
        line: null,
        message: `cannot write the report (${code})`,
      });
    }
    if (!settings.quiet) {
      const n = built.report.warnings.length;
      io.stderr.write(
        `hedge: wrote ${showText(settings.output)} (${positions.length} positions, ${n} warning${n === 1 ? '' : 's'})\n`,
      );
    }
  } else {
    io.stdout.write(text);
  }
  return settings.failOn === 'warning' && built.report.warnings.length > 0 ? 3 : 0;
}

/**
 * Runs the program with `argv` (arguments after the script name) and returns the exit code
 * instead of exiting. Errors become `hedge: file:line: message` lines on stderr.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const env = envFrom(io.env);
  const verbose = argv.includes('--verbose');
  try {
    const parsed = parseArgs(argv, env, io.stdout.isTTY === true);
    if (parsed.kind === 'exit') {
      if (parsed.stdout) io.stdout.write(parsed.stdout);
      if (parsed.stderr) io.stderr.write(parsed.stderr);
      return parsed.code;
    }
    return await execute(parsed.settings, parsed.durations, io);
  } catch (e) {
    if (e instanceof InputError) {
      // showText: a last line of defence (messages escape user text already; it is idempotent).
      io.stderr.write(e.problems.map((p) => `hedge: ${showText(formatProblem(p))}\n`).join(''));
      return e.exitCode;
    }
    if (e instanceof HedgeError) {
      io.stderr.write(`hedge: ${e.message}\n`);
      if (e instanceof UsageError) io.stderr.write(`Try 'hedge --help' for more information.\n`);
      return e.exitCode;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr.write(
      `hedge: internal error: ${showText(err.message)}${verbose ? '' : ' (run with --verbose for details)'}\n`,
    );
    if (verbose && err.stack) io.stderr.write(err.stack + '\n');
    return 1;
  }
}
