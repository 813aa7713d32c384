/**
 * readPrices on multi-megabyte inputs (npm run test:slow): worker threads, CRLF and a BOM over
 * several ranges, decimal codes and the columns a range continues in doubles, long files, all
 * compared with the simple reader by test/support/prices.ts's expectSame.
 */
import { expectSame, pricesLab, wideMinutes } from '../../support/prices';

const lab = pricesLab();
afterAll(() => lab.cleanUp());

describe('readPrices gives what parsePrices gives on large inputs', () => {
  test('a multi-megabyte file split across workers, LF and CRLF, with a BOM', async () => {
    const text = wideMinutes(40_000);
    expect(text.length).toBeGreaterThan(2 << 20);
    await expectSame(lab, text, {
      symbols: ['BTC', 'SOL'],
      positive: true,
      fast: true,
      workers: true,
    });
    await expectSame(lab, '\ufeff' + wideMinutes(40_000, true), {
      symbols: ['ETH'],
      fast: true,
      workers: true,
    });
  });

  test('large long files, in ranges and on workers', async () => {
    const lines = ['timestamp,symbol,price'];
    for (let i = 0; i < 150_000; i++)
      lines.push(`${1704067200 + Math.floor(i / 3) * 60},${'XYZ'[i % 3]},${(i % 1000) + 0.25}`);
    await expectSame(lab, lines.join('\n'), { symbols: ['X', 'Z'], fast: true, workers: true });
  });

  test('a large file with a name to escape', async () => {
    await expectSame(
      lab,
      wideMinutes(40_000),
      { symbols: ['BTC'], fast: true, workers: true },
      '\u202e',
    );
  });
});
