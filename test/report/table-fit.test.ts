/**
 * The table narrows by measuring each layout's width without drawing it (src/report/table-fit.ts):
 * the measure must be the width cli-table3 draws, for every layout, with row spans and colour.
 */
import { readFileSync } from 'node:fs';
import { Chalk } from 'chalk';
import { envFrom, parseArgs } from '../../src/cli/options';
import { parseInstruments } from '../../src/input/instruments';
import { parsePositions } from '../../src/input/positions';
import { parsePrices } from '../../src/input/prices';
import { buildReport } from '../../src/report/build-report';
import { FORMATS } from '../../src/report/formats';
import { drawTable, tableWidth } from '../../src/report/table-fit';
import { POSITION_LAYOUTS, positionsTable } from '../../src/report/table-positions';
import { widestLine } from '../../src/report/text-wrap';

function sample(extra: string[]) {
  const parsed = parseArgs(
    [
      ...['-p', 'fixtures/positions.csv', '-r', 'fixtures/prices.csv'],
      ...['--instruments', 'fixtures/instruments.csv', ...extra],
    ],
    envFrom({}),
    false,
  );
  if (parsed.kind !== 'run') throw new Error('bad arguments');
  const text = (file: string) => ({ name: file, text: readFileSync(file, 'utf8') });
  const s = parsed.settings;
  return buildReport({
    positions: parsePositions(text(s.positions)),
    positionsSource: s.positions,
    prices: parsePrices(text(s.prices), { symbols: null, positive: true }),
    instruments: new Map(parseInstruments(text(s.instruments!)).map((i) => [i.symbol, i])),
    settings: s,
    needs: FORMATS.table.needs,
  });
}

test.each([
  ['OLS', [], false],
  ['EWMA, two hedges (a Ratio column, row spans)', ['--estimator', 'ewma', '-H', 'BTC,ETH'], true],
])('%s: every layout measures what cli-table3 draws', (_, extra, showRatio) => {
  const built = sample(extra as string[]);
  const widths: number[] = [];
  for (const level of [0, 1]) {
    const c = new Chalk({ level: level as 0 | 1 });
    for (const l of POSITION_LAYOUTS) {
      const spec = positionsTable(c, built.report, built.extras, showRatio as boolean, l);
      const drawn = widestLine(drawTable(c, spec));
      expect(tableWidth(spec)).toBe(drawn);
      if (level === 0) widths.push(drawn);
    }
  }
  // each layout is no wider than the one before it
  for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeLessThanOrEqual(widths[i - 1]!);
  expect(widths[widths.length - 1]).toBeLessThan(80);
});
