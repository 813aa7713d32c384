/**
 * The two-thread report (src/report/parallel.ts) must equal the single-thread one exactly: forced
 * on small inputs (mode 'always', the worker bundled with esbuild as in scripts/build.mjs), the
 * rendered JSON is byte-identical for several option sets, and a failing position raises the
 * same located error as buildReport (the first failing row in position order).
 */
import { buildSync } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../../src/errors';
import { envFrom, parseArgs } from '../../src/cli/options';
import { fundingTable, parseFunding } from '../../src/input/funding';
import { parseInstruments } from '../../src/input/instruments';
import { parsePositions } from '../../src/input/positions';
import { parsePrices } from '../../src/input/prices';
import { buildReport } from '../../src/report/build-report';
import { reportContext, sharedHedgeReturns, type ReportInput } from '../../src/report/context';
import { FORMATS } from '../../src/report/formats';
import { returnsOf } from '../../src/core/returns';
import {
  columnDoubles,
  decimalColumn,
  encodePrice,
  type PriceColumn,
} from '../../src/input/prices/codes';
import type { PriceTable } from '../../src/input/types';
import { buildReportAuto } from '../../src/report/parallel';
import { renderJson } from '../../src/report/render-json';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hedge-parallel-'));
const workerScript = path.join(dir, 'report-worker.cjs');

beforeAll(() => {
  buildSync({
    entryPoints: [path.resolve(__dirname, '../../src/report/report-worker.ts')],
    outfile: workerScript,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function source(file: string, text?: string) {
  return { name: path.basename(file), text: text ?? readFileSync(file, 'utf8') };
}

function inputFor(args: string[], positionsText?: string): ReportInput {
  const parsed = parseArgs(
    ['-p', 'fixtures/positions.csv', '-r', 'fixtures/prices.csv', ...args],
    envFrom({}),
    false,
  );
  if (parsed.kind !== 'run') throw new Error('bad arguments');
  const settings = parsed.settings;
  return {
    positions: parsePositions(source(settings.positions, positionsText)),
    positionsSource: 'positions.csv',
    prices: parsePrices(source(settings.prices), {
      symbols: null,
      positive: settings.returns === 'log' || settings.returns === 'simple',
    }),
    instruments: new Map(
      parseInstruments(source('fixtures/instruments.csv')).map((i) => [i.symbol, i]),
    ),
    settings,
    needs: FORMATS[settings.format].needs,
  };
}

test.each([
  [[]],
  [['-H', 'BTC,ETH']],
  [['-H', 'BTC,ETH,AVAX', '--no-intercept']],
  [['-H', 'BTC,ETH', '--estimator', 'ewma', '--returns', 'simple']],
  [['--frequency', 'weekly', '--min-observations', '10', '--window', '8']],
  [['-H', 'ETH', '--returns', 'diff', '--lookback', '120']],
  [['-H', 'BTC,ETH', '--format', 'html']],
])('two threads give the same report as one: %j', async (args) => {
  const input = inputFor(args);
  const one = buildReport(input);
  const two = await buildReportAuto(input, { mode: 'always', workerScript });
  expect(renderJson(two.report)).toBe(renderJson(one.report));
  // (the worker's arrays are cloned into Node's realm, not jest's: compare the values)
  const values = (b: typeof one) => b.extras.map((e) => Array.from(e.sparkline));
  expect(values(two)).toEqual(values(one));
  // the HTML report's chart lines (plain arrays, for the same reason)
  const charts = (b: typeof one) =>
    b.extras.map((e) =>
      JSON.parse(
        JSON.stringify(e.charts, (_, v: unknown) =>
          ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v,
        ),
      ),
    );
  expect(charts(two)).toEqual(charts(one));
  if (input.needs.chartPoints > 0)
    expect(charts(one).every((c) => c.rollingBeta !== null)).toBe(true);
});

test('with funding rates: the same report on two threads (the worker gets a copy of them)', async () => {
  const input = inputFor(['-H', 'BTC,ETH', '--to', '2026-10-15']);
  const all = () => true;
  const funding = fundingTable(parseFunding(source('fixtures/funding.csv'), null, all));
  const one = buildReport({ ...input, funding });
  const two = await buildReportAuto({ ...input, funding }, { mode: 'always', workerScript });
  expect(renderJson(two.report)).toBe(renderJson(one.report));
  expect(one.report.totals.map((t) => t.funding?.periods)).toEqual([225, 225]);
});

/**
 * The table with each column in decimal codes where some layout codes all its values (the two
 * offset widths in turn, so that both are used).
 */
function decimalPrices(t: PriceTable): PriceTable {
  const series = new Map<string, PriceColumn>();
  [...t.series].forEach(([k, c], i) => {
    const values = columnDoubles(c);
    let coded: PriceColumn = values;
    for (const shift of i % 2 === 0 ? ([0, 2] as const) : ([2, 0] as const)) {
      for (let base = 0; base <= 19 && coded === values; base++) {
        const codes = Array.from(values, (v) => encodePrice(v, { base, shift }));
        if (codes.every((x) => x !== null)) {
          coded = decimalColumn(Int32Array.from(codes), { base, shift });
        }
      }
    }
    series.set(k, coded);
  });
  return { ...t, series };
}

test.each([
  [['-H', 'BTC,ETH']],
  [['-H', 'ETH', '--returns', 'diff', '--lookback', '120']],
  [['--frequency', 'weekly', '--min-observations', '10', '--window', '8', '--to', '2024-06-30']],
])('prices in decimal codes give the same report as doubles: %j', async (args) => {
  const input = inputFor(args);
  const coded = { ...input, prices: decimalPrices(input.prices) };
  const kinds = [...coded.prices.series.values()].map((c) =>
    c instanceof Float64Array ? 'doubles' : `shift ${c.shift}`,
  );
  expect(new Set(kinds)).toEqual(new Set(['shift 0', 'shift 2']));
  const expected = renderJson(buildReport(input).report);
  expect(renderJson(buildReport(coded).report)).toBe(expected);
  const two = await buildReportAuto(coded, { mode: 'always', workerScript });
  expect(renderJson(two.report)).toBe(expected);
});

test('a failing position raises the same located error on two threads', async () => {
  // a hedge with zero variance (a flat series) on rows 4 and 6: the first must be reported
  const prices = 'date,A,B,FLAT\n' + Array.from({ length: 60 }, (_, i) => {
    const d = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
    return `${d},${100 + Math.sin(i) * 3},${50 + Math.cos(i * 1.7)},7`;
  }).join('\n'); // prettier-ignore
  const base = inputFor(['-H', 'B']);
  const input: ReportInput = {
    ...base,
    positions: parsePositions(
      source('positions.csv', 'symbol,quantity,hedges\nA,1,B\nB,1,A\nA,1,FLAT\nB,1,A\nB,1,FLAT\n'),
    ),
    prices: parsePrices(source('prices.csv', prices), { symbols: null, positive: true }),
  };
  const caught = async (f: () => unknown): Promise<unknown> => {
    try {
      await f();
    } catch (e) {
      return e;
    }
    return null;
  };
  const one = await caught(() => buildReport(input));
  const two = await caught(() => buildReportAuto(input, { mode: 'always', workerScript }));
  expect(one).toBeInstanceOf(InputError);
  expect(two).toBeInstanceOf(InputError);
  expect((two as InputError).problems).toEqual((one as InputError).problems);
  expect((one as InputError).problems[0]!.line).toBe(4);
});

test("the hedges' returns are computed once, in shared memory, for the hedges without gaps", () => {
  // ARB is listed later in the sample (its first prices are missing): positions hedged with it
  // align their own rows, so it is not shared.
  const input = inputFor(['-H', 'BTC,ETH,ARB']);
  const context = reportContext(input);
  const shared = new Map(sharedHedgeReturns(input, context));
  const keys = [...shared.keys()].map((k) => k.split('\u0000')[0]);
  expect(keys.sort()).toEqual(['BTC', 'ETH']);
  for (const [key, r] of shared) {
    const symbol = key.split('\u0000')[0]!;
    expect(r.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(r)).toEqual(
      Array.from(returnsOf(columnDoubles(context.grid.series.get(symbol)!), 'log')),
    );
    expect(context.grid.returnsCache.get(key)).toBe(r);
  }
});
