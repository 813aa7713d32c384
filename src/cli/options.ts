/**
 * The command line: commander declares the flags and produces `--help`; zod validates every
 * value; the result is one immutable Settings object. Nothing here reads files.
 */
import { Command, CommanderError, Option } from 'commander';
import * as z from 'zod/mini';
import { UsageError } from '../errors';
import { parseNumberCell } from '../input/cells';
import type { Env } from './env';

// envFrom lived here; kept importable from here for the scripts and tests that use it
export { envFrom, type Env } from './env';
import {
  durationParam,
  positiveOrDuration,
  windowOf,
  windowText,
  type DurationFlag,
} from './durations';
import { parseTime } from '../input/time';
import { THRESHOLD_FLAGS } from './threshold-flags';
import { FORMATS } from '../report/formats';
import { formatOf } from './output-format';
import { clip, clipMessage, showText } from '../report/text';
import { checkFiles, flagName, fundingArgs } from './input-files';
import {
  ESTIMATORS,
  ESTIMATOR_PARAMS,
  type EstimatorName,
  type EstimatorParams,
} from '../core/estimators';
import type { ParamSpec } from '../core/estimators/types';
import {
  DEFAULT_CASH,
  DEFAULT_HORIZON_DAYS,
  DEFAULT_REBALANCE_BAND,
  DEFAULT_THRESHOLDS,
  DEFAULT_TOLERANCE,
  type FailOn,
  type Frequency,
  type ReturnsKind,
  type Settings,
} from '../settings';

export const VERSION = '1.0.0';

const DAY_MS = 86_400_000;

/** What `run` needs from parsing argv: settings, or a request that ends the run early. */
export type ParsedArgs =
  | {
      readonly kind: 'run';
      /** The settings; a key given as a duration holds NaN until resolved (./durations.ts). */
      readonly settings: Settings;
      /** The flags given as durations, to resolve once the prices' spacing is known. */
      readonly durations: readonly DurationFlag[];
    }
  | {
      readonly kind: 'exit';
      readonly code: number;
      readonly stdout: string;
      readonly stderr: string;
    };

const HELP_EPILOG = `
Files:
  positions CSV  symbol, quantity | notional, [hedges], [label]   ('#' starts a comment line)
                 pools: kind (spot | v2 | v3), quote, v2: quantity | notional,
                 v3: lower, upper, liquidity | notional
  prices CSV     wide: time,SYM1,SYM2,…   or long: date|time|timestamp,symbol,price|close
  instruments    symbol,multiplier,lot[,kind,face]   (kind: linear | inverse)
  current        symbol,quantity[,label]   hedges held now, negative = short; rows of a
                 symbol add up (one per venue); a symbol held but no longer hedged is closed out
  previous       a JSON report written earlier by hedge (-o of yesterday's run)
  funding        time|fundingTime|calc_time|timestamp|date, symbol, rate|fundingRate|
                 last_funding_rate[, funding_interval_hours]: per funding period, paid by
                 longs to shorts; a file without a symbol column as SYMBOL=file (BTC=btc.csv)
  '-' reads standard input (for one of the files at most).

Exit codes:
  0 report produced   1 bad input data, no prices in --from/--to, or undefined result
                        (nothing written)
  2 usage error       3 report produced and --fail-on warning saw a warning
                        (with --current: REBALANCE_NEEDED when a trade is due)

Memory: prices are held in memory as 8 bytes per used cell (columns no position or hedge
uses are skipped).
Environment: NO_COLOR disables colour; FORCE_COLOR forces it (0 or false: off); COLUMNS
  sets the width the table is fitted to (else the terminal's; piped: the widest layout);
  HEDGE_MAX_STREAM_MB caps what is read from stdin, a pipe or a device (default 512);
  HEDGE_MAX_POSITIONS caps the positions of one run (default 20000).
Output: -o replaces a file atomically, writes a device or FIFO (/dev/null, /dev/stdout)
  in place, and never an input file, even through a link.

Examples:
  hedge -p positions.csv -r prices.csv -H BTC,ETH --format json -o report.json
  hedge -p positions.csv -r prices.csv -H BTC,ETH -o report.html   # a page with charts
`;

/** A flag with a numeric default, shown in --help as the number (`default: 30`, not `"30"`). */
function numberOption(flag: string, help: string, value: number): Option {
  return new Option(flag, help).default(String(value), String(value));
}

/** The estimation and input-file flags between --estimator's parameters and --cash. */
function addInputOptions(program: Command): Command {
  return program
    .addOption(
      numberOption(
        '--lags <k>',
        'Dimson: k lagged returns of each hedge in the regression; the ratio sums the slopes',
        0,
      ),
    )
    .addOption(
      numberOption(
        '--window <n>',
        'rolling window, break-test split: n returns or a duration (8w)',
        30,
      ),
    )
    .option('--instruments <file>', 'contract specifications CSV')
    .option('--current <file>', 'hedges held now (CSV): report the trade to each target')
    .addOption(
      numberOption(
        '--tolerance <f>',
        'no trade while |target − current| ≤ f × |target| (at target 0: any holding trades)',
        DEFAULT_TOLERANCE,
      ),
    )
    .option('--previous <file>', 'a JSON report written earlier by hedge: say what changed since')
    .option(
      '--funding <file>',
      'funding rates of the hedges (CSV; repeatable; SYMBOL=file for one contract): their carry',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .addOption(
      numberOption(
        '--horizon <days>',
        'days of funding the expected carry covers',
        DEFAULT_HORIZON_DAYS,
      ),
    );
}

function buildProgram(): Command {
  const t = DEFAULT_THRESHOLDS;
  const program = new Command('hedge')
    .description(
      'Cross-asset hedge ratios: OLS betas, minimum-variance ratios, hedge sizes and\n' +
        'correlation-stability diagnostics from a positions CSV and a prices CSV.',
    )
    .version(VERSION, '-V, --version')
    .requiredOption('-p, --positions <file>', 'positions CSV (- for stdin)')
    .requiredOption('-r, --prices <file>', 'prices CSV, wide or long layout (- for stdin)')
    .option('-H, --hedge <symbols>', 'comma-separated hedge instruments', 'BTC')
    .addOption(
      new Option('--returns <kind>', 'what to regress: diff = price changes, level = raw prices')
        .choices(['log', 'simple', 'diff', 'level'])
        .default('log'),
    )
    .addOption(
      new Option('--frequency <f>', 'last value of each UTC period (ISO weeks)')
        .choices(['native', 'daily', 'weekly', 'monthly'])
        .default('native'),
    )
    .option('--from <date>', 'first time of the estimation range, inclusive')
    .option(
      '--to <date>',
      'last time of the range, inclusive (a date means its whole day); also the valuation date (after the data: its last row, said on stderr)',
    )
    .option('--lookback <n>', 'use only the last n returns')
    .option('--no-intercept', 'regression through the origin (uncentered R²)')
    .addOption(
      new Option(
        '--estimator <e>',
        'hedge-ratio estimator (ols = sample; kalman = drifting slope; auto = the best out of sample)',
      )
        .choices(ESTIMATORS.map((e) => e.name))
        .default('ols'),
    );
  for (const p of ESTIMATOR_PARAMS) {
    // A parameter the data decide has no default value (commander would show none): its
    // method's name is said in the help text.
    program.addOption(
      typeof p.default === 'number'
        ? numberOption(p.flag, p.help, p.default)
        : new Option(p.flag, `${p.help} (default: ${p.default}, estimated per position)`),
    );
  }
  addInputOptions(program)
    .option(
      '--cash <symbols>',
      "comma-separated symbols worth 1 with no price risk (a pool's quote)",
      DEFAULT_CASH.join(','),
    )
    .addOption(
      numberOption(
        '--rebalance-band <f>',
        "a pool's rebalance prices: where its delta has moved by this fraction",
        DEFAULT_REBALANCE_BAND,
      ),
    )
    .addOption(
      new Option('--format <f>', FORMAT_HELP).choices(Object.keys(FORMATS)).default('table'),
    )
    .option('-o, --output <file>', 'write the report to this file atomically (default stdout)')
    .addOption(
      new Option('--fail-on <level>', 'exit 3 when any warning is raised with "warning"')
        .choices(['never', 'warning'])
        .default('never'),
    )
    .option('--no-color', 'no ANSI colours (also when NO_COLOR is set or stdout is not a terminal)')
    .option('-q, --quiet', 'no progress or notes on stderr')
    .option('--verbose', 'stack traces for unexpected errors')
    .addHelpText('after', HELP_EPILOG)
    .showSuggestionAfterError(true)
    .allowExcessArguments(false);
  for (const [flag, help, key] of THRESHOLD_FLAGS)
    program.addOption(numberOption(flag, help, t[key]));
  return program;
}

const SYMBOL = /^[^\s,|]+$/;

/**
 * A decimal flag value as a data cell reads it (parseNumberCell: `12`, `-0.5`, `1e-3`, `.5`),
 * NaN for anything else (`0x10`, `0b1`, `Infinity`, blank): flags accept what cells accept.
 */
function decimal(s: string): number {
  const v = parseNumberCell(s);
  return v === undefined ? NaN : v;
}

/** zod schemas for flag values: commander gives strings; these say what each must be. */
const intAtLeast = (min: number) =>
  z.string().check(
    z.refine((s) => /^\d+$/.test(s.trim()) && Number(s) >= min && Number.isSafeInteger(Number(s)), {
      error: `expected a whole number ≥ ${min}`,
    }),
  );
const numberIn = (lo: number, hi: number, what: string) =>
  z.string().check(
    z.refine(
      (s) => {
        const v = decimal(s);
        return Number.isFinite(v) && v >= lo && v <= hi;
      },
      { error: what },
    ),
  );
const isPositive = (s: string) => decimal(s) > 0;
const positiveNumber = z
  .string()
  .check(z.refine(isPositive, { error: 'expected a number greater than 0' }));
const nonNegativeNumber = z.string().check(
  z.refine((s) => decimal(s) >= 0, {
    error: 'expected a number ≥ 0',
  }),
);
const timeText = z.string().check(
  z.refine((s) => parseTime(s.trim()) !== null, {
    error: 'expected an ISO 8601 date or date-time, or Unix epoch seconds or milliseconds',
  }),
);

const symbolList = (example: string) =>
  z.string().check(
    z.refine(
      (s) => {
        const parts = s.split(',').map((p) => p.trim());
        return parts.every((p) => SYMBOL.test(p)) && new Set(parts).size === parts.length;
      },
      { error: `expected comma-separated distinct symbols, like ${example}` },
    ),
  );

const optionsSchema = z.object({
  positions: z.string().check(z.minLength(1, { error: 'expected a file name or -' })),
  prices: z.string().check(z.minLength(1, { error: 'expected a file name or -' })),
  hedge: symbolList('BTC,ETH'),
  cash: symbolList('USD,USDC'),
  rebalanceBand: z.string().check(
    z.refine(
      (s) => {
        const v = decimal(s);
        return v > 0 && v < 1;
      },
      { error: 'expected a fraction greater than 0 and less than 1' },
    ),
  ),
  from: z.optional(timeText),
  to: z.optional(timeText),
  lookback: z.optional(intAtLeast(2)),
  ...Object.fromEntries(
    ESTIMATOR_PARAMS.map((p: ParamSpec) => {
      const value =
        p.duration === true
          ? positiveOrDuration
          : p.zeroAllowed === true
            ? nonNegativeNumber
            : positiveNumber;
      return [p.key, typeof p.default === 'number' ? value : z.optional(value)];
    }),
  ),
  lags: intAtLeast(0),
  window: windowText,
  instruments: z.optional(z.string().check(z.minLength(1))),
  current: z.optional(z.string().check(z.minLength(1, { error: 'expected a file name or -' }))),
  previous: z.optional(z.string().check(z.minLength(1, { error: 'expected a file name or -' }))),
  tolerance: numberIn(0, Infinity, 'expected a number ≥ 0'),
  horizon: positiveNumber,
  output: z.optional(z.string().check(z.minLength(1, { error: 'expected a file name' }))),
  minObservations: intAtLeast(3),
  minCorrelation: numberIn(0, 1, 'expected a number from 0 to 1'),
  breakPValue: numberIn(0, 1, 'expected a p-value from 0 to 1'),
  unstablePValue: numberIn(0, 1, 'expected a p-value from 0 to 1'),
  minEffectiveness: numberIn(-Infinity, 1, 'expected a number at most 1'),
  maxHedgeCorrelation: numberIn(0, 1, 'expected a number from 0 to 1'),
  maxVif: z.string().check(
    z.refine((s) => decimal(s) >= 1, {
      error: 'expected a number ≥ 1',
    }),
  ),
  maxZeroReturns: numberIn(0, 1, 'expected a share from 0 to 1'),
  maxFundingCost: numberIn(0, Infinity, 'expected a number ≥ 0'),
});

/**
 * The estimators' parameters from their checked flag values; a parameter the data decide and
 * whose flag is absent has its method's name (ParamSpec.default); one given as a duration is NaN
 * until resolved (added to `durations`).
 */
function estimatorParams(
  v: Record<string, string | undefined>,
  durations: DurationFlag[],
): EstimatorParams {
  const params: Record<string, number | string> = {};
  for (const p of ESTIMATOR_PARAMS as readonly ParamSpec[]) {
    const text = v[p.key];
    const d = p.duration === true ? durationParam(p.key, p.flag, text, durations) : null;
    params[p.key] = text === undefined ? p.default : (d ?? Number(text));
  }
  return params as unknown as EstimatorParams;
}

/** ISO text (UTC) of epoch milliseconds, for settings echo. */
function isoOf(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** commander's parse of argv: its options, or the early exit (help, version, usage error). */
function runCommander(
  argv: readonly string[],
):
  | { kind: 'options'; o: Record<string, unknown>; formatGiven: boolean }
  | Extract<ParsedArgs, { kind: 'exit' }> {
  const program = buildProgram();
  let out = '';
  let err = '';
  program.exitOverride().configureOutput({
    writeOut: (s) => (out += s),
    writeErr: (s) => (err += s),
    outputError: (s, write) => write(s),
  });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    if (
      e.code === 'commander.helpDisplayed' ||
      e.code === 'commander.version' ||
      e.code === 'commander.help'
    ) {
      return { kind: 'exit', code: 0, stdout: out, stderr: '' };
    }
    // One line: commander puts its "(Did you mean …?)" hint on a line of its own.
    const message = clipMessage(
      showText(
        err
          .trim()
          .replace(/^error: /, '')
          .replace(/\s*\n\s*\(Did you mean/, ' (did you mean')
          .replace(/\s*\n\s*/g, ' '),
      ),
    );
    return {
      kind: 'exit',
      code: 2,
      stdout: '',
      stderr: `hedge: ${message}\nTry 'hedge --help' for more information.\n`,
    };
  }
  return {
    kind: 'options',
    o: program.opts<Record<string, unknown>>(),
    formatGiven: program.getOptionValueSource('format') === 'cli',
  };
}

/** --format's help: without it, the extension of -o's file picks the format. */
const FORMAT_HELP = 'output format; when not given, -o with .json, .csv, .md or .html picks it';

/** --from and --to as epoch ms (a bare date as --to: the whole of that day). @throws UsageError */
function rangeOf(v: { from?: string | undefined; to?: string | undefined }): {
  from: number | null;
  to: number | null;
} {
  const from = v.from === undefined ? null : parseTime(v.from.trim())!;
  let to = v.to === undefined ? null : parseTime(v.to.trim())!;
  if (to !== null && v.to !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v.to.trim()))
    to += DAY_MS - 1;
  if (from !== null && to !== null && from > to) {
    throw new UsageError(`--from ${v.from} is after --to ${v.to}`);
  }
  return { from, to };
}

/**
 * Parses argv (without node and script) into Settings, or an early exit for --help, --version
 * and usage errors (exit 2). `stdoutIsTTY` and `env` decide the colour default.
 */
export function parseArgs(
  argv: readonly string[],
  env: Env,
  stdoutIsTTY: boolean,
  outputIsFile = false,
): ParsedArgs {
  const parsed = runCommander(argv);
  if (parsed.kind === 'exit') return parsed;
  const o = parsed.o;
  const checked = optionsSchema.safeParse(o);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    const value = o[key];
    throw new UsageError(
      `${flagName(key)} ${showText(JSON.stringify(clip(String(value), 40)))}: ${issue.message}`,
    );
  }
  const v = checked.data;
  const { from, to } = rangeOf(v);
  const format = formatOf(o.format, parsed.formatGiven, v.output);
  checkFiles(o);
  const durations: DurationFlag[] = [];
  const color =
    o.color !== false &&
    !env.noColor &&
    (env.forceColor ??
      (stdoutIsTTY && !outputIsFile && (v.output === undefined || v.output === '/dev/stdout')));
  const settings: Settings = {
    positions: v.positions,
    prices: v.prices,
    hedge: v.hedge.split(',').map((s) => s.trim()),
    returns: o.returns as ReturnsKind,
    frequency: o.frequency as Frequency,
    from: from === null ? null : isoOf(from),
    to: to === null ? null : isoOf(to),
    lookback: v.lookback === undefined ? null : Number(v.lookback),
    intercept: o.intercept !== false,
    estimator: o.estimator as EstimatorName,
    ...estimatorParams(v as unknown as Record<string, string | undefined>, durations),
    lags: Number(v.lags),
    window: windowOf(v.window, durations),
    instruments: v.instruments ?? null,
    cash: v.cash.split(',').map((s) => s.trim()),
    rebalanceBand: Number(v.rebalanceBand),
    current: v.current ?? null,
    tolerance: Number(v.tolerance),
    previous: v.previous ?? null,
    funding: fundingArgs(o.funding),
    horizon: Number(v.horizon),
    format,
    output: v.output ?? null,
    failOn: o.failOn as FailOn,
    color,
    quiet: o.quiet === true,
    verbose: o.verbose === true,
    thresholds: {
      minObservations: Number(v.minObservations),
      minCorrelation: Number(v.minCorrelation),
      breakPValue: Number(v.breakPValue),
      unstablePValue: Number(v.unstablePValue),
      minEffectiveness: Number(v.minEffectiveness),
      maxHedgeCorrelation: Number(v.maxHedgeCorrelation),
      maxVif: Number(v.maxVif),
      maxZeroReturns: Number(v.maxZeroReturns),
      maxFundingCost: Number(v.maxFundingCost),
    },
  };
  return { kind: 'run', settings, durations };
}
