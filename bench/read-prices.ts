/**
 * The prices reader alone, for the benchmark: reads a prices file as the CLI does (the large-file
 * path with its worker threads) and prints rows, columns and milliseconds as JSON.
 *   node bench/data/build/dist/read-prices.cjs <prices.csv> [SYM,SYM…]   (built by bench/run.mjs
 *   next to price-worker.cjs)
 */
import { readPrices } from '../src/input/prices';

async function main(): Promise<void> {
  const [file, symbols] = process.argv.slice(2);
  if (!file) throw new Error('usage: read-prices.cjs <prices.csv> [SYM,…]');
  const t0 = performance.now();
  let path = 'simple';
  const table = await readPrices(file, process.stdin, {
    symbols: symbols ? new Set(symbols.split(',')) : null,
    positive: true,
    trace: (p) => (path = p),
  });
  const ms = performance.now() - t0;
  process.stdout.write(
    `${JSON.stringify({ rows: table.times.length, columns: table.series.size, ms, path })}\n`,
  );
}

void main();
