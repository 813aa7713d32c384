// Baseline for the benchmark: csv-parse's raw streaming parse rate on one core (records only, no
// conversion), in MB/s, printed alone on stdout.   node bench/csv-parse-rate.mjs <file.csv>
import { parse } from 'csv-parse';
import { createReadStream, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const file = process.argv[2];
const t0 = performance.now();
let records = 0;
for await (const record of createReadStream(file, { highWaterMark: 1 << 20 }).pipe(parse())) {
  if (record.length > 0) records++;
}
const s = (performance.now() - t0) / 1000;
if (records === 0) process.exit(1);
process.stdout.write(`${(statSync(file).size / 1e6 / s).toFixed(2)}\n`);
