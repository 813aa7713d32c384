/**
 * A table run computes what the table shows: the downside/upside betas (json, csv and markdown
 * columns, no warning) are left out of it; everything else equals the JSON run's report.
 */
import { readFileSync } from 'node:fs';
import { envFrom, parseArgs } from '../../src/cli/options';
import { parseInstruments } from '../../src/input/instruments';
import { parsePositions } from '../../src/input/positions';
import { parsePrices } from '../../src/input/prices';
import { buildReport } from '../../src/report/build-report';
import { FORMATS } from '../../src/report/formats';

function reportFor(format: 'table' | 'json') {
  const parsed = parseArgs(
    [
      ...['-p', 'fixtures/positions.csv', '-r', 'fixtures/prices.csv'],
      ...['--instruments', 'fixtures/instruments.csv', '-H', 'BTC,ETH', '--format', format],
    ],
    envFrom({}),
    false,
  );
  if (parsed.kind !== 'run') throw new Error('bad arguments');
  const text = (file: string) => ({ name: file, text: readFileSync(file, 'utf8') });
  const settings = parsed.settings;
  const positions = parsePositions(text(settings.positions));
  return buildReport({
    positions,
    positionsSource: settings.positions,
    prices: parsePrices(text(settings.prices), { symbols: null, positive: true }),
    instruments: new Map(parseInstruments(text(settings.instruments!)).map((i) => [i.symbol, i])),
    settings,
    needs: FORMATS[format].needs,
  }).report;
}

test('the table report has no downside/upside betas and is otherwise the JSON report', () => {
  const table = reportFor('table');
  const json = reportFor('json');
  const withDownside = json.positions.filter((p) => p.stability.downsideBeta !== null);
  expect(withDownside.length).toBeGreaterThan(3);
  for (const p of table.positions) {
    expect(p.stability).toMatchObject({
      downsideBeta: null,
      upsideBeta: null,
      downsideBetaPValue: null,
    });
  }
  const without = (r: typeof json) => ({
    ...r,
    settings: { ...r.settings, format: null },
    positions: r.positions.map((p) => ({
      ...p,
      stability: { ...p.stability, downsideBeta: null, upsideBeta: null, downsideBetaPValue: null },
    })),
  });
  expect(without(table)).toEqual(without(json));
});
