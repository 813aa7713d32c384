/**
 * The HTML report's size does not grow with the rows: a 1,000,000-row prices file gives a page of
 * a few hundred KB (each chart line at most HTML_CHART_POINTS points), in-process.
 */
import { HTML_CHART_POINTS } from '../../src/report/position/charts';
import { runCli } from '../support/cli';
import { fileIn, tempDirForThisFile } from '../support/temp-dir';

const file = fileIn(tempDirForThisFile('hedge-html-size-'));

test('1,000,000 rows: every line within the point budget, the page under 1 MB', async () => {
  const n = 1_000_000;
  let seed = 7;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  };
  const lines = ['time,BTC,ALT'];
  let btc = 40000;
  let alt = 2;
  const t0 = Date.UTC(2024, 0, 1);
  for (let i = 0; i < n; i++) {
    const common = rnd() * 0.002;
    btc *= Math.exp(common + rnd() * 0.001);
    alt *= Math.exp(1.3 * common + rnd() * 0.002);
    lines.push(`${t0 + i * 60_000},${btc.toPrecision(8)},${alt.toPrecision(8)}`);
  }
  const prices = file('prices.csv', lines.join('\n') + '\n');
  const positions = file(
    'positions.csv',
    'symbol,kind,quote,quantity,notional,hedges,label\nALT,spot,,1000,,BTC,alt\nALT,v2,USDC,,5000,BTC,pool\n',
  );
  const res = await runCli(['-p', positions, '-r', prices, '--format', 'html']);
  expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
  const paths = [...res.stdout.matchAll(/<path class="line [^"]*" d="([^"]*)"/g)];
  const points = paths.map((m) => (m[1]!.match(/[ML]/g) ?? []).length);
  expect(paths).toHaveLength(2 * 4 + 2);
  expect(Math.max(...points)).toBeLessThanOrEqual(HTML_CHART_POINTS);
  expect(res.stdout.length).toBeLessThan(1_000_000);
});
