/**
 * The HTML report (`--format html`): one section with its charts per position (a pool's value
 * and delta curves too), every chart line within the point budget, trades with --current, no
 * reference to anything outside the file, hostile symbols and labels escaped, and -o's extension
 * choosing the format when --format is not given.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { breakDate, positionSection } from '../../src/report/html-position';
import { HTML_CHART_POINTS, type PositionCharts } from '../../src/report/position/charts';
import type { Report } from '../../src/report/types';
import { FORMATS } from '../../src/report/formats';
import { runCli } from '../support/cli';
import { fileIn, tempDirForThisFile } from '../support/temp-dir';

const dir = tempDirForThisFile('hedge-html-');
const file = fileIn(dir);
const SAMPLE = [
  ...['-p', 'fixtures/positions.csv', '-r', 'fixtures/prices.csv'],
  ...['--instruments', 'fixtures/instruments.csv'],
];
const positionRows = parse(readFileSync('fixtures/positions.csv'), {
  columns: true,
  comment: '#',
}) as { kind: string }[];

/** The report's sections, one per position, in order. */
const sections = (html: string) => html.split('<section class="position"').slice(1);

describe('the sample report', () => {
  let html = '';
  beforeAll(async () => {
    const res = await runCli([...SAMPLE, '--format', 'html']);
    expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
    html = res.stdout;
  });

  test('a section per position: rolling correlation, rolling beta, cumulative returns; pools’ curves', () => {
    const secs = sections(html);
    expect(secs).toHaveLength(positionRows.length);
    secs.forEach((sec, i) => {
      expect(sec).toContain('Rolling correlation with');
      expect(sec).toContain('Rolling beta on');
      expect(sec).toContain('Cumulative return, unhedged and hedged');
      const pool = positionRows[i]!.kind === 'v2' || positionRows[i]!.kind === 'v3';
      expect(sec.includes('across the')).toBe(pool);
      expect(sec.match(/<figure class="chart">/g)).toHaveLength(pool ? 5 : 3);
    });
  });

  test('the warning threshold and the full-sample value are drawn; a v3 pool’s range and today’s price', () => {
    expect(html).toContain('LOW_CORRELATION below |ρ| 0.5');
    expect(html).toMatch(/full sample 0\.\d{3}/);
    const v3 = sections(html)[positionRows.findIndex((r) => r.kind === 'v3')]!;
    expect(v3).toContain('>lower</text>');
    expect(v3).toContain('>upper</text>');
    expect(v3).toContain('>now</text>');
  });

  test(`every line has at most ${HTML_CHART_POINTS} points (the sample has more returns)`, () => {
    const paths = [...html.matchAll(/<path class="line [^"]*" d="([^"]*)"/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(3 * positionRows.length);
    const points = paths.map((d) => (d.match(/[ML]/g) ?? []).length);
    expect(Math.max(...points)).toBeLessThanOrEqual(HTML_CHART_POINTS);
    // the rolling lines were downsampled: the sample has 1,095 returns
    expect(Math.max(...points)).toBeGreaterThan(HTML_CHART_POINTS / 2);
    expect(html.length).toBeLessThan(1_000_000);
  });

  test('self-contained: no URL, script, external style, frame or image', () => {
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/<script|<link|<iframe|<img|<object|<embed|url\(|@import|\ssrc=/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html.startsWith('<!doctype html>')).toBe(true);
  });

  test('positions table, totals, warnings and settings', () => {
    expect(html).toContain('<h2>Positions</h2>');
    expect(html).toContain('<h2>Totals</h2>');
    expect(html).toContain('<code>CORRELATION_BREAK</code>');
    expect(html).toContain('<dt>thresholds.minCorrelation</dt><dd>0.5</dd>');
    expect(html).not.toContain('Trade notional');
  });
});

test('--current: the totals table has the trades', async () => {
  const res = await runCli([...SAMPLE, '--current', 'fixtures/current.csv', '--format', 'html']);
  expect(res.code).toBe(0);
  expect(res.stdout).toContain('<h2>Totals and trades</h2>');
  expect(res.stdout).toContain('Trade notional');
  expect(res.stdout).toMatch(/trades? due/);
});

test('--previous: the changes, the warnings raised marked new, the cleared ones listed', async () => {
  const trades = [...SAMPLE, '--current', 'fixtures/current.csv'];
  const before = await runCli([...trades, '--to', '2026-02-08', '--format', 'json']);
  const previous = file('previous.json', before.stdout);
  const res = await runCli([...trades, '--previous', previous, '--format', 'html']);
  expect(res.code).toBe(0);
  expect(res.stdout).toContain('<h2>Changes since 2026-02-08</h2>');
  expect(res.stdout).toMatch(/<p>Cleared:<\/p><ul class="warnings"><li><span class="sev sev-\w+">/);
  expect(res.stdout).toContain('<strong>new</strong></li>');
});

test('--funding: the funding per instrument and the carry per position', async () => {
  const res = await runCli([...SAMPLE, '--funding', 'fixtures/funding.csv', '--format', 'html']);
  expect(res.code).toBe(0);
  expect(res.stdout).toContain('<h2>Funding</h2>');
  expect(res.stdout).toMatch(
    /Expected funding over the next 30 days: -?[\d,]+ \(positive = received/,
  );
  expect(res.stdout).toContain('<h2>Carry</h2>');
  const markdown = await runCli([
    ...SAMPLE,
    '--funding',
    'fixtures/funding.csv',
    '--format',
    'markdown',
  ]);
  // the same figures as the Markdown report's
  const expected = /Expected funding over the next 30 days: (-?[\d,]+)/;
  expect(res.stdout.match(expected)![1]).toBe(markdown.stdout.match(expected)![1]);
});

describe('hostile text', () => {
  const HOSTILE_SYMBOL = '<svg/onload=alert(1)>';
  const LABELS = ['<script>alert("x")</script>', `"'><img src=x onerror=alert(1)>&amp;`];
  test('symbols and labels never reach the page as markup', async () => {
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    let p = [100, 50];
    const rows = ['date,BTC,' + q(HOSTILE_SYMBOL)];
    for (let i = 0; i < 80; i++) {
      p = [p[0]! * (1 + 0.02 * Math.sin(i * 1.3)), p[1]! * (1 + 0.03 * Math.sin(i * 1.3 + 0.4))];
      rows.push(`${new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10)},${p.join(',')}`);
    }
    const prices = file('prices.csv', rows.join('\n') + '\n');
    const positions = file(
      'positions.csv',
      [
        'symbol,quantity,hedges,label',
        ...LABELS.map((l) => `${q(HOSTILE_SYMBOL)},5,BTC,${q(l)}`),
      ].join('\n') + '\n',
    );
    const res = await runCli(['-p', positions, '-r', prices, '--window', '10', '--format', 'html']);
    expect(res.code).toBe(0);
    const html = res.stdout;
    expect(html).not.toContain('<svg/onload');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('&amp;</'); // the label's own "&amp;" is shown as text: &amp;amp;
    expect(html).toContain('&lt;svg/onload=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp;');
    // every tag on the page is one the renderer writes
    const tags = new Set(
      [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()),
    );
    const allowed =
      'html head meta title style body header h1 h2 h3 p div table thead tbody tr th td ul li span code section figure svg text line path rect figcaption a dl strong dt dd footer';
    for (const t of tags) expect(allowed.split(' ')).toContain(t);
  });
});

describe('-o picks the format by its extension when --format is not given', () => {
  test.each([
    ['report.html', [], (t: string) => t.startsWith('<!doctype html>')],
    ['report.json', [], (t: string) => JSON.parse(t).schemaVersion === 1],
    ['report.md', [], (t: string) => t.startsWith('# Hedge report')],
    ['report.csv', [], (t: string) => t.startsWith('asOf,symbol,')],
    ['report.html', ['--format', 'json'], (t: string) => JSON.parse(t).schemaVersion === 1],
    ['report.txt', [], (t: string) => t.startsWith('hedge report · as of')],
  ])('%s %j', async (name, extra, check) => {
    const out = path.join(dir, `${Math.random().toString(36).slice(2)}-${name}`);
    const res = await runCli([...SAMPLE, '-o', out, '--quiet', ...extra]);
    expect(res).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(check(readFileSync(out, 'utf8'))).toBe(true);
  });
});

test('a dated break (stability.break.date, when the report has one) is marked on the time charts', async () => {
  const report = JSON.parse((await runCli([...SAMPLE, '--format', 'json'])).stdout) as Report;
  const p = report.positions[0]!;
  const line = {
    times: Float64Array.of(Date.UTC(2026, 0, 1), Date.UTC(2026, 11, 1)),
    values: Float64Array.of(0.2, 0.6),
  };
  const charts: PositionCharts = {
    rollingCorrelation: line,
    rollingBeta: line,
    cumulativeUnhedged: line,
    cumulativeHedged: line,
    curve: null,
    portfolio: false,
  };
  expect(breakDate(p)).toBeNull();
  expect(positionSection(p, 0, charts, report.settings)).not.toContain('>break</text>');
  const dated = {
    ...p,
    stability: {
      ...p.stability,
      break: {
        date: '2026-06-01',
        statistic: 20,
        pValue: 0.001,
        betaBefore: 1.2,
        betaAfter: 0.5,
        correlationBefore: 0.8,
        correlationAfter: 0.3,
      },
    },
  };
  expect(breakDate(dated)).toBe(Date.UTC(2026, 5, 1));
  const html = positionSection(dated, 0, charts, report.settings);
  expect(html.match(/>break<\/text>/g)).toHaveLength(3);
});

test('only the html format asks for chart lines (no other run computes them)', () => {
  const asking = Object.entries(FORMATS).filter(([, f]) => f.needs.chartPoints > 0);
  expect(asking.map(([name]) => name)).toEqual(['html']);
  expect(FORMATS.html.needs.chartPoints).toBe(HTML_CHART_POINTS);
});
